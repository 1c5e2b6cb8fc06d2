import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleNotification } from '../../../test/support/notifications.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { isVccSimError } from '../../errors.js';
import { JOB_FILE_SCHEMA } from './index.js';
import {
  createJobWriter as createResumeWriter,
  notificationOfRecord,
  openJob as readResumeFile,
  openNdjsonWriter,
} from './journal.js';
import type { SavedJob, UndeliveredRecord } from './types.js';

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

const record = (reason: UndeliveredRecord['reason']): UndeliveredRecord => ({
  notification: sampleNotification('channel.connected.v0'),
  reason,
  attempts: 2,
  lastStatus: 503,
});

describe('openNdjsonWriter', () => {
  it('creates the file only on the first line, and appends when asked', async () => {
    const path = join(dir, 'dead.ndjson');
    const writer = openNdjsonWriter(path);
    await writer.close();
    await expect(stat(path)).rejects.toThrow();
    const first = openNdjsonWriter(path);
    await first.write({ a: 1 });
    await first.close();
    const second = openNdjsonWriter(path, { append: true });
    await second.write({ b: 2 });
    await second.close();
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(second.lines).toBe(1);
  });

  it('reports a file it cannot write', async () => {
    const writer = openNdjsonWriter(join(dir, 'missing-dir', 'x.ndjson'));
    await writer.write({}).catch(() => undefined);
    await expect(writer.close()).rejects.toSatisfy((error) => isVccSimError(error, 'input'));
  });
});

describe('resume files', () => {
  it('round-trip: a header with the job, then the records in order', async () => {
    const path = join(dir, 'resume.ndjson');
    const writer = await createResumeWriter(path, JOB);
    await writer.write(record('interrupted'));
    await writer.write(record('in-flight'));
    expect(writer.records).toBe(2);
    await expect(stat(path)).rejects.toThrow();
    await writer.close();
    const file = await readResumeFile(path);
    expect(file.header).toMatchObject({ vccSimResume: 1, job: { command: 'push' } });
    const read: UndeliveredRecord[] = [];
    for await (const item of file.records) read.push(item);
    expect(read.map((item) => item.reason)).toEqual(['interrupted', 'in-flight']);
    expect(read[0]!.notification).toEqual(sampleNotification('channel.connected.v0'));
  });

  it('writes lines that the published JOB_FILE_SCHEMA describes, for any JSON Schema tool', async () => {
    const path = join(dir, 'schema.ndjson');
    const writer = await createResumeWriter(path, JOB);
    await writer.write(record('interrupted'));
    await writer.close();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    formats.default(ajv);
    ajv.addSchema(JOB_FILE_SCHEMA);
    const [header, ...records] = (await readFile(path, 'utf8')).trim().split('\n');
    const validateHeader = ajv.getSchema(`${JOB_FILE_SCHEMA.$id}#/$defs/header`)!;
    const validateRecord = ajv.getSchema(`${JOB_FILE_SCHEMA.$id}#/$defs/record`)!;
    expect(validateHeader(JSON.parse(header!)), JSON.stringify(validateHeader.errors)).toBe(true);
    expect(records).toHaveLength(1);
    expect(validateRecord(JSON.parse(records[0]!)), JSON.stringify(validateRecord.errors)).toBe(
      true,
    );
  });

  it('can mark a job completed', async () => {
    const path = join(dir, 'done.ndjson');
    await (await createResumeWriter(path, JOB, { completed: true })).close();
    expect((await readResumeFile(path)).header.completed).toBe(true);
  });

  it('refuses a file that is not a resume file, or is missing', async () => {
    const path = join(dir, 'plain.ndjson');
    await writeFile(path, `${JSON.stringify(sampleNotification('channel.held.v0'))}\n`);
    await expect(readResumeFile(path)).rejects.toThrow('is not a vcc-sim resume file');
    await expect(readResumeFile(join(dir, 'nope.ndjson'))).rejects.toThrow('no such file');
  });

  it('names the line of a broken record', async () => {
    const path = join(dir, 'broken.ndjson');
    await writeFile(path, `${JSON.stringify(HEADER)}\n{oops\n`);
    const file = await readResumeFile(path);
    await expect(async () => {
      for await (const _ of file.records) void _;
    }).rejects.toThrow(`${path}:2: not valid JSON`);
  });
});

describe('job files are checked on read', () => {
  it.each([
    [{ ...HEADER, job: { ...JOB, concurrency: 0 } }, '/job/concurrency must be >= 1 (got 0)'],
    [{ ...HEADER, job: { ...JOB, speed: 'fast' } }, '/job/speed'],
    [{ ...HEADER, job: { ...JOB, chaos: { duplicate: 2 } } }, '/job/chaos/duplicate must be <= 1'],
    [{ ...HEADER, job: { ...JOB, secret: 'c2VjcmV0' } }, '/job/secret is not a known field'],
    [{ ...HEADER, createdAt: 'yesterday' }, '/createdAt'],
    [{ vccSimResume: 1, createdAt: HEADER.createdAt }, '/job is required'],
  ])(
    'refuses a header with %j, naming the file, the line and the field',
    async (header, problem) => {
      const path = join(dir, 'bad-header.ndjson');
      await writeFile(path, `${JSON.stringify(header)}\n`);
      const error = await readResumeFile(path).catch((thrown: unknown) => thrown);
      expect(isVccSimError(error, 'input')).toBe(true);
      expect((error as Error).message).toContain(`${path}:1: the job header ${problem}`);
    },
  );

  it('names the line and the field of a record that is not one', async () => {
    const path = join(dir, 'bad-record.ndjson');
    const good = JSON.stringify(record('interrupted'));
    const bad = JSON.stringify({ ...record('interrupted'), attempts: -1 });
    await writeFile(path, `${JSON.stringify(HEADER)}\n${good}\n${bad}\n`);
    const file = await readResumeFile(path);
    await expect(async () => {
      for await (const _ of file.records) void _;
    }).rejects.toThrow(`${path}:3: not a record with a notification: /attempts must be >= 0`);
  });
});

describe('notificationOfRecord', () => {
  it('unwraps records, keeps notifications, and skips resume headers', () => {
    const notification = sampleNotification('channel.held.v0');
    expect(notificationOfRecord(record('max-attempts'))).toEqual(
      sampleNotification('channel.connected.v0'),
    );
    expect(notificationOfRecord(notification)).toBe(notification);
    expect(notificationOfRecord({ vccSimResume: 1, job: {} })).toBeUndefined();
    expect(notificationOfRecord(42)).toBe(42);
  });
});
