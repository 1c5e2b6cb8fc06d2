import { formatMillis, formatTicks, type VccNotification } from '../../../contract/index.js';
import { decodeKsuid, encodeKsuid } from '../../../contract/ksuid.js';

/** Whole milliseconds and the 100 ns ticks within the last one, of an ISO 8601 UTC time. */
function parts(value: string): { ms: number; ticks: number; digits: number } {
  const ms = Date.parse(value);
  const fraction = /\.(\d+)Z$/.exec(value)?.[1] ?? '';
  return { ms, ticks: Number(fraction.slice(3, 7).padEnd(4, '0')), digits: fraction.length };
}

/** `value` moved by `shiftMs`, written with as many fractional digits as it had (3 or 7). */
function shifted(value: string, shiftMs: number): string {
  const { ms, ticks, digits } = parts(value);
  return digits > 3 ? formatTicks(ms + shiftMs, ticks) : formatMillis(ms + shiftMs);
}

/**
 * When a notification was sent, in milliseconds: its `time` on a v0 (sent), else the second its
 * KSUID was minted in (a v1's `time` is when the event happened, the id when it was sent).
 */
export function sentAt(notification: VccNotification): number {
  const time = Date.parse(notification.time);
  const minted = (decodeKsuid(notification.id)?.unixSeconds ?? 0) * 1000;
  return Math.max(time, minted);
}

/**
 * A notification moved in time by `shiftMs`: `time` and `data.timestamp` shift alike, and the id
 * is minted again (same payload) in the second it is now sent in, so it stays valid and strict.
 */
export function retimed<T extends VccNotification>(notification: T, shiftMs: number): T {
  const payload = decodeKsuid(notification.id)?.payload ?? new Uint8Array(16);
  const sent = Math.floor((sentAt(notification) + shiftMs) / 1000);
  return {
    ...notification,
    id: encodeKsuid(sent, payload),
    time: shifted(notification.time, shiftMs),
    data: { ...notification.data, timestamp: shifted(notification.data.timestamp, shiftMs) },
  };
}
