import { VccSimError } from '../../../errors.js';
import type { TwinRandom } from './random.js';
import type { Region } from '../vcc.js';
import type { Fault, FaultHandle, Latency, TwinRoute } from '../types.js';

interface Rule {
  routes: ReadonlySet<TwinRoute> | '*';
  fault: Fault;
  remaining: number | undefined;
  hits: number;
}

/** Draws a latency in milliseconds. */
export function drawLatency(latency: Latency | undefined, random: TwinRandom): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  return latency.min + random.next() * (latency.max - latency.min);
}

/**
 * Injected failures and latency, per route: the MSW habit of `server.use(http.get(…, () =>
 * HttpResponse.error()))`, with rates and counts so a test need not write the handler. Rules apply
 * in the order they were added; the first that fires decides.
 */
export class FaultRegistry {
  private rules: Rule[] = [];

  constructor(private readonly random: TwinRandom) {}

  clear(): void {
    this.rules = [];
  }

  add(routes: TwinRoute | readonly TwinRoute[] | '*', fault: Fault): FaultHandle {
    checkFault(fault);
    const rule: Rule = {
      routes: routes === '*' ? '*' : new Set(typeof routes === 'string' ? [routes] : routes),
      fault: { ...fault },
      remaining: fault.times,
      hits: 0,
    };
    this.rules.push(rule);
    return {
      get hits() {
        return rule.hits;
      },
      get remaining() {
        return rule.remaining;
      },
      remove: () => {
        this.rules = this.rules.filter((other) => other !== rule);
      },
    };
  }

  /** The fault that fires for this request, if any (counting it as used). */
  draw(route: TwinRoute, region: Region): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.remaining === 0) continue;
      if (rule.routes !== '*' && !rule.routes.has(route)) continue;
      if (rule.fault.region !== undefined && rule.fault.region !== region) continue;
      if (rule.fault.rate !== undefined && this.random.next() >= rule.fault.rate) continue;
      rule.hits++;
      if (rule.remaining !== undefined) rule.remaining--;
      return rule.fault;
    }
    return undefined;
  }
}

function checkFault(fault: Fault): void {
  if (fault.rate !== undefined && !(fault.rate >= 0 && fault.rate <= 1)) {
    throw new VccSimError('usage', `A fault's rate must be between 0 and 1 (got ${fault.rate})`);
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) {
    throw new VccSimError(
      'usage',
      `A fault's times must be a positive integer (got ${fault.times})`,
    );
  }
  if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 200)) {
    throw new VccSimError('usage', `A fault's status must be an HTTP status (got ${fault.status})`);
  }
}
