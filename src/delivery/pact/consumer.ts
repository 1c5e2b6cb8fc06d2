import type { PactV4 } from '@pact-foundation/pact';
import type { EventType, VccNotification } from '../../contract/index.js';
import { assertSatisfiable, notificationInteraction } from './interactions.js';
import type { NotificationExpectation } from './types.js';

/**
 * The consumer side: one expected notification becomes one V4 asynchronous message interaction on
 * the consumer's own `PactV4`. Only Pact's types are imported here, so `vcc-sim/pact` does not load
 * Pact by itself; the consumer's `PactV4` does.
 */

/** Pact's V4 asynchronous interaction with its content set (Pact does not export the type). */
export type NotificationMessageInteraction = ReturnType<
  ReturnType<PactV4['addAsynchronousInteraction']>['expectsToReceive']
>;

/** The message Pact hands a consumer test (Pact does not export the type). */
export type PactAsynchronousMessage = Parameters<
  Parameters<NotificationMessageInteraction['executeTest']>[0]
>[0];

/**
 * Adds an expected notification to `pact` and returns Pact's interaction, ready for
 * `executeTest`. Throws (before Pact sees it) when VCC could never send what is expected.
 *
 * @example
 * await expectNotification(pact, { type: 'channel.connected.v0', role: 'agent' })
 *   .executeTest(async (message) => handle(message.contents.content));
 */
export function expectNotification(
  pact: PactV4,
  expectation: NotificationExpectation,
): NotificationMessageInteraction {
  const interaction = notificationInteraction(expectation);
  assertSatisfiable(interaction);
  let message = pact.addAsynchronousInteraction();
  if (interaction.providerState) message = message.given(interaction.providerState);
  return message.expectsToReceive(interaction.description, (builder) => {
    builder.withJSONContent(interaction.body).withMetadata(interaction.metadata);
  });
}

/**
 * A consumer test in one call: describes the notification, hands its example to `handler` (typed
 * by `type`: a channel or an agent notification), and lets Pact record the interaction when the
 * handler succeeds.
 *
 * @example
 * it('records which agent answered', () =>
 *   receiveNotification(
 *     pact,
 *     { type: 'channel.connected.v0', role: 'agent', state: 'an agent answered an inbound call' },
 *     (notification) => onNotification(notification),
 *   ));
 * it('tracks presence', () =>
 *   receiveNotification(
 *     pact,
 *     { type: 'agent.presencechanged.v1', state: 'an agent changed presence' },
 *     (notification) => roster.set(notification.subject, notification.data.presence),
 *   ));
 */
export async function receiveNotification<T extends EventType>(
  pact: PactV4,
  expectation: NotificationExpectation<T>,
  handler: (notification: VccNotification<T>, message: PactAsynchronousMessage) => unknown,
): Promise<void> {
  await expectNotification(pact, expectation).executeTest(async (message) => {
    await handler(message.contents.content as VccNotification<T>, message);
  });
}
