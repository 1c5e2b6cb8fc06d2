import type { ArrivalsModel } from './model.js';
import type { RandomStream } from './random.js';

const HOUR = 3_600_000;

/** The mean number of calls per hour a process produces. */
function meanPerHour(arrivals: ArrivalsModel): number {
  switch (arrivals.process) {
    case 'rate':
    case 'poisson':
      return arrivals.perHour;
    case 'bursts':
      return (arrivals.size * HOUR) / arrivals.everyMs;
    case 'profile':
      return arrivals.perDay / 24;
  }
}

/** The same process, scaled to a mean of `perHour` calls an hour. */
export function withMeanPerHour(arrivals: ArrivalsModel, perHour: number): ArrivalsModel {
  const factor = perHour / meanPerHour(arrivals);
  switch (arrivals.process) {
    case 'rate':
    case 'poisson':
      return { ...arrivals, perHour };
    case 'bursts':
      return { ...arrivals, everyMs: arrivals.everyMs / factor };
    case 'profile':
      return { ...arrivals, perDay: arrivals.perDay * factor };
  }
}

function exponential(random: RandomStream): number {
  return -Math.log(1 - random.next());
}

/**
 * A clock of arrival times (milliseconds since the scenario start, never decreasing, whole
 * milliseconds) for a process. Each call returns the next arrival.
 */
export function arrivalClock(
  arrivals: ArrivalsModel,
  startMs: number,
  random: RandomStream,
): () => number {
  switch (arrivals.process) {
    case 'rate': {
      const gap = HOUR / arrivals.perHour;
      let index = 0;
      return () => Math.round(gap * index++);
    }
    case 'poisson': {
      const meanGap = HOUR / arrivals.perHour;
      let time = 0;
      return () => Math.round((time += meanGap * exponential(random)));
    }
    case 'bursts': {
      let burst = 0;
      let pending: number[] = [];
      return () => {
        if (pending.length === 0) {
          const base = burst++ * arrivals.everyMs;
          pending = Array.from({ length: arrivals.size }, () =>
            Math.round(base + random.next() * arrivals.spreadMs),
          );
          pending.sort((a, b) => b - a); // popped from the end: earliest first
        }
        return pending.pop()!;
      };
    }
    case 'profile': {
      const total = arrivals.hourly.reduce((sum, weight) => sum + weight, 0);
      const perMs = arrivals.hourly.map((weight) => (arrivals.perDay * weight) / total / HOUR);
      let time = 0;
      return () => {
        // Inversion of a piecewise-constant intensity: spend an Exp(1) budget hour by hour.
        let budget = exponential(random);
        for (;;) {
          const absolute = startMs + time;
          const hourEnd = (Math.floor(absolute / HOUR) + 1) * HOUR - startMs;
          const rate = perMs[Math.floor(absolute / HOUR) % 24]!;
          const available = rate * (hourEnd - time);
          if (available >= budget) {
            time += budget / rate;
            return Math.round(time);
          }
          budget -= available;
          time = hourEnd;
        }
      };
    }
  }
}
