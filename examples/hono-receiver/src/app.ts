import { Hono } from 'hono';
import { verifySignature } from './verify-signature.js';

/** What this service keeps of a VCC channel notification. */
export type ChannelEvent = {
  id: string;
  type: string;
  channelId: string;
  role: string;
  /** When it happened (`data.timestamp`), which is how VCC says to order events. */
  timestamp: string;
};

type Notification = {
  id: string;
  type: string;
  data: {
    timestamp: string;
    channel: { interactionId: string; channelId: string; party: { role: string } };
  };
};

/**
 * A webhook receiver for VCC channel notifications, as a Hono app (it runs on Node, Bun, Deno,
 * Cloudflare Workers…). It verifies the signature, ignores duplicates (VCC may deliver a
 * notification twice) and keeps each interaction's events in timestamp order (VCC does not
 * guarantee delivery order).
 */
export function createWebhookApp(options: { secret: string }) {
  const seen = new Set<string>();
  const interactions = new Map<string, ChannelEvent[]>();

  return new Hono()
    .post('/webhooks/vcc', async (c) => {
      const raw = await c.req.text();
      if (!(await verifySignature(c.req.header('vonage-signature'), raw, options.secret))) {
        return c.json({ error: 'invalid signature' }, 401);
      }
      const notification = JSON.parse(raw) as Notification;
      if (seen.has(notification.id)) return c.body(null, 200);
      seen.add(notification.id);

      const { channel, timestamp } = notification.data;
      const events = interactions.get(channel.interactionId) ?? [];
      events.push({
        id: notification.id,
        type: notification.type,
        channelId: channel.channelId,
        role: channel.party.role,
        timestamp,
      });
      events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      interactions.set(channel.interactionId, events);
      return c.body(null, 204);
    })
    .get('/interactions', (c) => c.json([...interactions.keys()]))
    .get('/interactions/:id', (c) => c.json(interactions.get(c.req.param('id')) ?? []));
}
