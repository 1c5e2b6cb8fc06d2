import type { RunStatistics, Scenario, ServiceFigures, TeamService } from '../engine/index.js';
import { DEFAULT_TIMINGS, formatDuration } from '../engine/index.js';
import { formatCount as count } from '../internal/count.js';
import type { CliContext } from './context.js';

type Colors = CliContext['colors'];

function describeDistribution(definition: unknown): string {
  if (definition === undefined) return '';
  if (typeof definition !== 'object' || definition === null) return `fixed ${String(definition)}`;
  const { distribution, ...parameters } = definition as Record<string, unknown>;
  return `${String(distribution)} ${Object.entries(parameters)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ')}`;
}

function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function seconds(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 1000).toFixed(1)}s`;
}

const SERVICE_COLUMNS = [
  ['offered', 8],
  ['answered', 9],
  ['abandoned', 10],
  ['aband. %', 9],
  ['service lvl', 12],
  ['ASA', 8],
  ['occupancy', 10],
  ['agents', 7],
  ['dialled', 8],
] as const;

function serviceCells(figures: ServiceFigures): string {
  const values = [
    count(figures.offered),
    count(figures.answered),
    count(figures.abandoned),
    percent(figures.abandonmentRate),
    percent(figures.serviceLevel),
    seconds(figures.averageSpeedOfAnswerMs),
    percent(figures.occupancy),
    figures.agentsLoggedIn.toFixed(1),
    count(figures.dialled),
  ];
  return values.map((value, index) => value.padStart(SERVICE_COLUMNS[index]![1])).join('');
}

function serviceHeader(first: string, width: number): string {
  return `  ${first.padEnd(width)}${SERVICE_COLUMNS.map(([name, size]) => name.padStart(size)).join('')}`;
}

/** The service figures: a line per team for the whole run, then each team hour by hour. */
function formatService(statistics: RunStatistics, colors: Colors): string[] {
  const { service } = statistics;
  const lines: string[] = [];
  const targets = service.targets;
  const within = formatDuration(service.answerWithinMs);
  lines.push(
    '',
    colors.bold(`Service (service level: answered within ${within} ÷ answered + abandoned)`),
  );
  const width = Math.max(9, ...service.teams.map((team) => team.team.length)) + 2;
  lines.push(colors.dim(serviceHeader('team', width)));
  const teams: TeamService[] =
    service.teams.length > 1 ? [...service.teams, service.all] : service.teams;
  for (const team of teams) lines.push(`  ${team.team.padEnd(width)}${serviceCells(team.total)}`);
  const total = service.all.total;
  const check = (ok: boolean) => (ok ? colors.green('✓') : colors.red('✗'));
  if (targets.serviceLevel !== undefined && total.serviceLevel !== null) {
    lines.push(
      `  service level ${percent(total.serviceLevel)}, target ${targets.serviceLevel}% within ${within} ${check(total.serviceLevel * 100 >= targets.serviceLevel)}`,
    );
  }
  if (targets.abandonment !== undefined && total.abandonmentRate !== null) {
    lines.push(
      `  abandonment ${percent(total.abandonmentRate)}, target at most ${targets.abandonment}% ${check(total.abandonmentRate * 100 <= targets.abandonment)}`,
    );
  }
  lines.push(`  peak hourly occupancy ${percent(service.peakOccupancy)}`);
  for (const team of teams) {
    lines.push(
      '',
      colors.bold(`By hour (UTC): ${team.team}`),
      colors.dim(serviceHeader('hour', 6)),
    );
    for (const hour of team.hours) {
      lines.push(`  ${`${String(hour.hour).padStart(2, '0')}:00`.padEnd(6)}${serviceCells(hour)}`);
    }
  }
  return lines;
}

/** A line per agent: their team, the calls they took, time logged in, occupancy, and name. */
function formatAgents(statistics: RunStatistics, colors: Colors): string[] {
  if (statistics.agents.length === 0) return [];
  const idWidth = Math.max(5, ...statistics.agents.map((agent) => agent.agentId.length)) + 2;
  const teamWidth = Math.max(4, ...statistics.agents.map((agent) => agent.team.length)) + 2;
  const lines = [
    '',
    colors.bold('Agents'),
    colors.dim(
      `  ${'agent'.padEnd(idWidth)}${'team'.padEnd(teamWidth)}${'handled'.padStart(7)}${'logged in'.padStart(11)}${'occupancy'.padStart(11)}  name`,
    ),
  ];
  for (const agent of statistics.agents) {
    lines.push(
      `  ${agent.agentId.padEnd(idWidth)}${agent.team.padEnd(teamWidth)}${count(agent.handled).padStart(7)}${formatDuration(agent.loggedInMs).padStart(11)}${percent(agent.occupancy).padStart(11)}  ${agent.name ?? ''}`.trimEnd(),
    );
  }
  return lines;
}

/** The `--stats` summary: calls, outcomes, service figures, notifications by type, durations by percentile. */
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
  lines.push(...formatService(statistics, colors));
  lines.push(...formatAgents(statistics, colors));

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
