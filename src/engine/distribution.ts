import { requireDuration } from './duration.js';
import { ScenarioProblem } from './scenario-problem.js';
import type { RandomStream } from './random.js';
import type { DistributionDefinition } from './types.js';

/** Draws a duration in whole milliseconds (never negative) from a random stream. */
export type Sampler = (random: RandomStream) => number;

/** The standard normal quantile at 0.9: a log-normal's p90 is `median · e^(σ·Z90)`. */
const Z90 = 1.2815515655446004;

function standardNormal(random: RandomStream): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Compiles a scenario's distribution into a sampler. `where` is its JSON Pointer in the scenario
 * (`/timings/talk`), for messages.
 */
export function compileDistribution(definition: DistributionDefinition, where: string): Sampler {
  if (typeof definition === 'number' || typeof definition === 'string') {
    const value = requireDuration(definition, where);
    return () => Math.round(value);
  }
  switch (definition.distribution) {
    case 'fixed': {
      const value = requireDuration(definition.value, `${where}/value`);
      return () => Math.round(value);
    }
    case 'uniform': {
      const min = requireDuration(definition.min, `${where}/min`);
      const max = requireDuration(definition.max, `${where}/max`);
      if (max < min) throw rangeError(where, 'max must not be less than min');
      return (random) => Math.round(min + random.next() * (max - min));
    }
    case 'exponential': {
      const mean = requireDuration(definition.mean, `${where}/mean`);
      return (random) => Math.round(-mean * Math.log(1 - random.next()));
    }
    case 'lognormal': {
      const median = requireDuration(definition.median, `${where}/median`);
      const p90 = requireDuration(definition.p90, `${where}/p90`);
      if (!(median > 0 && p90 > median))
        throw rangeError(where, 'p90 must be greater than median, and median greater than 0');
      const mu = Math.log(median);
      const sigma = Math.log(p90 / median) / Z90;
      return (random) => Math.round(Math.exp(mu + sigma * standardNormal(random)));
    }
    case 'normal': {
      const mean = requireDuration(definition.mean, `${where}/mean`);
      const sd = requireDuration(definition.sd, `${where}/sd`);
      const min =
        definition.min === undefined ? 0 : requireDuration(definition.min, `${where}/min`);
      const max =
        definition.max === undefined ? Infinity : requireDuration(definition.max, `${where}/max`);
      if (max < min) throw rangeError(where, 'max must not be less than min');
      return (random) => {
        // Truncation by rejection; after a few misses, clamp (only reached for extreme bounds).
        for (let attempt = 0; attempt < 8; attempt++) {
          const value = mean + sd * standardNormal(random);
          if (value >= min && value <= max) return Math.round(value);
        }
        return Math.round(Math.min(max, Math.max(min, mean)));
      };
    }
  }
}

function rangeError(pointer: string, message: string): ScenarioProblem {
  return new ScenarioProblem(pointer, message);
}
