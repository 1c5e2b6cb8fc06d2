import { MIN_WORK_BETWEEN_BREAKS_MS } from './defaults.js';
import { DAY_MS } from './hours.js';
import type { SubjectParts } from './notification-parts.js';
import { randomStream, type RandomStream } from './random.js';
import { planDay, type DayPlan, type RosterModel, type ShiftPattern } from './roster.js';
import type { AgentDefinition, PresenceName, Work } from './types.js';

/** What an agent is doing, as far as their presence goes. */
type Activity = 'off' | 'work' | 'break' | 'missed';

/** Someone a call can put on a channel: an agent or a supervisor. */
export interface Person {
  readonly identity: AgentDefinition;
}

/** The presence an agent working `work` is in. */
function workPresence(work: Work): PresenceName {
  return work === 'inbound' ? 'ready' : 'readyOutbound';
}

/**
 * One agent during a run: their presence, whether an interaction holds them, and their roster,
 * planned one day at a time from the agent's own random stream (so a day's shift depends only on
 * the seed, the agent and the date, never on the calls).
 *
 * Times are milliseconds since the scenario start. The day's plan says when things fall due; an
 * agent busy when something falls due does it as soon as they are free, and a break lasts its
 * full length from when it actually starts.
 */
export class AgentRun implements Person {
  readonly identity: AgentDefinition;
  /** The team's position in the scenario (the simulation holds the teams' state). */
  readonly teamIndex: number;
  /** Position in the team. */
  readonly index: number;
  /** Position among all the scenario's agents: orders notifications sent at the same instant. */
  readonly ordinal: number;
  /** Orders the agent's notifications that share a send time. */
  seq = 0;
  readonly #seed: number;
  readonly #startMs: number;
  readonly #pattern: ShiftPattern | undefined;
  readonly #roster: RosterModel | undefined;
  /** Draws for what happens to the agent outside plans (how long they stay away after a miss). */
  readonly life: RandomStream;
  /** Draws for their notifications (send lags, sub-millisecond stamps, KSUID payloads). */
  readonly notes: RandomStream;

  presence: PresenceName;
  /** When the current presence began (ms since start; 0 for the presence held at the start). */
  presenceSince = 0;
  /** Held by an interaction, from its first ring to the end of its wrap. */
  busy = false;
  busySince = 0;
  /** From when routing may offer them work, and since when they have been waiting for it. */
  availableFrom = 0;
  idleSince = 0;
  /** The agent let a call ring out during an interaction: it takes effect when they are free. */
  missedPending = false;
  /** When the simulation last scheduled this agent's next planned change (stale decisions skip). */
  decisionAt = Number.NaN;
  /** Send time (ticks) of the agent's latest presence notification: later ones are never earlier. */
  lastSendTicks = -1;
  /** The JSON of each of the agent's presence notifications, made on first use. */
  readonly parts: Partial<Record<PresenceName, SubjectParts>> = {};

  #activity: Activity;
  #work: Work;
  #plan: DayPlan | undefined;
  #day = 0;
  #breakIndex = 0;
  #lastBreakEnd = -Infinity;
  #activityEnd = Infinity;
  #breakPresence: PresenceName = 'break';

  constructor(
    identity: AgentDefinition,
    teamIndex: number,
    index: number,
    settings: {
      ordinal: number;
      seed: number;
      startMs: number;
      roster: RosterModel | undefined;
      work: Work;
    },
  ) {
    this.identity = identity;
    this.teamIndex = teamIndex;
    this.index = index;
    this.ordinal = settings.ordinal;
    this.#seed = settings.seed;
    this.#startMs = settings.startMs;
    this.#roster = settings.roster;
    this.#pattern = settings.roster?.shifts[index];
    this.#work = settings.work;
    this.life = randomStream(settings.seed, `agent ${identity.agentId}`);
    this.notes = randomStream(settings.seed, `agent notes ${identity.agentId}`);
    if (this.#pattern === undefined) {
      // Without a roster, the agent is logged in for the whole run.
      this.#activity = 'work';
    } else {
      this.#activity = 'off';
      this.#work = this.#pattern.work;
      // Yesterday's shift may still run at the start; skip shifts that ended before it.
      this.#day = Math.floor(settings.startMs / DAY_MS) - 1;
      this.#plan = this.#planOf(this.#day);
      while (this.#plan.logout <= 0) this.#plan = this.#planOf(++this.#day);
      // The part of the day before the start happened without notifications.
      while (this.due() < 0) this.#step(this.due());
    }
    this.presence = this.#presenceNow();
  }

  /** What the agent works on in their current (or next) shift. */
  get work(): Work {
    return this.#work;
  }

  get loggedIn(): boolean {
    return this.presence !== 'loggedOut';
  }

  /** When the next planned change falls due (Infinity when none will). */
  due(): number {
    const plan = this.#plan;
    switch (this.#activity) {
      case 'off':
        return plan ? plan.login : Infinity;
      case 'work':
        return plan ? Math.min(this.#nextBreakDue(), plan.logout) : Infinity;
      case 'break':
        return Math.min(this.#activityEnd, plan ? plan.logout : Infinity);
      case 'missed':
        return Math.min(
          this.#activityEnd,
          plan ? Math.min(this.#nextBreakDue(), plan.logout) : Infinity,
        );
    }
  }

  /**
   * Does everything due by `at` (the agent is free), each thing as of `at`; returns the presence the
   * agent ends in. Several things due at once make one change of presence.
   */
  advance(at: number): PresenceName {
    while (this.due() <= at) this.#step(at);
    return this.#presenceNow();
  }

  /** The agent let a call ring out: they go away for `awayFor` (from `at`), unless something planned comes first. */
  missCall(at: number, awayFor: number): PresenceName {
    if (this.#activity === 'work') {
      this.#activity = 'missed';
      this.#activityEnd = at + awayFor;
    }
    return this.advance(at);
  }

  #nextBreakDue(): number {
    const next = this.#plan?.breaks[this.#breakIndex];
    return next ? Math.max(next.due, this.#lastBreakEnd + MIN_WORK_BETWEEN_BREAKS_MS) : Infinity;
  }

  /** Does the earliest thing due, as of `at`. */
  #step(at: number): void {
    const plan = this.#plan;
    if (plan && this.#activity === 'off') {
      this.#activity = 'work';
      this.#work = plan.work;
      return;
    }
    if (plan && plan.logout <= this.due()) {
      this.#activity = 'off';
      this.#plan = this.#planOf(++this.#day);
      this.#breakIndex = 0;
      this.#lastBreakEnd = -Infinity;
      return;
    }
    if (this.#activity !== 'work' && this.#activityEnd <= this.due()) {
      if (this.#activity === 'break') this.#lastBreakEnd = at;
      this.#activity = 'work';
      this.#activityEnd = Infinity;
      return;
    }
    const taken = plan!.breaks[this.#breakIndex++]!;
    this.#activity = 'break';
    this.#breakPresence = taken.presence;
    this.#activityEnd = at + taken.length;
  }

  #presenceNow(): PresenceName {
    switch (this.#activity) {
      case 'off':
        return 'loggedOut';
      case 'work':
        return workPresence(this.#work);
      case 'break':
        return this.#breakPresence;
      case 'missed':
        return 'away';
    }
  }

  #planOf(day: number): DayPlan {
    return planDay(
      this.#pattern!,
      this.#roster!.breaks,
      day * DAY_MS - this.#startMs,
      randomStream(this.#seed, `shift ${this.identity.agentId}`, day),
    );
  }
}
