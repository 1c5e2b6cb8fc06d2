import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInScenario, createWebhookSigner, simulate } from '../src/index.js';
import {
  nodeCrypto,
  pushNotifications,
  startReceiver,
  type Receiver,
} from '../src/delivery/http/index.js';
import { NO_CHROMIUM, hasChromium, openBrowser, screenshot, watchPage } from './support/browser.js';
import { samplePresenceNotification } from './support/notifications.js';

const SECRET = 'bXlfc2VjcmV0X2tleV90aGF0X2lzX2xvbmdfZW5vdWdoX29rIQ==';
const OTHER_SECRET = 'YW5vdGhlcl9zZWNyZXRfdGhhdF9pc19sb25nX2Vub3VnaF9vayE=';

async function post(receiver: Receiver, body: string, signature?: string): Promise<number> {
  const response = await fetch(receiver.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/cloudevents+json',
      ...(signature ? { 'vonage-signature': signature } : {}),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const rowCount = (page: Page) => page.locator('#rows tr').count();

describe.skipIf(!hasChromium)(
  `listen's live inspector in Chromium${hasChromium ? '' : ` (${NO_CHROMIUM})`}`,
  () => {
    let browser: Awaited<ReturnType<typeof openBrowser>>;
    let receiver: Receiver;
    beforeAll(async () => {
      browser = await openBrowser();
      receiver = await startReceiver({ secret: SECRET, inspector: true });
    });
    afterAll(async () => {
      await receiver?.close();
      await browser?.close();
    });

    it('shows each notification as it arrives, flags a bad signature, a duplicate and an invalid one, and masks tokens', async () => {
      const page = await browser.context.newPage();
      const origin = new URL(receiver.url).origin;
      const { problems } = watchPage(page, (url) => url.startsWith(`${origin}/_vcc`));
      await page.goto(receiver.inspectorUrl!);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('#status').textContent()).toBe('live');

      const pushed = await pushNotifications(
        simulate(builtInScenario('warm-transfer'), { calls: 2, events: 'channel.*', seed: 7 }),
        { url: receiver.url, secret: SECRET, speed: 'max', concurrency: 1 },
      );
      expect(pushed.delivered).toBe(pushed.requests);
      const signer = createWebhookSigner(SECRET, { crypto: nodeCrypto });
      const [firstNotification] = simulate(builtInScenario('warm-transfer'), {
        calls: 1,
        events: 'channel.*',
        seed: 7,
      });
      const first = JSON.stringify(firstNotification);
      const wrongToken = await createWebhookSigner(OTHER_SECRET, { crypto: nodeCrypto }).sign(
        first,
      );
      expect(await post(receiver, first, wrongToken)).toBe(401);
      expect(await post(receiver, first, await signer.sign(first))).toBe(200); // a duplicate
      // Another run's notification (a new id), its agent party stripped of its ids.
      const [other] = simulate(builtInScenario('inbound-answered'), { calls: 1, seed: 99 });
      const invalid = structuredClone(other!) as unknown as {
        data: { channel: { party: Record<string, unknown> } };
      };
      invalid.data.channel.party = { role: 'agent' };
      const invalidBody = JSON.stringify(invalid);
      expect(await post(receiver, invalidBody, await signer.sign(invalidBody))).toBe(200);
      const presence = JSON.stringify(samplePresenceNotification());
      expect(await post(receiver, presence, await signer.sign(presence))).toBe(200);

      const total = pushed.requests + 4;
      await expect.poll(() => rowCount(page), { timeout: 10_000 }).toBe(total);
      expect(await page.locator('#count-requests').getAttribute('data-value')).toBe(String(total));
      expect(await page.locator('#rows tr[data-signature="wrong-signature"]').count()).toBe(1);
      expect(await page.locator('#rows tr[data-duplicate="true"]').count()).toBe(1);
      expect(await page.locator('#rows tr[data-valid="false"]').count()).toBe(1);

      await page.locator('#rows tr[data-valid="false"]').click();
      expect(await page.locator('#details .problems').textContent()).toContain(
        '/data/channel/party/agentId',
      );

      // The bad token's header and claims are shown, never its signature.
      await page.locator('#rows tr[data-signature="wrong-signature"]').click();
      const shownToken = await page
        .locator('#details table.headers tr', { hasText: 'vonage-signature' })
        .textContent();
      const [, claims, signature] = wrongToken.split('.');
      expect(shownToken).toContain(`${claims}.•••`);
      expect(await page.content()).not.toContain(signature!);

      await page.locator('#rows tr', { hasText: 'agent 1' }).click();
      expect(await page.locator('#lifecycle h3').textContent()).toBe('Presence of agent 1');

      // A transfer's conversation: the customer's channel and both agents'.
      await page.locator('#rows tr', { hasText: 'channel.connected.v0' }).last().click();
      expect(await page.locator('#lifecycle .lane').count()).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'inspector.png', false);

      // A browser that joins late gets the recent requests from the server's ring.
      const late = await browser.context.newPage();
      const lateWatch = watchPage(late, (url) => url.startsWith(`${origin}/_vcc`));
      await late.goto(receiver.inspectorUrl!);
      await expect.poll(() => rowCount(late), { timeout: 10_000 }).toBe(total);
      expect([...problems, ...lateWatch.problems]).toEqual([]);
    });
  },
);
