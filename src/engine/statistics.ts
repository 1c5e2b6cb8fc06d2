import type { EventType } from '../contract/index.js';
import type { CallOutcome, CallSummary, FlowName, TimingsDefinition } from './types.js';

/** Percentiles of one duration across a run, in milliseconds. */
export interface DurationStatistics {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
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
}

/** The value at a percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/**
 * Collects a run's statistics: feed it every call summary (`onCall`) and every notification type.
 */
export class StatisticsCollector {
  readonly #outcomes: RunStatistics['outcomes'] = {};
  readonly #flows: RunStatistics['flows'] = {};
  readonly #teams: Record<string, number> = {};
  readonly #byType: RunStatistics['byType'] = {};
  readonly #durations = new Map<string, number[]>();
  #calls = 0;
  #notifications = 0;

  /** Pass as `onCall` to `simulate`. */
  readonly addCall = (call: CallSummary): void => {
    this.#calls++;
    this.#outcomes[call.outcome] = (this.#outcomes[call.outcome] ?? 0) + 1;
    this.#flows[call.flow] = (this.#flows[call.flow] ?? 0) + 1;
    this.#teams[call.team] = (this.#teams[call.team] ?? 0) + 1;
    for (const [name, value] of Object.entries(call.durations)) {
      let values = this.#durations.get(name);
      if (!values) this.#durations.set(name, (values = []));
      values.push(value);
    }
  };

  addNotification(type: EventType): void {
    this.#notifications++;
    this.#byType[type] = (this.#byType[type] ?? 0) + 1;
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
    };
  }
}
