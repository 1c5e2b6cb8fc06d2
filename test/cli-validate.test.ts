import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { sampleNotification } from './support/notifications.js';

const SEED = 'test/fixtures/seed-channel-connected.v0.json';
let directory: string;

async function file(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-validate-'));
});

describe('vcc-sim validate', () => {
  it('accepts the seed example: exit 0 and a summary', async () => {
    const result = await runCli(['validate', SEED]);
    expect(result).toEqual({ code: 0, stdout: '✓ 1 notification valid\n', stderr: '' });
  });

  it('accepts VCC’s own agent.presencechanged.v0 example, strictly too: exit 0', async () => {
    const presence = 'test/fixtures/vcc-agent.presencechanged.v0.json';
    const result = await runCli(['validate', '--strict', presence]);
    expect(result).toEqual({ code: 0, stdout: '✓ 1 notification valid (strict)\n', stderr: '' });
  });

  it('checks NDJSON on stdin with "-" and prints one line per invalid notification: exit 1', async () => {
    const bad = sampleNotification('channel.connected.v0') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    delete bad.data.channel.party.agentId;
    const ndjson = [
      sampleNotification('channel.alerted.v0'),
      bad,
      sampleNotification('channel.ended.v0'),
    ]
      .map((notification) => JSON.stringify(notification))
      .join('\n');
    const result = await runCli(['validate', '-'], { stdin: ndjson });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '✗ <stdin>:2  /data/channel/party/agentId: required when role is "agent"\n' +
        '✗ 1 of 3 notifications invalid (1 error)\n',
    );
  });

  it('reads stdin when no file is named and input is piped', async () => {
    const result = await runCli(['validate'], {
      stdin: JSON.stringify(sampleNotification('channel.held.v1')),
    });
    expect(result.code).toBe(0);
  });

  it('locates invalid elements of a JSON array by index, across several files', async () => {
    const array = await file(
      'array.json',
      JSON.stringify(
        [sampleNotification('channel.parked.v0'), { type: 'channel.parked.v0' }],
        null,
        2,
      ),
    );
    const result = await runCli(['validate', SEED, array]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ ${array}[1]  /specversion: is required;`);
    expect(result.stdout).toMatch(/✗ 1 of 3 notifications invalid \(\d+ errors\) in 2 files\n$/);
  });

  it('applies --strict: the seed example fails on its KSUID', async () => {
    const result = await runCli(['validate', '--strict', SEED]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('/id: was minted at 2023-09-20T09:49:06Z');
  });

  it('prints a machine-readable report with --json', async () => {
    const result = await runCli(['validate', '--json', SEED, '-'], {
      stdin: '{"type":"channel.ended.v0"}',
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      valid: false,
      strict: false,
      files: [SEED, '-'],
      notifications: 2,
      invalidNotifications: 1,
      invalid: [{ location: { file: '<stdin>', line: 1 }, type: 'channel.ended.v0' }],
    });
    expect(report.errors).toBe(report.invalid[0].errors.length);
  });

  it('treats a malformed file as an input error: exit 2, file and position, no stack trace', async () => {
    const broken = await file('broken.ndjson', '{"a":1}\n{"a":\n');
    const result = await runCli(['validate', broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `vcc-sim: ${broken}:2:6: not valid JSON (Unexpected end of JSON input)\n`,
    );
  });

  it('treats a missing file as an input error', async () => {
    const result = await runCli(['validate', 'missing.json']);
    expect(result).toMatchObject({
      code: 2,
      stderr: 'vcc-sim: Cannot read "missing.json": no such file\n',
    });
  });

  it('rejects unknown options as a usage error: exit 2', async () => {
    const result = await runCli(['validate', '--stritc', SEED]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'vcc-sim: Unknown option --stritc. Did you mean --strict?\nRun "vcc-sim validate --help" for usage.\n',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('vcc-sim', () => {
  it('prints help, with every command, and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('vcc-sim validate [files..]');
  });

  it('has --help on every command', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--strict');
  });

  it('prints its version', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints its help when given no command, and exits 0', async () => {
    const result = await runCli([]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('vcc-sim validate [files..]');
  });
});
