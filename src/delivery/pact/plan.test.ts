import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, validateNotification } from '../../contract/index.js';
import { isBuiltInScenario } from '../../engine/index.js';
import { notificationInteraction } from './interactions.js';
import { flagAmbiguousPlans, messageHandlers } from './message-provider.js';
import { scenarioSource } from './notification-source.js';
import { parsePact, pactDocument } from './pact-file.js';
import { planInteraction } from './plan.js';
import { PROVIDER_STATES, closestProviderState, providerState } from './provider-states.js';
import type { MessageInteraction, NotificationExpectation } from './types.js';

const source = scenarioSource();

function interaction(expectation: NotificationExpectation): MessageInteraction {
  const document = pactDocument('crm', 'vcc-webhooks', [notificationInteraction(expectation)]);
  return parsePact(document, 'test').interactions[0] as MessageInteraction;
}

describe('scenarioSource', () => {
  it('finds real, valid notifications of a type and role in a built-in scenario', () => {
    const notification = source.find('supervisor-monitoring', 'channel.connected.v0', 'monitor');
    expect(notification?.type).toBe('channel.connected.v0');
    expect(notification).toMatchObject({ data: { channel: { party: { role: 'monitor' } } } });
    expect(validateNotification(notification, { strict: true })).toEqual({
      valid: true,
      warnings: [],
    });
  });

  it('finds nothing a scenario never sends', () => {
    expect(source.find('inbound-answered', 'channel.held.v0')).toBeUndefined();
    expect(source.find('inbound-answered', 'channel.wrapstarted.v0', 'external')).toBeUndefined();
  });

  it('is reproducible: the same seed gives the same notification', () => {
    const a = scenarioSource({ seed: 7 }).find('inbound-answered', 'channel.connected.v0', 'agent');
    const b = scenarioSource({ seed: 7 }).find('inbound-answered', 'channel.connected.v0', 'agent');
    const c = scenarioSource({ seed: 8 }).find('inbound-answered', 'channel.connected.v0', 'agent');
    expect(a).toEqual(b);
    expect(a?.id).not.toBe(c?.id);
  });
});

describe('provider states', () => {
  it('each play a built-in scenario that sends something', () => {
    for (const state of PROVIDER_STATES.filter((s) => isBuiltInScenario(s.scenario))) {
      const sends = EVENT_TYPES.filter((info) => source.find(state.scenario, info.type));
      expect(sends.length, state.name).toBeGreaterThan(0);
    }
  });

  it('include a state where an agent changes presence, played by agent-shift', () => {
    const state = providerState('an agent changed presence');
    expect(state?.scenario).toBe('agent-shift');
    for (const type of ['agent.presencechanged.v0', 'agent.presencechanged.v1'] as const) {
      const notification = source.find('agent-shift', type);
      expect(notification?.type).toBe(type);
      expect(validateNotification(notification, { strict: true })).toEqual({
        valid: true,
        warnings: [],
      });
    }
  });

  it('are found by name or scenario name, and typos have a suggestion', () => {
    expect(providerState('hold-retrieve')?.name).toBe(
      'an agent put a call on hold and retrieved it',
    );
    expect(providerState('an agent answered an inbound cal')).toBeUndefined();
    expect(closestProviderState('an agent answered an inbound cal')?.name).toBe(
      'an agent answered an inbound call',
    );
    expect(closestProviderState('the moon is full')).toBeUndefined();
  });
});

describe('planInteraction', () => {
  it('plays the given state and takes its first notification of the type and role', () => {
    const plan = planInteraction(
      'crm',
      interaction({
        type: 'channel.held.v0',
        role: 'external',
        state: 'an agent put a call on hold and retrieved it',
      }),
      source,
    );
    expect(plan).toMatchObject({ type: 'channel.held.v0', role: 'external', problems: [] });
    expect(plan.state?.scenario).toBe('hold-retrieve');
    expect(plan.notification).toEqual(source.find('hold-retrieve', 'channel.held.v0', 'external'));
  });

  it('picks the first state that sends the notification when none is given', () => {
    const plan = planInteraction(
      'crm',
      interaction({ type: 'channel.held.v1', role: 'external' }),
      source,
    );
    expect(plan.state?.name).toBe('an agent put a call on hold and retrieved it');
    expect(plan.notification).toMatchObject({
      type: 'channel.held.v1',
      data: { channel: { party: { role: 'external' } } },
    });
  });

  it('says why a state cannot send the notification, and where it is sent', () => {
    const plan = planInteraction(
      'crm',
      interaction({
        type: 'channel.held.v0',
        role: 'external',
        state: 'an agent answered an inbound call',
      }),
      source,
    );
    expect(plan.notification).toBeUndefined();
    expect(plan.problems).toEqual([
      'in "an agent answered an inbound call" (the inbound-answered scenario) VCC sends no channel.held.v0 notification about an external party; it does in "an agent put a call on hold and retrieved it", "an agent warm-transferred a call", "a contact centre worked through a day"',
    ]);
  });

  it('names unknown provider states, with the likely one', () => {
    const message = interaction({ type: 'channel.connected.v0' });
    message.providerStates = [{ name: 'an agent answerd an inbound call' }];
    const plan = planInteraction('crm', message, source);
    expect(plan.notification).toBeUndefined();
    expect(plan.problems).toEqual([
      'unknown provider state "an agent answerd an inbound call" (did you mean "an agent answered an inbound call"?); "vcc-sim pact states" lists the 13 states vcc-sim knows',
    ]);
  });

  it('says when no scenario sends a type to a role', () => {
    const plan = planInteraction(
      'crm',
      interaction({ type: 'channel.wrapstarted.v0', role: 'voicemail' }),
      source,
    );
    expect(plan.problems).toEqual([
      'no built-in scenario makes VCC send a channel.wrapstarted.v0 notification about a voicemail party',
    ]);
  });

  it('explains metadata VCC cannot meet, such as a CloudEvents contentType', () => {
    const message = interaction({ type: 'channel.connected.v0' });
    message.metadata = { contentType: 'application/cloudevents+json', topic: 'calls' };
    expect(planInteraction('crm', message, source).problems).toEqual([
      'the consumer expects the message metadata contentType application/cloudevents+json, but the body of a VCC notification is JSON: Pact\'s verifier serves it as application/json (record application/cloudevents+json under "webhookContentType", as vcc-sim/pact does)',
      'the consumer expects message metadata "topic", which VCC webhooks do not carry',
    ]);
  });
});

describe('message handlers', () => {
  it('answer the verifier with the planned notification and the webhook metadata', async () => {
    const plan = planInteraction(
      'crm',
      interaction({ type: 'channel.connected.v0', role: 'agent' }),
      source,
    );
    const { messageProviders, stateHandlers } = messageHandlers([plan]);
    const provide = messageProviders[plan.interaction.description];
    expect(
      await provide?.({ description: plan.interaction.description, providerStates: [] }),
    ).toEqual({
      __pactMessageMetadata: { webhookContentType: 'application/cloudevents+json' },
      message: plan.notification,
    });
    expect(stateHandlers).toEqual({});
  });

  it('answer with the reasons when there is nothing to send', async () => {
    const message = interaction({
      type: 'channel.connected.v0',
      state: 'an agent answered an inbound call',
    });
    message.providerStates = [{ name: 'nope' }];
    const plan = planInteraction('crm', message, source);
    const { messageProviders, stateHandlers } = messageHandlers([plan]);
    const answer = await messageProviders[plan.interaction.description]?.({
      description: plan.interaction.description,
      providerStates: [{ name: 'nope' }],
    });
    expect(answer?.message).toEqual({
      'vcc-sim': `cannot send this notification: ${plan.problems.join('; ')}`,
    });
    expect(Object.keys(stateHandlers)).toEqual(['nope']);
  });

  it('flag plans the verifier cannot tell apart', () => {
    const a = planInteraction(
      'crm',
      interaction({ type: 'channel.connected.v0', description: 'x' }),
      source,
    );
    const b = planInteraction(
      'billing',
      interaction({ type: 'channel.ended.v0', description: 'x' }),
      source,
    );
    const c = planInteraction(
      'audit',
      interaction({ type: 'channel.connected.v0', description: 'x' }),
      source,
    );
    flagAmbiguousPlans([a, c]);
    expect(a.problems).toEqual([]);
    flagAmbiguousPlans([a, b]);
    expect(b.problems[0]).toMatch(/^pacts of crm and billing share the description "x"/);
  });
});
