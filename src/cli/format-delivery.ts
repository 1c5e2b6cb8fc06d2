import type {
  AttemptEvent,
  AttemptResult,
  Percentiles,
  PushProgress,
  PushReport,
  ReceivedNotification,
  ReceiverSummary,
} from '../delivery/http/index.js';
import type { DeliverySummary } from '../delivery-core/index.js';
import type { ShardLabel } from '../delivery-core/merge-reports.js';
import { countOf, formatCount as count } from '../internal/count.js';
import type { CliContext } from './context.js';

type Colors = CliContext['colors'];

/**
 * What the summary shows: a push's report, or several merged (`report merge`), whose webhook and
 * settings are known only when every part agrees.
 */
export type SummaryView = DeliverySummary &
  Partial<Pick<PushReport, 'url' | 'signed' | 'ordered'>> & {
    mode?: string;
    interrupted?: { reason: string; message?: string };
    shard?: ShardLabel;
  };

// eslint-disable-next-line no-control-regex -- terminal colour codes are control sequences
const COLOR_CODE = /\u001b\[[0-9;]*m/y;

/**
 * Cuts a line to fit a terminal `columns` wide (one column spare, so the cursor never wraps),
 * ending a cut line with `…`; colour codes take no room and are kept. A progress line rewritten
 * with `\r` must never wrap, or each rewrite would stack a new line on a narrow terminal.
 */
export function fitToWidth(text: string, columns: number | undefined): string {
  if (columns === undefined || !(columns > 1)) return text;
  const room = columns - 1;
  let out = '';
  let visible = 0;
  let lastStart = 0;
  for (let index = 0; index < text.length;) {
    COLOR_CODE.lastIndex = index;
    const code = COLOR_CODE.exec(text);
    if (code) {
      out += code[0];
      index += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(index)!);
    if (visible === room) {
      // Keep the colour codes that followed the last character, drop the character.
      const last = out.slice(lastStart);
      const codeAt = last.indexOf('\u001b');
      const ending = codeAt === -1 ? '' : last.slice(codeAt);
      return `${out.slice(0, lastStart)}…${ending}${out.includes('\u001b') ? '\u001b[0m' : ''}`;
    }
    lastStart = out.length;
    out += char;
    visible++;
    index += char.length;
  }
  return text;
}

export function ms(value: number): string {
  if (value < 10) return `${value.toFixed(1)}ms`;
  if (value < 10_000) return `${Math.round(value)}ms`;
  return `${(value / 1000).toFixed(1)}s`;
}

function clock(date = new Date()): string {
  return date.toISOString().slice(11, 23);
}

function shortId(id: string | undefined): string {
  return id === undefined ? '-' : id.length > 12 ? `${id.slice(0, 12)}…` : id;
}

/** `200 ×12 · 503 ×3`, largest first. */
function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return entries.length === 0
    ? 'none'
    : entries.map(([key, n]) => `${key} ×${count(n)}`).join(' · ');
}

function formatPercentiles(value: Percentiles | undefined): string {
  if (!value) return 'none';
  return `p50 ${ms(value.p50)} · p90 ${ms(value.p90)} · p99 ${ms(value.p99)} · max ${ms(value.max)}`;
}

function resultText(result: AttemptResult): string {
  return result.kind === 'response' ? String(result.status) : result.error;
}

/** The live progress line (without the carriage return). */
export function formatProgress(progress: PushProgress, colors: Colors): string {
  const seconds = progress.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(progress.delivered / seconds) : 0;
  const parts = [
    `sent ${count(progress.sent)}`,
    colors.green(`delivered ${count(progress.delivered)}`),
    progress.retrying > 0 ? colors.yellow(`retrying ${count(progress.retrying)}`) : 'retrying 0',
    progress.deadLettered > 0 ? colors.red(`failed ${count(progress.deadLettered)}`) : 'failed 0',
    `${count(rate)}/s`,
  ];
  if (progress.recentLatencyMs) {
    parts.push(`p50 ${ms(progress.recentLatencyMs.p50)} p99 ${ms(progress.recentLatencyMs.p99)}`);
  }
  if (progress.lastFailure && (progress.retrying > 0 || progress.deadLettered > 0)) {
    parts.push(colors.dim(`last: ${progress.lastFailure.slice(0, 60)}`));
  }
  return parts.join(' · ');
}

/** One line per request, for `--verbose`. */
export function formatAttempt(event: AttemptEvent, colors: Colors): string {
  const { notification, result } = event;
  const ok = event.outcome === 'delivered' || (event.duplicate && result.kind === 'response');
  const status = resultText(result).padEnd(4);
  const mark = ok
    ? colors.green('✓')
    : event.outcome === 'retrying'
      ? colors.yellow('↻')
      : colors.red('✗');
  const notes: string[] = [];
  if (event.attempt > 1) notes.push(`attempt ${event.attempt}`);
  if (event.duplicate) notes.push('duplicate');
  if (event.badSignature) notes.push(`${event.badSignature} signature`);
  if (event.outcome === 'retrying' && event.retryInMs !== undefined) {
    notes.push(`retry in ${ms(event.retryInMs)}`);
  }
  if (event.outcome === 'dead-lettered') notes.push('dead-lettered');
  if (event.outcome === 'unsent') notes.push('interrupted');
  if (result.kind === 'error') notes.push(result.message);
  return [
    colors.dim(clock()),
    mark,
    status,
    String(notification.type).padEnd(26),
    shortId(notification.id),
    colors.dim(ms(result.latencyMs)),
    notes.length > 0 ? colors.dim(`(${notes.join(', ')})`) : '',
  ]
    .join('  ')
    .trimEnd();
}

/** Files the summary points to. */
export type DeliveryFiles = {
  deadLetter?: string;
  resume?: string;
  resumeCommand?: string;
};

/** The final summary of a push or replay. */
export function formatPushSummary(
  report: SummaryView,
  files: DeliveryFiles,
  colors: Colors,
): string {
  const lines: string[] = [];
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const allDelivered = report.delivered === report.notifications;
  const headline = `${count(report.delivered)} of ${countOf(report.notifications, 'notification')} delivered to ${report.url ?? 'their webhooks'} in ${seconds}s (${count(report.deliveredPerSecond)}/s)`;
  lines.push(allDelivered ? colors.green(`✓ ${headline}`) : colors.yellow(`⚠ ${headline}`));
  if (report.shard) lines.push(`  shard           ${formatShard(report.shard)}`);
  lines.push(
    `  delivered       ${count(report.deliveredFirstAttempt)} first time · ${count(report.deliveredAfterRetry)} after retries`,
  );
  lines.push(
    `  requests        ${count(report.requests)} (${countOf(report.retries, 'retry', 'retries')}): ${formatCounts(report.outcomes)}`,
  );
  lines.push(`  latency         ${formatPercentiles(report.latencyMs)}`);
  if (report.latenessMs) {
    lines.push(`  pacing          late by ${formatPercentiles(report.latenessMs)}`);
  }
  if (report.signed !== undefined && report.mode !== undefined) {
    lines.push(
      `  signing         ${report.signed ? 'Vonage-Signature (HS256)' : 'unsigned'} · ${report.mode} mode${report.ordered ? ' · ordered' : ''}`,
    );
  }
  const chaos = report.chaos;
  if (chaos) {
    const bad = chaos.badSignatures;
    lines.push(
      `  chaos           duplicated ${count(chaos.duplicated)}${chaos.duplicated > 0 ? ` (${formatCounts(chaos.duplicateOutcomes)})` : ''} · reordered ${count(chaos.reordered)} · delayed ${count(chaos.delayed)}`,
    );
    if (bad.sent > 0) {
      const accepted =
        bad.accepted > 0
          ? colors.red(`accepted ${count(bad.accepted)} (the webhook should have refused them)`)
          : colors.green('accepted 0');
      lines.push(
        `  bad signatures  ${count(bad.sent)} sent (unsigned ${count(bad.unsigned)} · stale ${count(bad.stale)} · wrong ${count(bad.wrong)}): rejected ${count(bad.rejected)} · ${accepted}`,
      );
    }
  }
  if (report.deadLettered > 0) {
    lines.push(
      colors.red(
        `✗ ${count(report.deadLettered)} dead-lettered (${formatCounts(report.deadLetterReasons)})${files.deadLetter ? ` → ${files.deadLetter}` : ''}`,
      ),
    );
  }
  if (report.interrupted) {
    const why =
      report.interrupted.reason === 'signal'
        ? 'interrupted'
        : `stopped (${(report.interrupted.message ?? 'the source failed').replace(/\.$/, '')})`;
    if (report.unsent > 0) {
      const maybe =
        report.unsentInFlight > 0
          ? ` (${count(report.unsentInFlight)} ${report.unsentInFlight === 1 ? 'was' : 'were'} cut in flight and may arrive twice)`
          : '';
      lines.push(
        colors.yellow(
          `⚠ ${why}: ${count(report.unsent)} not delivered${maybe}${files.resume ? ` → ${files.resume}` : ''}`,
        ),
      );
      if (files.resumeCommand) lines.push(`  resume with: ${files.resumeCommand}`);
    } else {
      lines.push(colors.yellow(`⚠ ${why}; nothing was left undelivered`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `2/8 by teams: support` or `5/8 by calls: every 8th call and agent of sales, support`. */
function formatShard(shard: ShardLabel): string {
  const teams = shard.teams?.join(', ') ?? '';
  if (shard.by === 'calls') {
    return `${shard.index}/${shard.count} by calls: every ${ordinal(shard.count)} call and agent${teams ? ` of ${teams}` : ''}`;
  }
  return `${shard.index}/${shard.count}${shard.by ? ` by ${shard.by}` : ''}${teams ? `: ${teams}` : ''}`;
}

function ordinal(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');
  return `${value}${suffix}`;
}

/** One line per request the receiver answered. */
export function formatReceived(received: ReceivedNotification, colors: Colors): string {
  const ok = received.status >= 200 && received.status <= 205;
  const status = ok ? colors.green(String(received.status)) : colors.red(String(received.status));
  const flags: string[] = [];
  if (received.injected) flags.push(colors.yellow('injected failure'));
  if (received.signature === 'valid') flags.push(colors.green('signed ✓'));
  else if (received.signature !== 'unchecked') {
    flags.push(colors.red(`signature ${received.signature}`));
  }
  if (!received.valid) {
    const first = received.errors[0];
    const more = received.errors.length > 1 ? ` (+${received.errors.length - 1} more)` : '';
    flags.push(colors.red(`invalid: ${first?.path || '/'} ${first?.message ?? ''}${more}`));
  }
  for (const warning of received.warnings) {
    flags.push(colors.yellow(`warning: ${warning.path} ${warning.message}`));
  }
  if (received.duplicate) flags.push(colors.yellow('duplicate'));
  if (received.outOfOrder) flags.push(colors.yellow('out of order'));
  if (received.mode === 'binary') flags.push(colors.dim('binary'));
  return [
    colors.dim(received.receivedAt.slice(11, 23)),
    status,
    String(received.type ?? '?').padEnd(26),
    shortId(received.id),
    colors.dim(shortId(received.subject)),
    flags.join(' · '),
  ]
    .join('  ')
    .trimEnd();
}

/** The receiver's summary on exit. */
export function formatReceiverSummary(summary: ReceiverSummary, colors: Colors): string {
  const problems =
    summary.invalid +
    summary.duplicates +
    summary.outOfOrder +
    Object.entries(summary.signatures)
      .filter(([key]) => key !== 'valid' && key !== 'unchecked')
      .reduce((sum, [, n]) => sum + n, 0);
  const mark = problems === 0 ? colors.green('✓') : colors.yellow('⚠');
  return [
    `${mark} ${countOf(summary.requests, 'notification')} received, ${count(summary.accepted)} accepted`,
    `  statuses      ${formatCounts(summary.statuses)}`,
    `  signatures    ${formatCounts(summary.signatures)}`,
    `  invalid       ${count(summary.invalid)}`,
    ...(summary.warned > 0 ? [`  warnings      ${count(summary.warned)} with unknown fields`] : []),
    `  duplicates    ${count(summary.duplicates)}`,
    `  out of order  ${count(summary.outOfOrder)}`,
    ...(summary.injectedFailures > 0
      ? [`  injected      ${countOf(summary.injectedFailures, 'failure')}`]
      : []),
    `  types         ${formatCounts(summary.types)}`,
    '',
  ].join('\n');
}
