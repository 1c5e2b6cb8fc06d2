import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../src/contract/index.js';
import { randomStream } from '../src/engine/index.js';
import { BIN, runCli } from './support/cli.js';

/**
 * `kill -9` a real push (and replay) at seeded random instants against a recording receiver that
 * fails some requests; then `--resume` the journal, itself killed once in a while, until the job
 * is done. Nothing may be lost, nothing delivered may be sent again except what was in flight at
 * a kill (at most the concurrency), and the journal must end marked complete.
 */

const INSTANTS = 20;
/** Runs at once: most of a run's time is spent waiting for back-offs and process start-up. */
const POOL = 8;
const CONCURRENCY = 4;
const SCENARIO = ['--calls', '10', '-e', 'channel.*', '--seed', '3'];
const SECRET = generateWebhookSecret();

/** What the receiver saw of one run: how many times each id was accepted. */
type RunRecord = {
  accepted: Map<string, number>;
  requests: number;
  /** Called on every request, before it is answered. */
  onRequest?: (requests: number) => void;
};

const runs = new Map<string, RunRecord>();
let server: Server;
let base: string;
let dir: string;
let expectedIds: string[];
let ndjson: string;

/** Fails about one first attempt in eight (decided by the id, so every run fails the same ones). */
function failsFirst(id: string): boolean {
  return createHash('sha256').update(id).digest()[0]! < 32;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcc-sim-kill-'));
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const run = runs.get(request.url!.split('/')[1]!)!;
      run.requests++;
      run.onRequest?.(run.requests);
      const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }).id;
      const seen = run.accepted.get(id);
      if (seen === undefined && failsFirst(id)) {
        // The first attempt of some ids fails; every later one succeeds.
        run.accepted.set(id, 0);
        response.writeHead(503).end();
        return;
      }
      run.accepted.set(id, (seen ?? 0) + 1);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const generated = await runCli(['generate', ...SCENARIO]);
  ndjson = generated.stdout;
  expectedIds = ndjson
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id);
  await writeFile(join(dir, 'input.ndjson'), ndjson);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the CLI, killing it with SIGKILL once the receiver has seen `killAt` requests of this run
 * (and a random sub-millisecond later); resolves with whether it was killed and its exit code.
 */
function runUntil(args: string[], run: RunRecord, killAt: number | undefined, delayMs: number) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', VCC_WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let killed = false;
  const kill = () => {
    killed = true;
    child.kill('SIGKILL');
  };
  const startCount = run.requests;
  // 0: a moment after it starts, maybe before it sent anything or even opened its journal.
  if (killAt === 0) setTimeout(kill, delayMs * 60);
  run.onRequest =
    killAt === undefined || killAt === 0
      ? undefined
      : (requests) => {
          if (killed || requests - startCount < killAt) return;
          if (delayMs === 0) kill();
          else setTimeout(kill, delayMs);
        };
  return new Promise<{ killed: boolean; code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => {
      run.onRequest = undefined;
      resolve({ killed, code, output });
    }),
  );
}

describe('a push killed with SIGKILL at any instant', () => {
  const random = randomStream(20_260_105, 'kill-test').next;
  const plans = Array.from({ length: INSTANTS }, (_, index) => ({
    index,
    command: index % 4 === 3 ? ('replay' as const) : ('push' as const),
    // Spread over the run: from before the first request to past the last.
    killAt: Math.floor(random() * 150),
    delayMs: random() < 0.5 ? 0 : Math.floor(random() * 4),
    // Every third instant also kills the first resume, part of the way through.
    killResumeAt: index % 3 === 1 ? 1 + Math.floor(random() * 40) : undefined,
  }));

  it(
    `loses nothing and re-sends at most what was in flight (${INSTANTS} seeded instants)`,
    { timeout: 180_000 },
    async () => {
      const results: string[] = [];
      const check = async (plan: (typeof plans)[number]) => {
        const name = `run-${plan.index}`;
        const run: RunRecord = { accepted: new Map(), requests: 0 };
        runs.set(name, run);
        const url = `${base}/${name}/`;
        const journal = join(dir, `${name}.ndjson`);
        const options = ['--speed', 'max', '-c', String(CONCURRENCY), '--resume-file', journal];
        const first =
          plan.command === 'push'
            ? ['push', url, ...SCENARIO, ...options]
            : ['replay', 'input.ndjson', url, ...options];
        const resume = [
          plan.command,
          '--resume',
          journal,
          ...(plan.command === 'replay' ? ['input.ndjson'] : []),
        ];
        let kills = 0;
        let attempt = await runUntil(first, run, plan.killAt, plan.delayMs);
        let rounds = 0;
        while (attempt.killed || attempt.code !== 0) {
          if (attempt.killed) kills++;
          else expect(attempt.code, attempt.output).toBe(0);
          const killAt = rounds === 0 ? plan.killResumeAt : undefined;
          // Killed before it made its journal: nothing was sent, so start again.
          const made = await readFile(journal).then(
            () => true,
            () => false,
          );
          attempt = await runUntil(made ? resume : first, run, killAt, 0);
          rounds++;
          expect(rounds, attempt.output).toBeLessThan(4);
        }
        const lost = expectedIds.filter((id) => !(run.accepted.get(id)! >= 1));
        const resent = [...run.accepted.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
        const header = JSON.parse((await readFile(journal, 'utf8')).split('\n')[0]!) as {
          completed?: boolean;
        };
        results.push(`${name} ${plan.command} kills=${kills} lost=${lost.length} resent=${resent}`);
        expect(lost, name).toEqual([]);
        expect(resent, name).toBeLessThanOrEqual(CONCURRENCY * kills);
        expect(header.completed, name).toBe(true);
        return kills;
      };
      // Independent runs, a few at a time.
      const queue = [...plans];
      const kills: number[] = [];
      await Promise.all(
        Array.from({ length: POOL }, async () => {
          for (let plan = queue.shift(); plan; plan = queue.shift()) kills.push(await check(plan));
        }),
      );
      // Every instant really cut a run.
      expect(kills.filter((n) => n > 0).length, results.join('\n')).toBe(INSTANTS);
    },
  );
});
