import type { ChannelNotification, VccNotification } from '../../src/contract/index.js';

/**
 * The channel lifecycle of the facts (§2), written out independently of the engine's own table: a
 * channel's events, one letter each, must spell a word of this language.
 */
const LETTER: Record<string, string> = {
  alerted: 'A',
  connected: 'C',
  connectionfailed: 'F',
  held: 'H',
  retrieved: 'R',
  parked: 'P',
  unparked: 'U',
  interrupted: 'I',
  resumed: 'M',
  disconnected: 'D',
  wrapstarted: 'W',
  ended: 'E',
};
const AGENT_PATH = /^A(C(HR|PU|IM)*DWE|FE)$/;
const OTHER_PATH = /^A(C(HR|PU|IM)*DE|FE)$/;

/** A channel's events in send order, spelled one letter per event: `ACDWE`. */
export function lifecycleWord(events: readonly ChannelNotification[]): string {
  return events.map((notification) => LETTER[notification.type.split('.')[1]!] ?? '?').join('');
}

/** Whether a channel's events, in send order, walk a whole, legal path of the lifecycle. */
export function isLegalLifecycle(events: readonly ChannelNotification[]): boolean {
  const role = events[0]?.data.channel.party.role;
  return (role === 'agent' ? AGENT_PATH : OTHER_PATH).test(lifecycleWord(events));
}

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
