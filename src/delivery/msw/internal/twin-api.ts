import type { HttpHandler } from 'msw';
import type { SignatureCrypto } from '../../../contract/index.js';
import { VccSimError } from '../../../errors.js';
import { createApiHandlers } from './api-handlers.js';
import { Authority } from './authority.js';
import { drawLatency, FaultRegistry } from './faults.js';
import type { TwinRandom } from './random.js';
import { REGIONS, isRegion, type Region } from '../vcc.js';
import { statusText, apiJson } from './responses.js';
import {
  checkNewSubscription,
  checkSubscriptionUpdate,
  type RuleOptions,
} from './subscription-rules.js';
import { SubscriptionStore } from './subscription-store.js';
import type {
  ApiCall,
  Fault,
  FaultHandle,
  IssueTokenOptions,
  Latency,
  NewSubscription,
  TwinClient,
  TwinRoute,
  TwinSubscription,
} from '../types.js';
import { answerWebhooksApi } from './webhooks-api.js';

/** What the API half of a twin needs. */
export interface TwinApiSettings {
  regions: readonly Region[];
  clients: readonly TwinClient[];
  subscriptions: readonly NewSubscription[];
  latency: Latency | undefined;
  rules: RuleOptions;
  now: () => number;
  random: TwinRandom;
  sleep: (ms: number) => Promise<void>;
  /** For generated secrets. */
  crypto: SignatureCrypto;
}

/**
 * The API half of the twin: state (clients, tokens, subscriptions), the MSW handlers that expose
 * it, injected faults and the call log.
 */
export class TwinApi {
  readonly handlers: HttpHandler[];
  readonly store: SubscriptionStore;
  private readonly authority: Authority;
  private readonly faults: FaultRegistry;
  private readonly log: ApiCall[] = [];

  constructor(private readonly settings: TwinApiSettings) {
    for (const region of settings.regions) {
      if (!isRegion(region)) {
        throw new VccSimError(
          'usage',
          `Unknown VCC region ${JSON.stringify(region)}; use ${REGIONS.join(', ')}.`,
        );
      }
    }
    this.authority = new Authority(settings.now, settings.random);
    this.store = new SubscriptionStore(settings.now, settings.random, settings.crypto);
    this.faults = new FaultRegistry(settings.random);
    this.handlers = createApiHandlers(settings.regions, (route, region, request, params) =>
      this.serve(route, region, request, params),
    );
    this.reset();
  }

  get calls(): ApiCall[] {
    return [...this.log];
  }

  get clients(): TwinClient[] {
    return this.authority.listClients();
  }

  reset(): void {
    this.authority.clear();
    this.store.clear();
    this.faults.clear();
    this.log.length = 0;
    for (const client of this.settings.clients) this.authority.addClient(client);
    for (const subscription of this.settings.subscriptions) this.addSubscription(subscription);
  }

  addClient(client: TwinClient): void {
    this.authority.addClient(client);
  }

  issueToken(options: IssueTokenOptions & { region?: Region } = {}): string {
    return this.authority.issue(options.region ?? this.settings.regions[0]!, options);
  }

  inject(routes: TwinRoute | readonly TwinRoute[] | '*', fault: Fault): FaultHandle {
    return this.faults.add(routes, fault);
  }

  addSubscription(input: NewSubscription): TwinSubscription {
    const region = input.region ?? this.settings.regions[0]!;
    const checked = checkNewSubscription(input, this.settings.rules);
    if (!checked.ok) {
      throw new VccSimError('usage', `Invalid subscription: ${checked.problems.join('; ')}`);
    }
    const result = this.store.create(region, checked.value);
    if (!result.ok) {
      throw new VccSimError(
        'usage',
        `Invalid subscription: a subscription named ${JSON.stringify(input.name)} already exists in ${region}`,
      );
    }
    return result.subscription;
  }

  updateSubscription(
    subscriptionId: string,
    patch: Partial<Omit<NewSubscription, 'region'>>,
  ): TwinSubscription {
    const current = this.store.find(subscriptionId);
    if (!current) {
      throw new VccSimError(
        'usage',
        `The twin has no subscription ${JSON.stringify(subscriptionId)}`,
      );
    }
    const checked = checkSubscriptionUpdate(patch, this.settings.rules);
    if (!checked.ok) {
      throw new VccSimError('usage', `Invalid subscription: ${checked.problems.join('; ')}`);
    }
    const result = this.store.update(current.region, subscriptionId, checked.value);
    if (!result.ok) {
      throw new VccSimError(
        'usage',
        `Invalid subscription: a subscription named ${JSON.stringify(patch.name)} already exists in ${current.region}`,
      );
    }
    return result.subscription;
  }

  /** One matched request: latency and faults first, then the route, then the call log. */
  private async serve(
    route: TwinRoute,
    region: Region,
    request: Request,
    params: Record<string, string>,
  ): Promise<Response> {
    const fault = this.faults.draw(route, region);
    const wait = drawLatency(fault?.latency ?? this.settings.latency, this.settings.random);
    if (wait > 0) await this.settings.sleep(wait);
    let response: Response;
    let clientId: string | undefined;
    if (fault?.networkError) {
      response = Response.error();
    } else if (fault?.status !== undefined) {
      response = apiJson(
        fault.status,
        fault.body ?? { message: statusText(fault.status) },
        fault.headers,
      );
    } else if (route === 'POST /Auth/connect/token') {
      response = await this.authority.tokenEndpoint(request, region);
    } else {
      const answer = await answerWebhooksApi(
        { authority: this.authority, store: this.store, rules: this.settings.rules },
        route,
        { request, region, params },
      );
      response = answer.response;
      clientId = answer.caller?.clientId;
    }
    this.log.push({
      region,
      route,
      method: request.method,
      url: request.url,
      status: response.type === 'error' ? 'network-error' : response.status,
      ...(clientId === undefined ? {} : { clientId }),
      at: this.settings.now(),
    });
    return response;
  }
}
