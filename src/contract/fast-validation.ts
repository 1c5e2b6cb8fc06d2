import { AGENT_ROLES, PARTY_ROLES, type EventTypeInfo } from './catalogue.js';
import { KSUID_MAX, ksuidUnixSeconds } from './ksuid.js';
import { PRESENCE_CATEGORIES } from './presence.js';
import { compareUtc, isCalendarDateTime, unixSecondOf } from './utc-time.js';

/**
 * The deciding pass of validation: `true` when a notification of a known type is valid, strictly
 * if asked, and carries nothing the contract does not know; `false` sends it to the explaining pass
 * (the schemas compiled by ajv, then `checkSemantics`), which says why or warns. It is written for
 * the two `data` shapes of the catalogue (channel events and presence), reads each value once with
 * no regular expression and no allocation, and is held to the explaining pass by property tests:
 * both agree on every valid and mutated notification of every type.
 */

// Character codes.
const ZERO = 48;
const NINE = 57;
const UPPER_A = 65;
const UPPER_F = 70;
const UPPER_Z = 90;
const LOWER_A = 97;
const LOWER_F = 102;
const LOWER_Z = 122;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Character classes by code (below 128), looked up rather than compared range by range. */
const HEX_DIGIT = 1;
const BASE62_DIGIT = 2;
const CHARACTER_CLASSES = (() => {
  const classes = new Uint8Array(128);
  for (let code = ZERO; code <= NINE; code++) classes[code] = HEX_DIGIT | BASE62_DIGIT;
  for (let code = UPPER_A; code <= UPPER_Z; code++) classes[code] = BASE62_DIGIT;
  for (let code = LOWER_A; code <= LOWER_Z; code++) classes[code] = BASE62_DIGIT;
  for (let code = UPPER_A; code <= UPPER_F; code++) classes[code] = classes[code]! | HEX_DIGIT;
  for (let code = LOWER_A; code <= LOWER_F; code++) classes[code] = classes[code]! | HEX_DIGIT;
  return classes;
})();

/** Whether `code` is of `characterClass`; codes of 128 and above are of none. */
function isOfClass(code: number, characterClass: number): boolean {
  return code < 128 && (CHARACTER_CLASSES[code]! & characterClass) !== 0;
}

/** `8-4-4-4-12` hexadecimal digits, any case. */
function isGuid(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 36) return false;
  if (
    value.charCodeAt(8) !== DASH ||
    value.charCodeAt(13) !== DASH ||
    value.charCodeAt(18) !== DASH ||
    value.charCodeAt(23) !== DASH
  ) {
    return false;
  }
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    if (!isOfClass(value.charCodeAt(i), HEX_DIGIT)) return false;
  }
  return true;
}

/** 27 base62 characters within 160 bits. */
function isKsuidText(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 27) return false;
  for (let i = 0; i < 27; i++) if (!isOfClass(value.charCodeAt(i), BASE62_DIGIT)) return false;
  return value <= KSUID_MAX;
}

/** One or more ASCII digits. */
function isAgentId(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

/** `YYYY-MM-DDTHH:MM:SS[.1–9 digits]Z` and a real calendar instant. */
function isUtc(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length < 20 || length === 21 || length > 30 || value.charCodeAt(length - 1) !== LETTER_Z) {
    return false;
  }
  for (let i = 0; i < 19; i++) {
    const code = value.charCodeAt(i);
    const separator =
      i === 4 || i === 7 ? DASH : i === 10 ? LETTER_T : i === 13 || i === 16 ? COLON : 0;
    if (separator === 0 ? !isDigit(code) : code !== separator) return false;
  }
  if (length > 20) {
    if (value.charCodeAt(19) !== DOT) return false;
    for (let i = 20; i < length - 1; i++) if (!isDigit(value.charCodeAt(i))) return false;
  }
  return isCalendarDateTime(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The number of enumerable keys, counted without allocating. */
function keyCount(object: object): number {
  let count = 0;
  for (const _key in object) count++;
  return count;
}

const ROLES: ReadonlySet<unknown> = new Set(PARTY_ROLES);
const IDENTIFIED_ROLES: ReadonlySet<unknown> = new Set(AGENT_ROLES);
const CATEGORIES: ReadonlySet<unknown> = new Set(PRESENCE_CATEGORIES);

function isParty(party: unknown): boolean {
  if (!isObject(party)) return false;
  const role = party['role'];
  const keys = keyCount(party);
  if (IDENTIFIED_ROLES.has(role)) {
    return keys === 3 && isAgentId(party['agentId']) && isGuid(party['userId']);
  }
  if (!ROLES.has(role)) return false;
  // An external or voicemail party: no agentId; a userId is accepted.
  return keys === 1 || (keys === 2 && isGuid(party['userId']));
}

/** `data` of a channel event; returns the id `subject` must equal, or `undefined`. */
function channelSubject(data: Record<string, unknown>, info: EventTypeInfo): unknown {
  const reasons = info.reasons;
  if (keyCount(data) !== (reasons ? 3 : 2)) return undefined;
  if (reasons && !reasons.includes(data['reason'] as string)) return undefined;
  const channel = data['channel'];
  if (!isObject(channel) || keyCount(channel) !== 4) return undefined;
  const channelId = channel['channelId'];
  if (!isGuid(channelId) || !isGuid(channel['conversationId'])) return undefined;
  if (!isGuid(channel['interactionId']) || !isParty(channel['party'])) return undefined;
  return channelId;
}

function isOptionalString(object: Record<string, unknown>, key: string): number {
  const value = object[key];
  if (value === undefined) return 0;
  return typeof value === 'string' ? 1 : -1;
}

/** `data` of a presence event; returns the id `subject` must equal, or `undefined`. */
function agentSubject(data: Record<string, unknown>): unknown {
  if (keyCount(data) !== 3) return undefined;
  const presence = data['presence'];
  const user = data['user'];
  if (!isObject(presence) || keyCount(presence) !== 3 || !isObject(user) || keyCount(user) !== 2) {
    return undefined;
  }
  const category = presence['category'];
  if (!isObject(category) || !CATEGORIES.has(category['type'])) return undefined;
  const subcategory = isOptionalString(category, 'subcategory');
  if (subcategory < 0 || keyCount(category) !== 2 + subcategory) return undefined;
  if (typeof category['description'] !== 'string') return undefined;
  if (typeof presence['description'] !== 'string' || !isGuid(presence['presenceId'])) {
    return undefined;
  }
  const agentId = user['agentId'];
  return isAgentId(agentId) && isGuid(user['userId']) ? agentId : undefined;
}

const ATTRIBUTES: ReadonlySet<string> = new Set([
  'specversion',
  'type',
  'id',
  'source',
  'subject',
  'time',
  'datacontenttype',
  'data',
]);

/**
 * True when every attribute beyond the eight of the contract is a CloudEvents extension: a name
 * of lower-case letters and digits, a string, boolean or 32-bit integer value. (Whether the eight
 * are there is checked one by one.)
 */
function hasOnlyExtensionsBeyond(notification: Record<string, unknown>): boolean {
  for (const key in notification) {
    if (ATTRIBUTES.has(key)) continue;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (!isDigit(code) && !(code >= LOWER_A && code <= LOWER_Z)) return false;
    }
    if (key.length === 0) return false;
    const value = notification[key];
    if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) return false;
    } else if (typeof value !== 'string' && typeof value !== 'boolean') return false;
  }
  return true;
}

function fractionLength(value: string): number {
  return value.length - 21;
}

/** The strict conventions (see `ValidateOptions.strict`) for strings already known to be valid. */
function isStrictlyValid(
  info: EventTypeInfo,
  id: string,
  time: string,
  timestamp: string,
): boolean {
  if (fractionLength(time) !== 7) return false;
  if (fractionLength(timestamp) !== (info.entity === 'agent' ? 7 : 3)) return false;
  const minted = ksuidUnixSeconds(id)!;
  const sent = unixSecondOf(time);
  // v0: `time` is when it was sent, and the id was minted then. v1: `time` is when the event
  // happened, the id still when it was sent (not before).
  if (info.version === 0) return minted === sent;
  return compareUtc(time, timestamp) === 0 && minted >= sent;
}

/**
 * True when `notification` (of the known type `info`) is valid and has nothing to warn about.
 * Never throws; `false` means "explain it", not necessarily "invalid".
 */
export function isPlainlyValid(
  notification: Record<string, unknown>,
  info: EventTypeInfo,
  strict: boolean,
): boolean {
  if (keyCount(notification) !== 8 && !hasOnlyExtensionsBeyond(notification)) return false;
  if (notification['type'] !== info.type || notification['specversion'] !== '1.0') return false;
  if (notification['source'] !== info.source) return false;
  if (notification['datacontenttype'] !== 'application/json') return false;
  const { id, subject, time } = notification;
  const data = notification['data'];
  if (!isKsuidText(id) || !isUtc(time) || !isObject(data)) return false;
  const timestamp = data['timestamp'];
  if (!isUtc(timestamp)) return false;
  const expectedSubject = info.entity === 'agent' ? agentSubject(data) : channelSubject(data, info);
  if (expectedSubject === undefined || subject !== expectedSubject) return false;
  if (compareUtc(time, timestamp) < 0) return false;
  return !strict || isStrictlyValid(info, id, time, timestamp);
}
