import {
  isAgentEventType,
  type EventType,
  type PartyRole,
  type VccNotification,
} from '../../contract/index.js';
import { readExpectedBody } from './expectations.js';
import { WEBHOOK_CONTENT_TYPE, WEBHOOK_CONTENT_TYPE_KEY } from './interactions.js';
import type { NotificationSource } from './notification-source.js';
import { PROVIDER_STATES, closestProviderState, providerState } from './provider-states.js';
import type { MessageInteraction, ProviderStateInfo } from './types.js';

/**
 * The provider's plan for one interaction: which notification the consumer wants, which provider
 * state (built-in scenario) plays it, the real notification that scenario sent, and every reason
 * the expectation cannot be met.
 */
export interface InteractionPlan {
  consumer: string;
  interaction: MessageInteraction;
  type?: EventType;
  role?: PartyRole;
  /** The state whose scenario produced the notification (given, or picked when none was given). */
  state?: ProviderStateInfo;
  notification?: VccNotification;
  problems: string[];
}

/** `a channel.held.v0 notification about an external party`; agent events are about no party. */
function notificationOf(type: EventType, role: PartyRole | undefined): string {
  const notification = `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} notification`;
  if (isAgentEventType(type)) return notification;
  if (!role) return `${notification} about any party`;
  return `${notification} about ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} party`;
}

function quote(state: ProviderStateInfo): string {
  return JSON.stringify(state.name);
}

function metadataProblems(metadata: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (key === WEBHOOK_CONTENT_TYPE_KEY) {
      if (value !== WEBHOOK_CONTENT_TYPE) {
        problems.push(
          `the consumer expects the webhook content type ${text}, but VCC sends ${WEBHOOK_CONTENT_TYPE}`,
        );
      }
    } else if (/^content-?type$/i.test(key)) {
      if (!/^application\/json\b/i.test(text)) {
        problems.push(
          `the consumer expects the message metadata ${key} ${text}, but the body of a VCC notification is JSON: Pact's verifier serves it as application/json (record ${WEBHOOK_CONTENT_TYPE} under "${WEBHOOK_CONTENT_TYPE_KEY}", as vcc-sim/pact does)`,
        );
      }
    } else {
      problems.push(
        `the consumer expects message metadata "${key}", which VCC webhooks do not carry`,
      );
    }
  }
  return problems;
}

/** The states whose scenario sends `type` about `role`, in documented order. */
function statesSending(source: NotificationSource, type: EventType, role?: PartyRole) {
  return PROVIDER_STATES.filter((state) => source.find(state.scenario, type, role) !== undefined);
}

function unknownState(name: string): string {
  const close = closestProviderState(name);
  return `unknown provider state ${JSON.stringify(name)}${close ? ` (did you mean ${quote(close)}?)` : ''}; "vcc-sim pact states" lists the ${PROVIDER_STATES.length} states vcc-sim knows`;
}

/** Plans one interaction of `consumer`'s pact against `source`. */
export function planInteraction(
  consumer: string,
  interaction: MessageInteraction,
  source: NotificationSource,
): InteractionPlan {
  const reading = readExpectedBody(
    interaction.content,
    interaction.bodyRules,
    interaction.contentType,
  );
  const plan: InteractionPlan = {
    consumer,
    interaction,
    problems: [...reading.problems, ...metadataProblems(interaction.metadata)],
  };
  if (reading.type) plan.type = reading.type;
  if (reading.role) plan.role = reading.role;
  const given = interaction.providerStates.map((state) => state.name);
  const known = given.map((name) => providerState(name));
  given.forEach((name, i) => {
    if (!known[i]) plan.problems.push(unknownState(name));
  });
  if (!reading.type) return plan;
  const type = reading.type;
  const chosen = known.find((state) => state !== undefined);
  if (chosen) {
    plan.state = chosen;
    const notification = source.find(chosen.scenario, type, reading.role);
    if (notification) {
      plan.notification = notification;
    } else {
      const elsewhere = statesSending(source, type, reading.role).slice(0, 3).map(quote);
      plan.problems.push(
        `in ${quote(chosen)} (the ${chosen.scenario} scenario) VCC sends no ${notificationOf(type, reading.role).replace(/^an? /, '')}${elsewhere.length > 0 ? `; it does in ${elsewhere.join(', ')}` : ''}`,
      );
    }
  } else if (given.length === 0) {
    const state = statesSending(source, type, reading.role)[0];
    if (state) {
      plan.state = state;
      plan.notification = source.find(state.scenario, type, reading.role);
    } else {
      plan.problems.push(
        `no built-in scenario makes VCC send ${notificationOf(type, reading.role)}`,
      );
    }
  }
  return plan;
}
