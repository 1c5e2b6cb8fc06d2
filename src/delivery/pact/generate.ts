import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENT_TYPES, PARTY_ROLES, type EventType, type PartyRole } from '../../contract/index.js';
import { eventFilter } from '../../engine/index.js';
import { VccSimError } from '../../errors.js';
import { DEFAULT_PROVIDER, notificationInteraction } from './interactions.js';
import { scenarioSource, type NotificationSource } from './notification-source.js';
import { pactDocument, pactFileName, pactFileText } from './pact-file.js';
import { PROVIDER_STATES } from './provider-states.js';
import type { NotificationInteraction } from './types.js';

/**
 * A pact from the catalogue, for consumers who want a contract before they write Pact tests: one
 * interaction per selected event type and party role that VCC really sends, each with the first
 * provider state whose scenario sends it, and vcc-sim's matchers.
 */

/** What to generate. */
export interface GeneratePactOptions {
  consumer: string;
  /** Default `vcc-webhooks`. */
  provider?: string;
  /** Event types, with `*` wildcards (`channel.*`); default: every type. */
  events?: string | readonly string[];
  /** Party roles; default: every role. */
  roles?: readonly PartyRole[];
  /** Where to learn which combinations VCC sends (default: the built-in scenarios). */
  source?: NotificationSource;
}

/** A generated pact, in memory. */
export interface GeneratedPact {
  consumer: string;
  provider: string;
  fileName: string;
  text: string;
  interactions: { type: EventType; role: PartyRole; state: string }[];
  /** Combinations left out because no scenario sends them. */
  skipped: { type: EventType; role: PartyRole }[];
}

/** The event types `patterns` select (`*` wildcards, commas), in catalogue order. */
function selectEventTypes(patterns: string | readonly string[] = 'channel.*'): EventType[] {
  const selected = eventFilter(patterns);
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
  for (const type of selectEventTypes(options.events)) {
    for (const role of roles) {
      const state = PROVIDER_STATES.find((candidate) =>
        source.find(candidate.scenario, type, role),
      );
      if (!state) {
        skipped.push({ type, role });
        continue;
      }
      interactions.push(notificationInteraction({ type, role, state: state.name }));
      summary.push({ type, role, state: state.name });
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
  await mkdir(options.out, { recursive: true });
  const path = join(options.out, pact.fileName);
  await writeFile(path, pact.text);
  return { ...pact, path };
}
