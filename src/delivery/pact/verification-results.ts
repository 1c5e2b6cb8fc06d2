import type { InteractionPlan } from './plan.js';
import type { InteractionVerdict } from './types.js';

/**
 * Reads the JSON result of Pact's verifier (`errors`, `pendingErrors`, `interactionResults`,
 * `output`) and joins it with vcc-sim's plans into one verdict per interaction.
 */

interface PactError {
  interaction: string;
  lines: string[];
}

/** The parts of Pact's result vcc-sim uses. */
export interface PactResults {
  errors: PactError[];
  pendingErrors: PactError[];
  ran: Set<string>;
  output: string[];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

// Pact colours its text; reports keep it plain.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function plain(text: unknown): string {
  return String(text ?? '').replace(ANSI, '');
}

function mismatchLines(mismatch: Record<string, unknown>): string[] {
  if (mismatch['type'] === 'error') return [plain(mismatch['message'])];
  const list = mismatch['mismatches'];
  if (!Array.isArray(list)) return [plain(JSON.stringify(mismatch))];
  return list.map((item) => {
    const entry = record(item);
    const where =
      entry['path'] ??
      (entry['key'] !== undefined ? `metadata ${String(entry['key'])}` : undefined);
    return `${where ? `${plain(where)} -> ` : ''}${plain(entry['mismatch'])}`;
  });
}

function errors(list: unknown): PactError[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => ({
    interaction: plain(record(item)['interaction']),
    lines: mismatchLines(record(record(item)['mismatch'])),
  }));
}

/** Reads Pact's verifier result; anything missing reads as empty. */
export function pactResults(json: unknown): PactResults {
  const result = record(json);
  const ran = new Set<string>();
  const interactionResults = result['interactionResults'];
  if (Array.isArray(interactionResults)) {
    for (const item of interactionResults) ran.add(plain(record(item)['description']));
  }
  const output = Array.isArray(result['output'])
    ? result['output'].flatMap((line) => plain(line).split('\n'))
    : [];
  return {
    errors: errors(result['errors']),
    pendingErrors: errors(result['pendingErrors']),
    ran,
    output,
  };
}

/** Whether Pact's interaction label ("Verifying a pact between c and p Given s - d") is this plan's. */
function isFor(label: string, plan: InteractionPlan, provider: string): boolean {
  const { description, providerStates } = plan.interaction;
  return (
    label.startsWith(`Verifying a pact between ${plan.consumer} and ${provider}`) &&
    label.endsWith(` - ${description}`) &&
    providerStates.every((state) => label.includes(state.name))
  );
}

/** The verdict on one planned interaction, given Pact's results. */
export function verdictOf(
  plan: InteractionPlan,
  provider: string,
  pendingPact: boolean,
  results: PactResults,
): InteractionVerdict {
  const failure = results.errors.find((error) => isFor(error.interaction, plan, provider));
  const pendingFailure = results.pendingErrors.find((error) =>
    isFor(error.interaction, plan, provider),
  );
  const mismatches = (failure ?? pendingFailure)?.lines ?? [];
  let status: InteractionVerdict['status'] = 'passed';
  if (failure) status = pendingPact ? 'pending' : 'failed';
  else if (pendingFailure) status = 'pending';
  else if (!results.ran.has(plan.interaction.description)) {
    status = pendingPact ? 'pending' : 'failed';
    mismatches.push("Pact's verifier did not report this interaction");
  }
  return {
    description: plan.interaction.description,
    providerStates: plan.interaction.providerStates.map((state) => state.name),
    ...(plan.type ? { type: plan.type } : {}),
    ...(plan.role ? { role: plan.role } : {}),
    ...(plan.state ? { playedState: plan.state.name, scenario: plan.state.scenario } : {}),
    status,
    reasons: plan.problems,
    mismatches,
  };
}
