import { parseDuration, type ArrivalsDefinition } from '../engine/index.js';

const HOUR_MS = 3_600_000;

/** What a scenario's arrival process expects: calls per UTC hour of the day (24 values). */
export interface ArrivalProfile {
  /** The scenario's name, for the chart's legend. */
  name: string;
  perHourOfDay: number[];
}

/**
 * The calls per hour a scenario's arrival process produces on average, for each UTC hour of the
 * day (a `profile` process follows its 24 weights, the others are flat). Every flow of the mix
 * counts, inbound and outbound, as the engine draws them all from this process.
 */
export function arrivalProfile(name: string, arrivals: ArrivalsDefinition): ArrivalProfile {
  switch (arrivals.process) {
    case 'rate':
    case 'poisson':
      return { name, perHourOfDay: new Array<number>(24).fill(arrivals.perHour) };
    case 'bursts': {
      const everyMs = parseDuration(arrivals.every) ?? HOUR_MS;
      return {
        name,
        perHourOfDay: new Array<number>(24).fill((arrivals.size * HOUR_MS) / everyMs),
      };
    }
    case 'profile': {
      const total = arrivals.hourly.reduce((sum, weight) => sum + weight, 0);
      return {
        name,
        perHourOfDay: arrivals.hourly.map((weight) =>
          total > 0 ? (arrivals.perDay * weight) / total : 0,
        ),
      };
    }
  }
}
