import { VERSION } from '../../version.js';
import {
  MAX_TIMER_DELAY_MS,
  parseRetryAfter,
  retryLoop,
  retryPolicy,
} from '../../delivery-core/index.js';
import { VccSimError } from '../../errors.js';
import { countOf } from '../../internal/count.js';
import { authorizationHeader, describeAuth } from './broker-connection.js';
import type { BrokerConnection, BrokerRequestOptions } from './types.js';

/**
 * A small HAL client for the Pact Broker over the global `fetch` (injectable). Broker traffic is a
 * handful of requests per run, so `fetch`'s convenience wins over undici's pooled throughput; being
 * the standard API, it is also what tests and users can swap (MSW, a proxy-aware fetch).
 *
 * It retries 5xx, 408, 429, network failures and requests that time out (`timeoutMs`, the answer
 * read whole, default 30 s) with the delivery core's retry loop: exponential back-off (0.5 s, 1 s,
 * 2 s…, no jitter: a handful of requests cannot stampede), honouring `Retry-After` in both forms,
 * giving up when it asks past a minute. It turns the broker's refusals into messages that say
 * what to do.
 */

/** A HAL resource: any JSON object with `_links`. */
export type HalResource = Record<string, unknown> & {
  _links?: Record<string, { href?: string; templated?: boolean } | unknown>;
};

/** What a request is for, in words: "publishing pacts for crm-sync 1.2.3". */
type Purpose = string;

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
/** How long one request may take by default, its answer read whole. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** Whether a fetch failed because its deadline passed. */
function timedOut(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || (name === 'AbortError' && /timeout/i.test(String(error)));
}

function defaultSleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function flattenErrors(errors: unknown, prefix = ''): string[] {
  if (typeof errors === 'string') return [prefix ? `${prefix}: ${errors}` : errors];
  if (Array.isArray(errors)) {
    if (errors.every((item) => typeof item === 'string')) {
      return errors.map((item) => (prefix ? `${prefix}: ${item}` : item));
    }
    return errors.flatMap((item, index) => {
      const problem = item as Record<string, unknown> | null;
      if (problem && typeof problem === 'object' && ('detail' in problem || 'title' in problem)) {
        const where = typeof problem['pointer'] === 'string' ? `${problem['pointer']}: ` : '';
        return [`${where}${String(problem['detail'] ?? problem['title'])}`];
      }
      return flattenErrors(item, `${prefix}[${index}]`);
    });
  }
  if (errors !== null && typeof errors === 'object') {
    return Object.entries(errors).flatMap(([key, value]) =>
      flattenErrors(
        value,
        /^[0-9]+$/.test(key) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key,
      ),
    );
  }
  return [];
}

/** The broker's own explanation of a failure, from whichever error format it used. */
function explanation(body: unknown, text: string): string {
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const messages = flattenErrors(record['errors']);
    if (messages.length > 0) return messages.join('; ');
    for (const key of ['detail', 'title', 'message']) {
      if (typeof record[key] === 'string') return record[key];
    }
    const error = record['error'];
    if (
      error &&
      typeof error === 'object' &&
      typeof (error as Record<string, unknown>)['message'] === 'string'
    ) {
      return (error as Record<string, unknown>)['message'] as string;
    }
  }
  return text.trim().slice(0, 500);
}

/** The broker's retry policy: `retries` after the first attempt, 0.5 s doubling, within a minute. */
function brokerPolicy(retries: number) {
  return retryPolicy({
    maxAttempts: retries + 1,
    initialDelayMs: 500,
    multiplier: 2,
    maxDelayMs: 30_000,
    jitter: 0,
    retryWindowMs: 60_000,
  });
}

/** One broker request's outcome: an answer read whole, or why there was none. */
type Answer =
  | { response: Response; text: string; failure?: undefined }
  | { response?: undefined; text?: undefined; failure: unknown };

/** A client bound to one broker. */
export class BrokerClient {
  readonly connection: BrokerConnection;
  private readonly fetch: typeof fetch;
  private readonly policy: ReturnType<typeof retryPolicy>;
  private readonly sleep: (milliseconds: number) => Promise<void>;
  private readonly timeoutMs: number;

  constructor(connection: BrokerConnection, options: BrokerRequestOptions = {}) {
    this.connection = connection;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.policy = brokerPolicy(options.retries ?? 3);
    this.sleep = options.sleep ?? defaultSleep;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      throw new VccSimError(
        'usage',
        `The broker timeout must be a duration > 0 (got ${timeoutMs}).`,
      );
    }
    this.timeoutMs = Math.min(timeoutMs, MAX_TIMER_DELAY_MS);
  }

  /** The broker's index resource (`GET /`), where every journey starts. */
  index(): Promise<HalResource> {
    return this.request(
      'GET',
      `${this.connection.baseUrl}/`,
      undefined,
      'reading the broker index',
    );
  }

  /**
   * The URL of relation `rel` in `resource`, with `{placeholders}` filled from `values`; throws a
   * `pact` error naming the relations the resource does have.
   */
  link(resource: HalResource, rel: string, values: Record<string, string> = {}): string {
    const link = resource._links?.[rel] as { href?: unknown } | undefined;
    if (!link || typeof link.href !== 'string') {
      const present = Object.keys(resource._links ?? {}).join(', ') || 'none';
      throw new VccSimError(
        'pact',
        `The Pact Broker has no "${rel}" relation here (relations: ${present}); is it older than this feature?`,
      );
    }
    const href = link.href.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? encodeURIComponent(values[name] as string) : whole,
    );
    return new URL(href, `${this.connection.baseUrl}/`).href;
  }

  /** Whether `resource` has relation `rel`. */
  hasLink(resource: HalResource, rel: string): boolean {
    return typeof (resource._links?.[rel] as { href?: unknown } | undefined)?.href === 'string';
  }

  get(url: string, purpose: Purpose): Promise<HalResource> {
    return this.request('GET', url, undefined, purpose);
  }

  post(url: string, body: unknown, purpose: Purpose): Promise<HalResource> {
    return this.request('POST', url, body, purpose);
  }

  put(url: string, body: unknown, purpose: Purpose): Promise<HalResource> {
    return this.request('PUT', url, body, purpose);
  }

  private async request(
    method: string,
    url: string,
    body: unknown,
    purpose: Purpose,
  ): Promise<HalResource> {
    const headers: Record<string, string> = {
      accept: 'application/hal+json, application/json',
      'user-agent': `vcc-sim/${VERSION}`,
    };
    const authorization = authorizationHeader(this.connection);
    if (authorization) headers['authorization'] = authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const path = new URL(url).pathname;
    const { value, attempts } = await retryLoop<Answer>(
      async () => {
        try {
          // One deadline for the request and its whole answer: a broker that stalls is a failure.
          const signal = AbortSignal.timeout(this.timeoutMs);
          const response = await this.fetch(url, {
            method,
            headers,
            body: payload,
            redirect: 'follow',
            signal,
          });
          return { response, text: await response.text() };
        } catch (failure) {
          return { failure: timedOut(failure) ? `no answer within ${this.timeoutMs} ms` : failure };
        }
      },
      ({ response }, at) => {
        if (response && !RETRYABLE.has(response.status)) return { settled: true };
        const retryAfterMs = parseRetryAfter(response?.headers.get('retry-after'), at);
        return { settled: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
      },
      {
        policy: this.policy,
        now: Date.now,
        random: () => 0,
        wait: this.sleep,
      },
    );
    const { response, failure } = value;
    if (!response) {
      const reason =
        failure instanceof Error
          ? failure.cause instanceof Error
            ? failure.cause.message
            : failure.message
          : String(failure);
      throw new VccSimError(
        'delivery',
        `Could not reach the Pact Broker at ${this.connection.baseUrl} while ${purpose}: ${reason} (tried ${countOf(attempts, 'time')}).`,
        { cause: failure },
      );
    }
    const text = value.text!;
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.ok) {
      if (json === null || typeof json !== 'object') {
        throw new VccSimError(
          'pact',
          `The Pact Broker answered ${method} ${path} with something that is not JSON while ${purpose}.`,
        );
      }
      return json as HalResource;
    }
    throw this.refusal(method, path, response, json, text, purpose, attempts);
  }

  private refusal(
    method: string,
    path: string,
    response: Response,
    json: unknown,
    text: string,
    purpose: Purpose,
    attempts: number,
  ): VccSimError {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const why = explanation(json, text);
    const detail = why ? `: ${why}` : '';
    switch (response.status) {
      case 401:
        return new VccSimError(
          'pact',
          `The Pact Broker refused the credentials (401 Unauthorized) while ${purpose}; vcc-sim connected ${describeAuth(this.connection)}. Check PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.`,
        );
      case 403:
        return new VccSimError(
          'pact',
          `The Pact Broker forbids ${method} ${path} (403 Forbidden) while ${purpose}; the credentials lack the permission${detail}.`,
        );
      case 409:
        return new VccSimError(
          'pact',
          `The Pact Broker refused ${purpose} (409 Conflict)${detail}.`,
        );
      case 400:
      case 422:
        return new VccSimError(
          'pact',
          `The Pact Broker rejected the request while ${purpose} (${status})${detail}.`,
        );
      default:
        return new VccSimError(
          RETRYABLE.has(response.status) ? 'delivery' : 'pact',
          `The Pact Broker answered ${method} ${path} with ${status} while ${purpose}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}${detail}.`,
        );
    }
  }
}
