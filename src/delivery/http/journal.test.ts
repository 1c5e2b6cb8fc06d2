import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationSeries } from '../../../test/support/delivery-notifications.js';
import { sampleNotification } from '../../../test/support/notifications.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { isVccSimError } from '../../errors.js';
import { JOB_FILE_SCHEMA } from './index.js';
import { JobJournal } from './internal/job-journal.js';
import { jobInternals } from './internal/job-reader.js';
import { notificationOfRecord, openJob } from './journal.js';
import type { OpenedJob, SavedJob, UndeliveredRecord } from './types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcc-sim-journal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A job as `vcc-sim push` saves it. */
const JOB: SavedJob = {
  command: 'push',
  url: 'http://x/',
  mode: 'structured',
  secretSource: 'env',
  speed: 1,
  concurrency: 32,
  timeoutMs: 10_000,
  maxAttempts: 8,
  retryWindowMs: 600_000,
  ordered: false,
  deadLetter: 'vcc-sim-dead-letters.ndjson',
  drainTimeoutMs: 5_000,
  seed: 1,
  origin: { scenario: 'inbound-answered', seed: 1 },
};
const HEADER = { vccSimResume: 1, createdAt: '2026-01-05T09:00:00.000Z', job: JOB };
const NOTIFICATIONS = notificationSeries(6);
const texts = NOTIFICATIONS.map((notification) => JSON.stringify(notification));

const record = (reason: UndeliveredRecord['reason']): UndeliveredRecord => ({
  notification: sampleNotification('channel.connected.v0'),
  reason,
  attempts: 2,
  lastStatus: 503,
});

let files = 0;
const fresh = () => join(dir, `job-${++files}.ndjson`);

async function recordsOf(job: OpenedJob): Promise<UndeliveredRecord[]> {
  const read: UndeliveredRecord[] = [];
  for await (const item of job.records) read.push(item);
  return read;
}

/** A journal that took `taken` notifications, delivered some and dead-lettered others. */
function journalOf(path: string, taken: number, delivered: number[], dead: number[] = []) {
  const journal = JobJournal.start(path, JOB);
  for (let seq = 0; seq < taken; seq++) journal.took(seq, texts[seq]!);
  journal.flush();
  for (const seq of delivered) journal.delivered(seq);
  for (const seq of dead) journal.deadLettered(seq);
  journal.flush();
  return journal;
}

describe('the write-ahead journal', () => {
  it('keeps every notification taken, and which ended: what a crash leaves is what is left', async () => {
    const path = fresh();
    journalOf(path, 5, [0, 3], [1]);
    // No finish: the process died here.
    const job = await openJob(path);
    expect(job).toMatchObject({ completed: false, pending: 2, taken: 5, sourceEnded: false });
    const left = await recordsOf(job);
    expect(left.map((item) => [item.seq, item.reason, item.notification.id])).toEqual([
      [2, 'pending', NOTIFICATIONS[2]!.id],
      [4, 'pending', NOTIFICATIONS[4]!.id],
    ]);
  });

  it('keeps a notification’s text byte for byte, whatever its characters and size', async () => {
    const path = fresh();
    const journal = JobJournal.start(path, JOB);
    const base = NOTIFICATIONS[0]!;
    const odd = [
      { ...base, source: '/channel grüß dich 😀 \u2028' },
      // Past the journal's reusable buffer: written from a buffer of its own.
      { ...base, source: `/channel ${'é'.repeat(400_000)}` },
    ].map((notification) => JSON.stringify(notification));
    odd.forEach((text, seq) => journal.took(seq, text));
    journal.flush();
    const left = await recordsOf(await openJob(path));
    expect(left.map((item) => JSON.stringify(item.notification))).toEqual(odd);
    expect((await readFile(path, 'utf8')).split('\n')[1]).toContain(odd[0]);
  });

  it('knows when the source ended, so a job cut after it needs no source again', async () => {
    const path = fresh();
    const journal = journalOf(path, 3, [0, 1]);
    journal.sourceEnded();
    journal.flush();
    expect(await openJob(path)).toMatchObject({ pending: 1, taken: 3, sourceEnded: true });
  });

  it('ignores a torn last line (a crash mid-write), and a resumed journal cuts it off before appending', async () => {
    const path = fresh();
    journalOf(path, 3, [0]);
    const whole = (await stat(path)).size;
    await appendFile(path, '{"delivered":[1,');
    const job = await openJob(path);
    expect(job.pending).toBe(2);
    const internals = jobInternals(job)!;
    expect(internals.validEnd).toBe(whole);
    const resumed = JobJournal.continue(path, job.header, JOB, {
      validEnd: internals.validEnd,
      taken: job.taken,
      lastId: internals.state.lastId,
      sourceEnded: job.sourceEnded,
      pending: job.pending,
    });
    resumed.delivered(1);
    resumed.flush();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(/^\{"resumed":"[^"]+","job":/);
    expect(lines.at(-1)).toBe('{"delivered":[1]}');
    expect((await openJob(path)).pending).toBe(1);
  });

  it('is replaced by a header marked completed when the job finishes', async () => {
    const path = fresh();
    const journal = journalOf(path, 2, [0, 1]);
    journal.finish('completed');
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ vccSimResume: 2, completed: true });
    expect(await openJob(path)).toMatchObject({ completed: true, pending: 0 });
  });

  it('after an interrupt holds what was handed over, the pending records not handed over, and the source end', async () => {
    const path = fresh();
    const journal = journalOf(path, 4, [0]);
    journal.handOver({ notification: NOTIFICATIONS[2]!, reason: 'in-flight', attempts: 1 }, 2);
    journal.handOver({ notification: NOTIFICATIONS[4]!, reason: 'interrupted', attempts: 0 }, 4, {
      fromSource: true,
    });
    journal.handedOverToEnd();
    journal.finish('interrupted');
    const job = await openJob(path);
    expect(job).toMatchObject({ pending: 4, taken: 5, sourceEnded: true });
    expect((await recordsOf(job)).map((item) => [item.seq, item.reason])).toEqual([
      [2, 'in-flight'],
      [4, 'interrupted'],
      [1, 'pending'],
      [3, 'pending'],
    ]);
  });

  it('compacts itself when it grows: header, progress and pending records only', async () => {
    const path = fresh();
    const journal = JobJournal.start(path, JOB, { compactAtBytes: 2_000 });
    for (let seq = 0; seq < 6; seq++) {
      journal.took(seq, texts[seq]!);
      journal.flush();
      if (seq !== 4) journal.delivered(seq);
      journal.flush();
    }
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.length).toBeLessThan(6);
    expect(await openJob(path)).toMatchObject({ pending: 1, taken: 6 });
    expect((await recordsOf(await openJob(path))).map((item) => item.seq)).toEqual([4]);
  });

  it('writes lines that the published JOB_FILE_SCHEMA describes, for any JSON Schema tool', async () => {
    const path = fresh();
    const journal = journalOf(path, 3, [0], [1]);
    journal.sourceEnded();
    journal.flush();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    formats.default(ajv);
    ajv.addSchema(JOB_FILE_SCHEMA);
    const validator = (kind: string) => ajv.getSchema(`${JOB_FILE_SCHEMA.$id}#/$defs/${kind}`)!;
    const [header, ...rest] = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(validator('header')(JSON.parse(header!))).toBe(true);
    for (const line of rest) {
      const value = JSON.parse(line) as object;
      const kind = 'notification' in value ? 'record' : 'mark';
      expect(validator(kind)(value), `${line.slice(0, 80)} ${kind}`).toBe(true);
    }
  });
});

describe('openJob', () => {
  it('reads format 1 (before the journal): every record pending, the source ended', async () => {
    const path = fresh();
    await writeFile(
      path,
      [HEADER, record('interrupted'), record('in-flight')]
        .map((line) => `${JSON.stringify(line)}\n`)
        .join(''),
    );
    const job = await openJob(path);
    expect(job).toMatchObject({ pending: 2, taken: 2, sourceEnded: true, completed: false });
    expect((await recordsOf(job)).map((item) => [item.seq, item.reason])).toEqual([
      [0, 'interrupted'],
      [1, 'in-flight'],
    ]);
  });

  it('refuses a file of a newer format, saying so', async () => {
    const path = fresh();
    await writeFile(path, `${JSON.stringify({ ...HEADER, vccSimResume: 3 })}\n`);
    await expect(openJob(path)).rejects.toThrow('written by a newer vcc-sim');
  });

  it.each([
    [
      'a file that is not a job file',
      `${JSON.stringify(sampleNotification('channel.held.v0'))}\n`,
      'is not a vcc-sim job file',
    ],
    ['an empty file', '', 'it is empty'],
    [
      'a line in the middle that is not JSON',
      `${JSON.stringify(HEADER)}\n{oops\n{}\n`,
      ':2: not valid JSON',
    ],
    [
      'a record that is not one',
      `${JSON.stringify(HEADER)}\n${JSON.stringify({ ...record('interrupted'), attempts: -1 })}\n`,
      ':2: not a record with a notification: /attempts must be >= 0',
    ],
    [
      'a mark with a negative seq',
      `${JSON.stringify(HEADER)}\n{"delivered":[-1]}\n`,
      ':2: /delivered/0 must be >= 0',
    ],
    [
      'a mark with an unknown field',
      `${JSON.stringify(HEADER)}\n{"deleted":[1]}\n`,
      ':2: /deleted is not a known field',
    ],
    ['a line that is a list', `${JSON.stringify(HEADER)}\n[1]\n`, ':2: not a JSON object'],
  ])('refuses %s, naming the file and the line', async (_, text, problem) => {
    const path = fresh();
    await writeFile(path, text);
    const error = await openJob(path).catch((thrown: unknown) => thrown);
    expect(isVccSimError(error, 'input')).toBe(true);
    expect((error as Error).message).toContain(problem);
  });

  it('refuses a missing file and a directory in words', async () => {
    await expect(openJob(join(dir, 'nope.ndjson'))).rejects.toThrow('no such file');
    await expect(openJob(dir)).rejects.toThrow('is a directory');
  });

  it.each([
    [{ ...HEADER, job: { ...JOB, concurrency: 0 } }, '/job/concurrency must be >= 1 (got 0)'],
    [{ ...HEADER, job: { ...JOB, speed: 'fast' } }, '/job/speed'],
    [{ ...HEADER, job: { ...JOB, chaos: { duplicate: 2 } } }, '/job/chaos/duplicate must be <= 1'],
    [{ ...HEADER, job: { ...JOB, secret: 'c2VjcmV0' } }, '/job/secret is not a known field'],
    [{ ...HEADER, createdAt: 'yesterday' }, '/createdAt'],
    [{ vccSimResume: 1, createdAt: HEADER.createdAt }, '/job is required'],
    [{ ...HEADER, vccSimResume: 2, progress: { taken: -3 } }, '/progress/taken must be >= 0'],
  ])(
    'refuses a header with %j, naming the file, the line and the field',
    async (header, problem) => {
      const path = fresh();
      await writeFile(path, `${JSON.stringify(header)}\n`);
      const error = await openJob(path).catch((thrown: unknown) => thrown);
      expect(isVccSimError(error, 'input')).toBe(true);
      expect((error as Error).message).toContain(`${path}:1: the job header ${problem}`);
    },
  );
});

describe('notificationOfRecord', () => {
  it('unwraps records, keeps notifications, and skips job headers and journal lines', () => {
    const notification = sampleNotification('channel.held.v0');
    expect(notificationOfRecord(record('max-attempts'))).toEqual(
      sampleNotification('channel.connected.v0'),
    );
    expect(notificationOfRecord(notification)).toBe(notification);
    expect(notificationOfRecord({ vccSimResume: 1, job: {} })).toBeUndefined();
    expect(notificationOfRecord({ delivered: [1, 2] })).toBeUndefined();
    expect(notificationOfRecord({ sourceEnded: 4 })).toBeUndefined();
    expect(notificationOfRecord({ resumed: HEADER.createdAt, job: JOB })).toBeUndefined();
    expect(notificationOfRecord(42)).toBe(42);
  });
});
