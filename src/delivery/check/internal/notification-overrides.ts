import { validateNotification, type VccNotification } from '../../../contract/index.js';
import { VccSimError } from '../../../errors.js';

/** Keys that would reach a prototype rather than a field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

/** The override's value, typed like the value it replaces (`42` stays text where text was). */
function typedValue(text: string, current: unknown): unknown {
  if (typeof current === 'string') return text;
  if (typeof current === 'number') {
    const number = Number(text);
    if (text.trim() === '' || !Number.isFinite(number)) {
      throw usage(`The override value "${text}" is not a number, and the field holds one.`);
    }
    return number;
  }
  if (typeof current === 'boolean') {
    if (text !== 'true' && text !== 'false') {
      throw usage(`The override value "${text}" is not true or false, and the field holds one.`);
    }
    return text === 'true';
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Applies `path=value` overrides (`data.channel.party.agentId=42`) to a notification: a value
 * takes the type of the one it replaces; `subject` follows a changed channel or agent id; the
 * result must still be a valid notification.
 * @throws {VccSimError} code `usage` for a malformed override, a path through a non-object, a
 *   prototype key, or a result the validator rejects (with the validator's message).
 */
export function withNotificationOverrides(
  notification: VccNotification,
  overrides: readonly string[],
): VccNotification {
  if (overrides.length === 0) return notification;
  const copy = structuredClone(notification) as unknown as Record<string, unknown>;
  let subjectSet = false;
  for (const override of overrides) {
    const equals = override.indexOf('=');
    const path = override.slice(0, equals).split('.');
    if (equals <= 0 || path.some((key) => key === '')) {
      throw usage(`Overrides look like "data.channel.party.agentId=42" (got "${override}").`);
    }
    const forbidden = path.find((key) => FORBIDDEN_KEYS.has(key));
    if (forbidden)
      throw usage(`The override "${override}" names "${forbidden}", which is not a field.`);
    let target: Record<string, unknown> = copy;
    for (const [depth, key] of path.slice(0, -1).entries()) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      if (next === null || typeof next !== 'object') {
        throw usage(
          `Cannot override "${override}": ${path.slice(0, depth + 1).join('.')} is not an object in a ${notification.type} notification.`,
        );
      }
      target = next as Record<string, unknown>;
    }
    const key = path.at(-1)!;
    target[key] = typedValue(
      override.slice(equals + 1),
      Object.hasOwn(target, key) ? target[key] : undefined,
    );
    if (path.join('.') === 'subject') subjectSet = true;
  }
  const data = copy['data'] as { channel?: { channelId?: unknown }; user?: { agentId?: unknown } };
  const owner = data.channel?.channelId ?? data.user?.agentId;
  if (!subjectSet && typeof owner === 'string') copy['subject'] = owner;
  const result = validateNotification(copy);
  if (!result.valid) {
    const problems = result.errors
      .map((issue) => `${issue.path === '' ? '(notification)' : issue.path} ${issue.message}`)
      .join('; ');
    throw usage(
      `With --override ${overrides.join(' ')} the notification is not valid: ${problems}.`,
    );
  }
  return copy as unknown as VccNotification;
}
