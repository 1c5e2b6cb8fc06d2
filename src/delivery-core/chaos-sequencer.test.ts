import { describe, expect, it } from 'vitest';
import { randomStream } from '../engine/index.js';
import { chaosPlanner, chaosSettings, type ChaosPlan } from './chaos.js';
import { ChaosSequencer } from './chaos-sequencer.js';
import type { ChaosOptions } from './types.js';

type Send = { item: number; plan: ChaosPlan | undefined };

/** Plans and orders `count` items as an adapter does: one plan each, then the sequencer's order. */
function plan(count: number, options: ChaosOptions, seed = 1, timeOf?: (send: Send) => number) {
  const settings = chaosSettings(options);
  const planner = settings && chaosPlanner(settings, randomStream(seed, 'chaos').next);
  const sequencer = new ChaosSequencer<Send>(timeOf);
  const sends: Send[] = [];
  for (let item = 0; item < count; item++) {
    const itemPlan = planner?.();
    sends.push(...sequencer.push({ item, plan: itemPlan }, itemPlan));
  }
  sends.push(...sequencer.flush());
  return sends;
}

describe('chaosSettings', () => {
  it('names the rate that is out of range', () => {
    expect(() => chaosSettings({ duplicate: 1.5 })).toThrow(/chaos\.duplicate .* between 0 and 1/);
    expect(() => chaosSettings({ unsigned: 0.6, wrongSignature: 0.6 })).toThrow(/add up to 1.2/);
    expect(chaosSettings({ duplicate: 0, reorder: 0 })).toBeUndefined();
  });
});

describe('the chaos planner and sequencer', () => {
  it('passes every item through once, in order, without chaos', () => {
    const sends = plan(50, {});
    expect(sends.map((send) => send.item)).toEqual([...Array(50).keys()]);
    expect(sends.every((send) => send.plan === undefined)).toBe(true);
  });

  it('plans a duplicate for every item when every item is duplicated, and keeps the order', () => {
    const sends = plan(40, { duplicate: 1 });
    expect(sends.map((send) => send.item)).toEqual([...Array(40).keys()]);
    expect(sends.every((send) => send.plan?.duplicate)).toBe(true);
  });

  it('reorders about the given share, loses nothing, and moves items later only', () => {
    const sends = plan(2000, { reorder: 0.2 }, 7);
    expect(sends.map((send) => send.item).sort((a, b) => a - b)).toEqual([...Array(2000).keys()]);
    const held = sends.filter((send) => send.plan?.reorder);
    expect(held.length / 2000).toBeGreaterThan(0.15);
    expect(held.length / 2000).toBeLessThan(0.25);
    // A held item goes out after an item that came after it (except one flushed at the end).
    for (const [index, send] of sends.entries()) {
      if (!send.plan?.reorder || index === sends.length - 1) continue;
      expect(sends.slice(0, index).some((other) => other.item > send.item)).toBe(true);
    }
    const outOfOrder = sends.some((send, index) => index > 0 && send.item < sends[index - 1]!.item);
    expect(outOfOrder).toBe(true);
  });

  it('makes the same plan from the same seed', () => {
    const options = { duplicate: 0.3, reorder: 0.3, delay: 0.2, unsigned: 0.1 };
    expect(plan(200, options, 42)).toEqual(plan(200, options, 42));
    expect(plan(200, options, 42)).not.toEqual(plan(200, options, 43));
  });

  it('with a clock, holds a delayed item until an item as late as its delay has gone out', () => {
    // Items one second apart on the scenario clock; delays of up to 5 s.
    const sends = plan(300, { delay: 0.2, delayMaxMs: 5000 }, 3, (send) => send.item * 1000);
    expect(sends.map((send) => send.item).sort((a, b) => a - b)).toEqual([...Array(300).keys()]);
    for (const [index, send] of sends.entries()) {
      const delayMs = send.plan?.delayMs ?? 0;
      if (delayMs === 0) continue;
      const due = send.item * 1000 + delayMs;
      const next = sends[index + 1];
      // It goes just before the first later item due after it, or at the end.
      if (next && !(next.plan?.delayMs ?? 0)) expect(next.item * 1000).toBeGreaterThanOrEqual(due);
      const before = sends.slice(0, index).filter((other) => !(other.plan?.delayMs ?? 0));
      expect(before.every((other) => other.item * 1000 <= due)).toBe(true);
    }
  });

  it('draws five numbers per item, so a plan depends only on the seed and the item’s place', () => {
    const settings = chaosSettings({ duplicate: 0.5, staleSignature: 0.5 })!;
    const random = randomStream(5, 'chaos');
    const planner = chaosPlanner(settings, random.next);
    const plans = [planner(), planner()];
    const replay = randomStream(5, 'chaos');
    for (let i = 0; i < 5; i++) replay.next();
    const second = chaosPlanner(settings, replay.next)();
    expect(second).toEqual(plans[1]);
  });
});
