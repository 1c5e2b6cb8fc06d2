import { VccSimError } from '../errors.js';

/** Latency percentiles in milliseconds, as a push report writes them. */
export interface LatencySummary {
  count?: number;
  p50: number;
  p90: number;
  p99: number;
  max?: number;
}

/** One interval of a push run: requests by status (or error kind) and their latency. */
export interface PushTimelinePoint {
  /** Milliseconds since the push started. */
  atMs: number;
  requests: number;
  outcomes: Record<string, number>;
  latencyMs?: LatencySummary;
}

/**
 * What the report reads of `push --report` (or `pushNotifications`' report): the figures it shows.
 * Anything else in the file is ignored.
 */
export interface PushSummary {
  url?: string;
  startedAt?: string;
  elapsedMs?: number;
  notifications: number;
  delivered: number;
  deadLettered: number;
  requests: number;
  retries?: number;
  outcomes: Record<string, number>;
  latencyMs?: LatencySummary;
  /** Present in reports of vcc-sim 0.1 and later: the run in intervals of `bucketMs`. */
  timeline?: { bucketMs: number; points: PushTimelinePoint[] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function counts(value: unknown): Record<string, number> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value).filter(([, count]) => typeof count === 'number');
  return Object.fromEntries(entries) as Record<string, number>;
}

function latency(value: unknown): LatencySummary | undefined {
  if (!isRecord(value)) return undefined;
  const { p50, p90, p99, max, count } = value;
  if (typeof p50 !== 'number' || typeof p90 !== 'number' || typeof p99 !== 'number')
    return undefined;
  return {
    p50,
    p90,
    p99,
    ...(typeof max === 'number' ? { max } : {}),
    ...(typeof count === 'number' ? { count } : {}),
  };
}

/**
 * Reads a push report (parsed JSON) into the figures the report shows.
 * @throws {VccSimError} code `input` when it is not a push report.
 */
export function readPushSummary(value: unknown, name = 'the push report'): PushSummary {
  const numbers = ['notifications', 'delivered', 'deadLettered', 'requests'] as const;
  if (!isRecord(value) || numbers.some((key) => typeof value[key] !== 'number')) {
    throw new VccSimError(
      'input',
      `${name} is not a push report: expected the JSON that "vcc-sim push --report" writes (with ${numbers.join(', ')}).`,
    );
  }
  const summary: PushSummary = {
    notifications: value['notifications'] as number,
    delivered: value['delivered'] as number,
    deadLettered: value['deadLettered'] as number,
    requests: value['requests'] as number,
    outcomes: counts(value['outcomes']) ?? {},
  };
  if (typeof value['url'] === 'string') summary.url = value['url'];
  if (typeof value['startedAt'] === 'string') summary.startedAt = value['startedAt'];
  if (typeof value['elapsedMs'] === 'number') summary.elapsedMs = value['elapsedMs'];
  if (typeof value['retries'] === 'number') summary.retries = value['retries'];
  const overall = latency(value['latencyMs']);
  if (overall) summary.latencyMs = overall;
  const timeline = value['timeline'];
  if (
    isRecord(timeline) &&
    typeof timeline['bucketMs'] === 'number' &&
    Array.isArray(timeline['points'])
  ) {
    const points: PushTimelinePoint[] = [];
    for (const point of timeline['points']) {
      if (!isRecord(point) || typeof point['atMs'] !== 'number') continue;
      const pointLatency = latency(point['latencyMs']);
      points.push({
        atMs: point['atMs'],
        requests: typeof point['requests'] === 'number' ? point['requests'] : 0,
        outcomes: counts(point['outcomes']) ?? {},
        ...(pointLatency ? { latencyMs: pointLatency } : {}),
      });
    }
    summary.timeline = { bucketMs: timeline['bucketMs'], points };
  }
  return summary;
}
