import { describe, expect, it } from 'vitest';
import { assertSatisfiable, defaultDescription, notificationInteraction } from './interactions.js';

describe('notificationInteraction', () => {
  it('describes the notification, keeps the state and records the webhook content type', () => {
    const interaction = notificationInteraction({
      type: 'channel.connected.v0',
      role: 'monitor',
      state: 'a supervisor monitored a call',
    });
    expect(interaction).toMatchObject({
      description: 'a channel.connected.v0 notification about a monitor party',
      providerState: 'a supervisor monitored a call',
      metadata: { webhookContentType: 'application/cloudevents+json' },
    });
    expect(defaultDescription('channel.ended.v0', 'external')).toBe(
      'a channel.ended.v0 notification about an external party',
    );
  });

  it('accepts a scenario name as the state and refuses unknown states', () => {
    expect(
      notificationInteraction({ type: 'channel.held.v0', state: 'hold-retrieve' }).providerState,
    ).toBe('hold-retrieve');
    expect(() => notificationInteraction({ type: 'channel.held.v0', state: 'on hold' })).toThrow(
      'Unknown provider state "on hold"',
    );
  });
});

describe('assertSatisfiable', () => {
  it('passes what VCC sends and refuses, with the reason, what it never sends', () => {
    expect(() =>
      assertSatisfiable(notificationInteraction({ type: 'channel.ended.v0' })),
    ).not.toThrow();
    const wrong = notificationInteraction({
      type: 'channel.connected.v0',
      description: 'a call from the sales queue',
      extend: { data: { channel: { party: { queueName: 'sales' } } } },
    });
    expect(() => assertSatisfiable(wrong)).toThrow(
      'VCC can never send "a call from the sales queue": the consumer expects `data.channel.party.queueName`, which channel.connected.v0 does not have',
    );
  });
});
