/**
 * How every command prints a count, so outputs agree: thousands separated by commas, whatever the
 * locale (`12,345`), and the noun in the plural unless the count is one.
 */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** `1 notification`, `0 notifications`, `12,345 notifications`; `plural` for irregular nouns. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}
