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
  data?: {
    timestamp?: string;
    channel?: { interactionId: string; channelId: string; party: { role: string } };
  };
};

/** Events of one instant in lifecycle order: a channel's `ended` comes after everything else. */
function byTime(a: ChannelEvent, b: ChannelEvent): number {
  const ended = (event: ChannelEvent) => (event.type.startsWith('channel.ended.') ? 1 : 0);
  return a.timestamp.localeCompare(b.timestamp) || ended(a) - ended(b);
}

/**
 * A webhook receiver for VCC channel notifications, as a Hono app (it runs on Node, Bun, Deno,
 * Cloudflare Workers…). It verifies the signature, ignores duplicates (VCC may deliver a
 * notification twice), keeps each interaction's events in timestamp order (VCC does not guarantee
 * delivery order) and acknowledges event types it does not handle. `/vcc-probe` answers what it
 * stored, for `vcc-sim check --probe`.
 */
export function createWebhookApp(options: { secret: string }) {
  const seen = new Set<string>();
  const interactions = new Map<string, ChannelEvent[]>();
  const channels = new Map<string, ChannelEvent[]>();

  return (
    new Hono()
      .post('/webhooks/vcc', async (c) => {
        const raw = await c.req.text();
        if (!(await verifySignature(c.req.header('vonage-signature'), raw, options.secret))) {
          return c.json({ error: 'invalid signature' }, 401);
        }
        let notification: Notification;
        try {
          notification = JSON.parse(raw) as Notification;
        } catch {
          return c.json({ error: 'not JSON' }, 400);
        }
        if (seen.has(notification.id)) return c.body(null, 200);
        seen.add(notification.id);

        const channel = notification.data?.channel;
        const timestamp = notification.data?.timestamp;
        // Not a channel event (an agent's presence, a type added later): acknowledged, not kept.
        if (!channel || !timestamp) return c.body(null, 204);
        const event: ChannelEvent = {
          id: notification.id,
          type: notification.type,
          channelId: channel.channelId,
          role: channel.party.role,
          timestamp,
        };
        for (const [index, key] of [
          [interactions, channel.interactionId],
          [channels, channel.channelId],
        ] as const) {
          const events = index.get(key) ?? [];
          events.push(event);
          events.sort(byTime);
          index.set(key, events);
        }
        return c.body(null, 204);
      })
      .get('/interactions', (c) => c.json([...interactions.keys()]))
      .get('/interactions/:id', (c) => c.json(interactions.get(c.req.param('id')) ?? []))
      // The probe contract of `vcc-sim check --probe`: what this app stored.
      .get('/vcc-probe/notifications/:id', (c) => {
        const id = c.req.param('id');
        const stored = [...interactions.values()].flat().filter((event) => event.id === id).length;
        return c.json({ id, stored });
      })
      .get('/vcc-probe/channels/:channelId', (c) => {
        const channelId = c.req.param('channelId');
        const last = channels.get(channelId)?.at(-1);
        return last ? c.json({ channelId, lastEvent: last.type }) : c.body(null, 404);
      })
  );
}
