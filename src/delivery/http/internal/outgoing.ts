import type { VccNotification } from '../../../contract/index.js';
import { cloudEventRequest } from '../../../delivery-core/index.js';
import type { DeliveryMode } from '../types.js';

export { STRUCTURED_CONTENT_TYPE } from '../../../delivery-core/index.js';

/**
 * The body and headers of a notification, the same on every attempt (the signature aside).
 * Headers are a flat `[name, value, …]` list, which undici takes faster than an object.
 */
export type Outgoing = {
  body: Buffer;
  headers: string[];
};

/** The core's CloudEvents request for a notification, as bytes, with the pusher's User-Agent. */
export function outgoingFor(
  notification: VccNotification,
  mode: DeliveryMode,
  userAgent: string,
): Outgoing {
  const { body, headers } = cloudEventRequest(notification, mode);
  return { body: Buffer.from(body), headers: [...headers, 'user-agent', userAgent] };
}
