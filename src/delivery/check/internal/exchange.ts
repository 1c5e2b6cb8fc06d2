import { classifyError, errorMessage } from '../../../delivery-core/index.js';
import type { Answer } from '../types.js';
import type { IncomingResponse, OutgoingRequest, Transport } from './transport.js';

/** The most of a response body a check keeps as evidence. */
const SNIPPET_CHARS = 300;
/** The most of a response body a check reads before it stops listening. */
const READ_LIMIT_BYTES = 64 * 1024;

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Reads the start of a body (and drains at most {@link READ_LIMIT_BYTES}, then cancels). */
async function readSnippet(response: IncomingResponse): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      if (text.length <= SNIPPET_CHARS) text += decoder.decode(value, { stream: true });
      if (read > READ_LIMIT_BYTES) {
        await reader.cancel();
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
}

/** A response's answer, with its body read (VCC waits for the complete answer). */
export type ReadResponse = { answer: Answer; body: string };

/**
 * Sends one request and waits for its complete answer, at most `timeoutMs` (then the request is
 * aborted, and an in-process handler is no longer waited for). Never throws: a failure is an
 * answer with an error kind, in the delivery core's words.
 */
export async function exchange(
  transport: Transport,
  request: OutgoingRequest,
  timeoutMs: number,
): Promise<ReadResponse> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(`no complete answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const answered = (async () => {
    const response = await transport.send(request, controller.signal);
    const body = await readSnippet(response);
    return { response, body };
  })();
  // When the timeout wins, a later failure of the request has no one left to tell.
  answered.catch(() => undefined);
  try {
    const { response, body } = await Promise.race([answered, timeout]);
    const latencyMs = performance.now() - started;
    const location = response.headers.get('location');
    return {
      body,
      answer: {
        status: response.status,
        latencyMs,
        ...(body ? { body } : {}),
        ...(location === null ? {} : { location }),
      },
    };
  } catch (error) {
    const timedOut = error instanceof TimeoutError;
    if (timedOut) controller.abort(error);
    return {
      body: '',
      answer: {
        error: timedOut ? 'timeout' : classifyError(error),
        message: errorMessage(error),
        latencyMs: performance.now() - started,
      },
    };
  } finally {
    clearTimeout(timer);
  }
}
