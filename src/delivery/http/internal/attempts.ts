import { SIGNATURE_HEADER } from '../../../contract/index.js';
import {
  describeFailure,
  isSuccessStatus,
  nextRetry,
  outcomeKey,
  parseRetryAfter,
  type AttemptSigner,
} from '../../../delivery-core/index.js';
import type { AttemptEvent, AttemptResult, BadSignatureKind, UndeliveredRecord } from '../types.js';
import { failure, notificationOf, undeliveredRecord, type Job } from './job.js';
import type { RunState } from './run-state.js';
import type { Sender } from './sender.js';

const SIGNATURE_KEY = SIGNATURE_HEADER.toLowerCase();

/** What {@link Attempts} reports to the run. */
export type AttemptHooks = {
  onAttempt: ((event: AttemptEvent) => void) | undefined;
  /** A notification exhausted its retries. */
  deadLetter(record: UndeliveredRecord, seq: number): void;
  /** A notification was delivered (its own delivery, not a chaos duplicate). */
  delivered: ((seq: number) => void) | undefined;
  /** An attempt ended; the run may be done. */
  settled(): void;
};

/**
 * Makes attempts and decides what follows each: signs afresh (or badly, for chaos), sends through
 * the sender, then delivered, retried later by the core's retry policy, or dead-lettered. No
 * `async`: with `node:crypto` everything up to the send is synchronous.
 */
export class Attempts {
  readonly #state: RunState;
  readonly #sender: Sender;
  readonly #signer: AttemptSigner | undefined;
  readonly #jitter: () => number;
  readonly #hooks: AttemptHooks;

  constructor(
    state: RunState,
    sender: Sender,
    signer: AttemptSigner | undefined,
    jitter: () => number,
    hooks: AttemptHooks,
  ) {
    this.#state = state;
    this.#sender = sender;
    this.#signer = signer;
    this.#jitter = jitter;
    this.#hooks = hooks;
  }

  /** Starts one attempt of a job the scheduler let go. */
  start(job: Job): void {
    const { stats, settings } = this.#state;
    const at = settings.now();
    const first = job.attempts === 0;
    job.attempts++;
    job.lastAttemptAt = at;
    let bad: BadSignatureKind | undefined;
    if (!job.duplicate) {
      if (first) {
        stats.sent++;
        job.firstAttemptAt = at;
        if (!Number.isNaN(job.plannedAt) && !job.chaos?.reorder) {
          stats.lateness.record(Math.max(0, at - job.plannedAt));
        }
        bad = job.chaos?.badSignature;
        if (bad) stats.badSignatureSent(bad);
      } else {
        stats.retries++;
      }
    }
    let headers: string[] | Promise<string[]>;
    try {
      headers = this.#headersFor(job, bad, at);
    } catch (error) {
      headers = Promise.reject(error as Error);
    }
    if (Array.isArray(headers)) this.#send(job, headers, bad, at);
    else {
      headers.then(
        (ready) => this.#send(job, ready, bad, at),
        (error: unknown) => this.#complete(job, failure(error, settings.now() - at), bad),
      );
    }
  }

  #send(job: Job, headers: string[], bad: BadSignatureKind | undefined, at: number): void {
    this.#sender.send({ headers, body: job.out.body }).then(
      (result) => this.#complete(job, result, bad),
      (error: unknown) => this.#complete(job, failure(error, this.#state.settings.now() - at), bad),
    );
  }

  /** The headers of one attempt, signed afresh; synchronous with `node:crypto`. */
  #headersFor(
    job: Job,
    bad: BadSignatureKind | undefined,
    at: number,
  ): string[] | Promise<string[]> {
    const signer = this.#signer;
    if (!signer || bad === 'unsigned') return job.out.headers;
    if (job.hash === undefined) {
      const hash = signer.hashBody(job.out.body);
      if (typeof hash !== 'string') {
        return hash.then((value) => {
          job.hash = value;
          return this.#headersFor(job, bad, at);
        });
      }
      job.hash = hash;
    }
    const signature = signer.sign(job.hash, at, bad)!;
    const withSignature = (value: string) => [...job.out.headers, SIGNATURE_KEY, value];
    return typeof signature === 'string' ? withSignature(signature) : signature.then(withSignature);
  }

  #complete(job: Job, result: AttemptResult, bad: BadSignatureKind | undefined): void {
    this.#state.scheduler.inFlight.delete(job);
    this.#settle(job, result, bad);
    this.#state.scheduler.pumpSoon();
    this.#hooks.settled();
  }

  #emit(job: Job, result: AttemptResult, outcome: AttemptEvent['outcome'], extra = {}): void {
    this.#hooks.onAttempt?.({
      notification: notificationOf(job),
      attempt: job.attempts,
      duplicate: job.duplicate,
      result,
      outcome,
      ...extra,
    });
  }

  #settle(job: Job, result: AttemptResult, bad: BadSignatureKind | undefined): void {
    const state = this.#state;
    const { stats, scheduler } = state;
    stats.request(result, state.settings.now() - state.startedAt);
    const ok = result.kind === 'response' && isSuccessStatus(result.status);
    if (job.duplicate) {
      stats.duplicate(result);
      this.#emit(job, result, 'duplicate');
      return;
    }
    const badInfo = bad ? { badSignature: bad } : {};
    if (bad) stats.badSignatureAnswered(ok);
    if (ok) {
      stats.delivered++;
      if (job.attempts === 1) stats.deliveredFirstAttempt++;
      this.#hooks.delivered?.(job.seq);
      this.#emit(job, result, 'delivered', badInfo);
      if (job.chaos?.duplicate && !state.aborted) {
        stats.chaos.duplicated++;
        scheduler.prioritize({ ...job, attempts: 0, duplicate: true });
      }
      scheduler.release(job);
      return;
    }
    job.last = result;
    stats.lastFailure = describeFailure(result);
    if (state.aborted) {
      const cut = state.destroyed && outcomeKey(result) === 'aborted';
      state.unsent.push({ job, reason: cut ? 'in-flight' : 'interrupted' });
      this.#emit(job, result, 'unsent', badInfo);
      return;
    }
    const at = state.settings.now();
    const retryAfterMs =
      result.kind === 'response' ? parseRetryAfter(result.retryAfter, at) : undefined;
    const decision = nextRetry(
      state.settings.policy,
      {
        attempts: job.attempts,
        firstAttemptAt: job.firstAttemptAt,
        now: at,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
      this.#jitter,
    );
    if (decision.retry) {
      scheduler.later(at + decision.delayMs, job);
      this.#emit(job, result, 'retrying', { ...badInfo, retryInMs: decision.delayMs });
      return;
    }
    stats.deadLetter(decision.reason);
    this.#emit(job, result, 'dead-lettered', badInfo);
    this.#hooks.deadLetter(undeliveredRecord(job, decision.reason), job.seq);
    scheduler.release(job);
  }
}
