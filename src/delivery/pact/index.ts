/**
 * `vcc-sim/pact`: contract testing of VCC webhook notifications with Pact.
 *
 * - Consumer side: spec-faithful notification bodies with Pact matchers ({@link notificationBody}),
 *   and one-call V4 message interactions ({@link expectNotification}, {@link receiveNotification}).
 * - Provider side: {@link verifyPacts} verifies pacts with vcc-sim standing in for VCC.
 * - Broker: {@link publishPacts}, and {@link brokerConnection} for the usual `PACT_BROKER_*` setup.
 *
 * Importing this module does not load Pact; only {@link verifyPacts} does (it is an optional peer
 * dependency), and the consumer helpers use the consumer's own `PactV4`.
 */
export { brokerConnection } from './broker-connection.js';
export {
  expectNotification,
  receiveNotification,
  type NotificationMessageInteraction,
  type PactAsynchronousMessage,
} from './consumer.js';
export {
  generatePact,
  writeGeneratedPact,
  type GeneratePactOptions,
  type GeneratedCombination,
  type GeneratedPact,
} from './generate.js';
export {
  type PactMatcher,
  type PactTemplate,
  type RegexMatcher,
  type TypeMatcher,
} from './matchers.js';
export { notificationBody } from './notification-body.js';
export { pactDocument, pactFileText, parsePact } from './pact-file.js';
export { PROVIDER_STATES } from './provider-states.js';
export { publishPacts, type PublishPactsOptions, type PublishedPacts } from './publish.js';
export {
  detectVersionProperties,
  gitRunner,
  type GitRunner,
  type VersionProperties,
} from './version-properties.js';
export { verifyPacts } from './verify.js';
export type * from './types.js';
