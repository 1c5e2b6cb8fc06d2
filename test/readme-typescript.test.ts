import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from './support/cli.js';
import { readmeBlocks } from './support/readme.js';

/**
 * Every TypeScript block of the README compiles under `strict`, against the built package's
 * types, as a reader's project would import it (`node_modules/vcc-sim`). Each block is a module of
 * its own. The few names that a block continues from an earlier one, or that stand for the
 * reader's own code, are declared below; everything else a block uses, it imports or declares.
 */

const run = promisify(execFile);

/** What README snippets may use without declaring it. Keep this short: prefer complete snippets. */
const DECLARATIONS = `/// <reference types="vitest/globals" />
import type { VccTwin } from 'vcc-sim/msw';

declare global {
  /** The twin that "Test with MSW" creates, which its later snippets keep using. */
  const twin: VccTwin;
  /** A subscription id, from \`twin.subscriptions()\`. */
  const id: string;
  /** The reader's database and call log, as the snippets check them. */
  const db: { channels: { count(): Promise<number> } };
  const callLog: { onNotification(notification: unknown): void };
}
`;

/** The reader's own modules that snippets import, with the shape the snippets rely on. */
const READER_MODULES: Record<string, string> = {
  'src/app.ts': 'export declare const app: { fetch(request: Request): Promise<Response> };\n',
  'src/provision.ts':
    'export declare function provisionWebhook(options: { url: string }): Promise<void>;\n',
};

it('compiles every TypeScript block of the README under strict', async () => {
  const blocks = (await readmeBlocks()).filter((block) =>
    ['ts', 'typescript'].includes(block.language),
  );
  expect(blocks.length).toBeGreaterThan(0);
  const project = await mkdtemp(join(tmpdir(), 'vcc-sim-readme-ts-'));
  // A reader's project: vcc-sim installed as a package, beside the dependencies snippets import.
  await mkdir(join(project, 'node_modules'));
  await symlink(ROOT, join(project, 'node_modules', 'vcc-sim'), 'dir');
  for (const entry of await readdir(join(ROOT, 'node_modules'))) {
    if (entry.startsWith('.') || entry === 'vcc-sim') continue;
    await symlink(join(ROOT, 'node_modules', entry), join(project, 'node_modules', entry), 'dir');
  }
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'readme', private: true, type: 'module' }),
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['**/*.ts'],
    }),
  );
  await mkdir(join(project, 'src'));
  await mkdir(join(project, 'test'));
  await writeFile(join(project, 'readme-globals.d.ts'), DECLARATIONS);
  for (const [path, text] of Object.entries(READER_MODULES)) {
    await writeFile(join(project, path), text);
  }
  for (const block of blocks) {
    // `export {}` makes every block a module, so blocks never share their top-level names.
    await writeFile(
      join(project, 'test', `readme-${block.line}.ts`),
      `${block.code}\nexport {};\n`,
    );
  }
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const output = await run(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], {
    cwd: project,
  }).then(
    ({ stdout }) => stdout,
    (error: { stdout: string }) => error.stdout,
  );
  // Point at the README: test/readme-145.ts(3,7) is README.md line 147.
  const problems = output
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      line.replace(
        /^test\/readme-(\d+)\.ts\((\d+),(\d+)\)/,
        (_, start: string, row: string, column: string) =>
          `README.md:${Number(start) + Number(row) - 1}:${column}`,
      ),
    );
  expect(problems).toEqual([]);
});
