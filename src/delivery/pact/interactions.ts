import { isChannelEventType, type EventType, type PartyRole } from '../../contract/index.js';
import { VccSimError } from '../../errors.js';
import { readExpectedBody } from './expectations.js';
import { notificationBody } from './notification-body.js';
import { splitTemplate } from './pact-file.js';
import { providerState } from './provider-states.js';
import type { NotificationExpectation, NotificationInteraction } from './types.js';

/** The provider's name in pacts, unless a team picks another: `vcc-webhooks`. */
export const DEFAULT_PROVIDER = 'vcc-webhooks';

/**
 * The `Content-Type` of a webhook request: CloudEvents structured mode. It is recorded in the
 * message metadata under {@link WEBHOOK_CONTENT_TYPE_KEY}, not `contentType`: Pact's `contentType`
 * describes the message body, which is plain JSON, and the verifier's proxy always serves bodies as
 * `application/json`, so a CloudEvents `contentType` there could never verify.
 */
export const WEBHOOK_CONTENT_TYPE = 'application/cloudevents+json';

/** The metadata key under which pacts record the webhook's HTTP content type. */
export const WEBHOOK_CONTENT_TYPE_KEY = 'webhookContentType';

/** The metadata every vcc-sim interaction carries, and the provider always sends back. */
export function notificationMetadata(): Record<string, string> {
  return { [WEBHOOK_CONTENT_TYPE_KEY]: WEBHOOK_CONTENT_TYPE };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/**
 * The default description: `a channel.connected.v0 notification about an agent party`, or for an
 * agent event (no party) `an agent.presencechanged.v0 notification`.
 */
export function defaultDescription(type: EventType, role?: PartyRole): string {
  const notification = `${article(type)} ${type} notification`;
  return role === undefined ? notification : `${notification} about ${article(role)} ${role} party`;
}

/**
 * Everything Pact needs for one expected notification: description, provider state, body with
 * matchers and metadata. Throws a `usage` error when the provider state is unknown.
 */
export function notificationInteraction(
  expectation: NotificationExpectation,
): NotificationInteraction {
  const role = isChannelEventType(expectation.type) ? (expectation.role ?? 'agent') : undefined;
  if (expectation.state !== undefined && !providerState(expectation.state)) {
    throw new VccSimError(
      'usage',
      `Unknown provider state ${JSON.stringify(expectation.state)}; PROVIDER_STATES (or "vcc-sim pact states") lists them.`,
    );
  }
  return {
    description: expectation.description ?? defaultDescription(expectation.type, role),
    ...(expectation.state !== undefined ? { providerState: expectation.state } : {}),
    body: notificationBody(expectation.type, expectation),
    metadata: notificationMetadata(),
  };
}

/**
 * Holds an interaction's body against the contract and throws a `usage` error that says why VCC
 * could never send it (a field the type does not have, a literal where values differ…).
 */
export function assertSatisfiable(interaction: NotificationInteraction): void {
  const { content, rules } = splitTemplate(interaction.body);
  const { problems } = readExpectedBody(content, rules);
  if (problems.length > 0) {
    throw new VccSimError(
      'usage',
      `VCC can never send "${interaction.description}": ${problems.join('; ')}.`,
    );
  }
}
