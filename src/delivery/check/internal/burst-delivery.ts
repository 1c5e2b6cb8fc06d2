import type { ReportHistograms } from '../../../delivery-core/index.js';
import type { BurstDelivery } from '../types.js';
import type { CheckContext } from './check-context.js';
import type { LoadRun } from './load.js';

/**
 * The burst's figures as a push report, histograms included, so the reports of its shards add up
 * (`vcc-sim report merge`) to the figures of the whole burst. `stopped` says why sending stopped
 * before the schedule's end.
 */
export async function burstDelivery(
  context: CheckContext,
  run: LoadRun,
  burstPerSecond: number,
  stopped: string | undefined,
): Promise<BurstDelivery> {
  // Loaded when needed, as push loads it: the encoder brings zlib.
  const { encodeHistogram } = await import('../../../delivery-core/report-parts.js');
  const { settings } = context;
  const histograms: ReportHistograms = {};
  const latency = encodeHistogram(run.latency);
  const lateness = encodeHistogram(run.lateness);
  if (latency) histograms.latency = latency;
  if (lateness) histograms.lateness = lateness;
  const latencyMs = run.latency.summary();
  const latenessMs = run.lateness.summary();
  const refused = run.requests - run.succeeded;
  const unsent = run.planned - run.requests;
  return {
    startedAt: run.startedAt,
    url: settings.target,
    mode: settings.mode,
    signed: true,
    burstPerSecond: Math.round(burstPerSecond * 10) / 10,
    ...(settings.shard ? { shard: settings.shard } : {}),
    ...(unsent > 0 && stopped
      ? { interrupted: { reason: 'behind-schedule', message: stopped } }
      : {}),
    elapsedMs: Math.round(run.elapsedMs),
    notifications: run.planned,
    delivered: run.succeeded,
    deliveredFirstAttempt: run.succeeded,
    deliveredAfterRetry: 0,
    // One attempt each: a notification not accepted is given up at once.
    deadLettered: refused,
    deadLetterReasons: refused > 0 ? { 'max-attempts': refused } : {},
    unsent,
    unsentInFlight: 0,
    requests: run.requests,
    retries: 0,
    outcomes: run.outcomes,
    ...(latencyMs ? { latencyMs } : {}),
    deliveredPerSecond: run.elapsedMs > 0 ? Math.round((run.succeeded / run.elapsedMs) * 1000) : 0,
    ...(latenessMs ? { latenessMs } : {}),
    histograms,
  };
}
