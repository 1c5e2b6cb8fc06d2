import { notificationMetadata } from './interactions.js';
import type { InteractionPlan } from './plan.js';

/**
 * The bridge from plans to Pact's `messageProviders`: Pact's verifier asks for a message by
 * description (and hands over the provider states), and gets the notification the plan holds, with
 * the webhook metadata. A plan without a notification answers with its reasons, so they show up in
 * Pact's own output and in the results published to the broker.
 */

/** Pact's message descriptor, as its proxy passes it to a message provider. */
interface Descriptor {
  description: string;
  providerStates?: { name: string }[];
}

/** The key of an interaction as the verifier identifies it: description and provider states. */
function interactionKey(description: string, states: readonly string[]): string {
  return [description, ...states].join('\u0000');
}

function sameNotification(a: InteractionPlan, b: InteractionPlan): boolean {
  return a.type === b.type && a.role === b.role && a.state?.name === b.state?.name;
}

/**
 * Adds a reason to every plan that shares its key with a plan wanting a different notification:
 * the verifier cannot tell them apart.
 */
export function flagAmbiguousPlans(plans: readonly InteractionPlan[]): void {
  const byKey = new Map<string, InteractionPlan[]>();
  for (const plan of plans) {
    const key = interactionKey(
      plan.interaction.description,
      plan.interaction.providerStates.map((state) => state.name),
    );
    byKey.set(key, [...(byKey.get(key) ?? []), plan]);
  }
  for (const group of byKey.values()) {
    const [first] = group;
    if (!first || group.every((plan) => sameNotification(plan, first))) continue;
    for (const plan of group) {
      plan.problems.push(
        `pacts of ${[...new Set(group.map((p) => p.consumer))].join(' and ')} share the description "${plan.interaction.description}" and provider states but expect different notifications; verify them separately (--consumer)`,
      );
    }
  }
}

/** What a message provider returns: the message and its metadata, in pact-js's shape. */
export type ProvidedMessage = {
  __pactMessageMetadata: Record<string, string>;
  message: unknown;
};

/** Pact's `messageProviders` and `stateHandlers` for a set of plans. */
export function messageHandlers(plans: readonly InteractionPlan[]) {
  const byKey = new Map<string, InteractionPlan>();
  for (const plan of plans) {
    const key = interactionKey(
      plan.interaction.description,
      plan.interaction.providerStates.map((state) => state.name),
    );
    if (!byKey.has(key)) byKey.set(key, plan);
  }
  const provide = (descriptor: Descriptor): ProvidedMessage => {
    const states = (descriptor.providerStates ?? []).map((state) => state.name);
    const plan = byKey.get(interactionKey(descriptor.description, states));
    const metadata = notificationMetadata();
    if (!plan) {
      return {
        __pactMessageMetadata: metadata,
        message: { 'vcc-sim': `no plan for "${descriptor.description}" (a vcc-sim bug)` },
      };
    }
    if (!plan.notification) {
      return {
        __pactMessageMetadata: metadata,
        message: { 'vcc-sim': `cannot send this notification: ${plan.problems.join('; ')}` },
      };
    }
    return { __pactMessageMetadata: metadata, message: plan.notification };
  };
  const messageProviders: Record<string, (descriptor: Descriptor) => Promise<ProvidedMessage>> = {};
  const stateHandlers: Record<string, () => Promise<undefined>> = {};
  for (const plan of plans) {
    messageProviders[plan.interaction.description] = async (descriptor) => provide(descriptor);
    for (const state of plan.interaction.providerStates) {
      // Scenarios are pure runs: there is nothing to set up, only to choose (done in the plan).
      stateHandlers[state.name] = async () => undefined;
    }
  }
  return { messageProviders, stateHandlers };
}
