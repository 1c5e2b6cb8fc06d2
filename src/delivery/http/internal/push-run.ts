import {
  DeliveryStats,
  MAX_TIMER_DELAY_MS,
  chaosPlanner,
  createAttemptSigner,
  waitUntil,
  type AttemptSigner,
} from '../../../delivery-core/index.js';
import { isPromise } from '../../../contract/index.js';
import { randomStream } from '../../../engine/index.js';
import type { PushOptions, PushReport, PushSource, UndeliveredRecord } from '../types.js';
import { USER_AGENT } from '../user-agent.js';
import { Attempts } from './attempts.js';
import { Feeder, type RunJournal } from './feeder.js';
import { parseNotification, undeliveredRecord } from './job.js';
import { STRUCTURED_CONTENT_TYPE } from './outgoing.js';
import type { PushSettings } from './push-settings.js';
import type { RunState } from './run-state.js';
import { Scheduler } from './scheduler.js';
import { createSender, type Sender } from './sender.js';
import { maskUrl } from '../../../delivery-core/index.js';

/** Where a run's notifications go when they are not delivered, and what it journals. */
export type RunSinks = {
  deadLetter(record: UndeliveredRecord, seq: number): void | Promise<void>;
  /** A notification not delivered when the run stopped; `fromSource` for the source's rest. */
  unsent(record: UndeliveredRecord, seq: number, fromSource: boolean): void | Promise<void>;
  /** The source was read to its end while the run went. */
  sourceEnded?(): void;
  /** An interrupted run handed over the source's rest to its end. */
  handedOverToEnd?(): void;
  journal?: RunJournal;
};

/**
 * One push from start to report: wires the feeder, the scheduler and the attempts to one sender,
 * turns signals into an interrupt (stop, drain for a while, then cut), hands over what was not
 * delivered in source order, and counts everything into the report.
 */
export class PushRun {
  readonly #options: PushOptions;
  readonly #state: RunState;
  readonly #sender: Sender;
  readonly #feeder: Feeder;
  readonly #attempts: Attempts;
  readonly #sinks: RunSinks;
  readonly #writes = new Set<Promise<void>>();
  #feederDone = false;
  /** A file could not be written: the run stops sending. */
  #writeFailure: unknown;
  #drainTimer: ReturnType<typeof setTimeout> | undefined;
  #finish: (() => void) | undefined;

  constructor(settings: PushSettings, options: PushOptions, sinks: RunSinks) {
    this.#options = options;
    this.#sinks = sinks;
    const { crypto, now, seed } = settings;
    const journal = sinks.journal;
    const scheduler = new Scheduler(
      settings,
      (job) => this.#attempts.start(job),
      journal && ((inCheckPhase) => this.#journalGate(journal, inCheckPhase)),
    );
    this.#state = {
      settings,
      stats: new DeliveryStats(),
      scheduler,
      unsent: [],
      startedAt: 0,
      aborted: false,
      destroyed: false,
    };
    const userAgent = options.userAgent ?? USER_AGENT;
    const mode = settings.mode;
    const planner =
      settings.chaos && chaosPlanner(settings.chaos, randomStream(seed, 'chaos').next);
    this.#feeder = new Feeder(
      this.#state,
      {
        mode,
        // Text is parsed at once only when pacing, ordering or binary mode need its fields.
        parseText: settings.speed !== 'max' || settings.ordered || mode === 'binary',
        ordered: settings.ordered,
        structuredHeaders: ['content-type', STRUCTURED_CONTENT_TYPE, 'user-agent', userAgent],
        userAgent,
      },
      planner,
      journal,
    );
    let signer: AttemptSigner | undefined;
    if (options.secret !== undefined) {
      signer = createAttemptSigner(options.secret, {
        crypto,
        now,
        random: randomStream(seed, 'stale').next,
        wrongSignatures: (settings.chaos?.wrongSignature ?? 0) > 0,
      });
    }
    this.#sender = createSender({
      url: settings.url,
      timeoutMs: settings.timeoutMs,
      connections: settings.concurrency,
      insecure: options.insecure === true,
      now,
    });
    this.#attempts = new Attempts(
      this.#state,
      this.#sender,
      signer,
      randomStream(seed, 'jitter').next,
      {
        onAttempt: options.onAttempt,
        deadLetter: (record, seq) => this.#write(this.#sinks.deadLetter(record, seq)),
        delivered: journal && ((seq) => journal.delivered(seq)),
        settled: () => this.#checkDone(),
      },
    );
  }

  async run(source: PushSource): Promise<PushReport> {
    const state = this.#state;
    const { now, startAtMs } = state.settings;
    if (
      startAtMs !== undefined &&
      !(await waitUntil(startAtMs, { now, signal: this.#options.signal }))
    ) {
      // Interrupted before the start: nothing was taken from the source, nothing is left over.
      state.aborted = true;
      return { ...this.#report(new Date().toISOString(), 0), histograms: {} };
    }
    const startedAt = now();
    state.startedAt = startedAt;
    const startedIso = new Date().toISOString();
    const { signal, forceSignal: force, onProgress: progress } = this.#options;
    const onAbort = () => this.#abort();
    const onForce = () => {
      this.#abort();
      this.#cutInFlight();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    force?.addEventListener('abort', onForce, { once: true });
    const snapshot = (inFlight: number) =>
      state.stats.progress(now() - startedAt, inFlight, state.scheduler.retrying);
    const ticker = progress
      ? setInterval(
          () => progress(snapshot(state.scheduler.inFlight.size)),
          this.#options.progressIntervalMs ?? 250,
        )
      : undefined;
    const done = new Promise<void>((resolve) => (this.#finish = resolve));
    if (signal?.aborted) this.#abort();
    void this.#feeder.feed(source).then(() => {
      if (this.#feeder.error) this.#abort();
      else if (this.#feeder.exhausted) this.#sinks.sourceEnded?.();
      this.#feederDone = true;
      this.#checkDone();
    });
    await done;
    signal?.removeEventListener('abort', onAbort);
    force?.removeEventListener('abort', onForce);
    clearInterval(ticker);
    clearTimeout(this.#drainTimer);
    if (state.aborted) await this.#handOverUnsent();
    await Promise.all(this.#writes);
    await (state.destroyed ? this.#sender.destroy() : this.#sender.close());
    const elapsed = now() - startedAt;
    progress?.(snapshot(0));
    // The encoder (zlib) loads only now: the histograms that let reports of shards merge.
    const { reportHistograms } = await import('../../../delivery-core/report-parts.js');
    return { ...this.#report(startedIso, elapsed), histograms: reportHistograms(state.stats) };
  }

  #report(startedAt: string, elapsedMs: number): PushReport {
    const { settings, stats, aborted } = this.#state;
    const error = this.#feeder.error;
    const writeFailure = this.#writeFailure;
    const interrupted: PushReport['interrupted'] = writeFailure
      ? { reason: 'write-error', message: (writeFailure as Error).message }
      : error
        ? {
            reason: 'source-error',
            message: error.cause instanceof Error ? error.cause.message : String(error.cause),
          }
        : aborted
          ? { reason: 'signal' }
          : undefined;
    return {
      url: maskUrl(settings.url),
      mode: settings.mode,
      signed: this.#options.secret !== undefined,
      speed: settings.speed,
      ordered: settings.ordered,
      startedAt,
      ...(interrupted ? { interrupted } : {}),
      ...stats.summary(elapsedMs, settings.chaos !== undefined),
    };
  }

  #write(result: void | Promise<void>): void {
    if (!isPromise(result)) return;
    const pending = result
      .catch((error: unknown) => this.#fail(error))
      .finally(() => this.#writes.delete(pending));
    this.#writes.add(pending);
  }

  /** A file could not be written: nothing more is sent, and what is left stays in the job. */
  #fail(error: unknown): void {
    this.#writeFailure ??= error;
    this.#abort();
  }

  /**
   * Holds the pump while the journal has something to write, and writes it once for every
   * request that ended or notification taken meanwhile, in the scheduler's check-phase pump: a
   * request starts only after its notification and every earlier outcome are journaled.
   */
  #journalGate(journal: RunJournal, inCheckPhase: boolean): boolean {
    if (!journal.dirty) return false;
    if (!inCheckPhase) {
      this.#state.scheduler.pumpSoon();
      return true;
    }
    try {
      journal.flush();
      return false;
    } catch (error) {
      // Nothing more is sent: what is left stays in the journal.
      this.#fail(error);
      return true;
    }
  }

  /** Stops sending: everything waiting becomes unsent; requests in flight get a bounded drain. */
  #abort(): void {
    const state = this.#state;
    if (state.aborted) return;
    state.aborted = true;
    for (const job of state.scheduler.stop()) {
      if (!job.duplicate) state.unsent.push({ job, reason: 'interrupted' });
    }
    this.#feeder.wake();
    if (state.scheduler.inFlight.size > 0) {
      const drain = Math.min(state.settings.drainTimeoutMs, MAX_TIMER_DELAY_MS);
      this.#drainTimer = setTimeout(() => this.#cutInFlight(), drain);
    }
    this.#checkDone();
  }

  /** Fails the requests in flight at once; they become unsent (`in-flight`: they may have arrived). */
  #cutInFlight(): void {
    clearTimeout(this.#drainTimer);
    const state = this.#state;
    if (state.scheduler.inFlight.size === 0 || state.destroyed) return;
    state.destroyed = true;
    void this.#sender.destroy();
  }

  #checkDone(): void {
    if (!this.#feederDone) return;
    const { scheduler, aborted } = this.#state;
    if (aborted ? scheduler.inFlight.size > 0 : !scheduler.idle) return;
    const finish = this.#finish;
    this.#finish = undefined;
    finish?.();
  }

  /** Hands every undelivered notification over, in source order, then the source's rest. */
  async #handOverUnsent(): Promise<void> {
    const { stats, unsent } = this.#state;
    const sink = this.#sinks.unsent;
    unsent.sort((a, b) => a.job.seq - b.job.seq);
    for (const { job, reason } of unsent) {
      stats.unsent++;
      if (reason === 'in-flight') stats.unsentInFlight++;
      await this.#keep(sink(undeliveredRecord(job, reason), job.seq, false));
    }
    const feeder = this.#feeder;
    const iterator = feeder.iterator;
    const broken = feeder.error !== undefined && !feeder.error.intact;
    if (broken || !iterator || this.#options.drainSource === false) {
      await iterator?.return?.();
      return;
    }
    try {
      for (;;) {
        let step = iterator.next();
        if (isPromise(step)) step = await step;
        if (step.done) {
          this.#sinks.handedOverToEnd?.();
          break;
        }
        stats.notifications++;
        stats.unsent++;
        const value = step.value;
        const notification =
          typeof value === 'string' ? parseNotification(value, feeder.taken) : value;
        await this.#keep(
          sink({ notification, reason: 'interrupted', attempts: 0 }, feeder.taken++, true),
        );
      }
    } catch (error) {
      feeder.error ??= { cause: error, intact: false };
    }
  }

  /** Waits for a hand-over; a file that cannot be written fails the run (it was stopping anyway). */
  async #keep(result: void | Promise<void>): Promise<void> {
    try {
      await result;
    } catch (error) {
      this.#writeFailure ??= error;
    }
  }
}
