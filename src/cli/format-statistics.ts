import type { RunStatistics, Scenario } from '../engine/index.js';
import { DEFAULT_TIMINGS, formatDuration } from '../engine/index.js';
import type { CliContext } from './context.js';

type Colors = CliContext['colors'];

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function describeDistribution(definition: unknown): string {
  if (definition === undefined) return '';
  if (typeof definition !== 'object' || definition === null) return `fixed ${String(definition)}`;
  const { distribution, ...parameters } = definition as Record<string, unknown>;
  return `${String(distribution)} ${Object.entries(parameters)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ')}`;
}

/** The `--stats` summary: calls, outcomes, notifications by type, durations by percentile. */
export function formatStatistics(
  statistics: RunStatistics,
  scenario: Scenario,
  seed: number,
  colors: Colors,
): string {
  const lines: string[] = [];
  const heading = (text: string) => lines.push('', colors.bold(text));
  lines.push(colors.bold(`Scenario ${scenario.definition.name}, seed ${seed}`));
  lines.push(`  calls          ${count(statistics.calls)}`);
  lines.push(`  notifications  ${count(statistics.notifications)}`);
  const list = (record: Record<string, number | undefined>) =>
    Object.entries(record)
      .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
      .map(([key, value]) => `${key} ${count(value ?? 0)}`)
      .join(' · ');
  lines.push(`  outcomes       ${list(statistics.outcomes)}`);
  lines.push(`  flows          ${list(statistics.flows)}`);
  lines.push(`  teams          ${list(statistics.teams)}`);

  heading('Notifications by type');
  for (const [type, value] of Object.entries(statistics.byType).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    lines.push(`  ${type.padEnd(30)}${count(value ?? 0).padStart(10)}`);
  }

  heading('Durations (drawn per call; queue is measured)');
  lines.push(
    colors.dim(
      `  ${'timing'.padEnd(13)}${'count'.padStart(8)}${'p50'.padStart(10)}${'p90'.padStart(10)}${'p99'.padStart(10)}   scenario`,
    ),
  );
  const { timings = {}, mix } = scenario.definition;
  for (const [name, value] of Object.entries(statistics.durations)) {
    if (!value) continue;
    const key = name as keyof typeof DEFAULT_TIMINGS;
    const configured =
      name === 'queue'
        ? ''
        : mix.some((entry) => entry.timings?.[key] !== undefined)
          ? 'varies by flow'
          : timings[key] !== undefined
            ? describeDistribution(timings[key])
            : `${describeDistribution(DEFAULT_TIMINGS[key])} (default)`;
    lines.push(
      `  ${name.padEnd(13)}${count(value.count).padStart(8)}${formatDuration(value.p50).padStart(10)}${formatDuration(value.p90).padStart(10)}${formatDuration(value.p99).padStart(10)}   ${configured}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
