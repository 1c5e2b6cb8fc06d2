import express from 'express';
import { verifySignature } from './verify-signature.js';

type Notification = {
  id: string;
  type: string;
  data: { channel: { party: { role: string; agentId?: string } } };
};

/**
 * A VCC webhook receiver on Express that counts the calls each agent answered: one
 * `channel.connected` on an agent's channel is one answered call. It verifies the signature on the
 * raw body, and counts a notification VCC delivers twice only once.
 */
export function createReceiver(options: { secret: string }) {
  const seen = new Set<string>();
  const answered = new Map<string, number>();
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
      const notification = JSON.parse(body.toString('utf8')) as Notification;
      if (!seen.has(notification.id)) {
        seen.add(notification.id);
        const { party } = notification.data.channel;
        if (notification.type.startsWith('channel.connected.') && party.role === 'agent') {
          answered.set(party.agentId!, (answered.get(party.agentId!) ?? 0) + 1);
        }
      }
      response.sendStatus(200);
    },
  );

  app.get('/agents/answered', (_request, response) => {
    response.json(Object.fromEntries(answered));
  });

  return app;
}
