import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  EVENT_TYPES,
  PARTY_ROLES,
  isChannelEventType,
  type EventType,
  type PartyRole,
} from '../../contract/index.js';
import { eventFilter } from '../../engine/index.js';
import { VccSimError } from '../../errors.js';
import { DEFAULT_PROVIDER, notificationInteraction } from './interactions.js';
import { scenarioSource, type NotificationSource } from './notification-source.js';
import { pactDocument, pactFileName, pactFileText } from './pact-file.js';
import { PROVIDER_STATES } from './provider-states.js';
import type { NotificationInteraction } from './types.js';

/**
 * A pact from the catalogue, for consumers who want a contract before they write Pact tests: one
 * interaction per selected event type and party role that VCC really sends (one per agent event
 * type, which has no party), each with the first provider state whose scenario sends it, and
 * vcc-sim's matchers.
 */

/** What to generate. */
export interface GeneratePactOptions {
  consumer: string;
  /** Default `vcc-webhooks`. */
  provider?: string;
  /** Event types, with `*` wildcards (`channel.*`, `agent.*`); default: every type (`*`). */
  events?: string | readonly string[];
  /** Leave out the types VCC documents no page for (inferred v1s). */
  documentedOnly?: boolean;
  /** Party roles of channel events; default: every role. Agent events have no party. */
  roles?: readonly PartyRole[];
  /** Where to learn which combinations VCC sends (default: the built-in scenarios). */
  source?: NotificationSource;
}

/** One type (and, for a channel event, party role) of a generated pact. */
export interface GeneratedCombination {
  type: EventType;
  /** The party role; absent for agent events. */
  role?: PartyRole;
}

/** A generated pact, in memory. */
export interface GeneratedPact {
  consumer: string;
  provider: string;
  fileName: string;
  text: string;
  interactions: (GeneratedCombination & { state: string })[];
  /** Combinations left out because no scenario sends them. */
  skipped: GeneratedCombination[];
}

/** The event types `patterns` select (`*` wildcards, commas), in catalogue order. */
function selectEventTypes(
  patterns: string | readonly string[] = '*',
  options: { documentedOnly?: boolean } = {},
): EventType[] {
  const selected = eventFilter(patterns, options);
  return EVENT_TYPES.map((info) => info.type).filter(selected);
}

/** Builds the pact without writing it. */
export function generatePact(options: GeneratePactOptions): GeneratedPact {
  const consumer = options.consumer.trim();
  if (consumer === '') throw new VccSimError('usage', 'The consumer name must not be blank.');
  const provider = options.provider ?? DEFAULT_PROVIDER;
  const roles = options.roles ?? PARTY_ROLES;
  const source = options.source ?? scenarioSource();
  const interactions: NotificationInteraction[] = [];
  const summary: GeneratedPact['interactions'] = [];
  const skipped: GeneratedPact['skipped'] = [];
  const types = selectEventTypes(options.events, { documentedOnly: options.documentedOnly });
  for (const type of types) {
    const combinations: GeneratedCombination[] = isChannelEventType(type)
      ? roles.map((role) => ({ type, role }))
      : [{ type }];
    for (const combination of combinations) {
      const state = PROVIDER_STATES.find((candidate) =>
        source.find(candidate.scenario, type, combination.role),
      );
      if (!state) {
        skipped.push(combination);
        continue;
      }
      interactions.push(notificationInteraction({ ...combination, state: state.name }));
      summary.push({ ...combination, state: state.name });
    }
  }
  if (interactions.length === 0) {
    throw new VccSimError(
      'usage',
      'VCC sends none of the selected event types to the selected roles; nothing to generate.',
    );
  }
  return {
    consumer,
    provider,
    fileName: pactFileName(consumer, provider),
    text: pactFileText(pactDocument(consumer, provider, interactions)),
    interactions: summary,
    skipped,
  };
}

/** Builds the pact and writes it to `<out>/<consumer>-<provider>.json`, replacing any old one. */
export async function writeGeneratedPact(
  options: GeneratePactOptions & { out: string },
): Promise<GeneratedPact & { path: string }> {
  const pact = generatePact(options);
  const path = join(options.out, pact.fileName);
  try {
    await mkdir(options.out, { recursive: true });
    await writeFile(path, pact.text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `${options.out} is a file, and --out names a directory`
        : (code ?? String(error));
    throw new VccSimError('input', `Cannot write the pact to "${path}": ${why}.`, { cause: error });
  }
  return { ...pact, path };
}
