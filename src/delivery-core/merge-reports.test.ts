import { describe, expect, it } from 'vitest';
import { DeliveryStats } from './delivery-stats.js';
import { LatencyHistogram } from './latency-histogram.js';
import { mergeDeliveryReports } from './merge-reports.js';
import { decodeHistogram, encodeHistogram, reportHistograms } from './report-parts.js';

/** Latencies of every shape a webhook gives: a fast body, a slow tail, a few timeouts' worth. */
function latencies(count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const u = ((i * 7919) % 10_007) / 10_007;
    return i % 97 === 0 ? 2_000 + u * 8_000 : 0.2 + Math.exp(u * 5) / 3;
  });
}

/** A push report of `values`, as a shard would write it (counts, percentiles and histograms). */
function shardReport(
  values: number[],
  shard: { index: number; count: number } | undefined,
  startedAt = '2026-01-05T09:00:00.000Z',
) {
  const stats = new DeliveryStats();
  values.forEach((latencyMs, i) => {
    stats.notifications++;
    stats.delivered++;
    stats.deliveredFirstAttempt++;
    stats.request({ kind: 'response', status: i % 50 === 0 ? 503 : 200, latencyMs }, i * 10);
    stats.lateness.record(i % 7);
  });
  return {
    url: 'http://127.0.0.1:4000/',
    mode: 'structured',
    signed: true,
    speed: 'max',
    ordered: false,
    startedAt,
    ...stats.summary(values.length * 10, false),
    histograms: reportHistograms(stats),
    ...(shard ? { shard: { ...shard, by: 'calls', teams: ['support'] } } : {}),
  };
}

const exactQuantile = (sorted: number[], q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;

describe('mergeDeliveryReports', () => {
  const values = latencies(30_000);
  const parts = [0, 1, 2].map((index) => values.filter((_, i) => i % 3 === index));
  const reports = parts.map((part, index) => ({
    name: `shard-${index}.json`,
    report: shardReport(part, { index, count: 3 }),
  }));

  it('adds the counts exactly and takes percentiles from the sum of the histograms', () => {
    const merged = mergeDeliveryReports(reports);
    expect(merged.notifications).toBe(30_000);
    expect(merged.delivered).toBe(30_000);
    expect(merged.requests).toBe(30_000);
    expect(merged.outcomes).toEqual({ '200': 29_400, '503': 600 });
    // One histogram of every latency gives exactly the same figures…
    const single = new LatencyHistogram();
    for (const value of values) single.record(value);
    expect(merged.latencyMs).toEqual(single.summary());
    // …which are within the histogram's precision (3 digits: 0.1%) of the exact percentiles.
    const sorted = [...values].sort((a, b) => a - b);
    for (const [q, figure] of [
      [0.5, merged.latencyMs!.p50],
      [0.9, merged.latencyMs!.p90],
      [0.99, merged.latencyMs!.p99],
    ] as const) {
      const exact = exactQuantile(sorted, q);
      expect(Math.abs(figure - exact)).toBeLessThanOrEqual(exact * 0.001 + 0.005);
    }
    expect(merged.latencyMs!.min).toBe(Math.round(sorted[0]! * 100) / 100);
    expect(merged.latencyMs!.max).toBe(Math.round(sorted.at(-1)! * 100) / 100);
    expect(merged.merged.shards).toEqual({ count: 3, present: [0, 1, 2], missing: [] });
    expect(merged.merged.parts.map((part) => part.shard)).toEqual(['0/3', '1/3', '2/3']);
  });

  it('merges merged reports again: the same as merging the shards at once', () => {
    const first = mergeDeliveryReports(reports.slice(0, 2));
    expect(first.merged.shards).toEqual({ count: 3, present: [0, 1], missing: [2] });
    const again = mergeDeliveryReports([{ name: 'first.json', report: first }, reports[2]!]);
    const once = mergeDeliveryReports(reports);
    expect(again.latencyMs).toEqual(once.latencyMs);
    expect(again.latenessMs).toEqual(once.latenessMs);
    expect(again.timeline).toEqual(once.timeline);
    expect(again.merged.shards).toEqual(once.merged.shards);
  });

  it('places each part’s timeline by its start, and spans the earliest start to the latest end', () => {
    const early = shardReport([1, 2, 3], undefined, '2026-01-05T09:00:00.000Z');
    const late = shardReport([4, 5], undefined, '2026-01-05T09:00:02.000Z');
    const merged = mergeDeliveryReports([
      { name: 'a', report: early },
      { name: 'b', report: late },
    ]);
    expect(merged.startedAt).toBe('2026-01-05T09:00:00.000Z');
    expect(merged.elapsedMs).toBe(2_000 + 20);
    expect(merged.timeline!.points.map((point) => [point.atMs, point.requests])).toEqual([
      [0, 3],
      [1000, 0],
      [2000, 2],
    ]);
    expect(merged.timeline!.points[2]!.latencyMs).toMatchObject({ count: 2, min: 4, max: 5 });
  });

  it('refuses a shard twice, shards of different runs, and a report mixed with shards', () => {
    expect(() =>
      mergeDeliveryReports([reports[0]!, { ...reports[0]!, name: 'copy.json' }]),
    ).toThrow(
      'Shard 0/3 is in both "shard-0.json" and "copy.json": its notifications would count twice.',
    );
    const ofFour = { name: 'four.json', report: shardReport([1], { index: 3, count: 4 }) };
    expect(() => mergeDeliveryReports([reports[0]!, ofFour])).toThrow(
      '"four.json" is a shard of 4, but "shard-0.json" of 3',
    );
    const plain = { name: 'plain.json', report: shardReport([1], undefined) };
    expect(() => mergeDeliveryReports([reports[0]!, plain])).toThrow(
      '"plain.json" is not a shard\'s report',
    );
  });

  it('says what is wrong with a report that is not one', () => {
    expect(() => mergeDeliveryReports([{ name: 'x.json', report: [1] }])).toThrow(
      '"x.json" is not a push report: it is not a JSON object',
    );
    const { delivered: _, ...partial } = shardReport([1], undefined);
    expect(() => mergeDeliveryReports([{ name: 'x.json', report: partial }])).toThrow(
      '"delivered" is missing or not a count',
    );
    const { histograms: __, ...old } = shardReport([1], undefined);
    expect(() => mergeDeliveryReports([{ name: 'old.json', report: old }])).toThrow(
      'it has latencyMs but no histograms.latency',
    );
    const tampered = shardReport([1, 2], undefined);
    tampered.histograms.latency!.count = 3;
    expect(() => mergeDeliveryReports([{ name: 't.json', report: tampered }])).toThrow(
      'it counts 2 values, not 3',
    );
    expect(() => mergeDeliveryReports([])).toThrow('Name at least one report to merge.');
  });

  it('reads a check report as its burst’s figures, labelled with the check’s shard', () => {
    const check = (index: number) => ({
      target: 'http://127.0.0.1:4000/',
      shard: { index, count: 2 },
      checks: [
        {
          name: 'burst',
          verdict: 'pass',
          delivery: shardReport(latencies(100), { index, count: 2 }),
        },
      ],
    });
    const merged = mergeDeliveryReports([
      { name: 'burst-0.json', report: check(0) },
      { name: 'burst-1.json', report: check(1) },
    ]);
    expect(merged.delivered).toBe(200);
    expect(merged.merged.shards).toEqual({ count: 2, present: [0, 1], missing: [] });
    const quick = { target: 'x', checks: [{ name: 'https', verdict: 'warn' }] };
    expect(() => mergeDeliveryReports([{ name: 'quick.json', report: quick }])).toThrow(
      '"quick.json" is a check report without the burst\'s figures: merge the reports of "vcc-sim check --only burst".',
    );
  });

  it('keeps keys such as __proto__ as counts, never on a prototype', () => {
    const report = JSON.parse(
      JSON.stringify(shardReport([1], undefined)).replace(
        '"outcomes":{',
        '"outcomes":{"__proto__":2,',
      ),
    ) as unknown;
    const merged = mergeDeliveryReports([{ name: 'p.json', report }]);
    expect(Object.getPrototypeOf(merged.outcomes)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(merged.outcomes, '__proto__')?.value).toBe(2);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('encoded histograms', () => {
  it('round-trip in HdrHistogram’s standard encoding, exact figures included', () => {
    const histogram = new LatencyHistogram();
    for (const value of latencies(5_000)) histogram.record(value);
    const encoded = encodeHistogram(histogram)!;
    expect(encoded.hdr).toMatch(/^HISTF/);
    expect(decodeHistogram(encoded, 'h').summary()).toEqual(histogram.summary());
    expect(encodeHistogram(new LatencyHistogram())).toBeUndefined();
  });

  it('refuses what is not one, or one that asks for a huge array, before allocating it', () => {
    const fields = { count: 1, min: 1, max: 1, sum: 1 };
    expect(() => decodeHistogram({ ...fields, hdr: 'not base64!' }, 'h')).toThrow(
      'h is not a histogram vcc-sim can merge: hdr is not base64.',
    );
    expect(() => decodeHistogram({ ...fields, hdr: btoa('garbage!') }, 'h')).toThrow(
      /hdr does not decode/,
    );
    // A valid encoding whose header claims values up to 2^60 µs.
    const wide = new LatencyHistogram();
    wide.hdr.recordValue(2 ** 52);
    const huge = { ...fields, hdr: wide.hdr.encodeIntoCompressedBase64() };
    expect(() => decodeHistogram(huge, 'h')).toThrow(/range or precision/);
  });
});
