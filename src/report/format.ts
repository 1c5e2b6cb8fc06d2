/** How the report writes its figures; shared by the HTML and the page's script so they agree. */
import { formatDuration } from '../engine/duration.js';
import { formatCount as wholeNumber } from '../internal/count.js';

/** `12,345` (as every output of vcc-sim writes counts); `–` for no value. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : wholeNumber(value);
}

/** `83.4%`; `–` for no value. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : `${(value * 100).toFixed(1)}%`;
}

/** `850ms`, `12.3s`, `4m 05s`, `2h 10m` (the engine's durations); `–` for no value. */
export function formatMillis(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : formatDuration(value);
}

/** `2026-01-05 09:00` (UTC), as the page's axes show instants. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
