import { describe, expect, it } from 'vitest';
import { Deadlines, type DeadlineEntry } from './deadlines.js';

/** An entry that records when it expired, on the deadlines' clock. */
class Entry implements DeadlineEntry {
  previous: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  expiredAt: number | undefined;

  constructor(
    readonly name: string,
    readonly deadline: number,
    private readonly log: string[],
    private readonly now: () => number,
  ) {}

  expire(): void {
    this.expiredAt = this.now();
    this.log.push(this.name);
  }
}

const now = () => performance.now();
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Deadlines', () => {
  it('expires listed entries in order, each no earlier than its deadline', async () => {
    const deadlines = new Deadlines<Entry>(now);
    const log: string[] = [];
    const start = now();
    const entries = [10, 20, 30].map((ms) => new Entry(`+${ms}`, start + ms, log, now));
    for (const entry of entries) deadlines.add(entry);
    await wait(80);
    expect(log).toEqual(['+10', '+20', '+30']);
    for (const entry of entries)
      expect(entry.expiredAt!).toBeGreaterThanOrEqual(entry.deadline - 1);
  });

  it('never expires an entry removed in time, wherever it is in the list', async () => {
    const deadlines = new Deadlines<Entry>(now);
    const log: string[] = [];
    const start = now();
    const [first, middle, last] = ['a', 'b', 'c'].map(
      (name, index) => new Entry(name, start + 10 + index * 5, log, now),
    );
    for (const entry of [first!, middle!, last!]) deadlines.add(entry);
    deadlines.remove(middle!);
    deadlines.remove(first!);
    deadlines.remove(first!); // removing twice changes nothing
    await wait(60);
    expect(log).toEqual(['c']);
  });

  it('keeps timing out after the list has been empty, and stops when cleared', async () => {
    const deadlines = new Deadlines<Entry>(now);
    const log: string[] = [];
    const early = new Entry('early', now() + 200, log, now);
    deadlines.add(early);
    deadlines.remove(early);
    // The timer kept for `early` is later than this entry's deadline: it must be re-armed.
    deadlines.add(new Entry('soon', now() + 10, log, now));
    await wait(60);
    expect(log).toEqual(['soon']);

    deadlines.add(new Entry('cleared', now() + 10, log, now));
    deadlines.clear();
    await wait(40);
    expect(log).toEqual(['soon']);
  });
});
