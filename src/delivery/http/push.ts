import {
  SIGNATURE_HEADER,
  SIGNATURE_LIFETIME_SECONDS,
  createWebhookSigner,
  generateWebhookSecret,
  isSuccessStatus,
  nextRetry,
  parseRetryAfter,
  type WebhookSigner,
} from '../../contract/index.js';
import { VccSimError } from '../../errors.js';
import { chaosPlanner, type ChaosPlan } from './internal/chaos.js';
import {
  createJob,
  failure,
  isPromiseLike,
  iteratorOf,
  notificationOf,
  parseNotification,
  undeliveredRecord,
  type AnyIterator,
  type Job,
  type JobContext,
} from './internal/job.js';
import { STRUCTURED_CONTENT_TYPE } from './internal/outgoing.js';
import { pushSettings, type PushSettings } from './internal/push-settings.js';
import { PushStats, describeFailure, outcomeKey } from './internal/push-stats.js';
import { Queue, TimeHeap } from './internal/queue.js';
import { RateLimiter } from './internal/rate-limiter.js';
import { randomStream } from '../../engine/index.js';
import { createSender, type Sender } from './internal/sender.js';
import { maskUrl } from './internal/webhook-url.js';
import { USER_AGENT } from './user-agent.js';
import type {
  AttemptEvent,
  AttemptResult,
  BadSignatureKind,
  PushOptions,
  PushReport,
  PushSource,
  UndeliveredReason,
  UndeliveredRecord,
} from './types.js';

const SIGNATURE_KEY = SIGNATURE_HEADER.toLowerCase();

/**
 * Delivers notifications to a webhook as VCC does: one POST each, signed afresh on every attempt,
 * paced by their `time`s (or as fast as allowed), retried on failure by the retry policy. Every
 * notification taken from the source ends exactly one way: delivered, dead-lettered (through
 * `onDeadLetter`), or, when the run is interrupted, handed to `onUnsent` in source order.
 *
 * Resolves with the report, also when interrupted (see `report.interrupted`).
 * @throws {VccSimError} code `usage` for invalid options, before anything is sent.
 * @example
 * const report = await pushNotifications(simulate(scenario, { seed: 7 }), {
 *   url: 'http://127.0.0.1:3000/webhooks/vcc',
 *   secret: process.env.VCC_WEBHOOK_SECRET,
 *   speed: 10,
 * });
 */
export function pushNotifications(source: PushSource, options: PushOptions): Promise<PushReport> {
  return new PushRun(source, options).run();
}

class PushRun {
  readonly #source: PushSource;
  readonly #options: PushOptions;
  readonly #settings: PushSettings;
  readonly #stats = new PushStats();
  readonly #sender: Sender;
  readonly #signer: WebhookSigner | undefined;
  readonly #wrongSigner: WebhookSigner | undefined;
  readonly #limiter: RateLimiter | undefined;
  readonly #planner: (() => ChaosPlan) | undefined;
  readonly #jitter: () => number;
  readonly #staleRandom: () => number;
  readonly #highWater: number;
  readonly #jobContext: JobContext;

  readonly #ready = new Queue<Job>();
  readonly #priority = new Queue<Job>();
  readonly #timers = new TimeHeap<Job>();
  readonly #channels = new Map<string, Queue<Job>>();
  readonly #inFlight = new Set<Job>();
  readonly #unsent: Array<{ job: Job; reason: UndeliveredReason }> = [];
  readonly #writes = new Set<Promise<void>>();

  #iterator: AnyIterator | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Infinity;
  #rateTimer: NodeJS.Timeout | undefined;
  #drainTimer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;
  #space: (() => void) | undefined;
  #finish: (() => void) | undefined;
  #seq = 0;
  #feederDone = false;
  #aborted = false;
  #destroyed = false;
  #sourceError: unknown;
  /** The run stopped on a notification it could not send, but the source can still be read. */
  #sourceIntact = false;
  #startedAt = 0;

  constructor(source: PushSource, options: PushOptions) {
    this.#source = source;
    this.#options = options;
    const settings = pushSettings(options);
    this.#settings = settings;
    const { crypto, now, seed } = settings;
    this.#planner = chaosPlanner(options.chaos, randomStream(seed, 'chaos').next);
    this.#jitter = randomStream(seed, 'jitter').next;
    this.#staleRandom = randomStream(seed, 'stale').next;
    this.#limiter = settings.rate === undefined ? undefined : new RateLimiter(settings.rate);
    this.#highWater = Math.max(64, settings.concurrency * 4);
    const mode = options.mode ?? 'structured';
    const userAgent = options.userAgent ?? USER_AGENT;
    this.#jobContext = {
      mode,
      // Text is parsed at once only when pacing, ordering or binary mode need its fields.
      parseText: settings.speed !== 'max' || settings.ordered || mode === 'binary',
      ordered: settings.ordered,
      structuredHeaders: ['content-type', STRUCTURED_CONTENT_TYPE, 'user-agent', userAgent],
      userAgent,
    };
    this.#signer =
      options.secret === undefined
        ? undefined
        : createWebhookSigner(options.secret, { crypto, now });
    this.#wrongSigner =
      settings.badSignatureRate > 0
        ? createWebhookSigner(generateWebhookSecret(crypto), { crypto, now })
        : undefined;
    this.#sender = createSender({
      url: settings.url,
      timeoutMs: settings.timeoutMs,
      connections: settings.concurrency,
      insecure: options.insecure === true,
      now,
    });
  }

  async run(): Promise<PushReport> {
    const { now } = this.#settings;
    this.#startedAt = now();
    const startedIso = new Date().toISOString();
    const signal = this.#options.signal;
    const onAbort = () => this.#abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const force = this.#options.forceSignal;
    const onForce = () => {
      this.#abort();
      this.#cutInFlight();
    };
    force?.addEventListener('abort', onForce, { once: true });
    const progress = this.#options.onProgress;
    const ticker = progress
      ? setInterval(
          () => progress(this.#stats.progress(now() - this.#startedAt, this.#inFlight.size)),
          this.#options.progressIntervalMs ?? 250,
        )
      : undefined;
    const done = new Promise<void>((resolve) => (this.#finish = resolve));
    if (signal?.aborted) this.#abort();
    void this.#feed();
    await done;
    signal?.removeEventListener('abort', onAbort);
    force?.removeEventListener('abort', onForce);
    clearInterval(ticker);
    clearTimeout(this.#drainTimer);
    if (this.#aborted) await this.#handOverUnsent();
    await Promise.all(this.#writes);
    await (this.#destroyed ? this.#sender.destroy() : this.#sender.close());
    const elapsed = now() - this.#startedAt;
    progress?.(this.#stats.progress(elapsed, 0));
    const interrupted: PushReport['interrupted'] = this.#sourceError
      ? {
          reason: 'source-error',
          message:
            this.#sourceError instanceof Error
              ? this.#sourceError.message
              : String(this.#sourceError),
        }
      : this.#aborted
        ? { reason: 'signal' }
        : undefined;
    return this.#stats.report(
      {
        url: maskUrl(this.#settings.url),
        mode: this.#options.mode ?? 'structured',
        signed: this.#signer !== undefined,
        speed: this.#settings.speed,
        ordered: this.#settings.ordered,
        startedAt: startedIso,
      },
      elapsed,
      interrupted,
      this.#planner !== undefined,
    );
  }

  /** The feeder: takes notifications from the source, paces them and admits them. */
  async #feed(): Promise<void> {
    const { speed, now } = this.#settings;
    let held: Job | undefined;
    let firstTime: number | undefined;
    let wallStart = 0;
    try {
      const iterator = iteratorOf(this.#source);
      this.#iterator = iterator;
      while (!this.#aborted) {
        if (this.#ready.length >= this.#highWater) {
          await new Promise<void>((resolve) => (this.#space = resolve));
          continue;
        }
        let step = iterator.next();
        if (isPromiseLike(step)) step = await step;
        if (step.done) break;
        const job = this.#makeJob(step.value);
        this.#stats.notifications++;
        if (speed !== 'max') {
          const time = Date.parse(notificationOf(job).time);
          if (Number.isNaN(time)) {
            // The source is fine; only this notification cannot be paced. Keep it and the rest.
            this.#unsent.push({ job, reason: 'interrupted' });
            this.#sourceIntact = true;
            throw new VccSimError(
              'input',
              `Notification ${job.seq + 1} (id ${JSON.stringify(notificationOf(job).id)}) has no valid "time" to pace by; use speed "max".`,
            );
          }
          if (firstTime === undefined) {
            firstTime = time;
            wallStart = now();
          }
          job.plannedAt = wallStart + (time - firstTime) / speed;
          // Timers fire no sooner than 1 ms, so a send due within the next millisecond goes now:
          // sleeping for it would make this and every notification behind it late.
          let wait: number;
          while ((wait = job.plannedAt - now()) >= 1 && !this.#aborted) await this.#sleep(wait);
          if (this.#aborted) {
            this.#unsent.push({ job, reason: 'interrupted' });
            break;
          }
        }
        if (this.#planner) job.chaos = this.#planner();
        if (job.chaos?.reorder && !held) {
          this.#stats.chaos.reordered++;
          held = job;
          continue;
        }
        this.#admit(job);
        if (held) {
          this.#admit(held);
          held = undefined;
        }
      }
    } catch (error) {
      this.#sourceError = error;
      this.#abort();
    }
    if (held) {
      if (this.#aborted) this.#unsent.push({ job: held, reason: 'interrupted' });
      else this.#admit(held);
    }
    this.#feederDone = true;
    this.#checkDone();
  }

  #makeJob(value: unknown): Job {
    return createJob(value, this.#seq++, this.#jobContext);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve();
      }, ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
  }

  /** Lets a job into the pipeline: delayed by chaos, queued behind its channel, or ready. */
  #admit(job: Job): void {
    const delayMs = job.chaos?.delayMs ?? 0;
    if (delayMs > 0) {
      this.#stats.chaos.delayed++;
      job.plannedAt += delayMs;
      this.#schedule(this.#settings.now() + delayMs, job);
      return;
    }
    if (this.#settings.ordered) {
      const waiting = this.#channels.get(job.channel);
      if (waiting) {
        waiting.push(job);
        return;
      }
      this.#channels.set(job.channel, new Queue());
    }
    this.#ready.push(job);
    this.#pump();
  }

  /** Starts ready requests while there is room in flight and under the rate. */
  #pump(): void {
    const { concurrency, now } = this.#settings;
    while (this.#inFlight.size < concurrency && !this.#aborted) {
      const queue = this.#priority.length > 0 ? this.#priority : this.#ready;
      const job = queue.shift();
      if (!job) break;
      if (this.#limiter) {
        const wait = this.#limiter.take(now());
        if (wait > 0) {
          queue.unshift(job);
          this.#rateTimer ??= setTimeout(() => {
            this.#rateTimer = undefined;
            this.#pump();
          }, wait);
          break;
        }
      }
      this.#inFlight.add(job);
      this.#attempt(job);
    }
    if (this.#space && this.#ready.length < this.#highWater / 2) {
      const space = this.#space;
      this.#space = undefined;
      space();
    }
  }

  /** Starts one attempt. No `async`: with `node:crypto` everything up to the send is synchronous. */
  #attempt(job: Job): void {
    const now = this.#settings.now;
    const at = now();
    const first = job.attempts === 0;
    job.attempts++;
    job.lastAttemptAt = at;
    let bad: BadSignatureKind | undefined;
    if (!job.duplicate) {
      if (first) {
        this.#stats.sent++;
        job.firstAttemptAt = at;
        if (!Number.isNaN(job.plannedAt) && !job.chaos?.reorder) {
          this.#stats.lateness.record(Math.max(0, at - job.plannedAt));
        }
        bad = job.chaos?.badSignature;
        if (bad) this.#stats.badSignatureSent(bad);
      } else {
        this.#stats.retries++;
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
        (error: unknown) => this.#complete(job, failure(error, now() - at), bad),
      );
    }
  }

  #send(job: Job, headers: string[], bad: BadSignatureKind | undefined, at: number): void {
    this.#sender.send({ headers, body: job.out.body }).then(
      (result) => this.#complete(job, result, bad),
      (error: unknown) => this.#complete(job, failure(error, this.#settings.now() - at), bad),
    );
  }

  #complete(job: Job, result: AttemptResult, bad: BadSignatureKind | undefined): void {
    this.#inFlight.delete(job);
    this.#settle(job, result, bad);
    this.#pump();
    this.#checkDone();
  }

  /** The headers of one attempt: signed afresh (or badly, for chaos). Synchronous with `node:crypto`. */
  #headersFor(
    job: Job,
    bad: BadSignatureKind | undefined,
    at: number,
  ): string[] | Promise<string[]> {
    const signer = bad === 'wrong' ? this.#wrongSigner : this.#signer;
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
    let issuedAt = Math.floor(at / 1000);
    if (bad === 'stale') {
      issuedAt -= SIGNATURE_LIFETIME_SECONDS + 1 + Math.floor(this.#staleRandom() * 3600);
    }
    const signature = signer.signHash(job.hash, { issuedAt });
    const withSignature = (value: string) => [...job.out.headers, SIGNATURE_KEY, value];
    return typeof signature === 'string' ? withSignature(signature) : signature.then(withSignature);
  }

  #emit(job: Job, result: AttemptResult, outcome: AttemptEvent['outcome'], extra = {}): void {
    this.#options.onAttempt?.({
      notification: notificationOf(job),
      attempt: job.attempts,
      duplicate: job.duplicate,
      result,
      outcome,
      ...extra,
    });
  }

  #settle(job: Job, result: AttemptResult, bad: BadSignatureKind | undefined): void {
    const stats = this.#stats;
    const now = this.#settings.now;
    stats.request(result, now() - this.#startedAt);
    const ok = result.kind === 'response' && isSuccessStatus(result.status);
    if (job.duplicate) {
      stats.duplicate(result);
      this.#emit(job, result, 'duplicate');
      return;
    }
    const badInfo = bad ? { badSignature: bad } : {};
    if (bad) {
      if (ok) stats.chaos.badSignatures.accepted++;
      else stats.chaos.badSignatures.rejected++;
    }
    if (ok) {
      stats.delivered++;
      if (job.attempts === 1) stats.deliveredFirstAttempt++;
      this.#emit(job, result, 'delivered', badInfo);
      if (job.chaos?.duplicate && !this.#aborted) {
        stats.chaos.duplicated++;
        this.#priority.push({ ...job, attempts: 0, duplicate: true });
      }
      this.#release(job);
      return;
    }
    job.last = result;
    stats.lastFailure = describeFailure(result);
    if (this.#aborted) {
      const reason =
        this.#destroyed && outcomeKey(result) === 'aborted' ? 'in-flight' : 'interrupted';
      this.#unsent.push({ job, reason });
      this.#emit(job, result, 'unsent', badInfo);
      return;
    }
    const at = now();
    const retryAfterMs =
      result.kind === 'response' ? parseRetryAfter(result.retryAfter, at) : undefined;
    const decision = nextRetry(
      this.#settings.policy,
      {
        attempts: job.attempts,
        firstAttemptAt: job.firstAttemptAt,
        now: at,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
      this.#jitter,
    );
    if (decision.retry) {
      stats.waitingRetry++;
      this.#schedule(at + decision.delayMs, job);
      this.#emit(job, result, 'retrying', { ...badInfo, retryInMs: decision.delayMs });
      return;
    }
    stats.deadLetter(decision.reason);
    this.#emit(job, result, 'dead-lettered', badInfo);
    this.#write(this.#options.onDeadLetter, undeliveredRecord(job, decision.reason));
    this.#release(job);
  }

  /** In ordered mode, lets the channel's next notification go. */
  #release(job: Job): void {
    if (!this.#settings.ordered) return;
    const waiting = this.#channels.get(job.channel);
    const next = waiting?.shift();
    if (next) this.#priority.push(next);
    else this.#channels.delete(job.channel);
  }

  #schedule(at: number, job: Job): void {
    this.#timers.push(at, job);
    if (at < this.#timerAt) {
      clearTimeout(this.#timer);
      this.#timerAt = at;
      this.#timer = setTimeout(() => this.#onTimer(), Math.max(0, at - this.#settings.now()));
    }
  }

  #onTimer(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.#settings.now();
    let next: number | undefined;
    while ((next = this.#timers.peekTime()) !== undefined && next <= now + 0.5) {
      const job = this.#timers.pop()!;
      if (job.attempts > 0) {
        this.#stats.waitingRetry--;
        this.#priority.push(job);
      } else if (this.#settings.ordered && this.#channels.has(job.channel)) {
        this.#channels.get(job.channel)!.push(job);
      } else {
        if (this.#settings.ordered) this.#channels.set(job.channel, new Queue());
        this.#ready.push(job);
      }
    }
    if (next !== undefined) {
      this.#timerAt = next;
      this.#timer = setTimeout(() => this.#onTimer(), Math.max(0, next - now));
    }
    this.#pump();
  }

  #write(
    sink: ((record: UndeliveredRecord) => void | Promise<void>) | undefined,
    record: UndeliveredRecord,
  ) {
    if (!sink) return;
    const result = sink(record);
    if (isPromiseLike(result)) {
      const pending = result.finally(() => this.#writes.delete(pending));
      this.#writes.add(pending);
    }
  }

  /** Stops sending: everything waiting becomes unsent; requests in flight get a bounded drain. */
  #abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#rateTimer);
    const waiting = [
      ...this.#priority.drain(),
      ...this.#ready.drain(),
      ...this.#timers.drain(),
      ...[...this.#channels.values()].flatMap((queue) => queue.drain()),
    ];
    this.#stats.waitingRetry = 0;
    for (const job of waiting) {
      if (!job.duplicate) this.#unsent.push({ job, reason: 'interrupted' });
    }
    this.#wake?.();
    this.#space?.();
    if (this.#inFlight.size > 0) {
      this.#drainTimer = setTimeout(() => this.#cutInFlight(), this.#settings.drainTimeoutMs);
    }
    this.#checkDone();
  }

  /** Fails the requests in flight at once; they become unsent (`in-flight`: they may have arrived). */
  #cutInFlight(): void {
    clearTimeout(this.#drainTimer);
    if (this.#inFlight.size === 0 || this.#destroyed) return;
    this.#destroyed = true;
    void this.#sender.destroy();
  }

  #checkDone(): void {
    if (!this.#feederDone || this.#inFlight.size > 0) return;
    if (
      !this.#aborted &&
      (this.#ready.length > 0 || this.#priority.length > 0 || this.#timers.length > 0)
    ) {
      return;
    }
    const finish = this.#finish;
    this.#finish = undefined;
    finish?.();
  }

  /** Hands every undelivered notification to `onUnsent`, in source order, then the source's rest. */
  async #handOverUnsent(): Promise<void> {
    const sink = this.#options.onUnsent;
    this.#unsent.sort((a, b) => a.job.seq - b.job.seq);
    for (const { job, reason } of this.#unsent) {
      this.#stats.unsent++;
      if (reason === 'in-flight') this.#stats.unsentInFlight++;
      if (sink) await sink(undeliveredRecord(job, reason));
    }
    const iterator = this.#iterator;
    const broken = this.#sourceError !== undefined && !this.#sourceIntact;
    if (broken || !iterator || this.#options.drainSource === false) {
      await iterator?.return?.();
      return;
    }
    try {
      for (;;) {
        let step = iterator.next();
        if (isPromiseLike(step)) step = await step;
        if (step.done) break;
        this.#stats.notifications++;
        this.#stats.unsent++;
        const value = step.value;
        const notification =
          typeof value === 'string' ? parseNotification(value, this.#seq) : value;
        this.#seq++;
        if (sink) await sink({ notification, reason: 'interrupted', attempts: 0 });
      }
    } catch (error) {
      this.#sourceError ??= error;
    }
  }
}
