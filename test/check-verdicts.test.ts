import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventTypeInfo, generateWebhookSecret } from '../src/contract/index.js';
import { checkWebhook, type CheckReport } from '../src/delivery/check/index.js';
import { startReceiver } from '../src/delivery/http/index.js';
import { createReceiver } from '../examples/express-receiver/src/app.js';
import {
  startTestServer,
  type CapturedRequest,
  type ServerAnswer,
} from './support/webhook-server.js';

/**
 * Verdicts the CLI tests do not reach, through the library against real servers on 127.0.0.1:
 * binary mode, redirects, and a documented 4xx for types a webhook does not know.
 */

const secret = generateWebhookSecret();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

/** A webhook on a real port answering as `answer` says; its URL without the `/hook` path. */
async function serve(answer: (request: CapturedRequest) => ServerAnswer) {
  const server = await startTestServer(answer);
  closers.push(() => server.close());
  return server.url.replace(/\/hook$/, '');
}

const check = (report: CheckReport, name: string) =>
  report.checks.find((candidate) => candidate.name === name)!;

describe('checkWebhook verdicts', () => {
  it('passes binary mode on vcc-sim’s own listener, which verifies both modes', async () => {
    const receiver = await startReceiver({ secret });
    closers.push(() => receiver.close());
    const report = await checkWebhook({
      url: receiver.url,
      secret,
      seed: 5,
      mode: 'binary',
      only: ['delivery', 'accepts-binary-mode', 'refuses-tampered-body'],
    });
    expect(report.passed).toEqual([
      'accepts-every-event-type',
      'refuses-tampered-body',
      'accepts-binary-mode',
    ]);
    expect(check(report, 'accepts-binary-mode').evidence[0]!.sent.mode).toBe('binary');
    expect(receiver.summary().signatures).toMatchObject({ valid: expect.any(Number) });

    // The Express example reads structured mode only (what VCC sends): binary mode fails there.
    const express = createReceiver({ secret }).listen(0, '127.0.0.1');
    await new Promise((resolve) => express.once('listening', resolve));
    closers.push(() => new Promise<void>((resolve) => express.close(() => resolve())));
    const { port } = express.address() as AddressInfo;
    const structuredOnly = await checkWebhook({
      url: `http://127.0.0.1:${port}/webhooks/vcc`,
      secret,
      seed: 5,
      mode: 'binary',
      only: ['accepts-binary-mode'],
    });
    expect(structuredOnly.failed).toEqual(['accepts-binary-mode']);
  });

  it('fails a webhook that redirects, naming where it pointed', async () => {
    const report = await checkWebhook({
      url: `${await serve(() => ({
        status: 308,
        headers: { location: 'https://calls.example.com/webhooks/vcc/' },
      }))}/webhooks/vcc`,
      secret,
      seed: 5,
      only: ['no-redirects', 'accepts-every-event-type'],
    });
    expect(report.failed).toEqual(['accepts-every-event-type', 'no-redirects']);
    const redirect = check(report, 'no-redirects');
    expect(redirect.summary).toMatch(/308/);
    expect(redirect.evidence[0]!.answer).toMatchObject({
      status: 308,
      location: 'https://calls.example.com/webhooks/vcc/',
    });
    expect(redirect.fix).toMatch(/final URL/);
  });

  it('takes a documented 4xx for an unknown type only when allowed, and never a 5xx', async () => {
    const strict = (status: number) =>
      serve((request) => {
        const { type } = JSON.parse(request.body.toString('utf8')) as { type: string };
        return eventTypeInfo(type) ? {} : { status };
      });
    const only = ['tolerates-unknown-event-type'];
    const url422 = await strict(422);

    const refused = await checkWebhook({ url: url422, secret, seed: 5, only });
    expect(refused.failed).toEqual(only);
    expect(check(refused, only[0]!).summary).toMatch(/422/);

    const allowed = await checkWebhook({ url: url422, secret, seed: 5, only, allowStatus: [422] });
    expect(allowed.passed).toEqual(only);
    expect(check(allowed, only[0]!).summary).toMatch(/422 \(allowed\)/);

    const crashed = await checkWebhook({ url: await strict(500), secret, seed: 5, only });
    expect(crashed.failed).toEqual(only);
    await expect(checkWebhook({ url: url422, secret, only, allowStatus: [500] })).rejects.toThrow(
      /Allowed statuses must be 4xx \(got 500\)/,
    );
  });
});
