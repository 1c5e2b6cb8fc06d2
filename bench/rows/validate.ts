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
} from 'vcc-sim';
import { atLeast, opsPerSecond, type BenchRow } from '../measure.js';

type Notification = Record<string, unknown> & { type: string };

function guid(n: number): string {
  const hex = (n * 2654435761).toString(16).padStart(8, '0').slice(-8);
  return `${hex}-116a-4abc-8869-${hex}${hex.slice(0, 4)}`;
}

const PRESENCES = [
  { type: 'ready', description: 'Ready' },
  { type: 'ready', description: 'Ready', subcategory: 'readyOutbound' },
  { type: 'away', description: 'Away', subcategory: 'break' },
  { type: 'extendedAway', description: 'Extended away', subcategory: 'lunch' },
  { type: 'loggedOut', description: 'Logged Out' },
];

/**
 * 10,000 distinct valid notifications over every type of the catalogue and every party role, each
 * parsed from its own JSON text as a receiver would have it.
 */
function corpus(): Notification[] {
  const mint = createKsuidFactory();
  const notifications: Notification[] = [];
  for (let i = 0; i < 10_000; i++) {
    const info = EVENT_TYPES[i % EVENT_TYPES.length]!;
    const role = PARTY_ROLES[Math.floor(i / EVENT_TYPES.length) % PARTY_ROLES.length]!;
    const millis = Date.UTC(2026, 0, 1) + i * 137;
    const sent = millis + 500;
    const agent = info.entity === 'agent';
    // The Decision on `time`: sent on v0, happened on v1; the id is minted when sent.
    const happened = agent ? formatTicks(millis, 4321) : formatTicks(millis, 0);
    const time = info.version === 0 ? formatTicks(sent, 1234) : happened;
    const agentId = String(1000 + (i % 90));
    const data = agent
      ? {
          timestamp: happened,
          presence: {
            presenceId: guid(i + 4),
            category: PRESENCES[i % PRESENCES.length]!,
            description: 'Ready',
          },
          user: { agentId, userId: guid(i + 3) },
        }
      : {
          timestamp: formatMillis(millis),
          channel: {
            conversationId: guid(i + 1),
            interactionId: guid(i + 2),
            channelId: guid(i),
            party:
              role === 'agent' || role === 'monitor'
                ? { role, agentId, userId: guid(i + 3) }
                : { role },
          },
          ...(info.reasons ? { reason: 'released' } : {}),
        };
    const notification = {
      specversion: '1.0',
      type: info.type,
      id: mint(Math.floor(sent / 1000)),
      source: info.source,
      subject: agent ? agentId : guid(i),
      time,
      datacontenttype: 'application/json',
      data,
    };
    notifications.push(JSON.parse(JSON.stringify(notification)) as Notification);
  }
  return notifications;
}

/** Rates of our validator and of plain ajv on the same notifications, cycled in order. */
function measure(notifications: readonly Notification[], schemaOnly: (n: Notification) => unknown) {
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
    const result = validateNotification(notification, { strict: true });
    if (!result.valid || result.warnings.length > 0) {
      throw new Error(`bench corpus is invalid: ${JSON.stringify(result)}`);
    }
  }
  // Baseline: the schemas alone, compiled by a plain ajv with ajv-formats, no semantic checks.
  const ajv = new Ajv2020({ allowUnionTypes: true });
  formats.default(ajv, ['date-time']);
  const compiled = new Map(
    Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]),
  );
  const schemaOnly = (notification: Notification) => compiled.get(notification.type)!(notification);
  const baselineLabel = 'plain ajv + ajv-formats, schema only';

  const one = measure([structuredClone(notifications[1]!)], schemaOnly);
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
      row: 'validate: 10,000 distinct notifications, every type',
      figure: many.ours,
      unit: 'notifications/s',
      target: { text: '≥ 3× baseline', met: (figure) => figure >= 3 * many.plain },
      baseline: { label: baselineLabel, figure: many.plain, unit: 'notifications/s' },
    },
  ];
}
