import type { RequestErrorKind } from './types.js';

/** An error as runtimes make them: maybe a `code` (`ECONNREFUSED`), maybe a `cause`. */
type ErrorWithCode = Error & { code?: unknown };

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

function codeOf(error: Error): string | undefined {
  const code = (error as ErrorWithCode).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Names a request failure by its error code, or its causes' (`fetch` wraps them): timeout,
 * refused, reset… The same words whichever client sent the request.
 */
export function classifyError(error: unknown): RequestErrorKind {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = codeOf(current);
    if (code) {
      const kind = ERROR_KINDS[code];
      if (kind) return kind;
      if (code.startsWith('ERR_TLS') || code.includes('CERT')) return 'tls';
    }
    if (current.name === 'AbortError') return 'aborted';
    if (current.name === 'TimeoutError') return 'timeout';
    current = current.cause;
  }
  return 'connection-error';
}

/** A failure's message with its causes: `fetch failed: connect ECONNREFUSED 127.0.0.1:1`. */
export function errorMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const code = codeOf(current);
    const text =
      code && !current.message.includes(code) ? `${current.message} (${code})` : current.message;
    if (text && !parts.includes(text)) parts.push(text);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}
