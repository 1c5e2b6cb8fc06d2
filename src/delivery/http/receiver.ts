import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringAt } from '../../internal/json-pointer.js';
import {
  SIGNATURE_HEADER,
  createWebhookVerifier,
  validateNotification,
  type ValidationIssue,
  type WebhookVerifier,
} from '../../contract/index.js';
import { isSuccessStatus } from '../../delivery-core/index.js';
import { VccSimError } from '../../errors.js';
import { STRUCTURED_CONTENT_TYPE } from './internal/outgoing.js';
import { randomStream } from '../../engine/index.js';
import { INSPECTOR_PATH, createInspector } from './inspector.js';
import { nodeCrypto } from './node-crypto.js';
import type { Receiver, ReceiverOptions, ReceiverSummary, ReceivedNotification } from './types.js';

const SIGNATURE = SIGNATURE_HEADER.toLowerCase();

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

type Parsed = {
  mode: ReceivedNotification['mode'];
  notification?: unknown;
  problem?: string;
};

/** Reads the CloudEvent from a request: structured (the body) or binary (`ce-*` headers + data). */
function parseEvent(request: IncomingMessage, body: Buffer): Parsed {
  const contentType = headerText(request.headers['content-type']) ?? '';
  const parseJson = (): { value?: unknown; problem?: string } => {
    try {
      return { value: JSON.parse(body.toString('utf8')) };
    } catch (error) {
      return { problem: `the body is not JSON (${(error as Error).message})` };
    }
  };
  if (request.headers['ce-specversion'] !== undefined) {
    const event: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (name.startsWith('ce-') && value !== undefined) {
        event[name.slice(3)] = percentDecode(headerText(value) ?? '');
      }
    }
    if (contentType) event['datacontenttype'] = contentType.split(';')[0]!.trim();
    if (body.length > 0) {
      const data = parseJson();
      if (data.problem) return { mode: 'binary', notification: event, problem: data.problem };
      event['data'] = data.value;
    }
    return { mode: 'binary', notification: event };
  }
  const mode = contentType.toLowerCase().startsWith(STRUCTURED_CONTENT_TYPE)
    ? 'structured'
    : 'unknown';
  const parsed = parseJson();
  return {
    mode,
    ...(parsed.problem ? { problem: parsed.problem } : { notification: parsed.value }),
  };
}

function timestampOf(value: unknown): number {
  const data =
    value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)['data']
      : undefined;
  const timestamp = stringAt(data, '/timestamp');
  return timestamp === undefined ? Number.NaN : Date.parse(timestamp);
}

function checkRate(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw new VccSimError('usage', `${name} must be between 0 and 1 (got ${value}).`);
  }
}

/**
 * A local webhook that checks what it is sent: verifies signatures (with `secret`), validates every
 * notification against the contract, and flags duplicates (same `id` and `source`) and events
 * older than one already accepted on their channel (by `data.timestamp`). It answers 401 to a
 * signature that does not verify, 400 to a body that is not JSON, 200 otherwise, and can inject
 * failures (`failRate`, `failStatuses`, `delayMs`) to exercise a sender's retries.
 * @throws {VccSimError} code `usage` for invalid options or a port that is taken.
 * @example
 * const receiver = await startReceiver({ secret, onNotification: (n) => console.log(n.status, n.type) });
 * // push to receiver.url …
 * console.log(receiver.summary());
 * await receiver.close();
 */
export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  checkRate('The failure rate', options.failRate);
  const failStatuses = options.failStatuses ?? [503];
  for (const status of failStatuses) {
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new VccSimError('usage', `A failure status must be 100–599 (got ${status}).`);
    }
  }
  const delayMs = options.delayMs ?? 0;
  if (!(delayMs >= 0)) throw new VccSimError('usage', `The delay must be ≥ 0 (got ${delayMs}).`);
  const verifier: WebhookVerifier | undefined =
    options.secret === undefined
      ? undefined
      : createWebhookVerifier(options.secret, {
          crypto: options.crypto ?? nodeCrypto,
          ...(options.now ? { now: options.now } : {}),
          clockToleranceSeconds: options.clockToleranceSeconds ?? 0,
        });
  const random = randomStream(options.seed ?? 1, 'receiver').next;
  const failRate = options.failRate ?? 0;
  const now = options.now ?? Date.now;
  const seen = new Set<string>();
  const latestByChannel = new Map<string, number>();
  let url = '';
  const summary: ReceiverSummary = {
    url,
    requests: 0,
    accepted: 0,
    statuses: {},
    signatures: {},
    invalid: 0,
    warned: 0,
    duplicates: 0,
    outOfOrder: 0,
    injectedFailures: 0,
    types: {},
  };

  const inspector = options.inspector
    ? createInspector({
        summary: () => summary,
        boundHost: options.host ?? '127.0.0.1',
        ...(typeof options.inspector === 'object' ? options.inspector : {}),
      })
    : undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (inspector?.serves(request)) return inspector.serve(request, response);
    const body = await readBody(request);
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' });
      response.end('vcc-sim listen: POST VCC notifications here.\n');
      return;
    }
    const receivedAt = new Date(now()).toISOString();
    // Draw for every request, so the failure pattern depends only on the seed and arrival order.
    const draw = random();
    const pick = random();
    const injected = draw < failRate;
    const parsed = parseEvent(request, body);
    const event = parsed.notification;
    let signature: ReceivedNotification['signature'] = 'unchecked';
    let signatureMessage: string | undefined;
    if (verifier) {
      const check = await verifier.verify(headerText(request.headers[SIGNATURE]), body);
      signature = check.valid ? 'valid' : check.problem;
      if (!check.valid) signatureMessage = check.message;
    }
    let errors: ValidationIssue[] = [];
    let warnings: readonly ValidationIssue[] = [];
    if (parsed.problem) errors = [{ path: '', message: parsed.problem } as ValidationIssue];
    else {
      const result = validateNotification(event, { strict: options.strict === true });
      if (!result.valid) errors = result.errors;
      warnings = result.warnings;
    }
    let status = 200;
    const headers: Record<string, string> = {};
    if (injected) {
      status = failStatuses[Math.floor(pick * failStatuses.length)]!;
      if (options.retryAfterSeconds !== undefined) {
        headers['retry-after'] = String(options.retryAfterSeconds);
      }
    } else if (signature !== 'valid' && signature !== 'unchecked') status = 401;
    else if (parsed.problem) status = 400;

    const id = stringAt(event, '/id');
    const source = stringAt(event, '/source');
    const subject = stringAt(event, '/subject');
    const type = stringAt(event, '/type');
    let duplicate = false;
    let outOfOrder = false;
    if (isSuccessStatus(status) && event !== undefined) {
      const key = `${source ?? ''}\u0000${id ?? ''}`;
      duplicate = id !== undefined && seen.has(key);
      if (id !== undefined) seen.add(key);
      const timestamp = timestampOf(event);
      if (subject !== undefined && !duplicate && !Number.isNaN(timestamp)) {
        const latest = latestByChannel.get(subject);
        if (latest !== undefined && timestamp < latest) outOfOrder = true;
        else latestByChannel.set(subject, timestamp);
      }
    }

    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!response.destroyed) {
      response.writeHead(status, headers);
      response.end();
    }

    summary.requests++;
    increment(summary.statuses, String(status));
    increment(summary.signatures, signature);
    if (isSuccessStatus(status)) summary.accepted++;
    if (errors.length > 0) summary.invalid++;
    if (warnings.length > 0) summary.warned++;
    if (duplicate) summary.duplicates++;
    if (outOfOrder) summary.outOfOrder++;
    if (injected) summary.injectedFailures++;
    if (type !== undefined) increment(summary.types, type);
    const received: ReceivedNotification = {
      receivedAt,
      method: request.method,
      path: request.url ?? '/',
      status,
      mode: parsed.mode,
      ...(type === undefined ? {} : { type }),
      ...(id === undefined ? {} : { id }),
      ...(source === undefined ? {} : { source }),
      ...(subject === undefined ? {} : { subject }),
      bytes: body.length,
      signature,
      ...(signatureMessage === undefined ? {} : { signatureMessage }),
      valid: errors.length === 0,
      errors,
      warnings,
      duplicate,
      outOfOrder,
      ...(injected ? { injected: 'failure' as const } : {}),
      ...(event === undefined ? {} : { notification: event }),
    };
    inspector?.record(received, request.headers, body);
    options.onNotification?.(received);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'it is in use' : (error.code ?? error.message);
      reject(
        new VccSimError('usage', `Cannot listen on port ${options.port ?? 0}: ${reason}.`, {
          cause: error,
        }),
      );
    });
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}/`;
  summary.url = url;
  return {
    url,
    ...(inspector ? { inspectorUrl: `${url.slice(0, -1)}${INSPECTOR_PATH}` } : {}),
    port: address.port,
    summary: () => structuredClone(summary),
    close: () =>
      new Promise<void>((resolve) => {
        inspector?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
