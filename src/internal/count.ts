// Made on first use: building a NumberFormat loads ICU data, which importing vcc-sim must not pay.
let integer: Intl.NumberFormat | undefined;

/**
 * How every output of vcc-sim writes a count (the CLI's text, the report's HTML and page, error
 * messages), so they agree: a whole number with thousands separated by commas, whatever the
 * machine's locale (`12,345`).
 */
export function formatCount(value: number): string {
  integer ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return integer.format(value);
}

/** `1 notification`, `0 notifications`, `12,345 notifications`; `plural` for irregular nouns. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}
