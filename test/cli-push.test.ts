import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookVerifier, type ChannelNotification } from '../src/contract/index.js';
import { BIN, runCli } from './support/cli.js';
import { startTestServer, type TestServer } from './support/webhook-server.js';

const SECRET = 'k4J6bYx0w2YQ9pD3hT7sVn1cRz5uAe8LmGf0qWiXoPs=';
const FAST = ['--speed', 'max', '--max-attempts', '3'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcc-sim-push-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const servers: TestServer[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Starts the built CLI without waiting for it; collects its output. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const waitFor = async (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stderr') => {
    for (let i = 0; i < 400; i++) {
      const match = pattern.exec(output[stream]);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${pattern} in ${output[stream]}`);
  };
  return { child, output, exited, waitFor };
}

const cli = (args: string[], env?: Record<string, string>) =>
  runCli(args, { cwd: dir, ...(env ? { env } : {}) });

async function generated(args: string[]): Promise<ChannelNotification[]> {
  const result = await cli(['generate', ...args]);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ChannelNotification);
}

describe('vcc-sim listen + push (the first demo)', () => {
  it('push delivers a scenario to listen, which verifies and validates every notification', async () => {
    const listen = start(['listen', '--secret', SECRET]);
    const [, url] = await listen.waitFor(/Listening at (http:\/\/127\.0\.0\.1:\d+\/)/);
    expect(listen.output.stderr).toContain(`vcc-sim push ${url} --secret …`);

    const push = await cli([
      'push',
      url!,
      '--secret',
      SECRET,
      '--calls',
      '3',
      '-e',
      'channel.*',
      '--speed',
      'max',
    ]);
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    const [, delivered, total] = /✓ (\d+) of (\d+) notifications delivered/.exec(push.stdout)!;
    expect(delivered).toBe(total);

    await listen.waitFor(new RegExp(`(.*\\n){${total}}`), 'stdout');
    listen.child.kill('SIGINT');
    expect(await listen.exited).toBe(0);
    expect(listen.output.stdout).toContain(`${total} notifications received, ${total} accepted`);
    expect(listen.output.stdout).toContain(`signatures    valid ×${total}`);
    expect(listen.output.stdout).toContain('invalid       0');
    expect(`${listen.output.stdout}${push.stdout}${listen.output.stderr}`).not.toContain(SECRET);
  });

  it('listen --json prints one object per request and the summary; injected failures become dead letters', async () => {
    const listen = start([
      'listen',
      '--json',
      '--no-verify',
      '--fail-rate',
      '100%',
      '--status',
      '500',
    ]);
    const [, url] = await listen.waitFor(/Listening at (http:\/\/\S+)/);
    const push = await cli([
      'push',
      url!,
      '--no-sign',
      '--calls',
      '1',
      ...FAST,
      '--retry-window',
      '1m',
    ]);
    expect(push.code).toBe(1);
    expect(push.stdout).toMatch(
      /✗ \d+ dead-lettered \(max-attempts ×\d+\) → vcc-sim-dead-letters\.ndjson/,
    );
    const deadLetters = (await readFile(join(dir, 'vcc-sim-dead-letters.ndjson'), 'utf8'))
      .trim()
      .split('\n');
    const first = JSON.parse(deadLetters[0]!) as { attempts: number; lastStatus: number };
    expect(first).toMatchObject({ attempts: 3, lastStatus: 500, reason: 'max-attempts' });

    listen.child.kill('SIGTERM');
    expect(await listen.exited).toBe(0);
    const lines = listen.output.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = lines.pop()!['summary'] as { requests: number; injectedFailures: number };
    expect(lines).toHaveLength(deadLetters.length * 3);
    expect(lines[0]).toMatchObject({ status: 500, injected: 'failure', signature: 'unchecked' });
    expect(summary).toMatchObject({ requests: lines.length, injectedFailures: lines.length });
  });
});

describe('vcc-sim push', () => {
  it('without a secret generates one, prints it once on stderr, and signs with it', async () => {
    const server = await startTestServer();
    servers.push(server);
    const push = await cli(['push', server.url, '--calls', '2', '--speed', 'max'], {
      VCC_WEBHOOK_SECRET: '',
    });
    expect(push.code).toBe(0);
    const [, secret] = /Signing secret: (\S+)/.exec(push.stderr)!;
    expect(push.stderr.split(secret!).length).toBe(2);
    expect(push.stdout).not.toContain(secret!);
    const verifier = createWebhookVerifier(secret!);
    for (const request of server.requests) {
      const check = await verifier.verify(
        request.headers['vonage-signature'] as string,
        request.body,
      );
      expect(check.valid).toBe(true);
    }
  });

  it('refuses a bad URL before generating a secret, so none is shown for a run that cannot start', async () => {
    const push = await cli(['push', 'ftp://127.0.0.1/hook', '--calls', '1'], {
      VCC_WEBHOOK_SECRET: '',
    });
    expect(push.code).toBe(2);
    expect(push.stderr).toMatch(/webhook URL/);
    expect(push.stderr).not.toContain('Signing secret');
  });

  it('takes the secret from VCC_WEBHOOK_SECRET and never prints it, not even in the report', async () => {
    const server = await startTestServer();
    servers.push(server);
    const report = join(dir, 'report.json');
    const push = await cli(
      ['push', server.url, '--calls', '2', '--speed', 'max', '--report', report],
      {
        VCC_WEBHOOK_SECRET: SECRET,
      },
    );
    expect(push.code).toBe(0);
    const written = await readFile(report, 'utf8');
    expect(JSON.parse(written)).toMatchObject({ signed: true, delivered: server.requests.length });
    expect(`${push.stdout}${push.stderr}${written}`).not.toContain(SECRET);
    const check = await createWebhookVerifier(SECRET).verify(
      server.requests[0]!.headers['vonage-signature'] as string,
      server.requests[0]!.body,
    );
    expect(check.valid).toBe(true);
  });

  it('on Ctrl-C stops, drains, writes a resume file; --resume finishes the job with nothing lost and nothing re-sent', async () => {
    const delivered = new Map<string, number>();
    const server = await startTestServer(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const id = (JSON.parse(request.body.toString()) as ChannelNotification).id;
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
      return {};
    });
    servers.push(server);
    const scenario = ['--calls', '20', '-e', 'channel.*', '--seed', '5'];
    const expected = await generated(scenario);
    const resumeFile = join(dir, 'job.resume.ndjson');
    const push = start([
      'push',
      server.url,
      ...scenario,
      '--speed',
      'max',
      '-c',
      '2',
      '--secret',
      SECRET,
      '--resume-file',
      resumeFile,
    ]);
    while (server.requests.length < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    push.child.kill('SIGINT');
    expect(await push.exited).toBe(130);
    expect(push.output.stderr).toContain('Ctrl-C: stopping');
    // Nothing but our own lines: no MaxListenersExceededWarning or other process warning.
    expect(push.output.stderr).not.toMatch(/Warning|\(node:\d+\)/);
    expect(push.output.stdout).toMatch(/⚠ interrupted: \d+ not delivered → .*job\.resume\.ndjson/);
    expect(push.output.stdout).toContain(
      `resume with: vcc-sim push --resume ${resumeFile} --secret …`,
    );
    const lines = (await readFile(resumeFile, 'utf8')).trim().split('\n');
    // The header, the records left (in source order), and the mark saying the source ended.
    const left = lines.filter((line) => line.startsWith('{"seq":')).length;
    expect(lines.at(-1)).toBe(`{"sourceEnded":${expected.length}}`);
    expect(left + delivered.size).toBe(expected.length);
    expect(lines.join('\n')).not.toContain(SECRET);

    // Settings come from the resume file; an option given again wins.
    const resumed = await cli(['push', '--resume', resumeFile, '--secret', SECRET, '-c', '64']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`✓ ${left} of ${left} notifications delivered`);
    expect([...delivered.keys()].sort()).toEqual(expected.map((n) => n.id).sort());
    expect([...delivered.values()].every((count) => count === 1)).toBe(true);

    const again = await cli(['push', '--resume', resumeFile, '--secret', SECRET]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to resume');
  });

  it('--json prints the report alone on stdout, as JSON', async () => {
    const server = await startTestServer();
    servers.push(server);
    const result = await cli(
      ['push', server.url, '--calls', '2', ...FAST, '--secret', SECRET, '--json'],
      {},
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ delivered: server.requests.length, deadLettered: 0 });
    expect(report['notifications']).toBe(report['delivered']);
    expect(result.stdout).not.toContain(SECRET);
  });

  it('refuses a job file that is not right, naming the file, the line and the field', async () => {
    const path = join(dir, 'tampered.ndjson');
    await writeFile(
      path,
      `${JSON.stringify({ vccSimResume: 1, createdAt: '2026-01-05T09:00:00.000Z', job: { command: 'push', url: 'http://127.0.0.1:9/', mode: 'structured', secretSource: 'none', speed: 1, concurrency: 'lots', timeoutMs: 10000, maxAttempts: 8, retryWindowMs: 600000, ordered: false, drainTimeoutMs: 5000, seed: 1, origin: {} } })}\n`,
    );
    const result = await cli(['push', '--resume', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path}:1: the job header /job/concurrency must be`);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['push', 'http://127.0.0.1:9/', '--secret', 'c2hvcnQ='], 'The --secret decodes to 5 bytes'],
    [['push', 'http://127.0.0.1:9/', '--speed', '0'], '--speed must be a positive number or "max"'],
    [
      ['push', 'http://127.0.0.1:9/', '--chaos-duplicate', '150%'],
      '--chaos-duplicate must be a share',
    ],
    [['push', 'http://127.0.0.1:9/', '--timeout', 'soon'], '--timeout must be a duration'],
    [['push', '--calls', '1'], 'Name the webhook URL'],
    [['push', 'ftp://x/'], 'must be http or https'],
    [['replay', 'only-a-file.ndjson'], 'Name the file to replay and the webhook URL'],
    [['listen', '--fail-rate', '2'], '--fail-rate must be a share between 0 and 1'],
  ])('exits 2 with a one-line message for %j', async (args, message) => {
    const result = await cli(args, { VCC_WEBHOOK_SECRET: SECRET });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('vcc-sim replay', () => {
  it('replays NDJSON from generate with the same machinery', async () => {
    const server = await startTestServer();
    servers.push(server);
    const file = join(dir, 'day.ndjson');
    const generate = await cli(['generate', '--calls', '3', '-e', 'channel.*', '--out', file]);
    expect(generate.code).toBe(0);
    const expected = (await readFile(file, 'utf8')).trim().split('\n');
    const replay = await cli(['replay', file, server.url, '--secret', SECRET, '--mode', 'binary']);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain(
      `✓ ${expected.length} of ${expected.length} notifications delivered`,
    );
    expect(server.requests.map((request) => request.headers['ce-id']).sort()).toEqual(
      expected.map((line) => (JSON.parse(line) as ChannelNotification).id).sort(),
    );
  });

  it('replays a dead-letter file, unwrapping its records', async () => {
    const server = await startTestServer();
    servers.push(server);
    const notification = (await generated(['--calls', '1']))[0]!;
    const file = join(dir, 'dead.ndjson');
    await writeFile(
      file,
      `${JSON.stringify({ notification, reason: 'max-attempts', attempts: 8 })}\n`,
    );
    const replay = await cli(['replay', file, server.url, '--no-sign', '--verbose']);
    expect(replay.code).toBe(0);
    expect(server.requests.map((request) => request.body.toString())).toEqual([
      JSON.stringify(notification),
    ]);
    expect(replay.stdout).toMatch(/✓ {2}200 +channel\.connected\.v0/);
  });

  it('--json prints the replay report alone on stdout', async () => {
    const server = await startTestServer();
    servers.push(server);
    const file = join(dir, 'replay-json.ndjson');
    await writeFile(file, (await cli(['generate', '--calls', '1'])).stdout);
    const result = await cli(['replay', file, server.url, '--no-sign', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      signed: false,
      delivered: server.requests.length,
    });
  });

  it('reports a file that is not JSON with its line, as an input error', async () => {
    const file = join(dir, 'broken.ndjson');
    await writeFile(file, '{"a":1}\n{nope\n');
    const replay = await cli(['replay', file, 'http://127.0.0.1:9/', '--no-sign']);
    expect(replay.code).toBe(2);
    expect(replay.stderr).toContain('broken.ndjson:2:');
  });
});

describe('vcc-sim listen --ui', () => {
  it('serves the live inspector beside the webhook and names its address', async () => {
    const listen = start(['listen', '--no-verify', '--ui', '--exit-after', '1']);
    const [, inspector] = await listen.waitFor(/Inspector at (http:\/\/127\.0\.0\.1:\d+\/_vcc)/);
    const page = await fetch(inspector!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/_vcc/app.js">');
    const [notification] = await generated(['--calls', '1']);
    const answer = await fetch(inspector!.replace('/_vcc', '/'), {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(notification),
    });
    expect(answer.status).toBe(200);
    expect(await listen.exited).toBe(0);
  });
});
