import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationSeries } from './support/delivery-notifications.js';
import { validateNotification } from '../src/contract/index.js';
import {
  BUILT_IN_SCENARIOS,
  builtInScenario,
  parseScenario,
  withOverrides,
} from '../src/engine/index.js';
import { parseScenarioText } from '../src/engine/parse-scenario-text.js';
import { readNotifications } from '../src/delivery/file/read-notifications.js';
import { JobJournal } from '../src/delivery/http/internal/job-journal.js';
import { openJob } from '../src/delivery/http/journal.js';
import type { SavedJob } from '../src/delivery/http/types.js';
import { isVccSimError } from '../src/errors.js';

/**
 * Property-based fuzzing of every parser that reads what users and files give: scenario text and
 * objects, overrides, notification files, job files. Random input and mutations of real input must
 * either parse or throw vcc-sim's own coded error, never anything else, and never reach
 * `Object.prototype`.
 */

const RUNS = 150;

/** Runs `parse`; anything thrown must be a VccSimError. */
async function parsesOrRefuses(parse: () => unknown): Promise<void> {
  try {
    await parse();
  } catch (error) {
    if (!isVccSimError(error)) throw error;
    expect(error.message).not.toMatch(/\n/);
  }
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Array.prototype).not.toHaveProperty('polluted');
}

/** A JSON value with some keys that attack prototypes. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted')),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** One edit of a JSON document: a value replaced, a key removed, or a key added. */
type Edit = { path: number[]; kind: 'replace' | 'remove' | 'add'; key: string; value: unknown };
const edit = fc.record({
  path: fc.array(fc.nat(), { maxLength: 4 }),
  kind: fc.constantFrom('replace', 'remove', 'add'),
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'calls', 'teams')),
  value: hostileJson,
}) as fc.Arbitrary<Edit>;

/** Applies `edit` to a copy of `document`, following the path by child index. */
function mutated(document: unknown, { path, kind, key, value }: Edit): unknown {
  const copy = JSON.parse(JSON.stringify(document)) as unknown;
  let node = copy as Record<string, unknown>;
  for (const index of path) {
    const keys = Object.keys(node);
    const next = node[keys[index % Math.max(keys.length, 1)]!];
    if (next === null || typeof next !== 'object') break;
    node = next as Record<string, unknown>;
  }
  const keys = Object.keys(node);
  const target = keys[(path.at(-1) ?? 0) % Math.max(keys.length, 1)];
  if (kind === 'add' || target === undefined)
    Object.defineProperty(node, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  else if (kind === 'remove') delete node[target];
  else node[target] = value;
  return copy;
}

/** The built-in scenario files, as JSON documents. */
const scenarios = BUILT_IN_SCENARIOS.map(
  ({ name }) =>
    JSON.parse(
      readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), 'utf8'),
    ) as unknown,
);
const scenario = fc.constantFrom(...scenarios);

describe('scenario parsers', () => {
  it('scenario text: random text parses or is refused with a coded error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), (text) =>
        parsesOrRefuses(() => parseScenarioText(text, 'fuzz.yaml')),
      ),
      { numRuns: RUNS },
    );
  });

  it('scenario text: any JSON value, as JSON and as YAML-ish text', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, async (value) => {
        await parsesOrRefuses(() => parseScenarioText(JSON.stringify(value), 'fuzz.json'));
        await parsesOrRefuses(() => parseScenario(value, 'fuzz'));
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated built-in scenarios parse or are refused, as objects and as text', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario,
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        async (base, edits) => {
          const document = edits.reduce(mutated, base);
          await parsesOrRefuses(() => parseScenario(document, 'fuzz'));
          await parsesOrRefuses(() => parseScenarioText(JSON.stringify(document), 'fuzz.json'));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('overrides: random paths and values apply or are refused', async () => {
    const parsed = builtInScenario('contact-centre-day');
    const part = fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'teams',
        'timings',
        'talk',
        '0',
        '99',
        'calls',
        'arrivals',
        'perHour',
        '',
      ),
      fc.string({ maxLength: 6 }),
    );
    const override = fc
      .tuple(fc.array(part, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 10 }))
      .map(([path, value]) => `${path.join('.')}=${value}`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(override, fc.string()), { maxLength: 3 }), (overrides) =>
        parsesOrRefuses(() => withOverrides(parsed, overrides)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('notification parsers', () => {
  const real = notificationSeries(3).map((notification) => JSON.stringify(notification));

  async function readAll(text: string | Buffer): Promise<void> {
    for await (const record of readNotifications(Readable.from([text]), 'fuzz.ndjson')) {
      // The contract check must answer, not throw, whatever the record holds.
      validateNotification(record.value, { strict: true });
    }
  }

  it('random bytes and text read as notifications or are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
        ),
        (input) => parsesOrRefuses(() => readAll(input)),
      ),
      { numRuns: RUNS },
    );
  });

  it('mutated real notifications, as NDJSON and as a JSON array', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (edits, asArray) => {
          const notifications = real.map((text, index) =>
            index === 1 ? edits.reduce(mutated, JSON.parse(text) as unknown) : JSON.parse(text),
          );
          const text = asArray
            ? JSON.stringify(notifications)
            : notifications.map((value) => JSON.stringify(value)).join('\n');
          await parsesOrRefuses(() => readAll(text));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('job files', () => {
  let dir: string;
  let journal: string;
  let files = 0;

  const JOB: SavedJob = {
    command: 'push',
    url: 'http://127.0.0.1:1/',
    mode: 'structured',
    secretSource: 'env',
    speed: 1,
    concurrency: 4,
    timeoutMs: 10_000,
    maxAttempts: 8,
    retryWindowMs: 600_000,
    ordered: false,
    deadLetter: 'dead.ndjson',
    drainTimeoutMs: 5_000,
    seed: 1,
    origin: { scenario: 'inbound-answered', seed: 1 },
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vcc-sim-fuzz-'));
    // A real journal: six taken, some delivered, one dead-lettered, the rest pending.
    const path = join(dir, 'job.ndjson');
    const writer = JobJournal.start(path, JOB);
    notificationSeries(6).forEach((notification, seq) =>
      writer.took(seq, JSON.stringify(notification)),
    );
    writer.flush();
    writer.delivered(0);
    writer.delivered(3);
    writer.deadLettered(1);
    writer.flush();
    journal = await readFile(path, 'utf8');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function opens(content: string | Buffer): Promise<void> {
    const path = join(dir, `fuzz-${++files}.ndjson`);
    await writeFile(path, content);
    await parsesOrRefuses(async () => {
      const job = await openJob(path);
      for await (const record of job.records) expect(record.notification).toBeTypeOf('object');
    });
  }

  it('reads the real journal back', async () => {
    const job = await openJob(join(dir, 'job.ndjson'));
    let pending = 0;
    for await (const _ of job.records) pending++;
    expect(pending).toBe(3);
  });

  it('a journal cut at any byte opens or is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: journal.length }), (cut) => opens(journal.slice(0, cut))),
      { numRuns: RUNS },
    );
  });

  it('a journal with bytes flipped, lines dropped, doubled or added opens or is refused', async () => {
    const lines = journal.trimEnd().split('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('flip', 'drop', 'double', 'add'),
        hostileJson,
        async (at, byte, how, value) => {
          const index = at % lines.length;
          let content: string | Buffer;
          if (how === 'flip') {
            const bytes = Buffer.from(journal);
            bytes[at % bytes.length] = byte;
            content = bytes;
          } else if (how === 'drop') content = lines.filter((_, i) => i !== index).join('\n');
          else if (how === 'double')
            content = [...lines.slice(0, index + 1), lines[index], ...lines.slice(index + 1)].join(
              '\n',
            );
          else
            content = [
              ...lines.slice(0, index + 1),
              JSON.stringify(value),
              ...lines.slice(index + 1),
            ].join('\n');
          await opens(content);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('random JSON lines after a real header open or are refused', async () => {
    const header = journal.split('\n')[0]!;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileJson, { maxLength: 4 }), (values) =>
        opens([header, ...values.map((value) => JSON.stringify(value))].join('\n')),
      ),
      { numRuns: RUNS },
    );
  });
});
