import type { ErrorObject } from 'ajv/dist/2020.js';
import { toIssues } from '../contract/validation-messages.js';
import { VccSimError } from '../errors.js';
import { compileScenario } from './compile-scenario.js';
import { compiledValidators } from './generated/scenario-validator.js';
import { ScenarioProblem } from './scenario-problem.js';
import type { Scenario, ScenarioDefinition } from './types.js';

/**
 * The scenario schema (`scenarios/scenario.schema.json`) is compiled to code at build time by ajv
 * (`npm run contracts`), so parsing a scenario neither loads ajv nor compiles a schema; the code
 * runs on the first parse, so importing the engine costs next to nothing.
 */
type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Validates a scenario definition (already parsed from YAML or JSON) and compiles it.
 * @param source the file or built-in it came from, named in messages
 * @throws {VccSimError} code `scenario`: `Invalid scenario "x.yaml": /arrivals/perHour: must be > 0 (got -3)`
 */
export function parseScenario(definition: unknown, source: string): Scenario {
  return parseWithPositions(definition, source, () => undefined);
}

/** {@link parseScenario}, with a way to place a JSON Pointer in the source text for messages. */
export function parseWithPositions(
  definition: unknown,
  source: string,
  locate: (pointer: string) => string | undefined,
): Scenario {
  const validate = (compiledValidators() as { validateScenario: CompiledValidator })
    .validateScenario;
  if (!validate(definition)) {
    const issues = toIssues(validate.errors ?? [], definition).filter(
      // oneOf/anyOf summaries repeat what their branches said.
      (issue) => !/^must match (exactly one|a) schema/.test(issue.message),
    );
    const first = issues[0] ?? { path: '', message: 'is invalid' };
    const where = locate(first.path);
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new VccSimError(
      'scenario',
      `Invalid scenario "${where ? `${source}:${where}` : source}": ${first.path || '/'}: ${first.message}${more}`,
    );
  }
  try {
    return compileScenario(definition as ScenarioDefinition, source);
  } catch (error) {
    if (error instanceof ScenarioProblem) {
      const where = locate(error.pointer);
      throw new VccSimError(
        'scenario',
        `Invalid scenario "${where ? `${source}:${where}` : source}": ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}
