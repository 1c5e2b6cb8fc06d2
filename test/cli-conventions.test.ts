import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/cli.js';
import { PactBrokerStandIn } from './support/pact-broker.js';

/** The conventions users expect from `gh`, `stripe` and npm: hints, completion, colours, JSON. */

const exec = promisify(execFile);
const ANSI = '\u001b[';
let scratch: string;
let pacts: string;
let shellPath: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'vcc-sim-conventions-'));
  pacts = join(scratch, 'pacts');
  const generated = await runCli([
    'pact',
    'generate',
    '--consumer',
    'crm-sync',
    '--events',
    'channel.held.v0',
    '--out',
    pacts,
  ]);
  expect(generated.code).toBe(0);
  // `vcc-sim` on PATH, as a completion script calls it.
  const bin = join(scratch, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'vcc-sim'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(bin, 'vcc-sim'), 0o755);
  shellPath = `${bin}${delimiter}${process.env['PATH'] ?? ''}`;
});

describe('usage errors', () => {
  it.each([
    [['genrate'], 'Unknown command "genrate". Did you mean "generate"?', 'vcc-sim --help'],
    [
      ['generate', '--sed', '3'],
      'Unknown option --sed. Did you mean --seed?',
      'vcc-sim generate --help',
    ],
    [
      ['pact', 'verfy'],
      'Unknown command "pact verfy". Did you mean "verify"?',
      'vcc-sim pact --help',
    ],
    [
      ['pact', 'verify', '--jsn'],
      'Unknown option --jsn. Did you mean --json?',
      'vcc-sim pact verify --help',
    ],
    [['generate', 'extra'], 'Unexpected argument "extra".', 'vcc-sim generate --help'],
    [
      ['pact', 'publish'],
      'Not enough non-option arguments: got 0, need at least 1',
      'vcc-sim pact publish --help',
    ],
  ])('vcc-sim %j says what is wrong and which --help to read', async (args, message, help) => {
    const result = await runCli(args);
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `vcc-sim: ${message}\nRun "${help}" for usage.\n`,
    });
  });

  it('suggests the scenario a mistyped name meant', async () => {
    for (const args of [
      ['generate', '-s', 'contact-center-day'],
      ['scenarios', 'contact-center-day'],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'No built-in scenario "contact-center-day". Did you mean "contact-centre-day"?',
      );
    }
  });
});

describe('vcc-sim completion', () => {
  async function shell(command: string, args: string[]) {
    return exec(command, args, { env: { ...process.env, PATH: shellPath } });
  }

  async function installed(command: string): Promise<boolean> {
    return exec('sh', ['-c', `command -v ${command}`]).then(
      () => true,
      () => false,
    );
  }

  it('completes commands, options and scenario names in bash', async () => {
    const script = join(scratch, 'completion.bash');
    await writeFile(script, (await runCli(['completion', 'bash'])).stdout);
    const complete = (words: string[]) =>
      `COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _vcc_sim_completions; echo "\${COMPREPLY[*]}"`;
    const { stdout } = await shell('bash', [
      '-c',
      [
        `source ${script}`,
        complete(['vcc-sim', 'gen']),
        complete(['vcc-sim', 'pact', 've']),
        complete(['vcc-sim', 'generate', '--se']),
        complete(['vcc-sim', 'push', '-s', 'warm']),
      ].join('\n'),
    ]);
    expect(stdout).toBe('generate\nverify\n--seed\nwarm-transfer\n');
  });

  it('completes with descriptions in fish', async (test) => {
    if (!(await installed('fish'))) return test.skip('fish is not installed');
    const script = join(scratch, 'completion.fish');
    await writeFile(script, (await runCli(['completion', 'fish'])).stdout);
    const { stdout } = await shell('fish', [
      '-c',
      `source ${script}; complete -C 'vcc-sim pact ve'; complete -C 'vcc-sim generate -s hold'`,
    ]);
    expect(stdout).toBe(
      'verify\tVerify pacts with vcc-sim as the provider (files, directories, URLs or a broker)\nhold-retrieve\n',
    );
  });

  it('hands zsh described candidates', async (test) => {
    if (!(await installed('zsh'))) return test.skip('zsh is not installed');
    const script = join(scratch, 'completion.zsh');
    await writeFile(script, (await runCli(['completion', 'zsh'])).stdout);
    // zsh's completion widgets need a terminal; `_describe` is replaced by a printer of what it gets.
    const { stdout } = await shell('zsh', [
      '-c',
      `compdef() {}; _describe() { print -rl -- "\${(@P)2}" }; source ${script}; words=(vcc-sim pact ''); CURRENT=3; _vcc_sim_completions`,
    ]);
    expect(stdout.split('\n')).toContain(
      'verify:Verify pacts with vcc-sim as the provider (files, directories, URLs or a broker)',
    );
  });

  it('picks the script for the shell in $SHELL', async () => {
    const result = await runCli(['completion'], { env: { SHELL: '/usr/bin/fish' } });
    expect(result.stdout).toContain("complete -c vcc-sim -f -a '(__vcc_sim_completions)'");
  });
});

describe('vcc-sim scenarios NAME > file', () => {
  it('writes a $schema that resolves to the schema, and a scenario that plays', async () => {
    const result = await runCli(['scenarios', 'warm-transfer'], { cwd: scratch });
    const copy = JSON.parse(result.stdout) as { $schema: string; name: string };
    const schema = resolve(scratch, copy.$schema);
    expect((await stat(schema)).isFile()).toBe(true);
    expect(JSON.parse(await readFile(schema, 'utf8'))).toMatchObject({ title: 'vcc-sim scenario' });
    await writeFile(join(scratch, 'mine.json'), result.stdout);
    const played = await runCli(['generate', '-s', 'mine.json', '--calls', '1'], { cwd: scratch });
    expect(played.code).toBe(0);
    expect(played.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
  });
});

describe('vcc-sim pact verify output', () => {
  it('passes Pact’s output on without colours when stdout is not a terminal', async () => {
    const result = await runCli(['pact', 'verify', pacts], { env: { NO_COLOR: '' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verifying a pact between crm-sync and vcc-webhooks');
    expect(result.stdout).not.toContain(ANSI);
  });

  it('keeps Pact’s colours when they are forced', async () => {
    const result = await runCli(['pact', 'verify', pacts], { env: { FORCE_COLOR: '1' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(ANSI);
  });

  it('prints the report as JSON with --json, Pact’s output on stderr', async () => {
    const result = await runCli(['pact', 'verify', pacts, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { success: boolean; pacts: unknown[] };
    expect(report).toMatchObject({ success: true, provider: 'vcc-webhooks' });
    expect(report.pacts).toHaveLength(1);
    expect(result.stderr).toContain('Verifying a pact between crm-sync and vcc-webhooks');
  });
});

describe('vcc-sim pact publish --json', () => {
  let broker: PactBrokerStandIn;
  beforeAll(async () => {
    broker = await PactBrokerStandIn.start();
  });
  afterAll(async () => {
    await broker?.close();
  });

  const publish = (...extra: string[]) =>
    runCli(['pact', 'publish', pacts, '-b', broker.url, '-a', 'c0ffee', ...extra]);

  it('prints what was published as JSON', async () => {
    const result = await publish('--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [published] = JSON.parse(result.stdout) as [
      { consumer: string; consumerVersion: string },
    ];
    expect(published).toMatchObject({ consumer: 'crm-sync', consumerVersion: 'c0ffee' });
  });

  it('still takes -o json, with a deprecation note on stderr', async () => {
    const result = await publish('-o', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    expect(result.stderr).toBe('vcc-sim: -o json is deprecated: use --json.\n');
  });
});
