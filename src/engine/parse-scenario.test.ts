import { describe, expect, it } from 'vitest';
import { isVccSimError } from '../errors.js';
import { BUILT_IN_SCENARIOS, builtInScenario } from './built-in-scenarios.js';
import { withOverrides } from './overrides.js';
import { parseScenarioText } from './parse-scenario.js';

const VALID = `# A scenario
name: tiny
description: Two agents, a few calls
calls: 5
arrivals:
  process: rate
  perHour: 60
teams:
  - name: desk
    agents: 2
timings:
  talk: { distribution: lognormal, median: 3m, p90: 9m }
mix:
  - flow: inbound-answered
`;

function problem(text: string): string {
  try {
    parseScenarioText(text, 'tiny.yaml');
  } catch (error) {
    if (isVccSimError(error, 'scenario')) return error.message;
    throw error;
  }
  throw new Error('expected a scenario error');
}

describe('scenario files', () => {
  it('holds every built-in scenario to the schema (built-ins skip the check when loaded)', () => {
    for (const { name } of BUILT_IN_SCENARIOS) {
      const text = JSON.stringify(builtInScenario(name).definition);
      expect(parseScenarioText(text, `${name}.json`).definition).toEqual(
        builtInScenario(name).definition,
      );
    }
  });

  it('reads YAML with comments, and JSON', () => {
    expect(parseScenarioText(VALID, 'tiny.yaml').definition.name).toBe('tiny');
    const json = JSON.stringify(builtInScenario('inbound-answered').definition);
    expect(parseScenarioText(json, 'copy.json').definition).toEqual(
      builtInScenario('inbound-answered').definition,
    );
  });

  it('names file, line and column, JSON Pointer and expectation of a schema error', () => {
    expect(problem(VALID.replace('perHour: 60', 'perHour: -3'))).toBe(
      'Invalid scenario "tiny.yaml:7:12": /arrivals/perHour: must be > 0 (got -3)',
    );
    expect(problem(VALID.replace('flow: inbound-answered', 'flow: inbound-answerd'))).toMatch(
      /^Invalid scenario "tiny.yaml:14:11": \/mix\/0\/flow: must be one of "inbound-answered", /,
    );
    expect(problem(VALID.replace('calls: 5\n', ''))).toBe(
      'Invalid scenario "tiny.yaml:2:1": /: needs "calls" or "duration", to know when to stop',
    );
  });

  it('names the place of a rule the schema cannot express', () => {
    expect(problem(VALID.replace('p90: 9m', 'p90: 1m'))).toBe(
      'Invalid scenario "tiny.yaml:12:9": /timings/talk: p90 must be greater than median, and median greater than 0',
    );
    expect(
      problem(
        VALID.replace('  - flow: inbound-answered', '  - flow: inbound-answered\n    team: sales'),
      ),
    ).toBe(
      'Invalid scenario "tiny.yaml:15:11": /mix/0/team: names no team of this scenario (teams: desk)',
    );
    expect(problem(VALID.replace('agents: 2', 'agents: 0'))).toMatch(
      /\/mix\/0: inbound-answered needs a team with inbound agents/,
    );
    expect(problem(VALID.replace('flow: inbound-answered', 'flow: supervisor-monitoring'))).toMatch(
      /\/mix\/0: supervisor-monitoring needs a team with supervisors/,
    );
  });

  it('reports text that is not YAML with its position', () => {
    expect(problem('name: [unclosed\n')).toMatch(
      /^Invalid scenario "tiny.yaml:\d+:\d+": not valid YAML or JSON/,
    );
  });

  it('applies overrides and validates the result', () => {
    const scenario = withOverrides(builtInScenario('inbound-answered'), [
      'timings.talk=5m',
      'teams.0.agents=7',
      'calls=3',
    ]);
    expect(scenario.definition.timings?.talk).toBe('5m');
    expect(scenario.definition.teams[0]!.agents).toBe(7);
    expect(scenario.definition.calls).toBe(3);
    expect(() => withOverrides(builtInScenario('inbound-answered'), ['calls=-1'])).toThrow(
      /\/calls: must be >= 1/,
    );
    expect(() => withOverrides(builtInScenario('inbound-answered'), ['talk'])).toThrow(
      /Overrides look like/,
    );
  });
});
