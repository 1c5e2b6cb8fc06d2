import { SIGNATURE_HEADER, type WebhookSigner } from '../../../contract/index.js';
import { cloudEventRequest, type CloudEventMode } from '../../../delivery-core/index.js';
import { VERSION } from '../../../version.js';
import type { Exchange } from '../types.js';
import { exchange } from './exchange.js';
import type { Transport } from './transport.js';

/** The `User-Agent` of check and trigger requests. */
const USER_AGENT = `vcc-sim/${VERSION}`;

/** A notification as checks send it: anything with a type and an id (future types too). */
export type Sendable = { readonly type: string; readonly id: string };

/** Options of one send. */
export type SendOptions = {
  mode?: CloudEventMode;
  /** What else matters about this request, for the evidence. */
  note?: string;
};

/** Posts exact bytes with the given signature header (none when `undefined`). */
export async function postBody(
  transport: Transport,
  url: URL,
  notification: Sendable,
  request: {
    body: string;
    headers: readonly string[];
    signature: string | undefined;
    /** How it is signed, for the evidence. */
    described: string;
    mode: CloudEventMode;
    note?: string;
    timeoutMs: number;
  },
): Promise<Exchange> {
  const headers = [...request.headers, 'user-agent', USER_AGENT];
  if (request.signature !== undefined) headers.push(SIGNATURE_HEADER, request.signature);
  const { answer } = await exchange(
    transport,
    { method: 'POST', url: url.href, headers, body: request.body },
    request.timeoutMs,
  );
  return {
    sent: {
      type: notification.type,
      id: notification.id,
      mode: request.mode,
      signature: request.described,
      ...(request.note ? { note: request.note } : {}),
      bytes: new TextEncoder().encode(request.body).byteLength,
    },
    answer,
  };
}

/** Posts a notification as VCC does: its CloudEvents request, signed afresh (or unsigned). */
export async function postNotification(
  transport: Transport,
  url: URL,
  notification: Sendable,
  options: SendOptions & { signer: WebhookSigner | undefined; timeoutMs: number },
): Promise<Exchange> {
  const mode = options.mode ?? 'structured';
  const { body, headers } = cloudEventRequest(notification, mode);
  const signature = options.signer ? await options.signer.sign(body) : undefined;
  return postBody(transport, url, notification, {
    body,
    headers,
    signature,
    described: options.signer ? 'valid' : 'unsigned',
    mode,
    ...(options.note ? { note: options.note } : {}),
    timeoutMs: options.timeoutMs,
  });
}
