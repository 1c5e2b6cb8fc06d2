import { HOUR_MS } from './hours.js';
import type { AgentSpan, CallSummary } from './types.js';

/**
 * The figures a contact-centre person checks first (facts §2c), for one team or all of them, over
 * one hour of the day or the whole run. Ratios are fractions (0.8 is 80%), `null` when nothing was
 * there to measure.
 */
export interface ServiceFigures {
  /** Inbound calls that reached the queue. */
  offered: number;
  answered: number;
  /** Answered within the threshold (`answerWithinMs`). */
  answeredWithin: number;
  abandoned: number;
  voicemail: number;
  /** Abandoned ÷ offered. */
  abandonmentRate: number | null;
  /** Answered within the threshold ÷ (answered + abandoned). */
  serviceLevel: number | null;
  /** Mean wait of answered calls (ms), from joining the queue to the agent's answer. */
  averageSpeedOfAnswerMs: number | null;
  /** Time on interactions ÷ time logged in and Ready or Ready (Outbound). */
  occupancy: number | null;
  /** The mean number of agents logged in (in any presence but Logged Out). */
  agentsLoggedIn: number;
  /** Outbound calls dialled, and answered by the customer. */
  dialled: number;
  connected: number;
}

/** Sums that make {@link ServiceFigures}. */
export class FigureSums {
  offered = 0;
  answered = 0;
  answeredWithin = 0;
  abandoned = 0;
  voicemail = 0;
  waitedMs = 0;
  busyMs = 0;
  readyMs = 0;
  loggedInMs = 0;
  /** Agent-time observed (every presence, Logged Out too). */
  observedMs = 0;
  dialled = 0;
  connected = 0;

  addCall(call: CallSummary, answerWithinMs: number): void {
    if (call.direction === 'outbound') {
      if (call.outcome === 'not-dialled') return;
      this.dialled++;
      if (call.outcome === 'answered') this.connected++;
      return;
    }
    if (call.queuedAt === undefined) return;
    this.offered++;
    const waited = call.waited ?? 0;
    if (call.outcome === 'answered') {
      this.answered++;
      this.waitedMs += waited;
      if (waited <= answerWithinMs) this.answeredWithin++;
    } else if (call.outcome === 'abandoned') {
      this.abandoned++;
    } else if (call.outcome === 'voicemail') {
      this.voicemail++;
    }
  }

  addSpan(kind: AgentSpan['kind'], ms: number): void {
    if (kind === 'busy') {
      this.busyMs += ms;
      return;
    }
    this.observedMs += ms;
    if (kind !== 'loggedOut') this.loggedInMs += ms;
    if (kind === 'ready' || kind === 'readyOutbound') this.readyMs += ms;
  }

  add(other: FigureSums): void {
    for (const key of Object.keys(this) as (keyof FigureSums)[]) {
      (this[key] as number) += other[key] as number;
    }
  }

  /** The figures, given how many agents' time `observedMs` covers (to turn it into a count). */
  figures(agents: number): ServiceFigures {
    const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
    return {
      offered: this.offered,
      answered: this.answered,
      answeredWithin: this.answeredWithin,
      abandoned: this.abandoned,
      voicemail: this.voicemail,
      abandonmentRate: ratio(this.abandoned, this.offered),
      serviceLevel: ratio(this.answeredWithin, this.answered + this.abandoned),
      averageSpeedOfAnswerMs: ratio(this.waitedMs, this.answered),
      occupancy: ratio(this.busyMs, this.readyMs),
      agentsLoggedIn:
        agents > 0 && this.observedMs > 0 ? (this.loggedInMs / this.observedMs) * agents : 0,
      dialled: this.dialled,
      connected: this.connected,
    };
  }
}

/**
 * Splits a span of scenario time (ms since the start) at the hours of the day (UTC), calling
 * `add(hour, ms)` for each part.
 */
export function splitByHour(
  startMs: number,
  from: number,
  to: number,
  add: (hour: number, ms: number) => void,
): void {
  let at = from;
  while (at < to) {
    const absolute = startMs + at;
    const hourEnd = (Math.floor(absolute / HOUR_MS) + 1) * HOUR_MS - startMs;
    const end = Math.min(to, hourEnd);
    add(Math.floor(absolute / HOUR_MS) % 24, end - at);
    at = end;
  }
}

/** The hour of the day (UTC) of an instant on the scenario clock. */
export function hourOf(startMs: number, at: number): number {
  return Math.floor((startMs + at) / HOUR_MS) % 24;
}
