import { RunAggregator } from './run-aggregator.js';
import type { RunReport, RunReportOptions } from './types.js';

/** Notifications to report on: parsed JSON values, from an array, `simulate(…)` or a file being read. */
export type ReportSource = Iterable<unknown> | AsyncIterable<unknown>;

/** Reads every notification of `source` once, keeping only aggregates, and returns the figures. */
export async function buildRunReport(
  source: ReportSource,
  options: RunReportOptions = {},
): Promise<RunReport> {
  const aggregator = new RunAggregator(options);
  for await (const notification of source) aggregator.add(notification);
  return aggregator.report();
}
