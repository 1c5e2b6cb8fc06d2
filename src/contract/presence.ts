/**
 * Agent presence as VCC reports it in `agent.presencechanged` (facts §2b): four categories, and
 * the default presence states within them. Admins can add custom states, so a notification may
 * carry any `presenceId` and `description`; the categories are fixed.
 *
 * **Decision:** category `type` strings follow the camelCase of VCC's example (`"ready"`,
 * subcategory `"readyOutbound"`): `ready`, `away`, `extendedAway`, `loggedOut`. A default state
 * other than its category's namesake carries a camelCase `subcategory` (`break`, `lunch`…).
 * Descriptions are VCC's words (Agent Workspace's list; "Logged Out" as the Agents API writes it).
 */

/** The four presence categories, in VCC's order. */
export const PRESENCE_CATEGORIES = ['ready', 'away', 'extendedAway', 'loggedOut'] as const;

/** A presence category (`data.presence.category.type`). */
export type PresenceCategoryType = (typeof PRESENCE_CATEGORIES)[number];

/** How VCC describes each category (`data.presence.category.description`). */
export const PRESENCE_CATEGORY_DESCRIPTIONS = {
  ready: 'Ready',
  away: 'Away',
  extendedAway: 'Extended away',
  loggedOut: 'Logged Out',
} as const satisfies Record<PresenceCategoryType, string>;

/** One presence state an agent can be in. */
export interface PresenceState {
  /** The presence definition's GUID (`data.presence.presenceId`), fixed per state. */
  readonly presenceId: string;
  readonly category: PresenceCategoryType;
  readonly subcategory?: string;
  /** What agents see (`data.presence.description`). */
  readonly description: string;
}

/**
 * VCC's default presence states, by a short key. The `presenceId`s of `readyOutbound` and
 * `loggedOut` are those in VCC's own examples (the presence notification, the Agents API); the
 * others are fixed GUIDs vcc-sim chose (each account has its own).
 */
export const DEFAULT_PRESENCE_STATES = {
  ready: {
    presenceId: '0b4f7d3e-5c1a-4e8f-9a2d-6f3b1c7e8a01',
    category: 'ready',
    description: 'Ready',
  },
  readyOutbound: {
    presenceId: '3bf05984-1957-4e56-9c2c-ce04fa9b3ffc',
    category: 'ready',
    subcategory: 'readyOutbound',
    description: 'Ready (Outbound)',
  },
  away: {
    presenceId: '5d2e8f1a-7b3c-4d9e-8f0a-1c2b3d4e5f02',
    category: 'away',
    description: 'Away',
  },
  break: {
    presenceId: '6e3f9a2b-8c4d-4e0f-9a1b-2d3c4e5f6a03',
    category: 'away',
    subcategory: 'break',
    description: 'Break',
  },
  comfortBreak: {
    presenceId: '7f4a0b3c-9d5e-4f1a-8b2c-3e4d5f6a7b04',
    category: 'away',
    subcategory: 'comfortBreak',
    description: 'Comfort break',
  },
  extendedAway: {
    presenceId: '8a5b1c4d-0e6f-4a2b-9c3d-4f5e6a7b8c05',
    category: 'extendedAway',
    description: 'Extended away',
  },
  inMeeting: {
    presenceId: '9b6c2d5e-1f7a-4b3c-8d4e-5a6f7b8c9d06',
    category: 'extendedAway',
    subcategory: 'inMeeting',
    description: 'In meeting',
  },
  lunch: {
    presenceId: 'ac7d3e6f-2a8b-4c4d-9e5f-6b7a8c9d0e07',
    category: 'extendedAway',
    subcategory: 'lunch',
    description: 'Lunch',
  },
  loggedOut: {
    presenceId: 'eaed6862-14fa-4114-be62-b8709b5d4a49',
    category: 'loggedOut',
    description: 'Logged Out',
  },
} as const satisfies Record<string, PresenceState>;

/** The key of a default presence state: `ready`, `readyOutbound`, `break`, `lunch`… */
export type DefaultPresenceKey = keyof typeof DEFAULT_PRESENCE_STATES;

/** `data.presence` of a notification for a presence state. */
export function presenceData(state: PresenceState): {
  presenceId: string;
  category: { type: PresenceCategoryType; description: string; subcategory?: string };
  description: string;
} {
  const category = {
    type: state.category,
    description: PRESENCE_CATEGORY_DESCRIPTIONS[state.category],
    ...(state.subcategory === undefined ? {} : { subcategory: state.subcategory }),
  };
  return { presenceId: state.presenceId, category, description: state.description };
}
