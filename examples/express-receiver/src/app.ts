import express from 'express';
import { verifySignature } from './verify-signature.js';

type Notification = {
  id: string;
  type: string;
  data?: {
    timestamp?: string;
    channel?: { channelId: string; party: { role: string; agentId?: string } };
  };
};

/** The event a channel is in, by `data.timestamp`; `ended` is final whatever arrives after it. */
type ChannelState = { lastEvent: string; timestamp: string };

function isEnded(type: string): boolean {
  return type.startsWith('channel.ended.');
}

/**
 * A VCC webhook receiver on Express that counts the calls each agent answered: one
 * `channel.connected` on an agent's channel is one answered call. It verifies the signature on the
 * raw body, counts a notification VCC delivers twice only once, keeps each channel's state by
 * `data.timestamp` (VCC does not guarantee order), and acknowledges event types it does not
 * handle. `/vcc-probe` answers what it stored, for `vcc-sim check --probe`.
 */
export function createReceiver(options: { secret: string }) {
  const stored = new Map<string, number>();
  const answered = new Map<string, number>();
  const channels = new Map<string, ChannelState>();
  const app = express();

  app.post(
    '/webhooks/vcc',
    express.raw({ type: 'application/cloudevents+json' }),
    (request, response) => {
      const body = request.body as Buffer;
      if (
        !Buffer.isBuffer(body) ||
        !verifySignature(request.get('vonage-signature'), body, options.secret)
      ) {
        response.status(401).json({ error: 'invalid signature' });
        return;
      }
      let notification: Notification;
      try {
        notification = JSON.parse(body.toString('utf8')) as Notification;
      } catch {
        response.status(400).json({ error: 'not JSON' });
        return;
      }
      // A duplicate (same id) is acknowledged and not counted again.
      if (!stored.has(notification.id)) {
        stored.set(notification.id, 1);
        const channel = notification.data?.channel;
        const timestamp = notification.data?.timestamp;
        if (channel && timestamp) {
          const { party } = channel;
          if (notification.type.startsWith('channel.connected.') && party.role === 'agent') {
            answered.set(party.agentId!, (answered.get(party.agentId!) ?? 0) + 1);
          }
          const current = channels.get(channel.channelId);
          const later =
            !current ||
            (!isEnded(current.lastEvent) &&
              (isEnded(notification.type) || timestamp > current.timestamp));
          if (later) channels.set(channel.channelId, { lastEvent: notification.type, timestamp });
        }
      }
      response.sendStatus(200);
    },
  );

  app.get('/agents/answered', (_request, response) => {
    response.json(Object.fromEntries(answered));
  });

  // The probe contract of `vcc-sim check --probe`: what this receiver stored.
  app.get('/vcc-probe/notifications/:id', (request, response) => {
    response.json({ id: request.params.id, stored: stored.get(request.params.id) ?? 0 });
  });
  app.get('/vcc-probe/channels/:channelId', (request, response) => {
    const state = channels.get(request.params.channelId);
    if (!state) response.sendStatus(404);
    else response.json({ channelId: request.params.channelId, lastEvent: state.lastEvent });
  });

  return app;
}
