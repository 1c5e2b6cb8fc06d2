import type { ChannelNotification, VccNotification } from '../../src/contract/index.js';

/** Channel notifications grouped by channel (`subject`), each in send order; agent ones left out. */
export function byChannel(
  notifications: Iterable<VccNotification>,
): Map<string, ChannelNotification[]> {
  const channels = new Map<string, ChannelNotification[]>();
  for (const notification of notifications) {
    if (notification.source !== '/channel') continue;
    const list = channels.get(notification.subject) ?? [];
    list.push(notification);
    channels.set(notification.subject, list);
  }
  return channels;
}

/** A channel's events in send order, without versions: `alerted connected disconnected …`. */
export function lifecycle(events: readonly ChannelNotification[]): string {
  return events.map((notification) => notification.type.split('.')[1]).join(' ');
}
