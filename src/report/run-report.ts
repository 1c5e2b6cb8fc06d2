import { renderReportHtml, type ReportHtmlOptions } from './render-html.js';
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

/**
 * The HTML report of a run: one self-contained page (charts bundled, no network requests) with
 * the KPIs, calls per hour beside the scenario's profile, queue and service level over the run,
 * each agent's channels and presence, and the push report's latency and statuses when given.
 * @example
 * import { simulate, builtInScenario } from 'vcc-sim';
 * import { renderRunReport } from 'vcc-sim/report';
 * const html = await renderRunReport(simulate(builtInScenario('contact-centre-day'), { events: '*' }));
 */
export async function renderRunReport(
  source: ReportSource,
  options: RunReportOptions & ReportHtmlOptions = {},
): Promise<string> {
  return renderReportHtml(await buildRunReport(source, options), options);
}
