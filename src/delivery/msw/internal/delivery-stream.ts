import { isPromise, type ChannelNotification } from '../../../contract/index.js';
import {
  ChaosSequencer,
  DeliveryStats,
  isSuccessStatus,
  scenarioTime,
  type AttemptResult,
  type ChaosPlan,
} from '../../../delivery-core/index.js';
import { deliver, type DeliverContext } from './deliver.js';
import type {
  Delivery,
  DeliveryReport,
  DeliveryStep,
  DeliveryStream,
  TwinSubscription,
} from '../types.js';

/** What a stream needs from the twin. */
export interface StreamSettings {
  source: AsyncIterator<ChannelNotification> | Iterator<ChannelNotification>;
  /** The enabled subscriptions that want a type, looked up when it is sent. */
  targets(type: string): readonly TwinSubscription[];
  context: DeliverContext;
  /** Plans chaos for the next notification sent, or `undefined` without chaos. */
  planner: (() => ChaosPlan) | undefined;
  /** Paces a send on the scenario clock: `undefined` when it may go at once (`speed: 'max'`). */
  pace(notification: ChannelNotification): Promise<void> | undefined;
  now: () => number;
}

/** A notification queued to go, with its chaos plan. */
type Send = {
  item: ChannelNotification;
  plan: ChaosPlan | undefined;
  duplicate: boolean;
  /** Its JSON text, once made: a duplicate carries its original's, sent byte for byte again. */
  body?: string;
};

/**
 * Delivers a source's notifications one step at a time, chaos ordered by the core's sequencer,
 * counted by the core's counters. Steps never overlap, even if `next()` is called again before the
 * last one settled, so deliveries (and the random draws of jitter and chaos) happen in one order:
 * the run is repeatable.
 */
export class TwinDeliveryStream implements DeliveryStream {
  readonly #settings: StreamSettings;
  readonly #stats = new DeliveryStats();
  readonly #deliveries: Delivery[] = [];
  readonly #byStatus: Record<string, number> = {};
  readonly #queue: Send[] = [];
  readonly #sequencer = new ChaosSequencer<Send>((send) => scenarioTime(send.item));
  /** Where each duplicated notification's original was delivered. */
  readonly #landed = new WeakMap<ChannelNotification, Set<string>>();
  readonly #startedAt: number;
  #sent = 0;
  #exhausted = false;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(settings: StreamSettings) {
    this.#settings = settings;
    this.#startedAt = settings.now();
  }

  get report(): DeliveryReport {
    const summary = this.#stats.summary(
      this.#settings.now() - this.#startedAt,
      this.#settings.planner !== undefined,
    );
    return {
      ...summary,
      sent: this.#sent,
      deliveries: [...this.#deliveries],
      failed: summary.deadLettered,
      attempts: summary.requests,
      byStatus: { ...this.#byStatus },
    };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<DeliveryStep, undefined>> {
    const step = this.#tail.then(() => this.#step());
    this.#tail = step.catch(() => undefined);
    return step.then((value) =>
      value === undefined ? { done: true, value: undefined } : { done: false, value },
    );
  }

  async return(): Promise<IteratorResult<DeliveryStep, undefined>> {
    this.#exhausted = true;
    this.#queue.length = 0;
    await this.#settings.source.return?.();
    return { done: true, value: undefined };
  }

  async deliverNext(): Promise<DeliveryStep | undefined> {
    return (await this.next()).value;
  }

  async peek(): Promise<ChannelNotification | undefined> {
    await this.#tail;
    const filled = this.#fill();
    return (typeof filled === 'boolean' ? filled : await filled) ? this.#queue[0]!.item : undefined;
  }

  async deliverAll(): Promise<DeliveryReport> {
    // One chain for the whole run rather than one per step: the same steps in the same order.
    const all = this.#tail.then(async () => {
      while ((await this.#step()) !== undefined);
    });
    this.#tail = all.catch(() => undefined);
    await all;
    return this.report;
  }

  async #step(): Promise<DeliveryStep | undefined> {
    for (;;) {
      // Without a hop while the source and the pace are synchronous (an array at speed max).
      const filled = this.#fill();
      if (!(typeof filled === 'boolean' ? filled : await filled)) break;
      const send = this.#queue.shift()!;
      const { item, plan, duplicate } = send;
      const landed = duplicate ? this.#landed.get(item) : undefined;
      const targets = this.#settings
        .targets(item.type)
        .filter((target) => !duplicate || landed?.has(target.subscriptionId));
      if (targets.length === 0) continue;
      const paced = this.#settings.pace(item);
      if (paced) await paced;
      const reordered = plan?.reorder === true && !duplicate;
      const body = (send.body ??= JSON.stringify(item));
      const parcel = { notification: item, body, duplicate, reordered, plan };
      const deliveries: Delivery[] = [];
      for (const subscription of targets) {
        const { delivery, results } = await deliver(this.#settings.context, subscription, parcel);
        deliveries.push(delivery);
        this.#count(delivery, results, plan);
      }
      this.#sent++;
      // A duplicate goes right after its original, and only where the original landed.
      const reached = deliveries.filter((delivery) => delivery.outcome === 'delivered');
      if (!duplicate && plan?.duplicate && reached.length > 0) {
        this.#landed.set(item, new Set(reached.map((delivery) => delivery.subscriptionId)));
        this.#stats.chaos.duplicated++;
        this.#queue.unshift({ item, plan, duplicate: true, body });
      }
      return { notification: item, duplicate, reordered, deliveries };
    }
    return undefined;
  }

  #count(delivery: Delivery, results: AttemptResult[], plan: ChaosPlan | undefined): void {
    const stats = this.#stats;
    this.#deliveries.push(delivery);
    for (const [index, result] of results.entries()) {
      stats.request(result);
      const key =
        result.kind === 'response'
          ? String(result.status)
          : result.error === 'timeout'
            ? 'timeout'
            : 'error';
      this.#byStatus[key] = (this.#byStatus[key] ?? 0) + 1;
      if (delivery.duplicate) stats.duplicate(result);
      else if (index > 0) stats.retries++;
    }
    if (delivery.duplicate) return;
    stats.notifications++;
    stats.sent++;
    const bad = plan?.badSignature;
    if (bad) {
      stats.badSignatureSent(bad);
      const first = results[0]!;
      stats.badSignatureAnswered(first.kind === 'response' && isSuccessStatus(first.status));
    }
    if (delivery.outcome === 'delivered') {
      stats.delivered++;
      if (results.length === 1) stats.deliveredFirstAttempt++;
    } else if (delivery.giveUpReason) stats.deadLetter(delivery.giveUpReason);
  }

  /**
   * Pulls from the source until a send is queued; false when all is sent. Synchronous while the
   * source is, so an array costs no promise per notification.
   */
  #fill(): boolean | Promise<boolean> {
    while (this.#queue.length === 0) {
      if (this.#exhausted) return false;
      const result = this.#settings.source.next();
      if (isPromise(result)) {
        return result.then((ready) => {
          this.#take(ready);
          return this.#fill();
        });
      }
      this.#take(result);
    }
    return true;
  }

  /** Queues what the source gave (chaos planned), or notes that it has ended. */
  #take(result: IteratorResult<ChannelNotification>): void {
    if (result.done) {
      this.#exhausted = true;
      this.#queue.push(...this.#sequencer.flush());
    } else if (this.#settings.targets(result.value.type).length > 0) {
      // A notification no enabled subscription wants is never sent, as in VCC.
      const plan = this.#settings.planner?.();
      if (plan?.reorder) this.#stats.chaos.reordered++;
      if (plan && plan.delayMs > 0) this.#stats.chaos.delayed++;
      this.#queue.push(
        ...this.#sequencer.push({ item: result.value, plan, duplicate: false }, plan),
      );
    }
  }
}
