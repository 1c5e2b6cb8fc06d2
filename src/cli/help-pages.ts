import { writeFile } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { createContext } from './context.js';
import { HELP_PAGES_FILE } from './fast-path.js';
import { commandPaths, run } from './main.js';

/**
 * Every help page as yargs prints it for `vcc-sim [path…] --help` on a stream that is not a
 * terminal (100 columns), keyed by the command path (`''`, `'generate'`, `'pact verify'`).
 */
export async function renderHelpPages(): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for (const path of helpPagePaths()) {
    const stdout = new PassThrough();
    const context = pageContext(stdout);
    const code = await run([...path, '--help'], context);
    stdout.end();
    const text = (await stdout.toArray()).join('');
    if (code !== 0 || !text) throw new Error(`vcc-sim ${path.join(' ')} --help failed`);
    pages[path.join(' ')] = text;
  }
  return pages;
}

/** The command paths that have a help page: `[]` (the root), `['generate']`, `['pact', 'verify']`… */
export function helpPagePaths(): string[][] {
  return commandPaths(pageContext(new PassThrough()));
}

function pageContext(stdout: PassThrough) {
  return createContext({
    stdout,
    stderr: new PassThrough(),
    stdin: Readable.from([]),
    env: {},
    cwd: '/',
  });
}

/** `npm run build` calls this after compiling: the pages `fast-path.ts` answers from. */
export async function writeHelpPages(): Promise<void> {
  await writeFile(HELP_PAGES_FILE, `${JSON.stringify(await renderHelpPages(), null, 2)}\n`);
}
