import type { ChannelNotification } from 'vcc-sim';

/**
 * The consumer under test: a CRM integration that keeps a call log from VCC webhook notifications.
 * It relies on three notifications: an agent connecting, a supervisor listening in, and the
 * customer's channel ending. Everything else is ignored.
 */
export interface CallLogEntry {
  conversationId: string;
  agents: string[];
  monitoredBy: string[];
  answeredAt?: string;
  endedAt?: string;
  endReason?: string;
}

export class CallLog {
  private readonly entries = new Map<string, CallLogEntry>();

  entry(conversationId: string): CallLogEntry | undefined {
    return this.entries.get(conversationId);
  }

  private upsert(conversationId: string): CallLogEntry {
    let entry = this.entries.get(conversationId);
    if (!entry) {
      entry = { conversationId, agents: [], monitoredBy: [] };
      this.entries.set(conversationId, entry);
    }
    return entry;
  }

  /** The webhook handler: one parsed notification at a time. */
  async onNotification(notification: ChannelNotification): Promise<void> {
    const { conversationId, party } = notification.data.channel;
    switch (notification.type) {
      case 'channel.connected.v0': {
        const entry = this.upsert(conversationId);
        if (party.role === 'agent') {
          entry.agents.push(party.agentId);
          entry.answeredAt ??= notification.data.timestamp;
        } else if (party.role === 'monitor') {
          entry.monitoredBy.push(party.agentId);
        }
        return;
      }
      case 'channel.ended.v0': {
        if (party.role !== 'external') return;
        const entry = this.upsert(conversationId);
        entry.endedAt = notification.data.timestamp;
        entry.endReason = notification.data.reason;
        return;
      }
      default:
        return;
    }
  }
}
