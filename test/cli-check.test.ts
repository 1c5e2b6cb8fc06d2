import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { generateWebhookSecret } from '../src/contract/index.js';
import type { CheckReport } from '../src/delivery/check/index.js';
import { createReceiver } from '../examples/express-receiver/src/app.js';
import { runCli } from './support/cli.js';
import { startNaiveReceiver } from './support/naive-receiver.js';

const secret = generateWebhookSecret();
const env = { VCC_WEBHOOK_SECRET: secret };
/** Short load checks: the verdicts, not the figures, are under test. */
const QUICK = ['--burst-duration', '1s', '--ramp-max', '200', '--ramp-step', '250ms'];

let directory: string;
let express: Server;
let expressUrl: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'vcc-sim-check-'));
  express = createReceiver({ secret }).listen(0, '127.0.0.1');
  await once(express, 'listening');
  expressUrl = `http://127.0.0.1:${(express.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => express.close(() => resolve())));

function reportOf(stdout: string): CheckReport {
  return JSON.parse(stdout) as CheckReport;
}

describe('vcc-sim check', () => {
  it('passes the Express example on every check, probe included, and writes JUnit that validates', async () => {
    const junit = join(directory, 'express.xml');
    const result = await runCli(
      [
        'check',
        `${expressUrl}/webhooks/vcc`,
        '--probe',
        `${expressUrl}/vcc-probe`,
        '--seed',
        '7',
        '--junit',
        junit,
        '--burst',
        '2',
        ...QUICK,
      ],
      { env },
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Checking http:\/\/127\.0\.0\.1:\d+\/webhooks\/vcc \(contact-centre-day · seed 7\)$/m,
    );
    expect(result.stdout).toMatch(/^ {2}✓ duplicates-stored-once +stored once/m);
    expect(result.stdout).toMatch(
      /^ {2}✓ out-of-order-final-state +\d+ events sent ended first; the channel ends on channel\.ended\.v\d/m,
    );
    expect(result.stdout).toMatch(
      /^✓ ready for VCC, with warnings: 1 warning · 20 passed · 3 skipped in [\d.]+s$/m,
    );
    expect(result.stdout).toMatch(/^ {2}! https +an http URL/m);

    const xml = await readFile(junit, 'utf8');
    const schema = await readFile(new URL('./fixtures/junit/junit.xsd', import.meta.url), 'utf8');
    const validation = await validateXML({
      xml: [{ fileName: 'express.xml', contents: xml }],
      schema: [{ fileName: 'junit.xsd', contents: schema }],
    });
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    // The schema is strict enough to catch a report CI servers would misread.
    const broken = await validateXML({
      xml: [{ fileName: 'broken.xml', contents: xml.replace(' classname=', ' class=') }],
      schema: [{ fileName: 'junit.xsd', contents: schema }],
    });
    expect(broken.valid).toBe(false);
    expect(xml).toContain(
      '<testsuites name="vcc-sim check" tests="24" failures="0" errors="0" skipped="3"',
    );
    expect(xml.match(/<testcase /g)).toHaveLength(24);
  }, 60_000);

  it('fails a naive receiver on exactly the checks it should, each with its evidence', async () => {
    const naive = await startNaiveReceiver(30);
    const junit = join(directory, 'naive.xml');
    try {
      const result = await runCli(
        [
          'check',
          naive.url,
          '--seed',
          '7',
          '--timeout',
          '2s',
          // 100 in flight at 30 ms each queue for up to 3 s, past the 2 s timeout, so the burst
          // fails by timeouts whatever the machine (64 would queue 1.9 s: a matter of luck).
          '--concurrency',
          '100',
          '--json',
          '--junit',
          junit,
          ...QUICK,
        ],
        { env },
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const report = reportOf(result.stdout);
      expect(report.failed).toEqual([
        'refuses-unsigned',
        'refuses-wrong-secret',
        'refuses-tampered-body',
        'refuses-expired-token',
        'refuses-future-iat',
        'refuses-future-nbf',
        'refuses-alg-none',
        'refuses-other-algorithm',
        'refuses-malformed-header',
        'tolerates-duplicates',
        'burst',
      ]);
      expect(report.warned).toEqual(['ramp', 'https']);
      const check = (name: string) => report.checks.find((candidate) => candidate.name === name)!;

      // Every forged request was let through, and the evidence says how it was signed.
      expect(check('refuses-unsigned')).toMatchObject({
        summary: 'accepted with 200: a forged request got through',
        evidence: [{ sent: { signature: 'no Vonage-Signature header' }, answer: { status: 200 } }],
      });
      expect(check('refuses-alg-none').evidence[0]!.sent.signature).toMatch(/alg "none"/);
      expect(check('refuses-malformed-header').evidence).toHaveLength(5);
      expect(check('refuses-malformed-header').summary).toBe(
        'all 5: accepted with 200: a forged request got through',
      );

      // The duplicate: first 200, then the 500 VCC would retry for 24 hours, with its body.
      expect(check('tolerates-duplicates').evidence).toMatchObject([
        { sent: { note: 'first delivery' }, answer: { status: 200 } },
        {
          sent: { note: 'the same notification again, signed afresh' },
          answer: { status: 500, body: 'duplicate key value violates unique constraint' },
        },
      ]);
      expect(check('tolerates-duplicates').summary).toMatch(
        /answered 500: VCC counts only 200–205/,
      );
      expect(check('tolerates-duplicates').fix).toMatch(/Deduplicate by id/);

      // Slow: one request at a time cannot absorb the burst, and the ramp stops early.
      const burst = check('burst');
      expect(burst.summary).toMatch(/not accepted \(.*timeout ×\d+/);
      expect(
        burst.evidence.some(
          (exchange) => 'error' in exchange.answer && exchange.answer.error === 'timeout',
        ),
      ).toBe(true);
      expect(check('ramp').measurements!.sustainedPerSecond).toBeLessThan(
        burst.measurements!.offeredPerSecond!,
      );

      // What a naive receiver gets right still passes.
      expect(check('accepts-every-event-type').verdict).toBe('pass');
      expect(check('tolerates-out-of-order').verdict).toBe('pass');

      const xml = await readFile(junit, 'utf8');
      expect(xml.match(/<failure /g)).toHaveLength(11);
    } finally {
      await naive.close();
    }
  }, 60_000);

  it('is deterministic under --seed: the same notifications, the same verdicts', async () => {
    // Two ramps of different lengths (how far a ramp gets depends on the machine): the checks
    // after the load checks still send the same notifications.
    const run = async (rampMax: string) =>
      reportOf(
        (
          await runCli(
            [
              'check',
              `${expressUrl}/webhooks/vcc`,
              '--seed',
              '11',
              '--probe',
              `${expressUrl}/vcc-probe`,
              '--burst',
              '1',
              '--burst-duration',
              '500ms',
              '--ramp-step',
              '250ms',
              '--ramp-max',
              rampMax,
              '--json',
            ],
            { env },
          )
        ).stdout,
      );
    const [first, second] = [await run('40'), await run('80')];
    const notLoad = (report: CheckReport) =>
      report.checks.filter((check) => check.group !== 'load');
    const sent = (report: CheckReport) =>
      notLoad(report).flatMap((check) =>
        check.evidence.map(({ sent }) => `${check.name} ${sent.type} ${sent.id} ${sent.signature}`),
      );
    expect(sent(first)).toEqual(sent(second));
    expect(sent(first).some((line) => line.startsWith('out-of-order-final-state'))).toBe(true);
    expect(notLoad(first).map((check) => [check.name, check.verdict])).toEqual(
      notLoad(second).map((check) => [check.name, check.verdict]),
    );
    const rampRequests = (report: CheckReport) =>
      report.checks.find((check) => check.name === 'ramp')!.measurements!.requests;
    expect(rampRequests(first)).not.toBe(rampRequests(second));
  }, 60_000);

  it('says clearly when nothing answers, or the secret is missing', async () => {
    const none = await runCli(['check', 'http://127.0.0.1:9/hook'], { env });
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toBe(
      'vcc-sim: Nothing answers at http://127.0.0.1:9: connection refused. Start the webhook, or check the URL.\n',
    );
    const unsigned = await runCli(['check', `${expressUrl}/webhooks/vcc`]);
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr).toMatch(
      /^vcc-sim: check signs like VCC, with the secret your webhook verifies/,
    );
    const unknown = await runCli(['check', `${expressUrl}/webhooks/vcc`, '--only', 'bursts'], {
      env,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^vcc-sim: only: no check or group "bursts"/);
  });
});

describe('vcc-sim check over TLS', () => {
  let server: HttpsServer;
  let url: string;
  let caFile: string;

  beforeAll(async () => {
    const run = promisify(execFile);
    const key = join(directory, 'key.pem');
    caFile = join(directory, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=vcc-sim test',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      caFile,
    ]);
    server = createHttpsServer(
      { key: await readFile(key), cert: await readFile(caFile) },
      createReceiver({ secret }),
    ).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/vcc`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a self-signed test certificate given with --ca', async () => {
    const result = await runCli(
      ['check', url, '--ca', caFile, '--only', 'transport', 'delivery', '--json'],
      { env },
    );
    expect(result.code).toBe(0);
    const report = reportOf(result.stdout);
    expect(report.failed).toEqual([]);
    expect(report.passed).toEqual([
      'accepts-every-event-type',
      'https',
      'certificate',
      'tls-version',
      'no-redirects',
    ]);
    const certificate = report.checks.find((check) => check.name === 'certificate')!;
    expect(certificate.summary).toMatch(
      /^verifies: vcc-sim test, issued by vcc-sim test, valid to \d{4}-\d{2}-\d{2}$/,
    );
    const version = report.checks.find((check) => check.name === 'tls-version')!;
    expect(version.summary).toMatch(/^TLSv1\.[23] negotiated$/);
  });

  it('fails the certificate without --ca, and says so under --insecure', async () => {
    const untrusted = reportOf(
      (await runCli(['check', url, '--only', 'certificate', 'tls-version', '--json'], { env }))
        .stdout,
    );
    expect(untrusted.failed).toEqual(['certificate']);
    expect(untrusted.checks.find((check) => check.name === 'certificate')!.summary).toMatch(
      /^the certificate does not verify \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    const insecure = await runCli(['check', url, '--insecure', '--only', 'transport'], { env });
    expect(insecure.code).toBe(0);
    expect(insecure.stdout).toMatch(
      /^ {2}! certificate +not verified: --insecure accepts any certificate; this one does not verify \(DEPTH_ZERO_SELF_SIGNED_CERT\)/m,
    );
    expect(insecure.stdout).toMatch(
      /fix {2}Drop --insecure; for a test certificate pass its CA with --ca\./,
    );
  });
});
