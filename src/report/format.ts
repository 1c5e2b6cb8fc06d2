/** How the report writes its figures; shared by the HTML and the page's script so they agree. */

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `12,345`; `–` for no value. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : INTEGER.format(value);
}

/** `83.4%`; `–` for no value. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : `${(value * 100).toFixed(1)}%`;
}

/** `850 ms`, `12.3 s`, `4m 05s`, `2h 10m`; `–` for no value. */
export function formatMillis(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  const seconds = Math.round(value / 1000);
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** `2026-01-05 09:00` (UTC), as the page's axes show instants. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
