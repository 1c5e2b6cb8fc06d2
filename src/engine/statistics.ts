import type { EventType } from '../contract/index.js';
import { FigureSums, hourOf, splitByHour, type ServiceFigures } from './service-figures.js';
import type {
  AgentSpan,
  CallOutcome,
  CallSummary,
  FlowName,
  PeopleNames,
  RunInfo,
  SimulationObserver,
  TimingsDefinition,
} from './types.js';

export type { ServiceFigures } from './service-figures.js';

/** Percentiles of one duration across a run, in milliseconds. */
export interface DurationStatistics {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** One team's service, hour by hour (UTC hours of the day, summed over the run's days) and in all. */
export interface TeamService {
  team: string;
  /** Only hours in which something happened (calls, or agents logged in). */
  hours: (ServiceFigures & { hour: number })[];
  total: ServiceFigures;
}

/** The service figures of a run, with the scenario's targets beside them. */
export interface ServiceStatistics {
  /** The service level's threshold. */
  answerWithinMs: number;
  /** The scenario's targets, in percent. */
  targets: { serviceLevel?: number; abandonment?: number };
  teams: TeamService[];
  /** All teams together. */
  all: TeamService;
  /** The highest hourly occupancy of all teams together (hours with an agent logged in). */
  peakOccupancy: number | null;
}

/** One agent's run, from the stretches of their time and the calls they took. */
export interface AgentStatistics {
  agentId: string;
  /** Their name, when the collector was given the run's names (`peopleNames`). */
  name?: string;
  team: string;
  /** Calls on which their channel connected (a transferred call counts for both agents). */
  handled: number;
  /** Time logged in (any presence but Logged out), in milliseconds. */
  loggedInMs: number;
  /** Time on interactions ÷ time in Ready or Ready (Outbound), as the team figures count it. */
  occupancy: number | null;
}

/** What a run produced, for a person to check against the scenario. */
export interface RunStatistics {
  calls: number;
  outcomes: Partial<Record<CallOutcome, number>>;
  flows: Partial<Record<FlowName, number>>;
  teams: Record<string, number>;
  notifications: number;
  byType: Partial<Record<EventType, number>>;
  /** Drawn or measured durations of the calls, by timing. */
  durations: Partial<Record<keyof TimingsDefinition | 'queue', DurationStatistics>>;
  service: ServiceStatistics;
  /** Each agent who worked in the run, by team in the scenario's order, then by `agentId`. */
  agents: AgentStatistics[];
}

/** The value at a percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

interface TeamSums {
  agents: number;
  hours: FigureSums[];
}

interface AgentSums {
  team: string;
  handled: number;
  time: FigureSums;
}

/** Options of a {@link StatisticsCollector}. */
export interface StatisticsOptions {
  /** Names to give the agents in {@link RunStatistics.agents}: `peopleNames`'s. */
  names?: PeopleNames;
}

/**
 * Collects a run's statistics: pass it as `observer` to `simulate` and feed it every notification
 * type; {@link runStatistics} does both.
 */
export class StatisticsCollector implements SimulationObserver {
  readonly #names: PeopleNames | undefined;
  readonly #agents = new Map<string, AgentSums>();
  readonly #outcomes: RunStatistics['outcomes'] = {};
  readonly #flows: RunStatistics['flows'] = {};
  readonly #teams: Record<string, number> = {};
  readonly #byType: RunStatistics['byType'] = {};
  readonly #durations = new Map<string, number[]>();
  readonly #service = new Map<string, TeamSums>();
  #run: RunInfo = { startMs: 0, teams: [], targets: undefined, answerWithinMs: 20_000 };
  #calls = 0;
  #notifications = 0;

  constructor(options: StatisticsOptions = {}) {
    this.#names = options.names;
  }

  start(run: RunInfo): void {
    this.#run = run;
    for (const team of run.teams) this.#teamSums(team.name).agents = team.agents;
  }

  call(call: CallSummary): void {
    this.#calls++;
    this.#outcomes[call.outcome] = (this.#outcomes[call.outcome] ?? 0) + 1;
    this.#flows[call.flow] = (this.#flows[call.flow] ?? 0) + 1;
    this.#teams[call.team] = (this.#teams[call.team] ?? 0) + 1;
    for (const agentId of call.agents) this.#agentSums(call.team, agentId).handled++;
    for (const [name, value] of Object.entries(call.durations)) {
      let values = this.#durations.get(name);
      if (!values) this.#durations.set(name, (values = []));
      values.push(value);
    }
    // Inbound calls count in the hour they reached the queue, outbound ones when they were dialled.
    const at =
      call.direction === 'outbound'
        ? (call.queuedAt ?? call.arrivedAt) + (call.waited ?? 0)
        : (call.queuedAt ?? call.arrivedAt);
    const hour = hourOf(this.#run.startMs, at);
    this.#teamSums(call.team).hours[hour]!.addCall(call, this.#run.answerWithinMs);
  }

  agent(span: AgentSpan): void {
    this.#agentSums(span.team, span.agentId).time.addSpan(span.kind, span.to - span.from);
    const hours = this.#teamSums(span.team).hours;
    splitByHour(this.#run.startMs, span.from, span.to, (hour, ms) =>
      hours[hour]!.addSpan(span.kind, ms),
    );
  }

  addNotification(type: EventType): void {
    this.#notifications++;
    this.#byType[type] = (this.#byType[type] ?? 0) + 1;
  }

  #agentSums(team: string, agentId: string): AgentSums {
    let sums = this.#agents.get(agentId);
    if (!sums) this.#agents.set(agentId, (sums = { team, handled: 0, time: new FigureSums() }));
    return sums;
  }

  #teamSums(team: string): TeamSums {
    let sums = this.#service.get(team);
    if (!sums) {
      sums = { agents: 0, hours: Array.from({ length: 24 }, () => new FigureSums()) };
      this.#service.set(team, sums);
    }
    return sums;
  }

  report(): RunStatistics {
    const durations: RunStatistics['durations'] = {};
    for (const [name, values] of [...this.#durations].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = values.slice().sort((a, b) => a - b);
      durations[name as keyof RunStatistics['durations']] = {
        count: sorted.length,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        max: sorted[sorted.length - 1]!,
      };
    }
    return {
      calls: this.#calls,
      outcomes: this.#outcomes,
      flows: this.#flows,
      teams: this.#teams,
      notifications: this.#notifications,
      byType: this.#byType,
      durations,
      service: this.#serviceReport(),
      agents: this.#agentsReport(),
    };
  }

  #agentsReport(): AgentStatistics[] {
    const teamOrder = this.#run.teams.map((team) => team.name);
    return [...this.#agents]
      .sort(
        ([a, x], [b, y]) =>
          teamOrder.indexOf(x.team) - teamOrder.indexOf(y.team) ||
          a.localeCompare(b, 'en', { numeric: true }),
      )
      .map(([agentId, { team, handled, time }]) => {
        const name = this.#names?.get(agentId);
        return {
          agentId,
          ...(name === undefined ? {} : { name }),
          team,
          handled,
          loggedInMs: time.loggedInMs,
          occupancy: time.readyMs > 0 ? time.busyMs / time.readyMs : null,
        };
      });
  }

  #serviceReport(): ServiceStatistics {
    const allHours = Array.from({ length: 24 }, () => new FigureSums());
    let allAgents = 0;
    const teams = [...this.#service].map(([team, sums]) => {
      allAgents += sums.agents;
      sums.hours.forEach((hour, index) => allHours[index]!.add(hour));
      return teamService(team, sums.hours, sums.agents);
    });
    const all = teamService('all teams', allHours, allAgents);
    const occupancies = all.hours
      .filter((hour) => hour.agentsLoggedIn > 0)
      .map((hour) => hour.occupancy)
      .filter((value): value is number => value !== null);
    const { targets } = this.#run;
    return {
      answerWithinMs: this.#run.answerWithinMs,
      targets: {
        ...(targets?.serviceLevel === undefined ? {} : { serviceLevel: targets.serviceLevel }),
        ...(targets?.abandonment === undefined ? {} : { abandonment: targets.abandonment }),
      },
      teams,
      all,
      peakOccupancy: occupancies.length > 0 ? Math.max(...occupancies) : null,
    };
  }
}

function teamService(team: string, hours: FigureSums[], agents: number): TeamService {
  const total = new FigureSums();
  for (const hour of hours) total.add(hour);
  return {
    team,
    hours: hours
      .map((sums, hour) => ({ hour, ...sums.figures(agents) }))
      .filter(
        (figures) => figures.offered > 0 || figures.dialled > 0 || figures.agentsLoggedIn > 0,
      ),
    total: total.figures(agents),
  };
}
