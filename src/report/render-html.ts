import { countOf } from '../internal/count.js';
import { formatCount, formatInstant, formatMillis, formatShare } from './format.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './page-assets.generated.js';
import type { ArrivalProfile } from './profile.js';
import type { PushSummary } from './push-summary.js';
import type { RunReport } from './types.js';

/** What the page's script reads from the HTML (`#vcc-report-data`). */
export interface ReportPageData {
  title: string;
  report: RunReport;
  profile?: ArrivalProfile;
  push?: PushSummary;
  /** The names of the agents the timeline draws, by `agentId`. */
  names?: Record<string, string>;
}

/** Options of {@link renderReportHtml}. */
export interface ReportHtmlOptions {
  /** The page's title, e.g. the run file's name. */
  title?: string;
  /** The scenario's expected calls per hour, drawn beside the arrivals. */
  profile?: ArrivalProfile;
  /** A push report of the same run: latency and statuses. */
  push?: PushSummary;
  /**
   * The run's people by `agentId` (`peopleNames` of the run's scenario, seed and locale): the
   * agent timeline shows each one's name beside their id.
   */
  names?: ReadonlyMap<string, string>;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** JSON that cannot close the `<script>` element it sits in. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Script text that cannot close its `<script>` element early. */
function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function tile(
  key: string,
  label: string,
  value: number | null,
  text: string,
  hint: string,
): string {
  return `<div class="tile" data-kpi="${key}" data-value="${value ?? ''}" title="${escapeHtml(hint)}"><span class="label">${escapeHtml(label)}</span><span class="value">${escapeHtml(text)}</span></div>`;
}

function kpiTiles(report: RunReport): string {
  const k = report.kpis;
  const threshold = Math.round(report.serviceLevelThresholdMs / 1000);
  return [
    tile(
      'offered',
      'Offered',
      k.offered,
      formatCount(k.offered),
      'Inbound calls: answered, abandoned, voicemail, or still waiting',
    ),
    tile(
      'answered',
      'Answered',
      k.answered,
      formatCount(k.answered),
      'An agent’s channel connected',
    ),
    tile(
      'abandoned',
      'Abandoned',
      k.abandoned,
      formatCount(k.abandoned),
      'The customer hung up before an agent connected',
    ),
    tile(
      'abandonmentRate',
      'Abandonment',
      k.abandonmentRate,
      formatShare(k.abandonmentRate),
      'Abandoned ÷ offered',
    ),
    tile(
      'serviceLevel',
      `Service level (${threshold} s)`,
      k.serviceLevel,
      formatShare(k.serviceLevel),
      `Answered within ${threshold} s ÷ (answered + abandoned)`,
    ),
    tile(
      'asaMs',
      'ASA',
      k.asaMs,
      formatMillis(k.asaMs),
      'Average speed of answer: mean wait of answered calls, ringing included',
    ),
    tile(
      'occupancy',
      'Occupancy',
      k.occupancy,
      formatShare(k.occupancy),
      report.occupancyBasis === 'run'
        ? 'Time on interactions ÷ run length (no presence in the run)'
        : 'Time on interactions (ringing to wrap-up) ÷ time in Ready',
    ),
  ].join('');
}

function outcomeBar(title: string, parts: Array<[string, string, number]>): string {
  const total = parts.reduce((sum, [, , count]) => sum + count, 0);
  if (total === 0) return '';
  const bars = parts
    .filter(([, , count]) => count > 0)
    .map(
      ([key, label, count]) =>
        `<span class="part ${key}" data-outcome="${key}" data-count="${count}" style="flex-grow:${count}" title="${escapeHtml(`${label}: ${formatCount(count)} (${formatShare(count / total)})`)}">${escapeHtml(label)} ${formatCount(count)}</span>`,
    )
    .join('');
  return `<div class="outcome"><span class="outcome-title">${escapeHtml(title)}</span><div class="bar">${bars}</div></div>`;
}

function outcomes(report: RunReport): string {
  const k = report.kpis;
  return (
    outcomeBar('Inbound', [
      ['answered', 'answered', k.answered],
      ['abandoned', 'abandoned', k.abandoned],
      ['voicemail', 'voicemail', k.voicemail],
      ['open', 'still waiting', k.open],
    ]) +
    outcomeBar('Outbound', [
      ['connected', 'connected', k.outboundConnected],
      ['unanswered', 'unanswered', k.outboundUnanswered],
      ['open', 'undecided', k.outbound - k.outboundConnected - k.outboundUnanswered],
    ])
  );
}

function pushSection(push: PushSummary | undefined): string {
  if (!push) return '';
  const statuses = Object.entries(push.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([status, count]) =>
        `<li data-status="${escapeHtml(status)}"><b>${escapeHtml(status)}</b> ×${formatCount(count)}</li>`,
    )
    .join('');
  const latency = push.latencyMs;
  return `<section id="delivery"><h2>Delivery</h2>
<p class="sub">${escapeHtml(push.url ?? '')} ${push.startedAt ? `· started ${escapeHtml(push.startedAt)}` : ''} ${push.elapsedMs === undefined ? '' : `· ${formatMillis(push.elapsedMs)}`}</p>
<div class="tiles">${[
    tile(
      'delivered',
      `Delivered of ${formatCount(push.notifications)}`,
      push.delivered,
      formatCount(push.delivered),
      'Notifications answered 200–205',
    ),
    tile(
      'deadLettered',
      'Dead-lettered',
      push.deadLettered,
      formatCount(push.deadLettered),
      'Retries exhausted',
    ),
    tile(
      'requests',
      'Requests',
      push.requests,
      formatCount(push.requests),
      'First attempts, retries and duplicates',
    ),
    tile(
      'latencyP50',
      'Latency p50',
      latency?.p50 ?? null,
      formatMillis(latency?.p50),
      'Of requests that got a status',
    ),
    tile(
      'latencyP99',
      'Latency p99',
      latency?.p99 ?? null,
      formatMillis(latency?.p99),
      'Of requests that got a status',
    ),
  ].join('')}</div>
<ul class="statuses">${statuses}</ul>
${push.timeline ? '<div class="chart" id="chart-latency"></div><div class="chart" id="chart-statuses"></div>' : '<p class="note">This push report has no timeline (it predates vcc-sim’s push timeline): totals only.</p>'}
</section>`;
}

/** The names of the agents the timeline draws, and no one else's: the page stays small. */
function namesDrawn(report: RunReport, names: ReadonlyMap<string, string>): Record<string, string> {
  const drawn: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const { agentId } of report.agents) {
    const name = names.get(agentId);
    if (name !== undefined) drawn[agentId] = name;
  }
  return drawn;
}

/**
 * The report as one self-contained HTML page: figures as HTML, charts drawn by the bundled page
 * script (uPlot) from the data embedded in it. It loads nothing from the network: its
 * Content-Security-Policy forbids every request.
 * @example
 * const aggregator = new RunAggregator();
 * for (const notification of simulate(scenario, { events: '*' })) aggregator.add(notification);
 * writeFileSync('report.html', renderReportHtml(aggregator.report(), { title: 'A day' }));
 */
export function renderReportHtml(report: RunReport, options: ReportHtmlOptions = {}): string {
  const title = options.title ?? 'vcc-sim run';
  const data: ReportPageData = {
    title,
    report,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.push ? { push: options.push } : {}),
    ...(options.names ? { names: namesDrawn(report, options.names) } : {}),
  };
  const span =
    report.firstMs === undefined
      ? 'an empty run'
      : `${formatInstant(report.firstMs)} – ${formatInstant(report.lastMs!)} UTC`;
  const notes = report.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)} · vcc-sim report</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(span)} · ${countOf(report.notifications, 'notification')} · ${countOf(report.agents.length + report.agentsNotDrawn, 'agent')}</p></header>
<main>
<section id="kpis"><div class="tiles">${kpiTiles(report)}</div><div class="outcomes">${outcomes(report)}</div></section>
${notes ? `<section id="notes"><ul class="notes">${notes}</ul></section>` : ''}
<section id="arrivals"><h2>Calls per hour</h2><div class="chart" id="chart-arrivals"></div></section>
<section id="queue"><h2>Queue, agents and service level</h2><div class="chart" id="chart-queue"></div></section>
<section id="agents"><h2>Agents</h2><div id="timeline-legend" class="legend"></div><div id="timeline-wrap"><canvas id="timeline"></canvas><div id="timeline-tip" hidden></div></div></section>
${pushSection(options.push)}
</main>
<footer>Made by vcc-sim from the notifications alone, as a consumer sees them.</footer>
<script type="application/json" id="vcc-report-data">${scriptJson(data)}</script>
<script>${scriptText(PAGE_SCRIPT)}</script>
</body>
</html>
`;
}
