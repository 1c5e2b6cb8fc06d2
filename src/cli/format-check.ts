import {
  CHECK_CATALOGUE,
  CHECK_GROUPS,
  describeExchange,
  type CheckReport,
  type CheckResult,
} from '../delivery/check/index.js';
import { countOf } from '../internal/count.js';
import type { CliContext } from './context.js';

type Colors = CliContext['colors'];

const NAME_WIDTH = Math.max(...CHECK_CATALOGUE.map((check) => check.name.length));
/** Evidence lines shown under a warning or failure (all of them with --verbose). */
const EVIDENCE_LINES = 3;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))}s`;

/** The first lines: what is checked, with what. */
export function formatCheckHeader(
  url: string,
  settings: { scenario: string; seed?: number; shard?: { index: number; count: number } },
  colors: Colors,
): string {
  const about = [
    settings.scenario,
    settings.seed === undefined ? undefined : `seed ${settings.seed}`,
    settings.shard === undefined
      ? undefined
      : `shard ${settings.shard.index}/${settings.shard.count}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return `${colors.bold(`Checking ${url}`)} ${colors.dim(`(${about})`)}\n`;
}

function mark(result: CheckResult, colors: Colors): string {
  switch (result.verdict) {
    case 'pass':
      return colors.green('✓');
    case 'warn':
      return colors.yellow('!');
    case 'fail':
      return colors.red('✗');
    case 'skip':
      return colors.dim('–');
  }
}

/** One check's line, its group heading when it starts a group, and the evidence and fix of a warning or failure. */
export function formatCheckLine(
  result: CheckResult,
  previousGroup: string | undefined,
  verbose: boolean,
  colors: Colors,
): string {
  const heading =
    result.group === previousGroup ? '' : `\n${colors.bold(CHECK_GROUPS[result.group])}\n`;
  const name = result.name.padEnd(NAME_WIDTH);
  const summary = result.verdict === 'skip' ? colors.dim(result.summary) : result.summary;
  const lines = [
    `  ${mark(result, colors)} ${result.verdict === 'skip' ? colors.dim(name) : name}  ${summary}`,
  ];
  const troubled = result.verdict === 'warn' || result.verdict === 'fail';
  if (troubled || verbose) {
    const evidence = verbose ? result.evidence : result.evidence.slice(0, EVIDENCE_LINES);
    for (const exchange of evidence)
      lines.push(`      ${colors.dim('sent')} ${describeExchange(exchange)}`);
    if (!verbose && result.evidence.length > EVIDENCE_LINES) {
      lines.push(
        colors.dim(`      … ${result.evidence.length - EVIDENCE_LINES} more (--verbose or --json)`),
      );
    }
  }
  if (result.fix) lines.push(`      ${colors.cyan('fix')}  ${result.fix}`);
  return `${heading}${lines.join('\n')}\n`;
}

/** The closing line: counts by verdict, time, and how to repeat the run. */
export function formatCheckSummary(report: CheckReport, colors: Colors): string {
  const parts = [
    report.failed.length > 0 ? colors.red(`${report.failed.length} failed`) : undefined,
    report.warned.length > 0 ? colors.yellow(countOf(report.warned.length, 'warning')) : undefined,
    colors.green(`${report.passed.length} passed`),
    report.skipped.length > 0 ? colors.dim(`${report.skipped.length} skipped`) : undefined,
  ].filter(Boolean);
  const verdict = report.ok
    ? colors.green(report.warned.length > 0 ? '✓ ready for VCC, with warnings' : '✓ ready for VCC')
    : colors.red('✗ not ready for VCC');
  return (
    `\n${verdict}: ${parts.join(' · ')} in ${seconds(report.elapsedMs)}\n` +
    colors.dim(
      `${countOf(report.events.length, 'event type')} · ${report.mode} mode · timeout ${seconds(report.timeoutMs)} · --seed ${report.seed} repeats this run\n`,
    )
  );
}
