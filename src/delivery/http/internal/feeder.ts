import {
  ChaosSequencer,
  MAX_TIMER_DELAY_MS,
  scenarioClock,
  scenarioTime,
  type ChaosPlan,
} from '../../../delivery-core/index.js';
import { isPromise } from '../../../contract/index.js';
import { VccSimError } from '../../../errors.js';
import type { PushSource } from '../types.js';
import {
  createJob,
  iteratorOf,
  notificationOf,
  type AnyIterator,
  type Job,
  type JobContext,
} from './job.js';
import type { RunState } from './run-state.js';

/** The write-ahead journal, as a run feeds it (see `JobJournal`). */
export interface RunJournal {
  /** A notification was taken from the source (before it can be sent). */
  took(seq: number, notification: string | object): void;
  delivered(seq: number): void;
  /** Whether something waits to be written. */
  readonly dirty: boolean;
  /** Writes what waits; throws when it cannot (the run stops sending). */
  flush(): void;
}

/**
 * Takes notifications from the source and admits them: held back while the scheduler's backlog is
 * full, paced by their `time` on the scenario clock (unless at `max`), given a chaos plan, put in
 * chaos's order, delayed on the wall clock when chaos says so.
 */
export class Feeder {
  readonly #state: RunState;
  readonly #context: JobContext;
  readonly #planner: (() => ChaosPlan) | undefined;
  readonly #sequencer = new ChaosSequencer<Job>();
  readonly #journal: RunJournal | undefined;
  #wake: (() => void) | undefined;
  /** The source, once opened: an interrupted run hands its rest over. */
  iterator: AnyIterator | undefined;
  /** How many values were taken from the source. */
  taken = 0;
  /** The source failed; `intact` when only one notification was at fault and the rest is readable. */
  error: { cause: unknown; intact: boolean } | undefined;
  /** The source was read to its end. */
  exhausted = false;

  constructor(
    state: RunState,
    context: JobContext,
    planner: (() => ChaosPlan) | undefined,
    journal?: RunJournal,
  ) {
    this.#state = state;
    this.#context = context;
    this.#planner = planner;
    this.#journal = journal;
  }

  /** Stops a wait for pacing or space at once (on interrupt). */
  wake(): void {
    this.#wake?.();
  }

  /** Feeds the whole source; resolves when it is exhausted, failed or the run interrupted. */
  async feed(source: PushSource): Promise<void> {
    const { settings, stats, scheduler } = this.#state;
    const clock =
      settings.speed === 'max'
        ? undefined
        : scenarioClock(settings.speed, settings.now, {
            wallMs: settings.startAtMs,
            scenarioMs: settings.paceFromMs,
          });
    try {
      const iterator = iteratorOf(source);
      this.iterator = iterator;
      while (!this.#state.aborted) {
        if (scheduler.backlog >= scheduler.highWater) {
          await new Promise<void>((resolve) => (scheduler.onSpace = this.#wake = resolve));
          continue;
        }
        let step = iterator.next();
        if (isPromise(step)) step = await step;
        if (step.done) {
          this.exhausted = true;
          break;
        }
        const job = createJob(step.value, this.taken++, this.#context);
        stats.notifications++;
        this.#journal?.took(job.seq, job.text ?? job.notification!);
        if (clock && !(await this.#pace(job, clock.dueAt.bind(clock)))) break;
        job.chaos = this.#planner?.();
        if (job.chaos?.reorder) stats.chaos.reordered++;
        for (const ready of this.#sequencer.push(job, job.chaos)) this.#admit(ready);
      }
    } catch (error) {
      this.error = { cause: error, intact: this.error?.intact ?? false };
    }
    for (const held of this.#sequencer.flush()) {
      if (this.#state.aborted || this.error)
        this.#state.unsent.push({ job: held, reason: 'interrupted' });
      else this.#admit(held);
    }
  }

  /** Waits until a job is due; false (and the job unsent) when the run is interrupted meanwhile. */
  async #pace(job: Job, dueAt: (scenarioMs: number) => number): Promise<boolean> {
    const { settings, unsent } = this.#state;
    const time = scenarioTime(notificationOf(job));
    if (Number.isNaN(time)) {
      // The source is fine; only this notification cannot be paced. Keep it and the rest.
      unsent.push({ job, reason: 'interrupted' });
      this.error = { cause: undefined, intact: true };
      throw new VccSimError(
        'input',
        `Notification ${job.seq + 1} (id ${JSON.stringify(notificationOf(job).id)}) has no valid "time" to pace by; use speed "max".`,
      );
    }
    job.plannedAt = dueAt(time);
    // Timers fire no sooner than 1 ms, so a send due within the next millisecond goes now:
    // sleeping for it would make this and every notification behind it late.
    let wait: number;
    while ((wait = job.plannedAt - settings.now()) >= 1 && !this.#state.aborted) {
      await this.#sleep(wait);
    }
    if (!this.#state.aborted) return true;
    unsent.push({ job, reason: 'interrupted' });
    return false;
  }

  /** Sleeps up to `ms` (at most one timer's reach: the pacing loop sleeps again). */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.#wake = undefined;
          resolve();
        },
        Math.min(ms, MAX_TIMER_DELAY_MS),
      );
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }

  /** Lets a job into the scheduler, after its chaos delay on the wall clock if it has one. */
  #admit(job: Job): void {
    const { settings, stats, scheduler } = this.#state;
    const delayMs = job.chaos?.delayMs ?? 0;
    if (delayMs > 0) {
      stats.chaos.delayed++;
      job.plannedAt += delayMs;
      scheduler.later(settings.now() + delayMs, job);
      return;
    }
    scheduler.admit(job);
  }
}
