import { existsSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../src/contract/index.js';
import { BIN, runCli, runNode, type CliResult } from './support/cli.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

/**
 * The files a push writes (dead letters, the report, the job file) checked before the first send,
 * `-` where standard output makes sense, and a write that fails mid-run (a full disk) stopping the
 * run with its summary, exit 2 and everything unsent kept in the journal. Every run has
 * `--unhandled-rejections=strict`, so a stray rejection would crash it.
 */

const SCENARIO = ['--calls', '6', '--seed', '3', '--speed', 'max'];
const SECRET = generateWebhookSecret();
const HAS_DEV_FULL = existsSync('/dev/full');

let receiver: RecordingServer;
let dir: string;
let expectedIds: string[];

function push(args: string[]): Promise<CliResult> {
  return runNode(
    ['--unhandled-rejections=strict', BIN, 'push', receiver.url, ...SCENARIO, ...args],
    { cwd: dir, env: { VCC_WEBHOOK_SECRET: SECRET } },
  );
}

/** The ids the receiver answered 2xx to, in order. */
let accepted: string[];

/** A usage error: exit 2, one line naming the problem, the help hint, no stack, nothing sent. */
function expectRefusedBeforeSending(result: CliResult, problem: RegExp): void {
  expect(result.code).toBe(2);
  const [first, ...rest] = result.stderr.trim().split('\n');
  expect(first).toMatch(problem);
  expect(rest).toEqual([expect.stringMatching(/^Run "vcc-sim push --help" for usage\.$/)]);
  expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
  expect(receiver.requests).toHaveLength(0);
}

/** Answers request `index` with `status(index)`, recording the ids accepted. */
function answerWith(status: (index: number) => number): void {
  receiver.respond = (request, index, response) => {
    const code = status(index);
    if (code === 200) accepted.push((JSON.parse(request.body) as { id: string }).id);
    response.writeHead(code).end();
  };
}

beforeAll(async () => {
  receiver = await startRecordingServer();
  const generated = await runCli([
    'generate',
    ...SCENARIO.filter((arg) => arg !== '--speed' && arg !== 'max'),
  ]);
  expectedIds = generated.stdout
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { id: string }).id);
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcc-sim-outputs-'));
  receiver.requests.length = 0;
  accepted = [];
  answerWith((index) => (index % 3 === 2 ? 500 : 200));
});

afterAll(async () => {
  await receiver.close();
});

describe('output files are checked before the first send', () => {
  it.each([
    [
      '--dead-letter',
      'is a directory',
      '.',
      /^vcc-sim: Cannot write dead letters to "\.": it is a directory\.$/,
    ],
    [
      '--dead-letter',
      'is in a missing directory',
      'missing/dead.ndjson',
      /^vcc-sim: Cannot write dead letters to "missing\/dead\.ndjson": the directory .+missing does not exist\.$/,
    ],
    [
      '--dead-letter',
      'is standard output',
      '-',
      /^vcc-sim: Cannot write dead letters to "-": it must be a file, not standard output\.$/,
    ],
    [
      '--report',
      'is a directory',
      '.',
      /^vcc-sim: Cannot write the report to "\.": it is a directory\.$/,
    ],
    [
      '--report',
      'is in a missing directory',
      'missing/report.json',
      /^vcc-sim: Cannot write the report to "missing\/report\.json": the directory .+ does not exist\.$/,
    ],
    ['--report', 'is empty', '', /^vcc-sim: Cannot write the report to "": the path is empty\.$/],
    [
      '--resume-file',
      'is a directory',
      '.',
      /^vcc-sim: Cannot write the job file to "\.": it is a directory\.$/,
    ],
    [
      '--resume-file',
      'is in a missing directory',
      'missing/job.ndjson',
      /^vcc-sim: Cannot write the job file to "missing\/job\.ndjson": the directory .+ does not exist\.$/,
    ],
  ])('%s that %s is refused, nothing sent', async (option, _, value, problem) => {
    expectRefusedBeforeSending(await push([`${option}=${value}`]), problem);
  });
});

describe('standard output', () => {
  it('--report - puts the JSON report alone on stdout and the summary on stderr', async () => {
    const result = await push(['--report', '-']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { delivered: number; notifications: number };
    expect(report.delivered).toBe(expectedIds.length);
    expect(report.notifications).toBe(expectedIds.length);
    const all = expectedIds.length;
    expect(result.stderr).toContain(`✓ ${all} of ${all} notifications delivered`);
  });
});

describe.skipIf(!HAS_DEV_FULL)('a full disk mid-run (/dev/full)', () => {
  it('a dead letter that cannot be written stops sending, prints the summary, exits 2 and loses nothing', async () => {
    const first = await push([
      '--max-attempts',
      '1',
      '--concurrency',
      '1',
      '--dead-letter',
      '/dev/full',
    ]);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(
      /^vcc-sim: Cannot write dead letters "\/dev\/full": no space left on the device\.\n$/,
    );
    expect(first.stdout).toMatch(
      /⚠ stopped \(Cannot write dead letters "\/dev\/full": no space left on the device\): \d+ not delivered → vcc-sim-resume\.ndjson/,
    );
    expect(first.stdout).toMatch(/resume with: vcc-sim push --resume vcc-sim-resume\.ndjson/);
    const sentFirst = receiver.requests.length;
    expect(sentFirst).toBeLessThan(expectedIds.length);

    answerWith(() => 200);
    const resumed = await runNode(
      [
        '--unhandled-rejections=strict',
        BIN,
        'push',
        '--resume',
        'vcc-sim-resume.ndjson',
        '--dead-letter',
        'dead.ndjson',
      ],
      { cwd: dir, env: { VCC_WEBHOOK_SECRET: SECRET } },
    );
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    // Every id accepted once; the one whose dead letter failed was kept and sent again.
    expect(new Set(accepted)).toEqual(new Set(expectedIds));
    expect(accepted.length).toBe(expectedIds.length);
    expect(existsSync(join(dir, 'dead.ndjson'))).toBe(false);
  });

  it('a report that cannot be written after a complete run: one line, exit 2, /dev/full left a device', async () => {
    const result = await push(['--report', '/dev/full']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'vcc-sim: Cannot write the report "/dev/full": no space left on the device.\n',
    );
    const all = expectedIds.length;
    expect(result.stdout).toContain(`✓ ${all} of ${all} notifications delivered`);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('a report to /dev/null is written into it, never renamed over it', async () => {
    const result = await push(['--report', '/dev/null']);
    expect(result.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('a journal with nowhere to go', () => {
  it('a job file that cannot be appended to stops the run before anything is lost', async () => {
    const result = await push(['--resume-file', '/dev/full']);
    expectRefusedBeforeSending(
      result,
      /^vcc-sim: "\/dev\/full" exists and is not a vcc-sim job file/,
    );
  });
});
