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
import { RecentMap } from './internal/recent.js';
import { nodeCrypto } from './node-crypto.js';
import type { Receiver, ReceiverOptions, ReceiverSummary, ReceivedNotification } from './types.js';

const SIGNATURE = SIGNATURE_HEADER.toLowerCase();

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The largest body read by default: VCC's notifications are a few kilobytes. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** How many recent notifications, channels and tokens duplicates, disorder and replays are checked against. */
const DEFAULT_RECEIVER_WINDOW = 100_000;
/** Event types counted by name in the summary; more distinct ones share one count. */
const MAX_COUNTED_TYPES = 1_000;
const OTHER_TYPES = '(other types)';
/** Node's timers take at most this many milliseconds. */
const MAX_DELAY_MS = 2_147_483_647;

/** A body read whole, or one refused for its size (what it declared or had sent so far). */
type Body = { bytes: Buffer; tooLarge?: undefined } | { tooLarge: number; bytes?: undefined };

/**
 * Reads a body up to `limit` bytes: one that declares more (`Content-Length`) is refused before a
 * byte is read, one that sends more is refused as soon as it passes the limit; nothing past the
 * limit is kept.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ tooLarge: declared });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.off('end', onEnd);
      chunks.length = 0;
      resolve({ tooLarge: total });
    };
    const onEnd = () => resolve({ bytes: Buffer.concat(chunks, total) });
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', reject);
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
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

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

/** A whole number in [min, max], or the default when not given. */
function wholeNumber(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
    throw usage(`${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  }
}

/** Checks every option before the receiver listens. */
function checkOptions(options: ReceiverOptions): void {
  const { failRate, delayMs, retryAfterSeconds, host } = options;
  if (failRate !== undefined && !(failRate >= 0 && failRate <= 1)) {
    throw usage(`The failure rate must be between 0 and 1 (got ${failRate}).`);
  }
  for (const status of options.failStatuses ?? []) {
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw usage(`A failure status must be 100–599 (got ${status}).`);
    }
  }
  if (options.failStatuses !== undefined && options.failStatuses.length === 0) {
    throw usage('Give at least one failure status.');
  }
  if (delayMs !== undefined && !(delayMs >= 0 && delayMs <= MAX_DELAY_MS)) {
    throw usage(
      `The delay must be from 0 to ${MAX_DELAY_MS} ms, about 24.8 days (got ${delayMs}).`,
    );
  }
  wholeNumber('Retry-After', retryAfterSeconds, 0, 2_147_483);
  wholeNumber('The port', options.port, 0, 65_535);
  wholeNumber('The seed', options.seed, 0, Number.MAX_SAFE_INTEGER);
  wholeNumber('The body limit', options.maxBodyBytes, 1, 1024 ** 3);
  wholeNumber('The window', options.window, 1, 10_000_000);
  if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
    throw usage('The host must be an address such as 127.0.0.1.');
  }
}

/**
 * A local webhook that checks what it is sent: verifies signatures (with `secret`), validates every
 * notification against the contract, and flags duplicates (same `id` and `source`) and events
 * older than one already accepted on their channel (by `data.timestamp`). It answers 413 to a body
 * over `maxBodyBytes` (before reading it), 401 to a signature that does not verify (or a token
 * accepted before: VCC signs every attempt afresh), 400 to a body that is not JSON, 200 otherwise,
 * and can inject failures (`failRate`, `failStatuses`, `delayMs`) to exercise a sender's retries.
 * Duplicates, disorder and replays are checked against the last `window` notifications, channels
 * and tokens, so its memory stays flat however long it runs.
 * @throws {VccSimError} code `usage` for invalid options or a port that is taken.
 * @example
 * const receiver = await startReceiver({ secret, onNotification: (n) => console.log(n.status, n.type) });
 * // push to receiver.url …
 * console.log(receiver.summary());
 * await receiver.close();
 */
export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  checkOptions(options);
  const failStatuses = options.failStatuses ?? [503];
  const delayMs = options.delayMs ?? 0;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const window = options.window ?? DEFAULT_RECEIVER_WINDOW;
  const tolerance = options.clockToleranceSeconds ?? 0;
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
  const seen = new RecentMap<string, true>(window);
  const latestByChannel = new RecentMap<string, number>(window);
  /** The `jti` of tokens accepted, with their `exp`: the same token again is a replay. */
  const tokens = new RecentMap<string, number>(window);
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

  function tooLarge(request: IncomingMessage, response: ServerResponse, size: number): void {
    // Answer at once and close: the rest of the body is not read.
    response.writeHead(413, { connection: 'close', 'content-type': 'text/plain' });
    response.end(`vcc-sim listen: the body is larger than ${formatBytes(maxBodyBytes)}.\n`);
    summary.requests++;
    summary.invalid++;
    increment(summary.statuses, '413');
    increment(summary.signatures, 'unchecked');
    options.onNotification?.({
      receivedAt: new Date(now()).toISOString(),
      method: request.method ?? 'POST',
      path: request.url ?? '/',
      status: 413,
      mode: 'unknown',
      bytes: size,
      signature: 'unchecked',
      valid: false,
      errors: [
        {
          path: '',
          message: `the body is larger than ${formatBytes(maxBodyBytes)} (${formatBytes(size)} or more)`,
        } as ValidationIssue,
      ],
      warnings: [],
      duplicate: false,
      outOfOrder: false,
    });
  }

  function countType(type: string): void {
    const key =
      type in summary.types || Object.keys(summary.types).length < MAX_COUNTED_TYPES
        ? type
        : OTHER_TYPES;
    increment(summary.types, key);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (inspector?.serves(request)) return inspector.serve(request, response);
    const read = await readBody(request, maxBodyBytes);
    if (read.tooLarge !== undefined) return tooLarge(request, response, read.tooLarge);
    const body = read.bytes;
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
      const jti = check.valid ? check.claims.jti : undefined;
      if (jti !== undefined && check.valid) {
        // VCC signs every attempt afresh: a token seen before, still current, was replayed.
        const expires = tokens.get(jti);
        if (expires !== undefined && expires + tolerance > Math.floor(now() / 1000)) {
          signature = 'replayed';
          signatureMessage = `the JWT (jti ${jti}) was accepted before`;
        } else tokens.set(jti, check.claims.exp);
      }
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
      if (id !== undefined) seen.set(key, true);
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
    if (type !== undefined) countType(type);
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
    handle(request, response).catch(() => {
      // A request that broke off (the client went away) or a bug: answer if it is still there.
      if (!response.headersSent && !response.destroyed) response.writeHead(500);
      if (!response.destroyed) response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? 'it is in use'
          : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
            ? 'no such host'
            : error.code === 'EADDRNOTAVAIL'
              ? 'the address is not this machine’s'
              : (error.code ?? error.message);
      const where = `${options.host ?? '127.0.0.1'} port ${options.port ?? 0}`;
      reject(
        new VccSimError('usage', `Cannot listen on ${where}: ${reason}.`, {
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
