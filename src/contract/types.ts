import type {
  AGENT_ROLES,
  AgentEventType,
  CHANNEL_REASONS,
  ChannelEventType,
  EventType,
  PARTY_ROLES,
  ReasonEventType,
} from './catalogue.js';
import type { PresenceCategoryType } from './presence.js';

/** A party's role on a channel. */
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Roles that identify an agent: `agent` and `monitor` (a supervisor listening in). */
export type AgentRole = (typeof AGENT_ROLES)[number];

/** A `reason` value on `channel.connectionfailed` and `channel.ended`. */
export type ChannelReason = (typeof CHANNEL_REASONS)[number];

/** An agent or a supervisor monitoring a call: always identified. */
export interface AgentParty {
  role: AgentRole;
  /** The agent's VCC id, a short numeric string such as `"1544"`. */
  agentId: string;
  /** The agent's user GUID. */
  userId: string;
}

/** A customer (`external`) or a voicemail box: never carries an `agentId`. */
export interface AnonymousParty {
  role: Exclude<PartyRole, AgentRole>;
  /** VCC's documentation does not forbid it, so it is accepted; vcc-sim never sends it. */
  userId?: string;
}

/** Who is on the channel (`data.channel.party`). */
export type Party = AgentParty | AnonymousParty;

/** `data.channel`: the ids that place a channel in its interaction and conversation (all GUIDs). */
export interface ChannelInfo {
  conversationId: string;
  interactionId: string;
  channelId: string;
  party: Party;
}

/** `data` of a channel event; `reason` exists only on the types that the catalogue gives one. */
export type ChannelEventData<T extends ChannelEventType = ChannelEventType> = {
  /** When the event happened: ISO 8601 UTC with 3 fractional digits. */
  timestamp: string;
  channel: ChannelInfo;
} & (T extends ReasonEventType ? { reason: ChannelReason } : unknown);

/**
 * A VCC channel notification: a CloudEvents 1.0 structured-mode event. A union over every event
 * type, so narrowing on `type` narrows `data`.
 *
 * @example
 * if (notification.type === 'channel.ended.v0') console.log(notification.data.reason);
 */
export type ChannelNotification<T extends ChannelEventType = ChannelEventType> =
  T extends ChannelEventType
    ? {
        specversion: '1.0';
        type: T;
        /** A KSUID minted when the notification was sent. */
        id: string;
        source: '/channel';
        /** The channel id; always equal to `data.channel.channelId`. */
        subject: string;
        /** When the notification was sent: ISO 8601 UTC with 7 fractional digits. */
        time: string;
        datacontenttype: 'application/json';
        data: ChannelEventData<T>;
      }
    : never;

/** `data.presence.category`: one of VCC's four categories, and a subcategory for some states. */
export interface PresenceCategory {
  type: PresenceCategoryType;
  /** VCC's name of the category: `"Ready"`, `"Away"`, `"Extended away"`, `"Logged Out"`. */
  description: string;
  /** Present on states other than their category's namesake, e.g. `"readyOutbound"`. */
  subcategory?: string;
}

/** `data.presence`: the presence state the agent changed to. */
export interface Presence {
  /** The presence definition's GUID. */
  presenceId: string;
  category: PresenceCategory;
  /** What agents see, e.g. `"Ready (Outbound)"`. */
  description: string;
}

/** `data.user`: the agent whose presence changed. */
export interface PresenceUser {
  /** The agent's VCC id, a short numeric string; equals the notification's `subject`. */
  agentId: string;
  /** The agent's user GUID. */
  userId: string;
}

/** `data` of `agent.presencechanged`. */
export interface PresenceChangedData {
  /** When the presence changed (the previous one ended): ISO 8601 UTC, 7 fractional digits. */
  timestamp: string;
  presence: Presence;
  user: PresenceUser;
}

/**
 * A VCC agent notification (`agent.presencechanged.v0`, `.v1`): a CloudEvents 1.0 structured-mode
 * event from `/agent` whose `subject` is the agent id.
 */
export type AgentNotification<T extends AgentEventType = AgentEventType> = T extends AgentEventType
  ? {
      specversion: '1.0';
      type: T;
      /** A KSUID minted when the notification was sent. */
      id: string;
      source: '/agent';
      /** The agent id; always equal to `data.user.agentId`. */
      subject: string;
      time: string;
      datacontenttype: 'application/json';
      data: PresenceChangedData;
    }
  : never;

/**
 * Any VCC notification vcc-sim knows: a channel or an agent notification. Narrowing on `type` (or
 * `source`) narrows `data`.
 */
export type VccNotification<T extends EventType = EventType> = T extends ChannelEventType
  ? ChannelNotification<T>
  : T extends AgentEventType
    ? AgentNotification<T>
    : never;

/**
 * A source of uniformly distributed unsigned 32-bit integers. The engine passes its seeded random
 * source so ids are reproducible; without one, ids come from `crypto.getRandomValues`.
 */
export interface Uint32Source {
  nextUint32(): number;
}

/** One thing wrong with a notification. */
export interface ValidationIssue {
  /** JSON Pointer to the offending value (`""` for the notification itself). */
  path: string;
  /** What is wrong, for a person: `required when role is "agent"`. */
  message: string;
}

/** The verdict on one notification. */
export type ValidationResult = { valid: true } | { valid: false; errors: ValidationIssue[] };

/** How hard to look. */
export interface ValidateOptions {
  /**
   * Also hold the notification to the conventions every vcc-sim notification keeps and VCC's
   * examples mostly keep: the KSUID's second equals the second of `time`, `time` has 7 fractional
   * digits and `data.timestamp` 3. Off by default, because the seed's own example breaks the first.
   */
  strict?: boolean;
}
