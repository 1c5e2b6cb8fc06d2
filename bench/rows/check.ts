import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtInScenario, generateWebhookSecret, simulateJson } from 'vcc-sim';
import { checkWebhook } from 'vcc-sim/check';
import { pushNotifications } from 'vcc-sim/http';
import { createReceiver } from '../../examples/express-receiver/src/app.js';
import { atMost, type BenchRow } from '../measure.js';

/** The Express example on a real port, counting the notifications it is sent. */
async function expressExample(secret: string) {
  const app = createReceiver({ secret });
  let posts = 0;
  const server: Server = createServer((request, response) => {
    if (request.method === 'POST') posts++;
    app(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    posts: () => posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * `vcc-sim check` on the Express example with its defaults (every check, the probe, a 5 s burst at
 * 10× the peak of contact-centre-day and the ramp to 1,000/s), beside `push` of the same number
 * of notifications to the same receiver, as fast as it takes them.
 */
export async function checkRows(): Promise<BenchRow[]> {
  const secret = generateWebhookSecret();
  const receiver = await expressExample(secret);
  try {
    const started = performance.now();
    const report = await checkWebhook({
      url: `${receiver.base}/webhooks/vcc`,
      secret,
      seed: 1,
      probe: `${receiver.base}/vcc-probe`,
    });
    const checkSeconds = (performance.now() - started) / 1000;
    if (!report.ok) throw new Error(`the Express example failed ${report.failed.join(', ')}`);
    const sent = receiver.posts();

    const notifications = [
      ...simulateJson(builtInScenario('contact-centre-day'), { seed: 2, events: 'channel.*' }),
    ].slice(0, sent);
    const pushStarted = performance.now();
    const pushed = await pushNotifications(notifications, {
      url: `${receiver.base}/webhooks/vcc`,
      secret,
      speed: 'max',
    });
    const pushSeconds = (performance.now() - pushStarted) / 1000;
    if (pushed.delivered !== notifications.length) {
      throw new Error(`push delivered ${pushed.delivered} of ${notifications.length}`);
    }
    return [
      {
        row: `check: Express example, every check (burst and ramp), ${sent} notifications`,
        figure: checkSeconds,
        unit: 's',
        target: atMost(30),
        baseline: { label: `push of ${sent} notifications`, figure: pushSeconds, unit: 's' },
      },
    ];
  } finally {
    await receiver.close();
  }
}
