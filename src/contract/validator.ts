import type { ErrorObject } from 'ajv/dist/2020.js';
import {
  EVENT_TYPES,
  eventTypeInfo,
  timeIsWhenItHappened,
  type EventTypeInfo,
} from './catalogue.js';
import { isPlainlyValid } from './fast-validation.js';
import { compiledValidators } from './generated/contract-validators.js';
import { KSUID_MAX, ksuidUnixSeconds } from './ksuid.js';
import type { ValidateOptions, ValidationIssue, ValidationResult } from './types.js';
import { compareUtc, fractionDigits, unixSecondOf } from './utc-time.js';
import { describeValue, toIssues } from './validation-messages.js';

/**
 * Validation in two passes. A hand-written deciding pass (`fast-validation.ts`) accepts a valid
 * notification of a known type that has nothing to warn about; anything else takes the explaining
 * pass: the schemas of `contracts/`, compiled to code at build time by ajv (no schema is compiled
 * and ajv is not loaded at run time), reporting every error, then what a schema cannot say.
 *
 * Forward compatibility: VCC may add fields, so a field inside `data` that the contract does not
 * know is a warning by default and an error in strict mode. The schemas stay closed (they describe
 * what VCC documents, and Pact reads them to refuse expectations of fields VCC never sends); the
 * warnings are derived from their `additionalProperties` errors.
 */

/** A compiled validator: ajv's standalone code, errors on the function after a call. */
type CompiledValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * The compiled validator of a document of `contracts/` (`channel.held.v1`, `channel-event`). The
 * module's code runs on the first call: a program that only ever sees valid notifications never
 * runs it.
 */
function compiledValidator(document: string): CompiledValidator {
  const validators = compiledValidators() as Record<string, CompiledValidator>;
  return validators[document.replace(/[.-]/g, '_')]!;
}

const VALID: ValidationResult = Object.freeze({ valid: true, warnings: Object.freeze([]) });

const NOTHING_REPORTED: ReadonlySet<string> = new Set();
const EVENT_TYPE_PATTERN = /^(channel|agent)\.[a-z]+\.v[0-9]+$/;

/** Which entity's shape an unknown type is checked against: by type name, else by source. */
function unknownTypeShape(notification: Record<string, unknown>): 'channel' | 'agent' {
  const { type, source } = notification;
  const agent =
    typeof type === 'string' && /^[a-z]+\./.test(type)
      ? type.startsWith('agent.')
      : source === '/agent';
  return agent ? 'agent' : 'channel';
}

/** The version of a type name (`channel.held.v1` → 1); 0 when it has none. */
function versionOf(type: unknown): number {
  const match = typeof type === 'string' ? /\.v([0-9]+)$/.exec(type) : null;
  return match ? Number(match[1]) : 0;
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
  version: number,
  issues: ValidationIssue[],
  strict: boolean,
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
      message: `is before data.timestamp ${describeValue(timestamp)}: a notification never precedes its event (got ${describeValue(time)})`,
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

  // The Decision on `time` (README): on v0 it is when the notification was sent, and the KSUID was
  // minted in that second; on v1 it is when the event happened (`data.timestamp`), and the KSUID,
  // minted when the notification was sent, is not from an earlier second.
  const timeIsEvent = timeIsWhenItHappened(version);
  if (timeIsEvent && timeUsable && timestampUsable && compareUtc(time, timestamp) !== 0) {
    issues.push({
      path: '/time',
      message: `must be the instant of data.timestamp ${describeValue(timestamp)}: on v1, time is when the event happened (got ${describeValue(time)}) [strict]`,
    });
  }
  if (idUsable && timeUsable) {
    const minted = ksuidUnixSeconds(id);
    const second = unixSecondOf(time);
    if (minted !== undefined && !timeIsEvent && minted !== second) {
      issues.push({
        path: '/id',
        message: `was minted at ${isoSecond(minted)}, not in the second of time (${isoSecond(second)}) [strict]`,
      });
    } else if (minted !== undefined && timeIsEvent && minted < second) {
      issues.push({
        path: '/id',
        message: `was minted at ${isoSecond(minted)}, before the second of time (${isoSecond(second)}): it is minted when the notification is sent [strict]`,
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

/** An unknown field inside `data`: what VCC may add without breaking its consumers. */
function isUnknownDataField(error: ErrorObject): boolean {
  return (
    error.keyword === 'additionalProperties' &&
    (error.instancePath === '/data' || error.instancePath.startsWith('/data/'))
  );
}

/**
 * The explaining pass: every error and warning, for a notification the deciding pass refused.
 * Exported for the tests that hold the two passes to each other.
 */
export function explain(
  notification: Record<string, unknown>,
  info: EventTypeInfo | undefined,
  strict: boolean,
): ValidationResult {
  const type = notification['type'];
  const shape = info?.entity ?? unknownTypeShape(notification);
  const errors: ValidationIssue[] = [];
  let warnings: ValidationIssue[] = [];
  if (!info && typeof type === 'string' && EVENT_TYPE_PATTERN.test(type)) {
    errors.push(unknownTypeIssue(type));
  }
  const validate = compiledValidator(info?.type ?? `${shape}-event`);
  if (!validate(notification)) {
    const schemaErrors = validate.errors ?? [];
    if (strict) {
      errors.push(...toIssues(schemaErrors, notification));
    } else {
      errors.push(
        ...toIssues(
          schemaErrors.filter((error) => !isUnknownDataField(error)),
          notification,
        ),
      );
      warnings = toIssues(schemaErrors.filter(isUnknownDataField), notification);
    }
  }
  checkSemantics(notification, shape, info?.version ?? versionOf(type), errors, strict);
  return errors.length === 0 ? { valid: true, warnings } : { valid: false, errors, warnings };
}

/**
 * Checks one notification against the contract: the JSON Schema of its type, then what a schema
 * cannot say (`subject` equals `data.channel.channelId`, or `data.user.agentId` for an agent event;
 * `time` is not before `data.timestamp`; `id` decodes as a KSUID; `type` is known). A field inside
 * `data` that the contract does not know is a warning (VCC may add fields), an error when
 * `strict`. Never throws, whatever `value` is.
 *
 * @example
 * const result = validateNotification(JSON.parse(body));
 * if (!result.valid) for (const e of result.errors) console.log(`${e.path}: ${e.message}`);
 * for (const w of result.warnings) console.warn(`${w.path}: ${w.message}`);
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
      warnings: [],
    };
  }
  const notification = value as Record<string, unknown>;
  const strict = options.strict === true;
  const type = notification['type'];
  const info = typeof type === 'string' ? eventTypeInfo(type) : undefined;
  if (info && isPlainlyValid(notification, info, strict)) return VALID;
  return explain(notification, info, strict);
}
