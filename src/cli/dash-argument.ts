/**
 * yargs drops a lone `-` from positionals and option values (yargs/yargs#1312, still open), yet `-`
 * is how Unix tools name standard input and output. `run` swaps it for this token before parsing,
 * and commands swap it back with {@link restoreDash}.
 */
const DASH_TOKEN = '\u0000-';

/** Replaces each lone `-` argument before `--` with {@link DASH_TOKEN}. */
export function protectDashes(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, index) => (arg === '-' && (end === -1 || index < end) ? DASH_TOKEN : arg));
}

/** Turns the token back into `-`. */
export function restoreDash(value: string): string {
  return value === DASH_TOKEN ? '-' : value;
}
