import {
  createKsuidFactory,
  generateWebhookSecret,
  type KsuidFactory,
  type SignatureCrypto,
} from '../../../contract/index.js';
import type { TwinRandom } from './random.js';
import type { Region } from '../vcc.js';
import type { SubscriptionFields } from './subscription-rules.js';
import type { Subscription, TwinSubscription } from '../types.js';

/** What a write did: the subscription, or why it could not be written. */
export type WriteResult =
  { ok: true; subscription: TwinSubscription } | { ok: false; reason: 'not-found' | 'name-taken' };

/**
 * The twin's subscriptions, one account per region (each VCC region is its own deployment).
 * Records are copied in and out, so nothing a caller holds can change the twin behind its back.
 */
export class SubscriptionStore {
  private readonly regions = new Map<Region, Map<string, TwinSubscription>>();
  private readonly mintId: KsuidFactory;
  #version = 0;

  constructor(
    private readonly now: () => number,
    random: TwinRandom,
    private readonly crypto: SignatureCrypto,
  ) {
    this.mintId = createKsuidFactory(random);
  }

  /** Changes with every write, so readers can tell when what they looked up is stale. */
  get version(): number {
    return this.#version;
  }

  clear(): void {
    this.regions.clear();
    this.#version++;
  }

  list(region?: Region): TwinSubscription[] {
    const maps = region ? [this.account(region)] : [...this.regions.values()];
    return maps.flatMap((map) => [...map.values()].map(copy));
  }

  get(region: Region, subscriptionId: string): TwinSubscription | undefined {
    const found = this.account(region).get(subscriptionId);
    return found && copy(found);
  }

  /** Finds a subscription in any region. */
  find(subscriptionId: string): TwinSubscription | undefined {
    for (const map of this.regions.values()) {
      const found = map.get(subscriptionId);
      if (found) return copy(found);
    }
    return undefined;
  }

  create(
    region: Region,
    fields: Partial<SubscriptionFields> & Pick<SubscriptionFields, 'name' | 'url' | 'events'>,
  ): WriteResult {
    const account = this.account(region);
    if (this.nameTaken(account, fields.name)) return { ok: false, reason: 'name-taken' };
    const subscription: TwinSubscription = {
      region,
      subscriptionId: this.mintId(Math.floor(this.now() / 1000)),
      name: fields.name,
      url: fields.url,
      events: [...fields.events],
      enabled: fields.enabled ?? true,
      secret: fields.secret ?? generateWebhookSecret(this.crypto),
    };
    account.set(subscription.subscriptionId, subscription);
    this.#version++;
    return { ok: true, subscription: copy(subscription) };
  }

  update(region: Region, subscriptionId: string, patch: Partial<SubscriptionFields>): WriteResult {
    const account = this.account(region);
    const current = account.get(subscriptionId);
    if (!current) return { ok: false, reason: 'not-found' };
    if (patch.name !== undefined && this.nameTaken(account, patch.name, subscriptionId)) {
      return { ok: false, reason: 'name-taken' };
    }
    const next: TwinSubscription = {
      ...current,
      ...patch,
      events: [...(patch.events ?? current.events)],
    };
    account.set(subscriptionId, next);
    this.#version++;
    return { ok: true, subscription: copy(next) };
  }

  delete(region: Region, subscriptionId: string): TwinSubscription | undefined {
    const account = this.account(region);
    const current = account.get(subscriptionId);
    if (account.delete(subscriptionId)) this.#version++;
    return current && copy(current);
  }

  private account(region: Region): Map<string, TwinSubscription> {
    let account = this.regions.get(region);
    if (!account) this.regions.set(region, (account = new Map()));
    return account;
  }

  private nameTaken(account: Map<string, TwinSubscription>, name: string, except?: string) {
    for (const subscription of account.values()) {
      if (subscription.name === name && subscription.subscriptionId !== except) return true;
    }
    return false;
  }
}

function copy(subscription: TwinSubscription): TwinSubscription {
  return { ...subscription, events: [...subscription.events] };
}

/** The API's view of a subscription: everything but the secret and the region. */
export function publicView(subscription: TwinSubscription): Subscription {
  const { subscriptionId, name, url, events, enabled } = subscription;
  return { subscriptionId, name, url, events: [...events], enabled };
}
