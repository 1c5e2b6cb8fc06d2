import type { ChannelEventType, ChannelNotification } from '../../src/contract/index.js';
import { encodeKsuid } from '../../src/contract/ksuid.js';
import { sampleNotification } from './notifications.js';

const CHANNELS = [
  '740109c1-12d5-430f-9543-131fe5c4edcb',
  '8a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  'b2c3d4e5-f607-4819-8a2b-3c4d5e6f7081',
  'c3d4e5f6-0718-4293-9b3c-4d5e6f708192',
];
const TYPES: ChannelEventType[] = ['channel.alerted.v0', 'channel.connected.v0', 'channel.held.v0'];

/**
 * `count` distinct valid notifications (unique ids), spread round-robin over `channels` channels,
 * `gapMs` apart in `time` and `data.timestamp` (so each channel's are in order).
 */
export function notificationSeries(
  count: number,
  { channels = 3, gapMs = 10, start = Date.parse('2024-05-01T09:00:00.000Z') } = {},
): ChannelNotification[] {
  return Array.from({ length: count }, (_, index) => {
    const notification = sampleNotification(TYPES[index % TYPES.length]!, 'agent');
    const at = start + index * gapMs;
    const channelId = CHANNELS[index % Math.min(channels, CHANNELS.length)]!;
    const payload = new Uint8Array(16);
    new DataView(payload.buffer).setUint32(12, index);
    notification.id = encodeKsuid(Math.floor(at / 1000), payload);
    notification.time = `${new Date(at).toISOString().slice(0, 23)}0000Z`;
    notification.subject = channelId;
    notification.data.channel.channelId = channelId;
    notification.data.timestamp = new Date(at).toISOString();
    return notification;
  });
}
