import type { ProviderStateInfo } from './types.js';

/**
 * The provider states vcc-sim understands: each names a situation in a contact centre and plays the
 * built-in scenario that produces it. A consumer writes one in `given(…)` (or `state` of
 * {@link expectNotification}); `vcc-sim pact verify` runs that scenario and hands Pact the first
 * notification of the expected type and party role. The name of a built-in scenario works as a
 * state too. Without a state, vcc-sim picks the first state below that sends the notification.
 */
export const PROVIDER_STATES: readonly ProviderStateInfo[] = [
  {
    name: 'an agent answered an inbound call',
    scenario: 'inbound-answered',
    description:
      'A customer calls in, waits in the queue, an agent answers, they talk, the agent wraps up.',
  },
  {
    name: 'an agent put a call on hold and retrieved it',
    scenario: 'hold-retrieve',
    description: 'An answered call is held and retrieved.',
  },
  {
    name: 'an agent parked a call and unparked it',
    scenario: 'park-unpark',
    description: 'An answered call is parked and unparked (both channels are notified).',
  },
  {
    name: 'an email was interrupted by a call',
    scenario: 'email-interrupted',
    description: 'An agent working an email is interrupted by a call, then resumes the email.',
  },
  {
    name: 'a supervisor monitored a call',
    scenario: 'supervisor-monitoring',
    description: 'A supervisor listens in on an answered call (a monitor party).',
  },
  {
    name: 'a caller left a voicemail',
    scenario: 'inbound-voicemail',
    description: 'A customer calls in and is sent to voicemail.',
  },
  {
    name: 'a caller hung up while waiting in the queue',
    scenario: 'inbound-abandoned',
    description: 'A customer calls in and gives up before an agent is free.',
  },
  {
    name: 'an agent did not answer and the call was rerouted',
    scenario: 'inbound-rerouted',
    description: 'The first agent’s phone rings out (connectionfailed); another agent answers.',
  },
  {
    name: 'a customer answered an outbound call',
    scenario: 'outbound-answered',
    description: 'An agent dials out and the customer picks up.',
  },
  {
    name: 'a customer did not answer an outbound call',
    scenario: 'outbound-unanswered',
    description: 'An agent dials out and nobody answers: the customer channel fails to connect.',
  },
  {
    name: 'an agent warm-transferred a call',
    scenario: 'warm-transfer',
    description: 'An agent consults a colleague, then leaves the customer with them.',
  },
  {
    name: 'an agent changed presence',
    scenario: 'agent-shift',
    description: 'A team works a day: agents log in, take breaks and lunch, and log out.',
  },
  {
    name: 'a contact centre worked through a day',
    scenario: 'contact-centre-day',
    description: 'A full day of mixed traffic across teams.',
  },
];

const byName = new Map(PROVIDER_STATES.map((state) => [state.name, state]));
const byScenario = new Map(PROVIDER_STATES.map((state) => [state.scenario, state]));

/** The state of that name, or of that scenario name; `undefined` when vcc-sim does not know it. */
export function providerState(name: string): ProviderStateInfo | undefined {
  return byName.get(name) ?? byScenario.get(name);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + cost);
      previous = saved;
    }
  }
  return row[b.length] as number;
}

/** The known state closest to `name`, when it is close enough to be a likely typo. */
export function closestProviderState(name: string): ProviderStateInfo | undefined {
  let best: ProviderStateInfo | undefined;
  let bestDistance = Infinity;
  const wanted = name.toLowerCase().trim();
  for (const state of PROVIDER_STATES) {
    const d = distance(wanted, state.name);
    if (d < bestDistance) [best, bestDistance] = [state, d];
  }
  return bestDistance <= Math.max(3, Math.floor(wanted.length / 4)) ? best : undefined;
}
