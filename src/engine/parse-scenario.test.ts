import { describe, expect, it } from 'vitest';
import { isVccSimError } from '../errors.js';
import { BUILT_IN_SCENARIOS, builtInScenario } from './built-in-scenarios.js';
import { withOverrides } from './overrides.js';
import { parseScenarioText } from './parse-scenario-text.js';

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

  it.each([
    ['__proto__.polluted=1', '"__proto__" is not a scenario setting'],
    ['teams.__proto__.polluted=1', '"__proto__" is not a scenario setting'],
    ['teams.0.constructor.prototype.polluted=1', '"constructor" is not a scenario setting'],
    ['mix.prototype=1', '"prototype" is not a scenario setting'],
    ['timings.tlak=5m', 'timings has no setting "tlak" (timings has: busy, consult'],
    ['teams.0.nme=x', 'teams.0 has no setting "nme"'],
    ['colour=blue', 'a scenario has no setting "colour"'],
  ])(
    'refuses the override %s, which no scenario has, and pollutes nothing',
    (override, message) => {
      const attempt = () => withOverrides(builtInScenario('contact-centre-day'), [override]);
      expect(attempt).toThrow(message);
      expect(
        isVccSimError(
          (() => {
            try {
              attempt();
            } catch (error) {
              return error;
            }
          })(),
          'usage',
        ),
      ).toBe(true);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );

  it('keeps __proto__ in YAML and JSON a plain key, which the schema refuses', () => {
    expect(problem(`${VALID}__proto__:\n  polluted: 1\n`)).toMatch(/__proto__.*not a known field/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses YAML whose aliases explode ("billion laughs"), duplicate keys and deep nesting', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
    ]) {
      rows.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(',')}]`);
    }
    expect(problem(`${rows.join('\n')}\n`)).toContain('its aliases expand too far');
    expect(problem(`${VALID}calls: 6\n`)).toMatch(/Map keys must be unique/);
    expect(problem(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toMatch(
      /nested more than 64 levels deep/,
    );
    expect(problem(`name: x\ndescription: "${'['.repeat(100)}"\n`)).not.toMatch(/nested/);
  });

  it('names the place of a workforce rule the schema cannot express', () => {
    const rostered = (roster: string, extra = '') =>
      VALID.replace('    agents: 2\n', `    agents: 2\n    roster: ${roster}\n`) + extra;
    expect(problem(rostered('{ shifts: [{ start: "08:00", agents: 3 }] }'))).toMatch(
      /\/teams\/0\/agents: is 2, but the roster has 3 shifts \(one agent each\): give at least 3 agents, or leave "agents" out$/,
    );
    expect(
      problem(
        rostered(
          '{ hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], shifts: [{ start: "08:00", agents: 1 }] }',
        ),
      ),
    ).toMatch(/\/teams\/0\/roster: has both "hourly" and "shifts": give one of them$/);
    expect(problem(rostered('{ shiftLength: 8h }'))).toMatch(
      /\/teams\/0\/roster: needs "hourly" staffing or a list of "shifts"$/,
    );
    expect(problem(rostered('{ shifts: [{ start: "08:00", agents: 1, length: 20h }] }'))).toMatch(
      /\/teams\/0\/roster\/shifts\/0\/length: must be longer than 0 and at most 16h$/,
    );
    // A team without a roster works inbound unless all its flows are outbound.
    expect(problem(`${VALID}  - flow: outbound-answered\n`)).toMatch(
      /^Invalid scenario "tiny.yaml:\d+:\d+": \/mix\/1: outbound-answered needs a team with outbound agents/,
    );
    expect(problem(`${VALID}diallingHours: { from: "09:00", to: "09:00" }\n`)).toMatch(
      /\/diallingHours: must not start and end at the same time$/,
    );
    expect(
      problem(`${VALID}voicemail: { openingHours: { from: "25:00", to: "09:00" } }\n`),
    ).toMatch(/\/voicemail\/openingHours\/from: must match pattern/);
    expect(problem(VALID.replace('    agents: 2\n', ''))).toMatch(
      /\/teams\/0: needs "agents", or a "roster" that says who works when$/,
    );
  });

  it('warns, without failing, about flows named after outcomes the queue now decides', () => {
    const scenario = parseScenarioText(
      VALID.replace('flow: inbound-answered', 'flow: inbound-voicemail'),
      'tiny.yaml',
    );
    expect(scenario.warnings).toEqual([
      '/mix/0/flow: "inbound-voicemail" plays as an inbound call ("inbound-answered"): callers reach voicemail by the scenario\'s "voicemail" rules (maxWait, noAgentLoggedIn, openingHours)',
    ]);
    expect(builtInScenario('contact-centre-day').warnings).toEqual([]);
  });

  it('overrides reach into rosters, rules and targets', () => {
    const scenario = withOverrides(builtInScenario('contact-centre-day'), [
      'teams.1.roster.hourly.9=30',
      'voicemail.maxWait=2m',
      'missedCall.then=unexpected',
      'targets.serviceLevel=90',
    ]);
    const definition = scenario.definition;
    expect(definition.teams[1]!.roster!.hourly![9]).toBe(30);
    expect(definition.voicemail?.maxWait).toBe('2m');
    expect(definition.missedCall?.then).toBe('unexpected');
    expect(definition.targets?.serviceLevel).toBe(90);
    expect(() =>
      withOverrides(builtInScenario('contact-centre-day'), ['teams.0.roster.shifts.0.start=25:00']),
    ).toThrow(/\/teams\/0\/roster\/shifts\/0\/start: must match pattern/);
  });
});
