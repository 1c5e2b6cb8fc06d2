import { describe, expect, it } from 'vitest';
import { validateNotification } from '../contract/index.js';
import { RUN_START_MS, RunStream } from '../../test/support/run-stream.js';
import { LevelSeries } from './level-series.js';
import { RunAggregator } from './run-aggregator.js';
import { CHANNEL_STATES, type RunReport } from './types.js';

const S = 1000;

/** One agent's morning: two answered calls (5 s and 35 s waits), one abandoned, a break. */
function morning({ v1 = false } = {}): RunStream {
  const run = new RunStream()
    .presence('1001', 0, 'ready')
    .answeredCall(1, '1001', { arrive: 10, ring: 12, answer: 15, end: 100, wrapEnd: 130 })
    .answeredCall(2, '1001', { arrive: 200, ring: 230, answer: 235, end: 300, wrapEnd: 310 })
    .abandonedCall(3, { arrive: 400, leave: 450 })
    .presence('1001', 3000, 'break')
    .presence('1001', 3600, 'ready')
    .presence('1001', 7200, 'loggedOut');
  if (v1) {
    // The same events again as VCC's v1 would send them: nothing may count twice.
    for (const notification of [...run.notifications]) {
      run.notifications.push({
        ...notification,
        type: notification.type.replace('.v0', '.v1'),
      } as never);
    }
  }
  return run;
}

function reportOf(values: readonly unknown[]): RunReport {
  const aggregator = new RunAggregator();
  for (const value of values) aggregator.add(value);
  return aggregator.report();
}

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(values: readonly T[], seed = 7): T[] {
  const copy = [...values];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

describe('RunAggregator', () => {
  it('is fed valid notifications by the hand-made runs', () => {
    for (const notification of morning().notifications) {
      expect(validateNotification(notification)).toEqual({ valid: true, warnings: [] });
    }
  });

  it('derives the KPIs of a hand-made run', () => {
    const report = reportOf(morning().notifications);
    expect(report.kpis).toEqual({
      offered: 3,
      answered: 2,
      abandoned: 1,
      voicemail: 0,
      open: 0,
      abandonmentRate: 1 / 3,
      serviceLevel: 1 / 3,
      asaMs: 20 * S,
      // Busy 118 s + 80 s over 6,600 s of Ready (the break is not ready time).
      occupancy: 198 / 6600,
      outbound: 0,
      outboundConnected: 0,
      outboundUnanswered: 0,
    });
    expect(report.occupancyBasis).toBe('presence');
    expect(report.notes).toEqual([]);
    expect(report.firstMs).toBe(RUN_START_MS);
    expect(report.lastMs).toBe(RUN_START_MS + 7200 * S);
  });

  it('counts each hour’s calls in the hour they arrived, and the hour’s occupancy', () => {
    const [nine, ten, eleven, ...rest] = reportOf(morning().notifications).hours;
    expect(rest).toEqual([]);
    expect(nine).toMatchObject({
      startMs: RUN_START_MS,
      inbound: 3,
      answered: 2,
      abandoned: 1,
      answeredWithinThreshold: 1,
      serviceLevel: 1 / 3,
    });
    expect(nine!.occupancy).toBeCloseTo(198 / 3000, 9);
    expect(ten).toMatchObject({ inbound: 0, serviceLevel: null, occupancy: 0 });
    expect(eleven).toMatchObject({ occupancy: null });
  });

  it('gives the same report for v1 beside v0, and for any arrival order', () => {
    const plain = reportOf(morning().notifications);
    const doubled = reportOf(morning({ v1: true }).notifications);
    const disordered = reportOf(shuffled(morning({ v1: true }).notifications));
    for (const report of [doubled, disordered]) {
      expect(report.kpis).toEqual(plain.kpis);
      expect(report.hours).toEqual(plain.hours);
      expect(report.levels).toEqual(plain.levels);
      expect(report.agents).toEqual(plain.agents);
    }
    expect(doubled.notifications).toBe(plain.notifications * 2);
    expect(doubled.byType['channel.connected.v1']).toBe(plain.byType['channel.connected.v0']);
  });

  it('draws the agent’s calls and presence as bars', () => {
    const [agent] = reportOf(morning().notifications).agents;
    const ringing = CHANNEL_STATES.indexOf('ringing');
    const talking = CHANNEL_STATES.indexOf('talking');
    const wrap = CHANNEL_STATES.indexOf('wrap');
    const at = (seconds: number) => RUN_START_MS + seconds * S;
    expect(agent).toMatchObject({ agentId: '1001', roles: ['agent'], handled: 2, busyMs: 198 * S });
    expect(agent!.channels).toEqual([
      [at(12), at(15), ringing],
      [at(15), at(100), talking],
      [at(100), at(130), wrap],
      [at(230), at(235), ringing],
      [at(235), at(300), talking],
      [at(300), at(310), wrap],
    ]);
    const report = reportOf(morning().notifications);
    const names = report.agents[0]!.presence.map(([from, to, state]) => [
      (from - RUN_START_MS) / S,
      (to - RUN_START_MS) / S,
      report.presenceStates[state]!.description,
    ]);
    expect(names).toEqual([
      [0, 3000, 'Ready'],
      [3000, 3600, 'Break'],
      [3600, 7200, 'Ready'],
    ]);
  });

  it('keeps the number of calls waiting as a time-weighted mean', () => {
    const report = reportOf(morning().notifications);
    const waitingSeconds = report.levels.points.reduce(
      (sum, [, waiting]) => sum + (waiting * report.levels.widthMs) / S,
      0,
    );
    expect(waitingSeconds).toBeCloseTo(5 + 35 + 50, 6);
  });

  it('says what it cannot tell: a run of connected notifications only, no presence', () => {
    const connectedOnly = morning().notifications.filter((n) => n.type === 'channel.connected.v0');
    const report = reportOf([...connectedOnly, { hello: 'world' }]);
    expect(report.kpis).toMatchObject({ offered: 3, answered: 2, abandoned: 0, open: 1 });
    expect(report.occupancyBasis).toBe('run');
    expect(report.ignored).toBe(1);
    expect(report.notes.join('\n')).toMatch(/no channel.disconnected or channel.ended/);
    expect(report.notes.join('\n')).toMatch(/no agent.presencechanged/);
  });

  it('keeps an agent’s bars bounded over a long run', () => {
    const run = new RunStream().presence('1001', 0, 'ready');
    for (let call = 1; call <= 3000; call++) {
      const t = call * 200;
      run.answeredCall(call, '1001', {
        arrive: t,
        ring: t + 1,
        answer: t + 3,
        end: t + 60,
        wrapEnd: t + 70,
      });
    }
    const aggregator = new RunAggregator();
    for (const notification of run.notifications) aggregator.add(notification);
    const report = aggregator.report();
    expect(report.kpis.answered).toBe(3000);
    expect(report.agents[0]!.channels.length).toBeLessThanOrEqual(1500);
    expect(report.timelineResolutionMs).toBeGreaterThan(0);
    expect(report.agents[0]!.busyMs).toBe(3000 * 69 * S);
    expect(report.levels.points.length).toBeLessThanOrEqual(1500);
  });
});

describe('LevelSeries', () => {
  it('merges buckets exactly: the means equal those computed at the coarse width directly', () => {
    const changes = Array.from({ length: 400 }, (_, index) => [
      (index * 7_919) % 100_000,
      ((index * 104_729) % 100_000) + 100_000,
    ]);
    const fine = new LevelSeries(100, { maxBuckets: 50 });
    const coarse = new LevelSeries(6_400);
    for (const [from, to] of changes) {
      fine.interval(from!, to!);
      coarse.interval(from!, to!);
    }
    expect(fine.widthMs).toBe(6_400);
    expect(fine.means()).toEqual(coarse.means());
  });
});
