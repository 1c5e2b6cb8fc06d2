import type { FetchHandler } from '../../../delivery-core/index.js';

/** A request a check sends: a POST of a notification, or a GET of the probe. */
export type OutgoingRequest = {
  method: 'POST' | 'GET';
  url: string;
  /** A flat `[name, value, …]` list. */
  headers: string[];
  body?: string;
};

/** What the checks read of a response, whichever client got it. */
export type IncomingResponse = {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
};

/** How a check's requests travel: to a fetch handler in-process, or over the network. */
export interface Transport {
  send(request: OutgoingRequest, signal: AbortSignal): Promise<IncomingResponse>;
  close(): Promise<void>;
}

/** Options of {@link networkTransport}. */
export type NetworkTransportOptions = {
  /** A CA certificate to trust besides the system's. */
  ca?: string | Uint8Array;
  insecure: boolean;
  connections: number;
  connectTimeoutMs: number;
};

function headerPairs(flat: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return pairs;
}

/** Requests to a fetch-style handler, in-process: no port, no network. */
export function handlerTransport(handler: FetchHandler): Transport {
  return {
    async send(request, signal) {
      return handler(
        new Request(request.url, {
          method: request.method,
          headers: headerPairs(request.headers),
          ...(request.body === undefined ? {} : { body: request.body }),
          redirect: 'manual',
          signal,
        }),
      );
    },
    close: async () => undefined,
  };
}

/**
 * Requests over the network with undici's `fetch` and its own connection pool, so a check can
 * trust a test CA (`ca`) or, when asked, any certificate, without touching the process's settings.
 * Redirects are returned, never followed: VCC does not follow them.
 */
export async function networkTransport(options: NetworkTransportOptions): Promise<Transport> {
  const { Agent, fetch } = await import('undici');
  const { rootCertificates } = await import('node:tls');
  const ca =
    options.ca === undefined
      ? undefined
      : [
          ...rootCertificates,
          typeof options.ca === 'string' ? options.ca : Buffer.from(options.ca),
        ];
  const agent = new Agent({
    connections: options.connections,
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: {
      rejectUnauthorized: !options.insecure,
      ...(ca ? { ca } : {}),
    },
  });
  return {
    async send(request, signal) {
      return fetch(request.url, {
        method: request.method,
        headers: headerPairs(request.headers),
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: 'manual',
        dispatcher: agent,
        signal,
      }) as Promise<IncomingResponse>;
    },
    close: () => agent.close(),
  };
}
