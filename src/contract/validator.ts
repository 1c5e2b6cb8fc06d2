import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import {
  EVENT_TYPES,
  eventTypeInfo,
  isEventType,
  timeIsWhenItHappened,
  type EventType,
} from './catalogue.js';
import { KSUID_MAX, ksuidUnixSeconds } from './ksuid.js';
import {
  AGENT_EVENT_SCHEMA,
  CHANNEL_EVENT_SCHEMA,
  EVENT_SCHEMAS,
  type SchemaDocument,
} from './schemas.js';
import type { ValidateOptions, ValidationIssue, ValidationResult } from './types.js';
import { compareUtc, fractionDigits, isCalendarDateTime, unixSecondOf } from './utc-time.js';
import { describeValue, registerSchemaDefs, toIssues } from './validation-messages.js';

/**
 * Validation in two passes: a fast ajv validator that stops at the first error decides, and only
 * an invalid notification pays for a second, exhaustive pass that explains every error. Both are
 * compiled once per event type, on first use.
 */
interface TypeValidators {
  fast: ValidateFunction;
  explain: ValidateFunction;
}

const addFormats = formats.default;

function createAjv(explain: boolean): Ajv2020 {
  // All patterns are ASCII; without the `u` flag V8 runs them markedly faster.
  const ajv = new Ajv2020({
    allErrors: explain,
    verbose: explain,
    allowUnionTypes: true,
    unicodeRegExp: false,
  });
  // The deciding pass checks the calendar itself (the schema's pattern checks the shape): twice as
  // fast as ajv-formats, and cross-checked against it in tests. The explaining pass uses ajv-formats.
  if (explain) addFormats(ajv, ['date-time']);
  else ajv.addFormat('date-time', { type: 'string', validate: isCalendarDateTime });
  return ajv;
}

let ajvFast: Ajv2020 | undefined;
let ajvExplain: Ajv2020 | undefined;
/** For types vcc-sim does not know: the shape every event of that entity shares. */
type UnknownType = 'any channel event' | 'any agent event';
const validators = new Map<EventType | UnknownType, TypeValidators>();

const UNKNOWN_TYPE_SCHEMAS: Record<UnknownType, SchemaDocument> = {
  'any channel event': CHANNEL_EVENT_SCHEMA,
  'any agent event': AGENT_EVENT_SCHEMA,
};

function validatorsFor(type: EventType | UnknownType): TypeValidators {
  let found = validators.get(type);
  if (!found) {
    const schema: SchemaDocument =
      UNKNOWN_TYPE_SCHEMAS[type as UnknownType] ?? EVENT_SCHEMAS[type as EventType];
    ajvFast ??= createAjv(false);
    ajvExplain ??= createAjv(true);
    found = { fast: ajvFast.compile(schema), explain: ajvExplain.compile(schema) };
    registerSchemaDefs(schema);
    validators.set(type, found);
  }
  return found;
}

const NOTHING_REPORTED: ReadonlySet<string> = new Set();
const EVENT_TYPE_PATTERN = /^(channel|agent)\.[a-z]+\.v[0-9]+$/;

/** Which shape an unknown type is checked against: its entity's, by type name, else by source. */
function unknownTypeShape(notification: Record<string, unknown>): UnknownType {
  const { type, source } = notification;
  const agent =
    typeof type === 'string' && /^[a-z]+\./.test(type)
      ? type.startsWith('agent.')
      : source === '/agent';
  return agent ? 'any agent event' : 'any channel event';
}

function unknownTypeIssue(type: string): ValidationIssue {
  const name = type.replace(/\.v[0-9]+$/, '');
  const versions = EVENT_TYPES.filter((info) => info.name === name).map((info) => info.type);
  const hint =
    versions.length > 0
      ? `${name} exists as ${versions.join(', ')}`
      : `known types are ${[...new Set(EVENT_TYPES.map((info) => info.name))].join(', ')} (v0, some also v1)`;
  return {
    path: '/type',
    message: `is not a known event type (got ${describeValue(type)}); ${hint}`,
  };
}

/** A string whose own format was not already reported, so it can be compared with others. */
function usable(value: unknown, path: string, reported: ReadonlySet<string>): value is string {
  return typeof value === 'string' && (reported.size === 0 || !reported.has(path));
}

function isoSecond(unixSecond: number): string {
  return new Date(unixSecond * 1000).toISOString().replace('.000Z', 'Z');
}

/** Appends to `issues` what a schema cannot express. */
function checkSemantics(
  notification: Record<string, unknown>,
  shape: 'channel' | 'agent',
  issues: ValidationIssue[],
  strict: boolean,
  timeIsEvent: boolean,
): void {
  const reported =
    issues.length === 0 ? NOTHING_REPORTED : new Set(issues.map((issue) => issue.path));
  const { id, subject, time } = notification;
  const data = notification['data'] as Record<string, unknown> | undefined;
  const timestamp = data?.['timestamp'];
  const agent = shape === 'agent';
  // A channel event is about its channel, an agent event about its agent: `subject` names it.
  const subjectPath = agent ? '/data/user/agentId' : '/data/channel/channelId';
  const subjectOf = (data?.[agent ? 'user' : 'channel'] as Record<string, unknown> | undefined)?.[
    agent ? 'agentId' : 'channelId'
  ];

  if (usable(subject, '/subject', reported) && usable(subjectOf, subjectPath, reported)) {
    if (subject !== subjectOf) {
      issues.push({
        path: '/subject',
        message: `must equal ${subjectPath.slice(1).replaceAll('/', '.')} ${describeValue(subjectOf)} (got ${describeValue(subject)})`,
      });
    }
  }
  const timeUsable = usable(time, '/time', reported);
  const timestampUsable = usable(timestamp, '/data/timestamp', reported);
  if (timeUsable && timestampUsable && compareUtc(time, timestamp) < 0) {
    issues.push({
      path: '/time',
      message: `is before data.timestamp ${describeValue(timestamp)}: a notification is sent after its event happens (got ${describeValue(time)})`,
    });
  }
  const idUsable = usable(id, '/id', reported);
  if (idUsable && id > KSUID_MAX) {
    issues.push({
      path: '/id',
      message: `is not a KSUID: its value exceeds 160 bits (got ${describeValue(id)})`,
    });
    return;
  }
  if (!strict) return;

  if (idUsable && timeUsable) {
    const minted = ksuidUnixSeconds(id);
    const second = unixSecondOf(time);
    // A v1 `time` is when the event happened; the id was minted later, when it was sent.
    if (minted !== undefined && (timeIsEvent ? minted < second : minted !== second)) {
      issues.push({
        path: '/id',
        message: timeIsEvent
          ? `was minted at ${isoSecond(minted)}, before time (${isoSecond(second)}): a notification is sent after its event happens [strict]`
          : `was minted at ${isoSecond(minted)}, not in the second of time (${isoSecond(second)}) [strict]`,
      });
    }
  }
  if (timeUsable && fractionDigits(time) !== 7) {
    issues.push({
      path: '/time',
      message: `must have 7 fractional digits, as VCC sends (got ${describeValue(time)}) [strict]`,
    });
  }
  // VCC's channel examples write 3 fractional digits in `data.timestamp`, its presence example 7.
  const timestampDigits = agent ? 7 : 3;
  if (timestampUsable && fractionDigits(timestamp) !== timestampDigits) {
    issues.push({
      path: '/data/timestamp',
      message: `must have ${timestampDigits} fractional digits, as VCC sends (got ${describeValue(timestamp)}) [strict]`,
    });
  }
}

/**
 * Checks one notification against the contract: the JSON Schema of its type, then what a schema
 * cannot say (`subject` equals `data.channel.channelId`, or `data.user.agentId` for an agent event;
 * `time` is not before `data.timestamp`; `id` decodes as a KSUID; `type` is known). Never throws,
 * whatever `value` is.
 *
 * @example
 * const result = validateNotification(JSON.parse(body));
 * if (!result.valid) for (const e of result.errors) console.log(`${e.path}: ${e.message}`);
 */
export function validateNotification(
  value: unknown,
  options: ValidateOptions = {},
): ValidationResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      valid: false,
      errors: [
        { path: '', message: `must be a JSON object (a CloudEvent) (got ${describeValue(value)})` },
      ],
    };
  }
  const notification = value as Record<string, unknown>;
  const type = notification['type'];
  const known = isEventType(type);
  const unknownShape = known ? undefined : unknownTypeShape(notification);
  const typeValidators = validatorsFor(known ? type : unknownShape!);
  const issues: ValidationIssue[] = [];
  if (!known && typeof type === 'string' && EVENT_TYPE_PATTERN.test(type)) {
    issues.push(unknownTypeIssue(type));
  }
  if (!typeValidators.fast(value)) {
    typeValidators.explain(value);
    issues.push(...toIssues(typeValidators.explain.errors ?? [], value));
  }
  const shape = known
    ? eventTypeInfo(type)!.entity
    : unknownShape === 'any agent event'
      ? 'agent'
      : 'channel';
  const timeIsEvent = known && timeIsWhenItHappened(eventTypeInfo(type)!.version);
  checkSemantics(notification, shape, issues, options.strict === true, timeIsEvent);
  return issues.length === 0 ? { valid: true } : { valid: false, errors: issues };
}
