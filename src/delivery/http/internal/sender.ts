import { Pool, type Dispatcher } from 'undici';
import type { AttemptResult, RequestErrorKind } from '../types.js';

/** What one attempt sends. */
export type OutgoingRequest = {
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

const ERROR_KINDS: Record<string, RequestErrorKind> = {
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  UND_ERR_SOCKET: 'connection-reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  UND_ERR_DESTROYED: 'aborted',
  UND_ERR_ABORTED: 'aborted',
  UND_ERR_CLOSED: 'aborted',
};

/** Names a request failure by its error code (or its cause's): timeout, refused, reset… */
export function classifyError(error: unknown): RequestErrorKind {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code) {
      const kind = ERROR_KINDS[code];
      if (kind) return kind;
      if (code.startsWith('ERR_TLS') || code.includes('CERT')) return 'tls';
    }
    if (current.name === 'AbortError') return 'aborted';
    current = current.cause;
  }
  return 'connection-error';
}

function errorMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    const text =
      code && !current.message.includes(code) ? `${current.message} (${code})` : current.message;
    if (text && !parts.includes(text)) parts.push(text);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}

const SNIPPET_CHARS = 300;
const TIMED_OUT = new Error('timeout');

/** A request in flight, linked in send order: with one timeout for all, that is deadline order. */
type InFlight = {
  deadline: number;
  expire: () => void;
  previous: InFlight | undefined;
  next: InFlight | undefined;
};

/**
 * Times out requests with one timer for all of them, instead of a timer each: requests sharing one
 * timeout expire in the order they were sent, so the timer only ever waits for the oldest.
 */
class Deadlines {
  #head: InFlight | undefined;
  #tail: InFlight | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  add(entry: InFlight): void {
    entry.previous = this.#tail;
    if (this.#tail) this.#tail.next = entry;
    else this.#head = entry;
    this.#tail = entry;
    if (!this.#timer) this.#arm();
  }

  remove(entry: InFlight): void {
    if (entry.previous) entry.previous.next = entry.next;
    else if (this.#head === entry) this.#head = entry.next;
    else return;
    if (entry.next) entry.next.previous = entry.previous;
    else this.#tail = entry.previous;
    entry.previous = entry.next = undefined;
  }

  #arm(): void {
    if (!this.#head) return;
    this.#timer = setTimeout(() => this.#expire(), Math.max(0, this.#head.deadline - this.#now()));
  }

  #expire(): void {
    this.#timer = undefined;
    const now = this.#now();
    while (this.#head && this.#head.deadline <= now + 0.5) {
      const entry = this.#head;
      this.remove(entry);
      entry.expire();
    }
    this.#arm();
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

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
  const deadlines = new Deadlines(now);
  return {
    send(request) {
      return new Promise<AttemptResult>((resolve) => {
        const started = now();
        let controller: Dispatcher.DispatchController | undefined;
        let timedOut = false;
        let settled = false;
        let status = 0;
        let retryAfter: string | undefined;
        let location: string | undefined;
        let snippet = '';
        const entry: InFlight = {
          deadline: started + timeoutMs,
          expire: () => {
            timedOut = true;
            controller?.abort(TIMED_OUT);
          },
          previous: undefined,
          next: undefined,
        };
        deadlines.add(entry);
        const settle = (result: AttemptResult) => {
          if (settled) return;
          settled = true;
          deadlines.remove(entry);
          resolve(result);
        };
        const handler: Dispatcher.DispatchHandler = {
          onRequestStart(started) {
            controller = started;
            if (timedOut) started.abort(TIMED_OUT);
          },
          onResponseStart(_controller, statusCode, headers) {
            status = statusCode;
            const after = headers['retry-after'];
            const to = headers['location'];
            retryAfter = after === undefined ? undefined : String(after);
            location = to === undefined ? undefined : String(to);
          },
          onResponseData(_controller, chunk) {
            // Keep the start of a failure's body, to help tell why.
            if ((status < 200 || status > 299) && snippet.length <= SNIPPET_CHARS) {
              snippet += chunk.toString('utf8', 0, Math.min(chunk.length, SNIPPET_CHARS + 1));
            }
          },
          onResponseEnd() {
            settle({
              kind: 'response',
              status,
              latencyMs: now() - started,
              ...(retryAfter === undefined ? {} : { retryAfter }),
              ...(location === undefined ? {} : { location }),
              ...(snippet
                ? {
                    body:
                      snippet.length > SNIPPET_CHARS
                        ? `${snippet.slice(0, SNIPPET_CHARS)}…`
                        : snippet,
                  }
                : {}),
            });
          },
          onResponseError(_controller, error) {
            settle({
              kind: 'error',
              error: timedOut ? 'timeout' : classifyError(error),
              message: timedOut ? `no complete answer within ${timeoutMs} ms` : errorMessage(error),
              latencyMs: now() - started,
            });
          },
        };
        try {
          pool.dispatch(
            { path, method: 'POST', headers: request.headers, body: request.body },
            handler,
          );
        } catch (error) {
          handler.onResponseError!(controller!, error as Error);
        }
      });
    },
    close: async () => {
      await pool.close();
      deadlines.clear();
    },
    destroy: async () => {
      await pool.destroy();
      deadlines.clear();
    },
  };
}
