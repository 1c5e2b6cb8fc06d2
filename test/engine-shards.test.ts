import { describe, expect, it } from 'vitest';
import {
  builtInScenario,
  planShard,
  runStatistics,
  simulateJson,
  type ShardBy,
  type SimulateOptions,
} from '../src/index.js';

/** The shards of a run, each as its lines (the engine's JSON, byte for byte what generate writes). */
function shards(name: string, options: SimulateOptions, count: number, by?: ShardBy) {
  const scenario = builtInScenario(name);
  return Array.from({ length: count }, (_, index) => [
    ...simulateJson(scenario, { ...options, shard: { index, count, ...(by ? { by } : {}) } }),
  ]);
}

/** Asserts that `parts` are disjoint, add up to `whole` line for line, and each keeps its order. */
function expectUnionIsTheRun(parts: string[][], whole: string[]): void {
  const union = parts.flat();
  expect(union.length).toBe(whole.length);
  expect(new Set(union).size).toBe(union.length);
  expect([...union].sort()).toEqual([...whole].sort());
  const place = new Map(whole.map((line, position) => [line, position]));
  for (const part of parts) {
    const positions = part.map((line) => place.get(line)!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }
}

/** Merges shards by `time`, as a person merges v0 output (where `time` is the send instant). */
function mergeByTime(parts: string[][]): string[] {
  const timeOf = (line: string) => /"time":"([^"]+)"/.exec(line)![1]!;
  const heads = parts.map(() => 0);
  const merged: string[] = [];
  for (;;) {
    let best = -1;
    parts.forEach((part, shard) => {
      const line = part[heads[shard]!];
      if (line === undefined) return;
      if (best === -1 || timeOf(line) < timeOf(parts[best]![heads[best]!]!)) best = shard;
    });
    if (best === -1) return merged;
    merged.push(parts[best]![heads[best]!++]!);
  }
}

describe('shards of a run', () => {
  // The night and the morning rush: every flow, presence and both versions, in a few seconds.
  const options = { seed: 5, events: '*', duration: '10h' };

  it.each([2, 3, 8])(
    'splits contact-centre-day into %i shards whose union is the single run, presence included',
    (count) => {
      const whole = [...simulateJson(builtInScenario('contact-centre-day'), options)];
      const parts = shards('contact-centre-day', options, count);
      for (const part of parts) expect(part.length).toBeGreaterThan(whole.length / count / 2);
      expectUnionIsTheRun(parts, whole);
    },
  );

  it.each([
    ['inbound-answered', 2],
    ['inbound-answered', 3],
    ['agent-shift', 3],
    ['warm-transfer', 8],
  ] as const)('splits the one team of %s into %i shards by calls, exactly', (name, count) => {
    const whole = [...simulateJson(builtInScenario(name), options)];
    const parts = shards(name, options, count);
    expect(planShard(builtInScenario(name), { ...options, shard: { index: 0, count } }).by).toBe(
      'calls',
    );
    expectUnionIsTheRun(parts, whole);
  });

  it('forced by teams or by calls, both add up to the run', () => {
    const whole = [...simulateJson(builtInScenario('contact-centre-day'), options)];
    expectUnionIsTheRun(shards('contact-centre-day', options, 3, 'teams'), whole);
    expectUnionIsTheRun(shards('contact-centre-day', options, 2, 'calls'), whole);
  });

  it('shards the teams the run is limited to', () => {
    const limited = { ...options, teams: ['support', 'billing'] };
    const whole = [...simulateJson(builtInScenario('contact-centre-day'), limited)];
    expectUnionIsTheRun(shards('contact-centre-day', limited, 2), whole);
    expectUnionIsTheRun(shards('contact-centre-day', limited, 3), whole);
  });

  it('merged by time, v0 shards are the single run byte for byte', () => {
    const v0 = { seed: 9, events: 'channel.*.v0', duration: '10h' };
    const whole = [...simulateJson(builtInScenario('contact-centre-day'), v0)];
    for (const count of [2, 3, 8]) {
      expect(mergeByTime(shards('contact-centre-day', v0, count)).join('\n')).toBe(
        whole.join('\n'),
      );
    }
  });

  it('plans whole teams when they split evenly, every n-th call otherwise', () => {
    const day = builtInScenario('contact-centre-day');
    const plans = [0, 1].map((index) => planShard(day, { shard: { index, count: 2 } }));
    expect(plans.map((plan) => [plan.by, plan.teams])).toEqual([
      ['teams', ['support']],
      ['teams', ['sales', 'billing']],
    ]);
    const three = planShard(day, { shard: { index: 2, count: 3 } });
    expect(three).toMatchObject({ index: 2, count: 3, by: 'calls' });
    expect(three.teams).toEqual(['sales', 'support', 'billing']);
  });

  it('gives every shard the whole run’s first time to pace from', () => {
    const day = builtInScenario('contact-centre-day');
    const first = JSON.parse([...simulateJson(day, options)][0]!) as { time: string };
    for (const index of [0, 1]) {
      const plan = planShard(day, { ...options, shard: { index, count: 2 } });
      expect(plan.firstTime).toBe(first.time);
    }
  });

  it('refuses shards that do not exist and teams too few to split, saying why', () => {
    const day = builtInScenario('contact-centre-day');
    expect(() => [...simulateJson(day, { shard: { index: 2, count: 2 } })]).toThrow(
      /shard index must be a whole number from 0 to 1/,
    );
    expect(() => simulateJson(day, { shard: { index: 0, count: 0 } })).toThrow(/shard count/);
    expect(() => simulateJson(day, { shard: { index: 0, count: 4, by: 'teams' } })).toThrow(
      '3 teams cannot make 4 shards by team: split by calls instead',
    );
  });

  it('counts a by-calls shard’s own calls in its statistics: the shards add up', () => {
    const scenario = builtInScenario('inbound-answered');
    const whole = runStatistics(scenario, options);
    const parts = [0, 1, 2].map((index) =>
      runStatistics(scenario, { ...options, shard: { index, count: 3 } }),
    );
    expect(parts.reduce((sum, part) => sum + part.calls, 0)).toBe(whole.calls);
    expect(parts.reduce((sum, part) => sum + part.notifications, 0)).toBe(whole.notifications);
  });
});
