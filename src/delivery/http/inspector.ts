import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { SIGNATURE_HEADER } from '../../contract/index.js';
import { stringAt } from '../../internal/json-pointer.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './internal/inspector-assets.generated.js';
import type { InspectorEvent, ReceivedNotification, ReceiverSummary } from './types.js';

/** Where the inspector lives on the receiver: `GET /_vcc`. */
export const INSPECTOR_PATH = '/_vcc';
/** Recent requests kept for browsers that join late (default). */
const INSPECTOR_RING_SIZE = 1000;
/** A body longer than this is shown cut. */
const BODY_LIMIT = 16 * 1024;
/** A browser this far behind is dropped; it reconnects and catches up from the ring. */
const CLIENT_BACKLOG_LIMIT = 4 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vcc-sim listen · inspector</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${INSPECTOR_PATH}/app.css">
</head>
<body>
<div id="app"></div>
<script src="${INSPECTOR_PATH}/app.js"></script>
</body>
</html>
`;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * A JWT shown without what makes it a credential: its header and claims (not secret, and what a
 * person debugging wants to read), its signature replaced by dots.
 */
export function maskSignatureHeader(value: string): string {
  const match = /^(\s*Bearer\s+)([^.\s]*)\.([^.\s]*)\.(\S+)\s*$/i.exec(value);
  if (!match) return value.length > 12 ? `${value.slice(0, 12)}•••` : value;
  return `${match[1]}${match[2]}.${match[3]}.•••`;
}

function headerList(headers: IncomingHttpHeaders): Array<[string, string]> {
  const list: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (name === SIGNATURE_HEADER.toLowerCase()) list.push([name, maskSignatureHeader(one)]);
      else if (name === 'authorization' || name === 'cookie') list.push([name, '•••']);
      else list.push([name, one]);
    }
  }
  return list;
}

function isLocalHost(host: string | undefined, boundHost: string): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return ['localhost', '127.0.0.1', '[::1]', boundHost, `[${boundHost}]`].includes(name);
}

/** The inspector of a receiver: a bounded ring of recent requests and the browsers watching it. */
export interface Inspector {
  /** Whether the request is for the inspector (`GET /_vcc…`). */
  serves(request: IncomingMessage): boolean;
  serve(request: IncomingMessage, response: ServerResponse): void;
  /** Shows one request to every browser, and keeps it for late joiners. */
  record(received: ReceivedNotification, headers: IncomingHttpHeaders, body: Buffer): void;
  close(): void;
}

/**
 * The live inspector `listen --ui` serves beside the webhook: a page (`/_vcc`, its script and
 * style), and a stream of server-sent events (`/_vcc/events`) with each request as it is answered.
 * Memory is bounded: the last `ringSize` requests (bodies cut at 16 KB) are kept for browsers that
 * join late or reconnect (`Last-Event-ID`), and a browser that falls far behind is dropped.
 * Served only to a loopback or the bound `Host`, so another web page cannot read it (DNS rebinding).
 */
export function createInspector(options: {
  summary: () => ReceiverSummary;
  boundHost: string;
  ringSize?: number;
}): Inspector {
  const ringSize = options.ringSize ?? INSPECTOR_RING_SIZE;
  const ring: InspectorEvent[] = [];
  const clients = new Set<ServerResponse>();
  let sequence = 0;
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const message = (event: InspectorEvent) =>
    `id: ${event.seq}\nevent: notification\ndata: ${JSON.stringify(event)}\n\n`;

  function send(client: ServerResponse, text: string): void {
    if (client.writableLength > CLIENT_BACKLOG_LIMIT) {
      clients.delete(client);
      client.destroy();
      return;
    }
    client.write(text);
  }

  function stream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    const last = Number(request.headers['last-event-id'] ?? Number.NaN);
    const hello = { ringSize, summary: options.summary(), resumed: Number.isInteger(last) };
    response.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify(hello)}\n\n`);
    for (const event of ring) if (!(event.seq <= last)) response.write(message(event));
    clients.add(response);
    response.on('close', () => clients.delete(response));
  }

  return {
    serves: (request) =>
      request.method === 'GET' &&
      (request.url === INSPECTOR_PATH || (request.url ?? '').startsWith(`${INSPECTOR_PATH}/`)),
    serve(request, response) {
      request.resume();
      if (!isLocalHost(request.headers.host, options.boundHost)) {
        response.writeHead(403, { 'content-type': 'text/plain' });
        response.end('The inspector answers only requests addressed to this machine.\n');
        return;
      }
      const path = (request.url ?? '').split('?')[0];
      const reply = (type: string, text: string) => {
        response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type });
        response.end(text);
      };
      if (path === INSPECTOR_PATH || path === `${INSPECTOR_PATH}/`) {
        reply('text/html; charset=utf-8', PAGE);
      } else if (path === `${INSPECTOR_PATH}/app.js`) {
        reply('text/javascript; charset=utf-8', PAGE_SCRIPT);
      } else if (path === `${INSPECTOR_PATH}/app.css`) {
        reply('text/css; charset=utf-8', PAGE_STYLE);
      } else if (path === `${INSPECTOR_PATH}/events`) {
        stream(request, response);
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('Not found.\n');
      }
    },
    record(received, headers, body) {
      const { notification, ...rest } = received;
      const text = body.toString('utf8');
      const channel = '/data/channel';
      const event: InspectorEvent = {
        ...rest,
        seq: ++sequence,
        headers: headerList(headers),
        body: text.length > BODY_LIMIT ? text.slice(0, BODY_LIMIT) : text,
        bodyTruncated: text.length > BODY_LIMIT,
        summary: options.summary(),
      };
      const fields: Array<[keyof InspectorEvent, string]> = [
        ['timestamp', '/data/timestamp'],
        ['conversationId', `${channel}/conversationId`],
        ['interactionId', `${channel}/interactionId`],
        ['channelId', `${channel}/channelId`],
        ['role', `${channel}/party/role`],
        ['agentId', `${channel}/party/agentId`],
        ['presence', '/data/presence/description'],
      ];
      for (const [key, pointer] of fields) {
        const value = stringAt(notification, pointer);
        if (value !== undefined) (event as Record<string, unknown>)[key] = value;
      }
      if (event.presence !== undefined)
        event.agentId = stringAt(notification, '/data/user/agentId');
      ring.push(event);
      if (ring.length > ringSize) ring.shift();
      const line = message(event);
      for (const client of clients) send(client, line);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
