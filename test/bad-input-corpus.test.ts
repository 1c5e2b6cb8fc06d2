import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/cli/context.js';
import { run } from '../src/cli/main.js';
import { generateWebhookSecret } from '../src/contract/index.js';
import { generatePact } from '../src/delivery/pact/index.js';
import { BIN, runNode } from './support/cli.js';

/**
 * The bad-input corpus: every command and option fed what a hurried user, a broken script or a
 * hostile file gives it. Each case runs the real CLI (in-process, with its files on disk and a real
 * broker stand-in for broker answers) and must end with exit 2 (or 1 where the checked thing is
 * wrong), a first line naming the problem, at most the help hint after it, no stack trace, no
 * "unexpected error", and no unhandled rejection (vitest fails the run on one).
 */

interface Case {
  name: string;
  args: string[];
  /** What the first line must say. */
  says: RegExp;
  /** 2 unless the checked thing itself is wrong (1). */
  code?: 1 | 2;
  stdin?: string | Buffer;
  /** Run as its own process (Pact's verifier wants one), with `--unhandled-rejections=strict`. */
  subprocess?: boolean;
}

let dir: string;
let home: string;
let broker: Server;
let brokerUrl: string;
/** What the broker stand-in answers, by the first path segment of the broker URL. */
const BROKER_ANSWERS: Record<string, (response: ServerResponse) => void> = {
  401: (response) => response.writeHead(401, { 'content-type': 'application/json' }).end('{}'),
  403: (response) => response.writeHead(403, { 'content-type': 'application/json' }).end('{}'),
  409: (response) => response.writeHead(409, { 'content-type': 'application/json' }).end('{}'),
  500: (response) => response.writeHead(500).end('oops'),
  html: (response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
  hang: () => {},
};

const SECRET = generateWebhookSecret();
const path = (name: string) => join(dir, name);
const URL_DOWN = 'http://127.0.0.1:9/hook';

/** Values no number or duration option accepts. */
const BAD_NUMBERS = ['abc', 'NaN', 'Infinity', '1e400', '-5'];

function numberCases(
  command: string[],
  options: Record<string, readonly string[]>,
  extra: string[] = [],
): Case[] {
  return Object.entries(options).flatMap(([option, values]) =>
    values.map((value) => ({
      name: `${command.join(' ')} --${option}=${value}`,
      args: [...command, ...extra, `--${option}=${value}`],
      // The flag, or the setting in words ("The seed must be…").
      says: new RegExp(`--${option}|\\b${option.split('-').at(-1)}`, 'i'),
    })),
  );
}

function corpus(): Case[] {
  const cases: Case[] = [];
  const add = (...more: Case[]) => cases.push(...more);

  // Numbers and durations, on every command that takes them.
  add(
    ...numberCases(['generate'], {
      seed: BAD_NUMBERS,
      calls: [...BAD_NUMBERS, '0', '2.5'],
      rate: BAD_NUMBERS,
      duration: ['abc', '-1h', '1e400h', '0', '5 parsecs'],
      start: ['yesterday', '2026-13-40T00:00:00Z', '99999-01-01T00:00:00Z'],
    }),
    ...numberCases(
      ['push'],
      {
        concurrency: [...BAD_NUMBERS, '0', '1.5', '1e9'],
        'max-rate': BAD_NUMBERS,
        'max-attempts': [...BAD_NUMBERS, '0', '1.5'],
        timeout: ['abc', '-1s', '0', '1e400s', '30d'],
        'retry-window': ['abc', '-1s', '1e400h'],
        'drain-timeout': ['abc', '-1s', '1e400s'],
        speed: ['abc', '0', '-1', 'Infinity', 'fast'],
        'chaos-duplicate': ['abc', '2', '-0.1', '150%'],
        'chaos-reorder': ['abc', '2'],
        'chaos-delay': ['abc', '1.5'],
        'chaos-delay-max': ['abc', '-1s', '1e400s'],
        'chaos-unsigned': ['abc', '-1'],
        'chaos-stale-signature': ['abc', '7'],
        'chaos-wrong-signature': ['abc', '101%'],
      },
      [URL_DOWN],
    ),
    ...numberCases(
      ['replay'],
      {
        seed: ['abc', 'NaN', '1.5'],
        concurrency: ['abc', '0', '-1'],
        timeout: ['abc', '0'],
        'max-attempts': ['abc', '0'],
      },
      ['FILE', URL_DOWN],
    ),
    ...numberCases(['listen'], {
      port: ['abc', '-1', '65536', '1.5', '1e400'],
      'max-body': ['abc', '-1', '0', '1e400', '5 parsecs'],
      window: ['abc', '-1', '0', '1.5', '1e400'],
      'clock-tolerance': ['abc', '-1', 'NaN', 'Infinity', '1e400'],
      'exit-after': ['abc', '-1', '1.5', '1e400'],
      'fail-rate': ['abc', '2', '-0.5', '200%'],
      status: ['abc', '99', '600', '200'],
      'retry-after': ['abc', '-1', '1e400', '1.5'],
      delay: ['abc', '-1s', '1e400s', '30d'],
      seed: ['abc', '1.5'],
    }),
    ...numberCases(['report', 'RUN'], { threshold: ['abc', '-1s', '0', '1e400s'] }),
    ...numberCases(['pact', 'publish', 'PACT'], { retries: ['abc', '-1', '1.5', '1000'] }, [
      '--consumer-app-version=1',
      '--broker-base-url=http://127.0.0.1:9',
    ]),
    ...numberCases(['pact', 'publish', 'PACT'], { timeout: ['abc', '0', '-1s', '30d'] }, [
      '--consumer-app-version=1',
      '--broker-base-url=http://127.0.0.1:9',
    ]),
    ...numberCases(['pact', 'verify', 'PACT'], { seed: ['abc', '1.5'], timeout: ['abc', '0'] }),
  );

  // Scenario files: bombs, depth, binary, duplicates, huge numbers, wrong shapes.
  const scenarioFiles: [string, RegExp][] = [
    ['empty.yaml', /empty\.yaml/],
    ['blank.yaml', /blank\.yaml/],
    ['scalar.yaml', /scalar\.yaml/],
    ['list.yaml', /list\.yaml/],
    ['bomb.yaml', /bomb\.yaml/],
    ['deep.json', /deep\.json/],
    ['binary.yaml', /binary\.yaml/],
    ['duplicate-keys.yaml', /duplicate-keys\.yaml/],
    ['huge-number.yaml', /huge-number\.yaml/],
    ['bad-json.json', /bad-json\.json/],
    ['unknown-field.yaml', /unknown-field\.yaml/],
    ['proto.json', /proto\.json/],
    ['negative-calls.yaml', /negative-calls\.yaml/],
    ['missing.yaml', /missing\.yaml/],
    ['a-directory', /a-directory/],
  ];
  for (const [file, says] of scenarioFiles) {
    for (const command of [['generate'], ['push', URL_DOWN]]) {
      add({ name: `${command[0]} -s ${file}`, args: [...command, '-s', `DIR/${file}`], says });
    }
  }
  add(
    { name: 'generate -s unknown built-in', args: ['generate', '-s', 'nope'], says: /nope/ },
    { name: 'generate -s ""', args: ['generate', '-s', ''], says: /scenario/i },
    {
      name: 'generate -e no.such.type',
      args: ['generate', '-e', 'no.such.type'],
      says: /no\.such/,
    },
    { name: 'generate -e ""', args: ['generate', '-e', ''], says: /event|-e/i },
    { name: 'generate --teams nobody', args: ['generate', '--teams', 'nobody'], says: /nobody/ },
    { name: 'generate --format xml', args: ['generate', '--format', 'xml'], says: /format/ },
    {
      name: 'generate --out into a directory',
      args: ['generate', '--out', 'DIR'],
      says: /DIR|directory/,
    },
    {
      name: 'generate --out in a missing dir',
      args: ['generate', '--out', 'DIR/no/x'],
      says: /no/,
    },
    {
      name: 'generate --json without --stats',
      args: ['generate', '--json'],
      says: /--json|--stats/,
    },
    { name: 'generate unknown option', args: ['generate', '--sed', '1'], says: /--sed/ },
    { name: 'unknown command', args: ['genrate'], says: /genrate/ },
    { name: 'scenarios unknown name', args: ['scenarios', 'nope'], says: /nope/ },
  );
  // Overrides: unknown paths, prototype keys, bad values.
  for (const override of [
    '__proto__.x=1',
    'teams.__proto__.y=1',
    'constructor.prototype.z=1',
    'prototype=1',
    'nope=1',
    'timings.talk=abc',
    'timings.talk',
    '=5',
    'calls=-1',
    'calls=1e400',
    'teams.99.agents=1',
    'arrivals.process=teleport',
  ]) {
    add({
      name: `generate -o ${override}`,
      args: ['generate', '-o', override],
      says: /override|-o|__proto__|constructor|prototype|nope|talk|calls|teams|process|=/i,
    });
  }

  // URLs and secrets.
  for (const url of ['not a url', 'ftp://example.com/', 'http://', 'http://user:pa ss@[::1', '']) {
    add({ name: `push to "${url}"`, args: ['push', url], says: /URL|url/ });
  }
  for (const secret of ['short', 'not base64 !!', '', 'c2hvcnQ=']) {
    add({
      name: `push --secret "${secret}"`,
      args: ['push', URL_DOWN, '--secret', secret],
      says: /secret/i,
    });
    add({
      name: `listen --secret "${secret}"`,
      args: ['listen', '--secret', secret],
      says: /secret/i,
    });
  }
  add({
    name: 'push with credentials in a URL that does not parse: masked',
    args: ['push', 'http://user:s3cr3tpass@[::1'],
    says: /^(?!.*s3cr3tpass).*URL/,
  });

  // Files, directories, `-`.
  add(
    {
      name: 'push --resume a missing file',
      args: ['push', '--resume', 'DIR/none.ndjson'],
      says: /none\.ndjson/,
    },
    { name: 'push --resume a directory', args: ['push', '--resume', 'DIR'], says: /directory|DIR/ },
    { name: 'push --resume -', args: ['push', '--resume', '-'], says: /--resume/ },
    {
      name: 'push --resume an empty file',
      args: ['push', '--resume', 'DIR/empty.yaml'],
      says: /empty\.yaml/,
    },
    {
      name: 'push --resume a truncated header',
      args: ['push', '--resume', 'DIR/job-truncated.ndjson'],
      says: /job-truncated/,
    },
    {
      name: 'push --resume a tampered header',
      args: ['push', '--resume', 'DIR/job-tampered.ndjson'],
      says: /job-tampered/,
    },
    {
      name: 'push --resume a future format',
      args: ['push', '--resume', 'DIR/job-future.ndjson'],
      says: /job-future/,
    },
    {
      name: 'push --resume binary',
      args: ['push', '--resume', 'DIR/binary.yaml'],
      says: /binary\.yaml/,
    },
    {
      name: 'push --resume-file not a job file',
      args: ['push', URL_DOWN, '--resume-file', 'DIR/bad-json.json'],
      says: /bad-json\.json/,
    },
    {
      name: 'push --report into a directory',
      args: ['push', URL_DOWN, '--report', 'DIR'],
      says: /directory/,
    },
    {
      name: 'push --dead-letter -',
      args: ['push', URL_DOWN, '--dead-letter', '-'],
      says: /standard output/,
    },
    {
      name: 'replay a missing file',
      args: ['replay', 'DIR/none.ndjson', URL_DOWN],
      says: /none\.ndjson/,
    },
    { name: 'replay a directory', args: ['replay', 'DIR', URL_DOWN], says: /directory|DIR/ },
    {
      name: 'replay binary',
      args: ['replay', 'DIR/binary.yaml', URL_DOWN],
      says: /binary\.yaml|line|JSON/,
    },
    {
      name: 'replay a JSON scalar',
      args: ['replay', 'DIR/scalar.yaml', URL_DOWN],
      says: /scalar\.yaml/,
    },
    { name: 'replay without a URL', args: ['replay', 'FILE'], says: /URL|url/ },
    { name: 'report a missing run', args: ['report', 'DIR/none.ndjson'], says: /none\.ndjson/ },
    { name: 'report a directory', args: ['report', 'DIR'], says: /directory|DIR/ },
    { name: 'report a JSON scalar', args: ['report', 'DIR/scalar.yaml'], says: /scalar\.yaml/ },
    { name: 'report binary', args: ['report', 'DIR/binary.yaml'], says: /binary|line|JSON/ },
    {
      name: 'report --html into a directory',
      args: ['report', 'RUN', '--html', 'DIR'],
      says: /directory|DIR/,
    },
    {
      name: 'report --push-report missing',
      args: ['report', 'RUN', '--push-report', 'DIR/none.json'],
      says: /none\.json/,
    },
    {
      name: 'report --push-report not JSON',
      args: ['report', 'RUN', '--push-report', 'DIR/binary.yaml'],
      says: /binary\.yaml/,
    },
    { name: 'report -s unknown', args: ['report', 'RUN', '-s', 'nope'], says: /nope/ },
    {
      name: 'listen --save into a directory',
      args: ['listen', '--save', 'DIR'],
      says: /directory/,
    },
    {
      name: 'listen --save in a missing directory',
      args: ['listen', '--save', 'DIR/no/x.ndjson'],
      says: /does not exist/,
    },
    {
      name: 'listen --save - with --json',
      args: ['listen', '--save', '-', '--json'],
      says: /--save -/,
    },
    {
      name: 'listen --host nonsense',
      args: ['listen', '--host', 'no such host!'],
      says: /host|no such host/i,
    },
  );

  // validate: nothing, blanks, scalars, BOM, CRLF, invalid UTF-8, a huge line.
  add(
    { name: 'validate an empty file', args: ['validate', 'DIR/empty.yaml'], says: /empty/ },
    { name: 'validate a blank file', args: ['validate', 'DIR/blank.yaml'], says: /blank|empty/ },
    {
      name: 'validate empty stdin',
      args: ['validate', '-'],
      stdin: '',
      says: /standard input|empty/,
    },
    {
      name: 'validate blank stdin',
      args: ['validate', '-'],
      stdin: '\n  \n',
      says: /standard input|empty/,
    },
    { name: 'validate a scalar', args: ['validate', '-'], stdin: '42', says: /<stdin>/ },
    { name: 'validate a string', args: ['validate', '-'], stdin: '"hi"', says: /<stdin>/ },
    { name: 'validate null', args: ['validate', '-'], stdin: 'null', says: /<stdin>/ },
    { name: 'validate an empty object', args: ['validate', '-'], stdin: '{}', says: /.+/, code: 1 },
    {
      name: 'validate an empty array',
      args: ['validate', '-'],
      stdin: '[]',
      says: /standard input/,
    },
    {
      name: 'validate invalid UTF-8',
      args: ['validate', '-'],
      stdin: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      says: /<stdin>/,
    },
    { name: 'validate binary', args: ['validate', 'DIR/binary.yaml'], says: /binary\.yaml/ },
    {
      name: 'validate a huge line',
      args: ['validate', '-'],
      stdin: `{"x":"${'a'.repeat(3_000_000)}"}`,
      says: /.+/,
      code: 1,
    },
    { name: 'validate broken JSON', args: ['validate', '-'], stdin: '{"id": ', says: /<stdin>/ },
    {
      name: 'validate CRLF garbage',
      args: ['validate', '-'],
      stdin: '{}\r\n{\r\n',
      says: /<stdin>/,
    },
    {
      name: 'validate BOM then garbage',
      args: ['validate', '-'],
      stdin: '\ufeff{"a":',
      says: /<stdin>/,
    },
    { name: 'validate a missing file', args: ['validate', 'DIR/none.json'], says: /none\.json/ },
    { name: 'validate a directory', args: ['validate', 'DIR'], says: /directory|DIR/ },
    { name: 'validate deep nesting', args: ['validate', 'DIR/deep.json'], says: /.+/, code: 1 },
  );

  // Pact files and the broker.
  add(
    {
      name: 'pact verify a missing file',
      args: ['pact', 'verify', 'DIR/none.json'],
      says: /none\.json/,
    },
    {
      name: 'pact verify not JSON',
      args: ['pact', 'verify', 'DIR/binary.yaml'],
      says: /binary\.yaml/,
    },
    {
      name: 'pact verify interactions not a list',
      args: ['pact', 'verify', 'DIR/pact-not-list.json'],
      says: /interactions/,
    },
    {
      name: 'pact verify an empty object',
      args: ['pact', 'verify', 'DIR/scalar-json.json'],
      says: /scalar-json|pact/,
    },
    { name: 'pact verify no pacts no broker', args: ['pact', 'verify'], says: /broker|pact/i },
    {
      name: 'pact verify bad selectors',
      args: [
        'pact',
        'verify',
        '--broker-base-url',
        'http://127.0.0.1:9',
        '--consumer-version-selectors',
        '{nope',
      ],
      says: /selector/,
    },
    {
      name: 'pact verify --publish without version',
      args: ['pact', 'verify', 'PACT', '--publish'],
      says: /published|provider-version/,
    },
    { name: 'pact publish nothing', args: ['pact', 'publish'], says: /pact|argument/i },
    {
      name: 'pact publish without a version',
      args: ['pact', 'publish', 'PACT', '--broker-base-url', 'http://127.0.0.1:9'],
      says: /version/,
    },
    {
      name: 'pact publish without a broker',
      args: ['pact', 'publish', 'PACT', '--consumer-app-version', '1'],
      says: /broker/i,
    },
    {
      name: 'pact publish a bad broker URL',
      args: [
        'pact',
        'publish',
        'PACT',
        '--consumer-app-version',
        '1',
        '--broker-base-url',
        'not a url',
      ],
      says: /URL|url|broker/,
    },
    {
      name: 'pact publish not a pact',
      args: [
        'pact',
        'publish',
        'DIR/binary.yaml',
        '--consumer-app-version',
        '1',
        '--broker-base-url',
        'http://127.0.0.1:9',
      ],
      says: /binary\.yaml/,
    },
    { name: 'pact generate no consumer', args: ['pact', 'generate'], says: /consumer/ },
    {
      name: 'pact generate bad role',
      args: ['pact', 'generate', '--consumer', 'a', '--roles', 'king'],
      says: /king|role/,
    },
    {
      name: 'pact generate bad event',
      args: ['pact', 'generate', '--consumer', 'a', '--events', 'no.such'],
      says: /no\.such/,
    },
    {
      name: 'pact generate --out a file',
      args: ['pact', 'generate', '--consumer', 'a', '--out', 'DIR/binary.yaml'],
      says: /binary\.yaml|directory/,
    },
  );
  for (const answer of Object.keys(BROKER_ANSWERS)) {
    for (const command of [
      ['pact', 'publish', 'PACT', '--consumer-app-version', '1'],
      ['pact', 'verify', '--provider', 'vcc-webhooks'],
    ]) {
      add({
        name: `${command.slice(0, 2).join(' ')} against a broker answering ${answer}`,
        args: [
          ...command,
          '--broker-base-url',
          `BROKER/${answer}`,
          '--timeout',
          '300ms',
          ...(command[1] === 'publish' ? ['--retries', '0'] : []),
        ],
        says: /[Bb]roker/,
      });
    }
  }
  return cases;
}

const CASES = corpus().map((testCase) =>
  testCase.args[0] === 'pact' && testCase.args[1] === 'verify'
    ? { ...testCase, subprocess: true }
    : testCase,
);

/** Files the cases name, written once. */
async function writeFixtures(): Promise<void> {
  const files: Record<string, string | Buffer> = {
    'empty.yaml': '',
    'blank.yaml': '\n   \n\t\n',
    'scalar.yaml': '42\n',
    'list.yaml': '- a\n- b\n',
    'bomb.yaml': [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const from = String.fromCharCode(97 + i);
        const to = String.fromCharCode(98 + i);
        return `${to}: &${to} [*${from},*${from},*${from},*${from},*${from},*${from},*${from},*${from},*${from}]`;
      }),
      'name: bomb',
    ].join('\n'),
    'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    'binary.yaml': Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
    'duplicate-keys.yaml': 'name: a\nname: b\ncalls: 3\n',
    'huge-number.yaml': `name: big\ncalls: 1${'0'.repeat(400)}\n`,
    'bad-json.json': '{"name": "x",',
    'unknown-field.yaml': 'name: x\ncalls: 2\nfrobnicate: true\n',
    'proto.json': '{"name":"p","__proto__":{"polluted":true},"calls":2}',
    'negative-calls.yaml': 'name: n\ncalls: -3\n',
    'scalar-json.json': '{}',
    'pact-not-list.json': JSON.stringify({
      consumer: { name: 'crm' },
      provider: { name: 'vcc-webhooks' },
      interactions: { not: 'a list' },
      metadata: { pactSpecification: { version: '4.0' } },
    }),
    'job-truncated.ndjson': '{"vccSimResume":2,"createdAt":"2026-',
    'job-tampered.ndjson': '{"vccSimResume":2,"createdAt":"nope","job":42}\n',
    'job-future.ndjson': '{"vccSimResume":99,"createdAt":"2026-01-01T00:00:00Z","job":{}}\n',
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path(name), content);
  await mkdir(path('a-directory'));
  const pact = generatePact({ consumer: 'crm', events: 'channel.connected.v0', roles: ['agent'] });
  await writeFile(path('pact.json'), pact.text);
  await writeFile(path('run.ndjson'), '');
}

/** The args with the placeholders filled in. */
function resolved(args: readonly string[]): string[] {
  return args.map((arg) =>
    arg
      .replace(/^DIR/, dir)
      .replace(/^BROKER/, brokerUrl)
      .replace(/^FILE$/, path('run.ndjson'))
      .replace(/^RUN$/, path('run.ndjson'))
      .replace(/^PACT$/, path('pact.json')),
  );
}

async function runCase(testCase: Case) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const context = createContext({
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    stdin: Readable.from(testCase.stdin === undefined ? [] : [testCase.stdin]),
    env: {
      // PATH and the rest for Pact's verifier; no broker settings from the machine running this.
      ...Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.startsWith('PACT_BROKER')),
      ),
      NO_COLOR: '1',
      HOME: home,
      VCC_WEBHOOK_SECRET: SECRET,
    },
    cwd: dir,
  });
  // Its own folder, so a default job file it might write is its own.
  const cwd = await mkdtemp(join(dir, 'case-'));
  if (testCase.subprocess) {
    return runNode(['--unhandled-rejections=strict', BIN, ...resolved(testCase.args)], {
      cwd,
      env: { HOME: home, VCC_WEBHOOK_SECRET: SECRET },
    });
  }
  process.chdir(cwd);
  const code = await run(resolved(testCase.args), context);
  return { code, stdout, stderr };
}

let previousCwd: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcc-sim-bad-input-'));
  home = path('home');
  await mkdir(home);
  await writeFixtures();
  // Anything a case writes by default (a job file) lands in the scratch folder.
  previousCwd = process.cwd();
  process.chdir(dir);
  broker = createServer((request, response) => {
    request.resume();
    const answer = BROKER_ANSWERS[request.url!.split('/')[1]!];
    answer?.(response);
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}`;
});

afterAll(async () => {
  process.chdir(previousCwd);
  broker.closeAllConnections();
  await new Promise((resolve) => broker.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('the bad-input corpus', () => {
  it('has at least 250 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(250);
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_, testCase) => {
      const { code, stdout, stderr } = await runCase(testCase);
      // A check that fails (exit 1) reports on stdout; an error (exit 2) on stderr.
      const lines = (code === 1 ? stdout : stderr).trimEnd().split('\n');
      expect({ code, first: lines[0] }).toEqual({
        code: testCase.code ?? 2,
        first: expect.stringMatching(testCase.says),
      });
      if (code === 2) {
        expect(lines.length).toBeLessThanOrEqual(2);
        if (lines.length === 2) expect(lines[1]).toMatch(/^Run "vcc-sim .*--help" for usage\.$/);
      }
      expect(stderr).not.toMatch(/\n\s+at |unexpected error|This is a bug/);
      expect(Object.prototype).not.toHaveProperty('x');
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
    15_000,
  );
});
