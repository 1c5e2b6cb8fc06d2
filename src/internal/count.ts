const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * How every output of vcc-sim writes a count (the CLI's text, the report's HTML and page, error
 * messages), so they agree: a whole number with thousands separated by commas, whatever the
 * machine's locale (`12,345`).
 */
export function formatCount(value: number): string {
  return INTEGER.format(value);
}

/** `1 notification`, `0 notifications`, `12,345 notifications`; `plural` for irregular nouns. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}
