import { Pool, type Dispatcher } from 'undici';
import {
  Deadlines,
  classifyError,
  errorMessage,
  type DeadlineEntry,
} from '../../../delivery-core/index.js';
import type { AttemptResult } from '../types.js';

/** What one attempt sends. */
type OutgoingRequest = {
  /** A flat `[name, value, …]` list. */
  headers: string[];
  body: Buffer;
};

/** Options of {@link createSender}. */
export type SenderOptions = {
  url: URL;
  timeoutMs: number;
  connections: number;
  /** Accept any TLS certificate (self-signed dev servers). */
  insecure: boolean;
  now: () => number;
};

/** Sends POSTs to one URL over a pool of keep-alive connections. */
export interface Sender {
  send(request: OutgoingRequest): Promise<AttemptResult>;
  /** Waits for requests in flight, then closes the connections. */
  close(): Promise<void>;
  /** Fails requests in flight at once and closes the connections. */
  destroy(): Promise<void>;
}

const SNIPPET_CHARS = 300;
const TIMED_OUT = new Error('timeout');

/**
 * One attempt in flight: undici's dispatch handler (methods on the prototype, so an attempt
 * allocates one object, not a closure per callback) and an entry of the core's `Deadlines`.
 */
class Attempt implements Dispatcher.DispatchHandler, DeadlineEntry {
  previous: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  readonly deadline: number;
  #controller: Dispatcher.DispatchController | undefined;
  #timedOut = false;
  #settled = false;
  #status = 0;
  #retryAfter: string | undefined;
  #location: string | undefined;
  #snippet = '';
  readonly #started: number;
  readonly #sender: SenderState;
  readonly #resolve: (result: AttemptResult) => void;

  constructor(sender: SenderState, resolve: (result: AttemptResult) => void) {
    this.#sender = sender;
    this.#resolve = resolve;
    this.#started = sender.now();
    this.deadline = this.#started + sender.timeoutMs;
  }

  /** Called by {@link Deadlines} when the timeout passes. */
  expire(): void {
    this.#timedOut = true;
    this.#controller?.abort(TIMED_OUT);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#timedOut) controller.abort(TIMED_OUT);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.#status = statusCode;
    const after = headers['retry-after'];
    const location = headers['location'];
    if (after !== undefined) this.#retryAfter = String(after);
    if (location !== undefined) this.#location = String(location);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // Keep the start of a failure's body, to help tell why.
    const status = this.#status;
    if ((status < 200 || status > 299) && this.#snippet.length <= SNIPPET_CHARS) {
      this.#snippet += chunk.toString('utf8', 0, Math.min(chunk.length, SNIPPET_CHARS + 1));
    }
  }

  onResponseEnd(): void {
    const snippet = this.#snippet;
    this.#settle({
      kind: 'response',
      status: this.#status,
      latencyMs: this.#sender.now() - this.#started,
      ...(this.#retryAfter === undefined ? {} : { retryAfter: this.#retryAfter }),
      ...(this.#location === undefined ? {} : { location: this.#location }),
      ...(snippet
        ? { body: snippet.length > SNIPPET_CHARS ? `${snippet.slice(0, SNIPPET_CHARS)}…` : snippet }
        : {}),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    const timedOut = this.#timedOut;
    this.#settle({
      kind: 'error',
      error: timedOut ? 'timeout' : classifyError(error),
      message: timedOut
        ? `no complete answer within ${this.#sender.timeoutMs} ms`
        : errorMessage(error),
      latencyMs: this.#sender.now() - this.#started,
    });
  }

  #settle(result: AttemptResult): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#sender.deadlines.remove(this);
    this.#resolve(result);
  }
}

/** What every attempt of one sender shares. */
type SenderState = {
  now: () => number;
  timeoutMs: number;
  deadlines: Deadlines<Attempt>;
};

/**
 * A sender over undici's `Pool` (global `fetch` is about 9× slower here), through its low-level
 * `dispatch` API: no response stream and no `AbortSignal` per request, which matters at tens of
 * thousands of requests a second. Timeouts are kept by {@link Deadlines}, because undici's own
 * tick only every ~0.5 s.
 */
export function createSender(options: SenderOptions): Sender {
  const { url, timeoutMs, now } = options;
  const pool = new Pool(url.origin, {
    connections: options.connections,
    pipelining: 1,
    connectTimeout: timeoutMs,
    headersTimeout: 0,
    bodyTimeout: 0,
    ...(options.insecure ? { connect: { rejectUnauthorized: false } } : {}),
  });
  const path = `${url.pathname}${url.search}`;
  const state: SenderState = { now, timeoutMs, deadlines: new Deadlines<Attempt>(now) };
  return {
    send(request) {
      return new Promise<AttemptResult>((resolve) => {
        const attempt = new Attempt(state, resolve);
        state.deadlines.add(attempt);
        try {
          pool.dispatch(
            { path, method: 'POST', headers: request.headers, body: request.body },
            attempt,
          );
        } catch (error) {
          attempt.onResponseError(undefined, error as Error);
        }
      });
    },
    close: async () => {
      await pool.close();
      state.deadlines.clear();
    },
    destroy: async () => {
      await pool.destroy();
      state.deadlines.clear();
    },
  };
}
