/**
 * The built-in scenarios: the JSON files of `scenarios/`, which users can copy and edit. Loaded as
 * JSON modules so they work wherever the engine does (browsers included).
 */
import { VccSimError } from '../errors.js';
import { compileScenario } from './compile-scenario.js';
import type { Scenario, ScenarioDefinition } from './types.js';
import agentShift from '../../scenarios/agent-shift.json' with { type: 'json' };
import contactCentreDay from '../../scenarios/contact-centre-day.json' with { type: 'json' };
import emailInterrupted from '../../scenarios/email-interrupted.json' with { type: 'json' };
import holdRetrieve from '../../scenarios/hold-retrieve.json' with { type: 'json' };
import inboundAbandoned from '../../scenarios/inbound-abandoned.json' with { type: 'json' };
import inboundAnswered from '../../scenarios/inbound-answered.json' with { type: 'json' };
import inboundRerouted from '../../scenarios/inbound-rerouted.json' with { type: 'json' };
import inboundVoicemail from '../../scenarios/inbound-voicemail.json' with { type: 'json' };
import outboundAnswered from '../../scenarios/outbound-answered.json' with { type: 'json' };
import outboundUnanswered from '../../scenarios/outbound-unanswered.json' with { type: 'json' };
import parkUnpark from '../../scenarios/park-unpark.json' with { type: 'json' };
import supervisorMonitoring from '../../scenarios/supervisor-monitoring.json' with { type: 'json' };
import warmTransfer from '../../scenarios/warm-transfer.json' with { type: 'json' };

const DEFINITIONS: readonly unknown[] = [
  inboundAnswered,
  inboundAbandoned,
  inboundVoicemail,
  inboundRerouted,
  outboundAnswered,
  outboundUnanswered,
  warmTransfer,
  supervisorMonitoring,
  holdRetrieve,
  parkUnpark,
  emailInterrupted,
  agentShift,
  contactCentreDay,
];

/** The scenario `generate` and `push` play when none is named. */
export const DEFAULT_SCENARIO_NAME = 'inbound-answered';

/** Each built-in scenario's name and one-line description, in the order `vcc-sim scenarios` lists them. */
export const BUILT_IN_SCENARIOS: readonly { name: string; description: string }[] = DEFINITIONS.map(
  (definition) => {
    const { name, description } = definition as ScenarioDefinition;
    return { name, description };
  },
);

const cache = new Map<string, Scenario>();

/** True when `name` is a built-in scenario. */
export function isBuiltInScenario(name: string): boolean {
  return BUILT_IN_SCENARIOS.some((scenario) => scenario.name === name);
}

/**
 * A built-in scenario by name.
 * @throws {VccSimError} code `usage` for a name that is not built in, listing the names that are.
 */
export function builtInScenario(name: string): Scenario {
  let scenario = cache.get(name);
  if (!scenario) {
    const definition = DEFINITIONS.find(
      (candidate) => (candidate as ScenarioDefinition).name === name,
    );
    if (!definition) {
      throw new VccSimError(
        'usage',
        `No built-in scenario "${name}"; built-in scenarios: ${BUILT_IN_SCENARIOS.map((s) => s.name).join(', ')}.`,
      );
    }
    // Built-ins are held to the scenario schema by a test, so they skip the schema check here:
    // compiling it would cost every CLI run a noticeable part of its start-up.
    scenario = compileScenario(
      structuredClone(definition) as ScenarioDefinition,
      `${name} (built-in)`,
    );
    cache.set(name, scenario);
  }
  return scenario;
}
