import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import picocolors from 'picocolors';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InteractionVerdict, VerificationReport } from '../src/delivery/pact/index.js';
import { formatVerificationReport } from '../src/cli/format-pact.js';
import { countOf, formatCount } from '../src/internal/count.js';
import { BIN, runCli, type CliResult } from './support/cli.js';

/**
 * Every command that reports counts writes them one way (src/internal/count.ts): the noun agrees
 * with the count, and thousands are separated by commas. Each command runs on a run of exactly
 * one notification and on one of more than a thousand.
 */

const SECRET = 'k4J6bYx0w2YQ9pD3hT7sVn1cRz5uAe8LmGf0qWiXoPs=';
/** One `channel.held.v0` per call that is held: one call gives one notification. */
const HELD = ['-s', 'hold-retrieve', '-e', 'channel.held.v0'];
const RUNS = { one: '1', many: '1300' } as const;
type Size = keyof typeof RUNS;

let directory: string;
const files = {} as Record<Size, { path: string; count: number }>;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-counts-'));
  for (const size of ['one', 'many'] as const) {
    const path = join(directory, `${size}.ndjson`);
    const result = await runCli(['generate', ...HELD, '--calls', RUNS[size], '--out', path]);
    expect(result.code).toBe(0);
    files[size] = { path, count: (await readFile(path, 'utf8')).trim().split('\n').length };
  }
  expect(files.one.count).toBe(1);
  expect(files.many.count).toBeGreaterThan(1000);
});

/** `vcc-sim listen` until it has answered `requests` requests; its output when it exits. */
async function listening(requests: number) {
  const child = spawn(
    process.execPath,
    [BIN, 'listen', '--secret', SECRET, '--exit-after', String(requests)],
    { env: { ...process.env, NO_COLOR: '1' } },
  );
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code, ...output })),
  );
  for (let i = 0; i < 400 && !/Listening at (\S+)/.test(output.stderr); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const url = /Listening at (\S+)/.exec(output.stderr)?.[1];
  if (!url) throw new Error(`listen did not start: ${output.stderr}`);
  return { url, exited };
}

describe.each(['one', 'many'] as const)('counts of a run of %s', (size) => {
  const n = () => files[size].count;
  const notifications = () => countOf(n(), 'notification');

  it('generate: the progress line and --stats', async () => {
    const progress = await runCli(['generate', ...HELD, '--calls', RUNS[size], '--progress']);
    expect(progress.stderr).toMatch(
      new RegExp(`\\r\\u001b\\[2K${notifications()} in \\d+\\.\\ds\\n$`),
    );
    const stats = await runCli([
      'generate', ...HELD, '--calls', RUNS[size], '--stats', '--out', '/dev/null',
    ]); // prettier-ignore
    expect(stats.stdout).toContain(`\n  calls          ${formatCount(Number(RUNS[size]))}\n`);
    expect(stats.stdout).toContain(`\n  notifications  ${formatCount(n())}\n`);
    expect(stats.stdout).toMatch(new RegExp(`\\n  channel\\.held\\.v0 +${formatCount(n())}\\n`));
  });

  it('validate: valid and invalid notifications, errors', async () => {
    const valid = await runCli(['validate', files[size].path]);
    expect(valid.stdout.trimEnd().split('\n').at(-1)).toBe(`✓ ${notifications()} valid`);
    const broken = join(directory, `${size}-broken.ndjson`);
    const text = await readFile(files[size].path, 'utf8');
    await writeFile(broken, text.replace(/"id":"[^"]*",/g, ''));
    const invalid = await runCli(['validate', broken]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout.trimEnd().split('\n').at(-1)).toBe(
      `✗ ${formatCount(n())} of ${notifications()} invalid (${countOf(n(), 'error')})`,
    );
  });

  it('report: the text and the page', async () => {
    const html = join(directory, `${size}.html`);
    const report = await runCli(['report', files[size].path, '--html', html]);
    expect(report.stdout.split('\n')[0]).toMatch(new RegExp(`^${notifications()} · `));
    // Held channels alone, with no alerting, read as interactions the centre started.
    expect(report.stdout).toContain(`  outbound   ${formatCount(n())} dialled · `);
    const page = await readFile(html, 'utf8');
    expect(page).toContain(`UTC · ${notifications()} · `);
    const [, agents, noun] = /· ([\d,]+) (agents?)<\/p>/.exec(page)!;
    expect(noun).toBe(agents === '1' ? 'agent' : 'agents');
  });

  it('push, replay and listen: the summaries', async () => {
    const pushed = await listening(n());
    const push = await runCli(
      ['push', pushed.url, ...HELD, '--calls', RUNS[size], '--speed', 'max'],
      // The job file (a journal, kept by default) goes to the scratch folder.
      { env: { VCC_WEBHOOK_SECRET: SECRET }, cwd: directory },
    );
    expect(push.stdout).toContain(`✓ ${formatCount(n())} of ${notifications()} delivered to`);
    expect(push.stdout).toContain(
      `  requests        ${formatCount(n())} (0 retries): 200 ×${formatCount(n())}`,
    );
    const heard = await pushed.exited;
    expect(heard.stdout).toContain(`✓ ${notifications()} received, ${formatCount(n())} accepted`);
    expect(heard.stdout).toContain(`  signatures    valid ×${formatCount(n())}`);
    expect(heard.stdout).toContain(`  types         channel.held.v0 ×${formatCount(n())}`);

    const replayed = await listening(n());
    const replay = await runCli(['replay', files[size].path, replayed.url, '--speed', 'max'], {
      env: { VCC_WEBHOOK_SECRET: SECRET },
      cwd: directory,
    });
    expect(replay.stdout).toContain(`✓ ${formatCount(n())} of ${notifications()} delivered to`);
    expect((await replayed.exited).stdout).toContain(`✓ ${notifications()} received`);
  });
});

describe('counts of pacts', () => {
  it('pact generate and pact verify: one pact of one interaction, end to end', async () => {
    const folder = join(directory, 'pacts');
    const generated = await runCli([
      'pact', 'generate', '--consumer', 'crm', '--events', 'channel.held.v0', '--roles', 'external',
      '--out', folder,
    ]); // prettier-ignore
    expect(generated.stdout).toContain(': 1 interaction between crm and vcc-webhooks');
    const verified = await runCli(['pact', 'verify', folder], {
      env: { PACT_DO_NOT_TRACK: 'true' },
    });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('vcc-sim verified 1 pact (1 interaction) as vcc-webhooks');
    expect(verified.stdout).toContain('): 1 interaction passed');
    expect(verified.stdout).toContain('✓ vcc-webhooks satisfies 1 pact');
  });

  it('pact verify’s summary of thousands (Pact takes a minute to verify that many)', () => {
    const interaction: InteractionVerdict = {
      description: 'a channel.held.v0 notification',
      providerStates: [],
      status: 'passed',
      reasons: [],
      mismatches: [],
    };
    const pact = (index: number) => ({
      consumer: `crm-${index}`,
      provider: 'vcc-webhooks',
      source: `pacts/crm-${index}.json`,
      pending: false,
      interactions: [interaction, interaction],
      unsupported: [],
    });
    const report: VerificationReport = {
      success: true,
      provider: 'vcc-webhooks',
      pacts: Array.from({ length: 1_001 }, (_, index) => pact(index)),
      skipped: Array.from({ length: 1_500 }, (_, index) => `other-${index}.json`),
      published: false,
      output: [],
    };
    const text = formatVerificationReport(report, picocolors.createColors(false), {});
    expect(text).toContain('vcc-sim verified 1,001 pacts (2,002 interactions) as vcc-webhooks');
    expect(text).toContain('Skipped 1,500 pacts for other providers or consumers.');
    expect(text).toContain('✓ vcc-webhooks satisfies 1,001 pacts');
    expect(text).toContain('): 2 interactions passed');
  });
});
