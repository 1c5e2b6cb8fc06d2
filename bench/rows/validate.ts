import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import {
  EVENT_SCHEMAS,
  EVENT_TYPES,
  PARTY_ROLES,
  createKsuidFactory,
  formatMillis,
  formatTicks,
  validateNotification,
  type ChannelNotification,
} from 'vcc-sim';
import { atLeast, opsPerSecond, type BenchRow } from '../measure.js';

function guid(n: number): string {
  const hex = (n * 2654435761).toString(16).padStart(8, '0').slice(-8);
  return `${hex}-116a-4abc-8869-${hex}${hex.slice(0, 4)}`;
}

/** 10,000 distinct valid notifications over every type and role. */
function corpus(): ChannelNotification[] {
  const mint = createKsuidFactory();
  const notifications: ChannelNotification[] = [];
  for (let i = 0; i < 10_000; i++) {
    const info = EVENT_TYPES[i % EVENT_TYPES.length]!;
    const role = PARTY_ROLES[i % PARTY_ROLES.length]!;
    const millis = Date.UTC(2026, 0, 1) + i * 137;
    const channelId = guid(i);
    notifications.push({
      specversion: '1.0',
      type: info.type,
      id: mint(Math.floor((millis + 500) / 1000)),
      source: '/channel',
      subject: channelId,
      time: formatTicks(millis + 500, 1234),
      datacontenttype: 'application/json',
      data: {
        timestamp: formatMillis(millis),
        channel: {
          conversationId: guid(i + 1),
          interactionId: guid(i + 2),
          channelId,
          party:
            role === 'agent' || role === 'monitor'
              ? { role, agentId: String(1000 + (i % 90)), userId: guid(i + 3) }
              : { role },
        },
        ...(info.reasons ? { reason: 'released' } : {}),
      },
    } as ChannelNotification);
  }
  return notifications;
}

/** Rates of our validator and of plain ajv on the same notifications, cycled in order. */
function measure(
  notifications: readonly ChannelNotification[],
  schemaOnly: (n: ChannelNotification) => unknown,
) {
  let next = 0;
  const batch = 1_000;
  const ours = opsPerSecond(
    () => {
      for (let i = 0; i < batch; i++)
        validateNotification(notifications[next++ % notifications.length]);
    },
    { batch },
  );
  const plain = opsPerSecond(
    () => {
      for (let i = 0; i < batch; i++) schemaOnly(notifications[next++ % notifications.length]!);
    },
    { batch },
  );
  return { ours, plain };
}

export function validateRows(): BenchRow[] {
  const notifications = corpus();
  for (const notification of notifications) {
    if (!validateNotification(notification, { strict: true }).valid)
      throw new Error('bench corpus is invalid');
  }
  // Baseline: the schemas alone, compiled by a plain ajv with ajv-formats, no semantic checks.
  const ajv = new Ajv2020({ allowUnionTypes: true });
  formats.default(ajv, ['date-time']);
  const compiled = new Map(
    Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]),
  );
  const schemaOnly = (notification: ChannelNotification) =>
    compiled.get(notification.type)!(notification);
  const baselineLabel = 'plain ajv + ajv-formats, schema only';

  const one = measure(
    [JSON.parse(JSON.stringify(notifications[1])) as ChannelNotification],
    schemaOnly,
  );
  const many = measure(notifications, schemaOnly);
  return [
    {
      row: 'validate: one notification, repeated',
      figure: one.ours,
      unit: 'notifications/s',
      target: atLeast(500_000),
      baseline: { label: baselineLabel, figure: one.plain, unit: 'notifications/s' },
    },
    {
      row: 'validate: 10,000 distinct notifications',
      figure: many.ours,
      unit: 'notifications/s',
      baseline: { label: baselineLabel, figure: many.plain, unit: 'notifications/s' },
    },
  ];
}
