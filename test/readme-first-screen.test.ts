import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { packTarball } from './support/cli.js';
import { firstScreenShellBlocks } from './support/readme.js';

/**
 * A new user's first minutes: every shell command of the README's first screen runs, block by
 * block as terminal by terminal, in a fresh folder where `npm install` (bare, as in a clone, or
 * `npm install … vcc-sim`, as in one's own project) installs the packed tarball instead of the
 * registry's. `npm test` is the suite this test belongs to, which CI runs on a fresh clone: here it
 * is the one command not run again. A block that starts `vcc-sim listen` is a terminal
 * left running while the next blocks run; it is stopped with Ctrl-C at the end. The demo's port is
 * swapped for a free one.
 */

const background: ChildProcess[] = [];

afterAll(() => {
  for (const child of background) {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group ended meanwhile.
    }
  }
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Terminal {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal that ended the shell. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** A block as a terminal: bash, stopping at the first failing command, in its own process group. */
function terminal(script: string, cwd: string): Terminal {
  const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], {
    cwd,
    detached: true,
    env: {
      ...process.env,
      NO_COLOR: '1',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_prefer_offline: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('runs every command of the README’s first screen on a fresh install', async () => {
  const blocks = await firstScreenShellBlocks();
  expect(blocks.length).toBeGreaterThan(0);
  const tarball = await packTarball();
  const project = await mkdtemp(join(tmpdir(), 'vcc-sim-first-screen-'));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'my-webhook', version: '1.0.0', private: true, type: 'module' }),
  );
  const port = String(await freePort());
  const listeners: Terminal[] = [];
  for (const block of blocks) {
    const script = block.code
      .split('\n')
      .map((line) => {
        if (/^\s*npm test\b/.test(line)) return ':';
        if (/^\s*npm (install|i)\s*(#.*)?$/.test(line)) return `npm install ${tarball}`;
        return /^\s*npm (install|i)\b/.test(line)
          ? line.replace(/(?<=\s)vcc-sim(?=\s|$)/, tarball)
          : line;
      })
      .join('\n')
      .replaceAll('4000', port);
    const shell = terminal(script, project);
    const where = `README.md:${block.line}`;
    if (/vcc-sim listen\b/.test(script)) {
      background.push(shell.child);
      listeners.push(shell);
      await until(() => shell.output().includes('Listening at'), `${where} to listen`);
      continue;
    }
    const code = await shell.exited;
    expect(code, `${where}\n${shell.output()}`).toBe(0);
    if (/vcc-sim push\b/.test(script)) {
      expect(shell.output(), where).toMatch(/✓ (\d+) of \1 notifications delivered/);
    }
  }
  for (const listener of listeners) {
    process.kill(-listener.child.pid!, 'SIGINT');
    // Ctrl-C ends listen with its summary; npx and the shell may end by the signal themselves.
    const ended = await listener.exited;
    const output = listener.output();
    expect([0, 130, 'SIGINT'], output).toContain(ended);
    // Every request arrived with a signature made with the secret listen verifies with.
    // ⚠ rather than ✓ when some arrived out of order, which VCC allows and a busy machine causes.
    const [, received, accepted] =
      /[✓⚠] (\d+) notifications received, (\d+) accepted/.exec(output) ?? [];
    expect(Number(received), output).toBeGreaterThan(0);
    expect(accepted).toBe(received);
    expect(output).toMatch(new RegExp(`signatures +valid ×${received}\\n`));
  }
}, 240_000);
