import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/vcc-sim.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
}

/** Runs node with `args` (cwd the package root, `NO_COLOR` set), optionally feeding stdin. */
export function runNode(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const RECORD_MODULES = fileURLToPath(new URL('./record-modules.js', import.meta.url));

/** {@link runNode}, also returning the URL of every module the process loaded, in order. */
export async function runNodeRecordingModules(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliResult & { modules: string[] }> {
  const file = join(await mkdtemp(join(tmpdir(), 'vcc-sim-modules-')), 'modules.txt');
  const result = await runNode(['--import', RECORD_MODULES, ...args], {
    ...options,
    env: { ...options.env, VCC_SIM_MODULES_FILE: file },
  });
  const modules = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { ...result, modules };
}

/** Runs the built `vcc-sim` binary as a user would, optionally feeding stdin. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return runNode([BIN, ...args], options);
}

/**
 * `npm pack`s the package into a temporary folder and returns the tarball's path. The global
 * setup built dist/; `--ignore-scripts` keeps `prepare` from rebuilding it while other test files
 * run the binary.
 */
export async function packTarball(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'vcc-sim-pack-'));
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', directory],
    { cwd: ROOT },
  );
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  return join(directory, filename);
}
