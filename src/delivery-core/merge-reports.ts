import { VccSimError } from '../errors.js';
import { DeliveryTimeline } from './delivery-timeline.js';
import { LatencyHistogram } from './latency-histogram.js';
import { decodeHistogram, encodeHistogram } from './report-parts.js';
import type {
  ChaosSummary,
  DeliverySummary,
  EncodedHistogram,
  Percentiles,
  ReportHistograms,
  Speed,
} from './types.js';

/**
 * Adds up the reports of several processes that delivered parts of one run (the shards of a
 * `push --shard`, or the bursts of `check --only burst --shard`): counts exactly, latencies by adding their HDR histograms (so every percentile
 * is the one a single histogram of all the latencies gives), the timeline by each part's start.
 */

/** A report to merge and where it came from (a file name, for messages). */
export type ReportToMerge = { name: string; report: unknown };

/** Which shard a report delivered, as `push --report` records it. */
export type ShardLabel = { index: number; count: number; by?: string; teams?: string[] };

/** One merged report, in a line. */
type MergedPart = {
  name: string;
  /** `i/n` when the report was a shard's. */
  shard?: string;
  notifications: number;
  delivered: number;
  deadLettered: number;
  unsent: number;
  elapsedMs: number;
  deliveredPerSecond: number;
  latencyMs?: Percentiles;
};

/** The reports of several processes as one: a push report, and what went into it. */
export type MergedDeliveryReport = DeliverySummary & {
  /** The earliest start. */
  startedAt?: string;
  /** Set when every report names the same. */
  url?: string;
  mode?: string;
  signed?: boolean;
  speed?: Speed;
  ordered?: boolean;
  /** The first interruption, when a part was interrupted. */
  interrupted?: { reason: string; message?: string };
  merged: {
    reports: number;
    /** When the reports are shards: how many the run has, which are here, which are not. */
    shards?: { count: number; present: number[]; missing: number[] };
    parts: MergedPart[];
  };
};

const COUNTERS = [
  'notifications',
  'delivered',
  'deliveredFirstAttempt',
  'deadLettered',
  'unsent',
  'unsentInFlight',
  'requests',
  'retries',
  'elapsedMs',
] as const;

type Counter = (typeof COUNTERS)[number];

/** A report, read and checked: its counters, figures and histograms. */
type ReadReport = Record<Counter, number> & {
  name: string;
  record: Record<string, unknown>;
  outcomes: Record<string, number>;
  deadLetterReasons: Record<string, number>;
  startedAtMs: number | undefined;
  shards: { count: number; indices: number[] } | undefined;
  latency: LatencyHistogram | undefined;
  lateness: LatencyHistogram | undefined;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function notAReport(name: string, why: string): VccSimError {
  return new VccSimError(
    'input',
    `${name} is not a push report: ${why} (expected the JSON that "vcc-sim push --report", "check --report" or "report merge --json" writes).`,
  );
}

/**
 * The push report inside a `vcc-sim check` report: its burst's figures (`delivery`), labelled with
 * the check's shard; any other report as it is.
 */
function deliveryOf(report: Record<string, unknown>, name: string): Record<string, unknown> {
  const checks = report['checks'];
  if (!Array.isArray(checks)) return report;
  const burst: unknown = checks.find((check) => isRecord(check) && check['name'] === 'burst');
  const delivery = isRecord(burst) ? burst['delivery'] : undefined;
  if (!isRecord(delivery)) {
    throw new VccSimError(
      'input',
      `${name} is a check report without the burst's figures: merge the reports of "vcc-sim check --only burst".`,
    );
  }
  return delivery;
}

/** Counts by key, from JSON: only finite numbers, never onto a prototype. */
function countsOf(value: unknown): Record<string, number> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, number] =>
        typeof entry[1] === 'number' && Number.isFinite(entry[1]),
    ),
  );
}

function addCounts(into: Map<string, number>, counts: Record<string, number>): void {
  for (const [key, count] of Object.entries(counts)) into.set(key, (into.get(key) ?? 0) + count);
}

function shardsOf(record: Record<string, unknown>, name: string): ReadReport['shards'] {
  const shard = record['shard'];
  if (isRecord(shard)) {
    const { index, count } = shard;
    if (
      !Number.isSafeInteger(count) ||
      !Number.isSafeInteger(index) ||
      (count as number) < 1 ||
      (index as number) < 0 ||
      (index as number) >= (count as number)
    ) {
      throw notAReport(name, 'its "shard" is not {index, count} with 0 ≤ index < count');
    }
    return { count: count as number, indices: [index as number] };
  }
  const merged = record['merged'];
  const shards = isRecord(merged) ? merged['shards'] : undefined;
  if (!isRecord(shards)) return undefined;
  const { count, present } = shards;
  if (
    !Number.isSafeInteger(count) ||
    !Array.isArray(present) ||
    !present.every((index) => Number.isSafeInteger(index) && index >= 0 && index < count!)
  ) {
    throw notAReport(name, 'its "merged.shards" is not {count, present}');
  }
  return { count: count as number, indices: present as number[] };
}

function histogramOf(
  record: Record<string, unknown>,
  figure: 'latencyMs' | 'latenessMs',
  key: 'latency' | 'lateness',
  name: string,
): LatencyHistogram | undefined {
  const histograms = record['histograms'];
  const encoded = isRecord(histograms) ? histograms[key] : undefined;
  if (encoded === undefined) {
    if (record[figure] !== undefined) {
      throw notAReport(
        name,
        `it has ${figure} but no histograms.${key}, so its percentiles cannot merge (it was written by a vcc-sim older than 0.2?)`,
      );
    }
    return undefined;
  }
  return decodeHistogram(encoded, `${name}: histograms.${key}`);
}

function quoted(report: { name: string }): string {
  return JSON.stringify(report.name);
}

function readReport({ name: path, report: given }: ReportToMerge): ReadReport {
  const name = JSON.stringify(path);
  if (!isRecord(given)) throw notAReport(name, 'it is not a JSON object');
  const report = deliveryOf(given, name);
  const counters = {} as Record<Counter, number>;
  for (const key of COUNTERS) {
    const value = report[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw notAReport(name, `"${key}" is missing or not a count`);
    }
    counters[key] = value;
  }
  const startedAt = report['startedAt'];
  const startedAtMs = typeof startedAt === 'string' ? Date.parse(startedAt) : Number.NaN;
  return {
    ...counters,
    name: path,
    record: report,
    outcomes: countsOf(report['outcomes']),
    deadLetterReasons: countsOf(report['deadLetterReasons']),
    startedAtMs: Number.isFinite(startedAtMs) ? startedAtMs : undefined,
    shards: shardsOf(report, name),
    latency: histogramOf(report, 'latencyMs', 'latency', name),
    lateness: histogramOf(report, 'latenessMs', 'lateness', name),
  };
}

/** The shards the reports cover; a shard twice, or shards of runs split differently, are errors. */
function shardCoverage(reports: readonly ReadReport[]): MergedDeliveryReport['merged']['shards'] {
  const sharded = reports.filter((report) => report.shards);
  if (sharded.length === 0) return undefined;
  if (sharded.length < reports.length) {
    const plain = reports.find((report) => !report.shards)!;
    throw new VccSimError(
      'input',
      `${quoted(plain)} is not a shard's report, but ${quoted(sharded[0]!)} is: merge the shards of one run.`,
    );
  }
  const count = sharded[0]!.shards!.count;
  const owner = new Map<number, string>();
  for (const report of sharded) {
    if (report.shards!.count !== count) {
      throw new VccSimError(
        'input',
        `${quoted(report)} is a shard of ${report.shards!.count}, but ${quoted(sharded[0]!)} of ${count}: merge the shards of one run.`,
      );
    }
    for (const index of report.shards!.indices) {
      const other = owner.get(index);
      if (other !== undefined) {
        throw new VccSimError(
          'input',
          `Shard ${index}/${count} is in both ${JSON.stringify(other)} and ${quoted(report)}: its notifications would count twice.`,
        );
      }
      owner.set(index, report.name);
    }
  }
  const present = [...owner.keys()].sort((a, b) => a - b);
  const missing = Array.from({ length: count }, (_, index) => index).filter(
    (index) => !owner.has(index),
  );
  return { count, present, missing };
}

/** A value every report agrees on, or undefined. */
function common<T>(reports: readonly ReadReport[], key: string, is: (value: unknown) => boolean) {
  const values = reports.map((report) => report.record[key]);
  const first = values[0];
  return is(first) && values.every((value) => value === first) ? (first as T) : undefined;
}

function addChaos(into: ChaosSummary, chaos: unknown): void {
  if (!isRecord(chaos)) return;
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : 0;
  into.duplicated += number(chaos['duplicated']);
  into.reordered += number(chaos['reordered']);
  into.delayed += number(chaos['delayed']);
  const outcomes = new Map(Object.entries(into.duplicateOutcomes));
  addCounts(outcomes, countsOf(chaos['duplicateOutcomes']));
  into.duplicateOutcomes = Object.fromEntries(outcomes);
  const bad = isRecord(chaos['badSignatures']) ? chaos['badSignatures'] : {};
  for (const key of Object.keys(into.badSignatures) as Array<keyof ChaosSummary['badSignatures']>) {
    into.badSignatures[key] += number(bad[key]);
  }
}

/** Adds each report's timeline points, placed by its start relative to the earliest. */
function mergeTimelines(reports: readonly ReadReport[], startMs: number | undefined) {
  const timeline = new DeliveryTimeline();
  let any = false;
  for (const report of reports) {
    const own = report.record['timeline'];
    if (!isRecord(own) || !Array.isArray(own['points'])) continue;
    const widthMs = own['bucketMs'];
    if (typeof widthMs !== 'number' || !(widthMs >= 1000) || !Number.isFinite(widthMs)) continue;
    const histograms = report.record['histograms'];
    const latencies =
      isRecord(histograms) && Array.isArray(histograms['timeline'])
        ? (histograms['timeline'] as unknown[])
        : [];
    const offset =
      startMs === undefined || report.startedAtMs === undefined ? 0 : report.startedAtMs - startMs;
    own['points'].forEach((point: unknown, position) => {
      if (!isRecord(point) || typeof point['atMs'] !== 'number') return;
      const encoded = latencies[position];
      const latency =
        encoded === null || encoded === undefined
          ? undefined
          : decodeHistogram(encoded, `${quoted(report)}: histograms.timeline[${position}]`, 2);
      const requests = typeof point['requests'] === 'number' ? point['requests'] : 0;
      timeline.addPoint(
        offset + point['atMs'],
        widthMs,
        { requests, outcomes: countsOf(point['outcomes']) },
        latency,
      );
      any = true;
    });
  }
  return any ? timeline : undefined;
}

function merge(histograms: Array<LatencyHistogram | undefined>): LatencyHistogram {
  const merged = new LatencyHistogram();
  for (const histogram of histograms) if (histogram) merged.add(histogram);
  return merged;
}

function partOf(report: ReadReport): MergedPart {
  const shards = report.shards;
  const latency = report.latency?.summary();
  return {
    name: report.name,
    ...(shards && shards.indices.length === 1
      ? { shard: `${shards.indices[0]}/${shards.count}` }
      : {}),
    notifications: report.notifications,
    delivered: report.delivered,
    deadLettered: report.deadLettered,
    unsent: report.unsent,
    elapsedMs: report.elapsedMs,
    deliveredPerSecond:
      report.elapsedMs > 0 ? Math.round((report.delivered / report.elapsedMs) * 1000) : 0,
    ...(latency ? { latencyMs: latency } : {}),
  };
}

/**
 * Merges the reports of several pushes (the shards of one run, or any pushes) into one: every
 * counter added up, latency and lateness percentiles from the sum of their HDR histograms, the
 * elapsed time from the earliest start to the latest end, and the timeline by each part's start.
 * The result carries its own histograms, so merged reports merge again.
 *
 * @throws {VccSimError} code `input` naming the report that is not a push report, a histogram that
 *   does not decode, or shards that do not belong together (twice the same, different counts).
 */
export function mergeDeliveryReports(inputs: readonly ReportToMerge[]): MergedDeliveryReport {
  if (inputs.length === 0) throw new VccSimError('usage', 'Name at least one report to merge.');
  const reports = inputs.map(readReport);
  const shards = shardCoverage(reports);
  const starts = reports.flatMap((report) =>
    report.startedAtMs === undefined ? [] : [report.startedAtMs],
  );
  const startMs = starts.length === reports.length ? Math.min(...starts) : undefined;
  const elapsedMs =
    startMs === undefined
      ? Math.max(...reports.map((report) => report.elapsedMs))
      : Math.max(...reports.map((report) => report.startedAtMs! + report.elapsedMs)) - startMs;
  const sum = (key: Counter) => reports.reduce((total, report) => total + report[key], 0);
  const outcomes = new Map<string, number>();
  const reasons = new Map<string, number>();
  for (const report of reports) {
    addCounts(outcomes, report.outcomes);
    addCounts(reasons, report.deadLetterReasons);
  }
  const latency = merge(reports.map((report) => report.latency));
  const lateness = merge(reports.map((report) => report.lateness));
  const timeline = mergeTimelines(reports, startMs);
  const chaosReports = reports.filter((report) => isRecord(report.record['chaos']));
  let chaos: ChaosSummary | undefined;
  if (chaosReports.length > 0) {
    chaos = {
      duplicated: 0,
      duplicateOutcomes: {},
      reordered: 0,
      delayed: 0,
      badSignatures: { sent: 0, unsigned: 0, stale: 0, wrong: 0, rejected: 0, accepted: 0 },
    };
    for (const report of chaosReports) addChaos(chaos, report.record['chaos']);
  }
  const interrupted = reports
    .map((report) => report.record['interrupted'])
    .find((value): value is { reason: string; message?: string } => isRecord(value));
  const delivered = sum('delivered');
  const deliveredFirstAttempt = sum('deliveredFirstAttempt');
  const latencyMs = latency.summary();
  const latenessMs = lateness.summary();
  const timelineSummary = timeline?.summary();
  const histograms: ReportHistograms = {};
  const encodedLatency = encodeHistogram(latency);
  const encodedLateness = encodeHistogram(lateness);
  if (encodedLatency) histograms.latency = encodedLatency;
  if (encodedLateness) histograms.lateness = encodedLateness;
  if (timeline) {
    histograms.timeline = timeline
      .latencies()
      .map((point): EncodedHistogram | null => (point && encodeHistogram(point)) ?? null);
  }
  const url = common<string>(reports, 'url', (value) => typeof value === 'string');
  const mode = common<string>(reports, 'mode', (value) => typeof value === 'string');
  const signed = common<boolean>(reports, 'signed', (value) => typeof value === 'boolean');
  const speed = common<Speed>(
    reports,
    'speed',
    (value) => value === 'max' || typeof value === 'number',
  );
  const ordered = common<boolean>(reports, 'ordered', (value) => typeof value === 'boolean');
  return {
    ...(startMs === undefined ? {} : { startedAt: new Date(startMs).toISOString() }),
    ...(url === undefined ? {} : { url }),
    ...(mode === undefined ? {} : { mode }),
    ...(signed === undefined ? {} : { signed }),
    ...(speed === undefined ? {} : { speed }),
    ...(ordered === undefined ? {} : { ordered }),
    ...(interrupted ? { interrupted } : {}),
    elapsedMs: Math.round(elapsedMs),
    notifications: sum('notifications'),
    delivered,
    deliveredFirstAttempt,
    deliveredAfterRetry: delivered - deliveredFirstAttempt,
    deadLettered: sum('deadLettered'),
    deadLetterReasons: Object.fromEntries(reasons),
    unsent: sum('unsent'),
    unsentInFlight: sum('unsentInFlight'),
    requests: sum('requests'),
    retries: sum('retries'),
    outcomes: Object.fromEntries(outcomes),
    ...(latencyMs ? { latencyMs } : {}),
    deliveredPerSecond: elapsedMs > 0 ? Math.round((delivered / elapsedMs) * 1000) : 0,
    ...(latenessMs ? { latenessMs } : {}),
    ...(chaos ? { chaos } : {}),
    ...(timelineSummary ? { timeline: timelineSummary } : {}),
    histograms,
    merged: { reports: reports.length, ...(shards ? { shards } : {}), parts: reports.map(partOf) },
  };
}
