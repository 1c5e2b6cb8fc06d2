import type { ChannelNotification } from '../../../contract/index.js';
import { type ChaosPlanner, type Send } from './chaos.js';
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
  targets(type: string): TwinSubscription[];
  context: DeliverContext;
  planner: ChaosPlanner<ChannelNotification>;
  /** Paces a send on the scenario clock (resolves at once at `speed: 'max'`). */
  pace(notification: ChannelNotification): Promise<void>;
}

function emptyReport(): DeliveryReport {
  return { sent: 0, deliveries: [], delivered: 0, failed: 0, attempts: 0, byStatus: {} };
}

function count(report: DeliveryReport, delivery: Delivery): void {
  report.deliveries.push(delivery);
  report[delivery.outcome]++;
  for (const attempt of delivery.attempts) {
    report.attempts++;
    const key =
      attempt.status !== undefined
        ? String(attempt.status)
        : attempt.error?.startsWith('timeout')
          ? 'timeout'
          : 'error';
    report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
  }
}

/**
 * Delivers a source's notifications one step at a time. Steps never overlap, even if `next()` is
 * called again before the last one settled, so deliveries (and the random draws of jitter and
 * chaos) happen in one order: the run is repeatable.
 */
export class TwinDeliveryStream implements DeliveryStream {
  readonly report = emptyReport();
  private readonly queue: Send<ChannelNotification>[] = [];
  private readonly bodies = new WeakMap<ChannelNotification, string>();
  /** Subscriptions each notification reached: a duplicate goes only where the original landed. */
  private readonly landed = new WeakMap<ChannelNotification, Set<string>>();
  private exhausted = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: StreamSettings) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<DeliveryStep, undefined>> {
    const step = this.tail.then(() => this.step());
    this.tail = step.catch(() => undefined);
    return step.then((value) =>
      value === undefined ? { done: true, value: undefined } : { done: false, value },
    );
  }

  async return(): Promise<IteratorResult<DeliveryStep, undefined>> {
    this.exhausted = true;
    this.queue.length = 0;
    await this.settings.source.return?.();
    return { done: true, value: undefined };
  }

  async deliverNext(): Promise<DeliveryStep | undefined> {
    return (await this.next()).value;
  }

  async peek(): Promise<ChannelNotification | undefined> {
    await this.tail;
    return (await this.fill()) ? this.queue[0]!.item : undefined;
  }

  async deliverAll(): Promise<DeliveryReport> {
    while (!(await this.next()).done);
    return this.report;
  }

  private async step(): Promise<DeliveryStep | undefined> {
    while (await this.fill()) {
      const send = this.queue.shift()!;
      const landed = this.landed.get(send.item);
      const targets = this.settings
        .targets(send.item.type)
        .filter((target) => !send.duplicate || landed?.has(target.subscriptionId));
      if (targets.length === 0) continue;
      await this.settings.pace(send.item);
      const parcel = { ...send, notification: send.item, body: this.body(send.item) };
      const deliveries: Delivery[] = [];
      for (const subscription of targets) {
        const delivery = await deliver(this.settings.context, subscription, parcel);
        deliveries.push(delivery);
        count(this.report, delivery);
        if (!send.duplicate && delivery.outcome === 'delivered') {
          if (!this.landed.has(send.item)) this.landed.set(send.item, new Set());
          this.landed.get(send.item)!.add(subscription.subscriptionId);
        }
      }
      this.report.sent++;
      return {
        notification: send.item,
        duplicate: send.duplicate,
        reordered: send.reordered,
        deliveries,
      };
    }
    return undefined;
  }

  /** Pulls from the source until a send is queued; false when all is sent. */
  private async fill(): Promise<boolean> {
    while (this.queue.length === 0) {
      if (this.exhausted) return false;
      const result = await this.settings.source.next();
      if (result.done) {
        this.exhausted = true;
        this.queue.push(...this.settings.planner.flush());
      } else if (this.settings.targets(result.value.type).length > 0) {
        // A notification no enabled subscription wants is never sent, as in VCC.
        this.queue.push(...this.settings.planner.push(result.value));
      }
    }
    return true;
  }

  private body(notification: ChannelNotification): string {
    let body = this.bodies.get(notification);
    if (body === undefined) this.bodies.set(notification, (body = JSON.stringify(notification)));
    return body;
  }
}
