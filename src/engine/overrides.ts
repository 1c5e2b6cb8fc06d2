import { VccSimError } from '../errors.js';
import { parseScenario } from './parse-scenario.js';
import type { Scenario } from './types.js';

/**
 * A value for an override: JSON when it parses as JSON (`5`, `true`, `{"distribution":…}`),
 * otherwise the text itself (`5m`, `sales`).
 */
function overrideValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Applies `path=value` overrides to a scenario, in the spirit of `stripe trigger --override`:
 * `timings.talk=5m`, `teams.0.agents=12`, `arrivals.perHour=120`, `mix.1.weight=3`. The result is
 * validated like a file; mistakes name the override.
 * @throws {VccSimError} code `usage` for a malformed override, `scenario` for a result that is not valid
 */
export function withOverrides(scenario: Scenario, overrides: readonly string[]): Scenario {
  if (overrides.length === 0) return scenario;
  const definition = structuredClone(scenario.definition) as unknown as Record<string, unknown>;
  for (const override of overrides) {
    const equals = override.indexOf('=');
    const path = override.slice(0, equals).split('.');
    if (equals <= 0 || path.some((key) => key === '')) {
      throw new VccSimError(
        'usage',
        `Overrides look like "timings.talk=5m" or "teams.0.agents=12" (got "${override}").`,
      );
    }
    let target: Record<string, unknown> = definition;
    for (const [depth, key] of path.slice(0, -1).entries()) {
      const next = target[key];
      if (next === null || typeof next !== 'object') {
        if (next !== undefined) {
          throw new VccSimError(
            'usage',
            `Cannot override "${override}": ${path.slice(0, depth + 1).join('.')} is not an object or a list.`,
          );
        }
        target[key] = {};
      }
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = overrideValue(override.slice(equals + 1));
  }
  return parseScenario(definition, `${scenario.source} with --override ${overrides.join(' ')}`);
}
