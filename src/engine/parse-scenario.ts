import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import scenarioSchema from '../../scenarios/scenario.schema.json' with { type: 'json' };
import { toIssues } from '../contract/validation-messages.js';
import { VccSimError } from '../errors.js';
import { compileScenario } from './compile-scenario.js';
import { ScenarioProblem } from './scenario-problem.js';
import type { Scenario, ScenarioDefinition } from './types.js';

let validateDefinition: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!validateDefinition) {
    const ajv = new Ajv2020({
      allErrors: true,
      verbose: true,
      discriminator: true,
      allowUnionTypes: true,
    });
    formats.default(ajv, ['date-time']);
    validateDefinition = ajv.compile(scenarioSchema);
  }
  return validateDefinition;
}

/** Locates a JSON Pointer in a parsed YAML document, as `line:column`. */
function positionOf(document: Document, lines: LineCounter, pointer: string): string | undefined {
  const path = pointer
    .split('/')
    .slice(1)
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
  // Walk up until a node exists (a missing property is reported on its parent).
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return `${line}:${col}`;
    }
  }
  return undefined;
}

/**
 * Validates a scenario definition (already parsed from YAML or JSON) and compiles it.
 * @param source the file or built-in it came from, named in messages
 * @throws {VccSimError} code `scenario`: `Invalid scenario "x.yaml": /arrivals/perHour: must be > 0 (got -3)`
 */
export function parseScenario(definition: unknown, source: string): Scenario {
  return parseWithPositions(definition, source, () => undefined);
}

function parseWithPositions(
  definition: unknown,
  source: string,
  locate: (pointer: string) => string | undefined,
): Scenario {
  const validate = schemaValidator();
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

/**
 * Parses scenario text, YAML or JSON (JSON is YAML), and validates it. Errors name the file, the
 * line and column, the JSON Pointer, and what was expected.
 */
export function parseScenarioText(text: string, source: string): Scenario {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const { line, col } = lines.linePos(syntaxError.pos[0]);
    throw new VccSimError(
      'scenario',
      `Invalid scenario "${source}:${line}:${col}": not valid YAML or JSON (${syntaxError.message.split('\n')[0]})`,
    );
  }
  return parseWithPositions(document.toJS(), source, (pointer) =>
    positionOf(document, lines, pointer),
  );
}
