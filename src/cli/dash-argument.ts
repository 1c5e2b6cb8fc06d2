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

/** Gives every option value its `-` back (in place), arrays included; `_` is left alone. */
export function restoreDashOptions(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_') continue;
    if (value === DASH_TOKEN) argv[key] = '-';
    else if (Array.isArray(value) && value.includes(DASH_TOKEN)) {
      argv[key] = value.map((item: unknown) => (item === DASH_TOKEN ? '-' : item));
    }
  }
}
