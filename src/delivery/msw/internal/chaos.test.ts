import { describe, expect, it } from 'vitest';
import { ChaosPlanner, type Send } from './chaos.js';

/** A small seeded generator (mulberry32), so the plans below are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function plan(count: number, options: ConstructorParameters<typeof ChaosPlanner>[0], seed = 1) {
  const planner = new ChaosPlanner<number>(options, seeded(seed));
  const sends: Send<number>[] = [];
  for (let i = 0; i < count; i++) sends.push(...planner.push(i));
  sends.push(...planner.flush());
  return sends;
}

describe('ChaosPlanner', () => {
  it('passes every item through once, in order, without chaos', () => {
    const sends = plan(50, {});
    expect(sends.map((send) => send.item)).toEqual([...Array(50).keys()]);
    expect(sends.every((send) => !send.duplicate && !send.reordered)).toBe(true);
  });

  it('sends every item exactly once more when every item is duplicated', () => {
    const sends = plan(40, { duplicate: 1 });
    const originals = sends.filter((send) => !send.duplicate).map((send) => send.item);
    const copies = sends.filter((send) => send.duplicate).map((send) => send.item);
    expect(originals).toEqual([...Array(40).keys()]);
    expect(copies.sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    // A copy goes out right after its original.
    for (const [index, send] of sends.entries()) {
      if (send.duplicate) expect(sends[index - 1]).toEqual({ ...send, duplicate: false });
    }
  });

  it('reorders about the given share, loses nothing, and moves items later only', () => {
    const sends = plan(2000, { reorder: 0.2 }, 7);
    expect(sends.map((send) => send.item).sort((a, b) => a - b)).toEqual([...Array(2000).keys()]);
    const held = sends.filter((send) => send.reordered);
    expect(held.length / 2000).toBeGreaterThan(0.15);
    expect(held.length / 2000).toBeLessThan(0.25);
    // A held item goes out after an item that came after it (except one flushed at the end).
    for (const [index, send] of sends.entries()) {
      if (!send.reordered || index === sends.length - 1) continue;
      expect(sends.slice(0, index).some((other) => other.item > send.item)).toBe(true);
    }
    const outOfOrder = sends.some((send, index) => index > 0 && send.item < sends[index - 1]!.item);
    expect(outOfOrder).toBe(true);
  });

  it('makes the same plan from the same seed', () => {
    const options = { duplicate: 0.3, reorder: 0.3 };
    expect(plan(200, options, 42)).toEqual(plan(200, options, 42));
    expect(plan(200, options, 42)).not.toEqual(plan(200, options, 43));
  });
});
