/**
 * What `vcc-sim --help`, `vcc-sim <command> --help` and `vcc-sim --version` print, answered
 * without loading yargs (which alone takes longer to load than the 120 ms the whole start may
 * take). The help pages are rendered by yargs itself at build time (`help-pages.ts`) into
 * `help-pages.json` beside this module; anything else, or a missing file, goes to yargs.
 */
import { readFileSync, statSync } from 'node:fs';
import { VERSION } from '../version.js';

/** The file `npm run build` writes the rendered help pages to, keyed by command path. */
export const HELP_PAGES_FILE = new URL('./help-pages.json', import.meta.url);

/** Help pages wrap at 100 columns, or at the terminal's width when it is narrower. */
export function helpWidth(stdout: { columns?: number }): number {
  return Math.min(100, stdout.columns ?? 100);
}

const HELP_FLAGS = new Set(['--help', '-h']);

/**
 * The output for `argv` if it only asks for a help page or the version and the page rendered at
 * build time fits `stdout`; otherwise undefined, and yargs answers.
 */
export function precomputedOutput(
  argv: readonly string[],
  stdout: { columns?: number },
): string | undefined {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) return `${VERSION}\n`;
  const askedForHelp = argv.length > 0 && HELP_FLAGS.has(argv.at(-1)!);
  const words = askedForHelp ? argv.slice(0, -1) : argv;
  // `vcc-sim`, `vcc-sim pact` and `vcc-sim k8s` alone print their help too.
  const alone = words.join(' ');
  if (!askedForHelp && words.length > 0 && alone !== 'pact' && alone !== 'k8s') return undefined;
  if (words.some((word) => word.startsWith('-')) || helpWidth(stdout) !== 100) return undefined;
  let pages: Record<string, string>;
  try {
    // Pages older than the compiled CLI (a bare `tsc` after changing an option) are stale.
    const compiled = statSync(new URL('./main.js', import.meta.url)).mtimeMs;
    if (statSync(HELP_PAGES_FILE).mtimeMs < compiled) return undefined;
    pages = JSON.parse(readFileSync(HELP_PAGES_FILE, 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
  return Object.hasOwn(pages, words.join(' ')) ? pages[words.join(' ')] : undefined;
}
