import { VERSION } from '../../version.js';
import { VccSimError } from '../../errors.js';
import { isPactMatcher, type PactTemplate } from './matchers.js';
import type {
  MatchingRule,
  MessageInteraction,
  NotificationInteraction,
  PactDocument,
} from './types.js';

/**
 * Pact files in the V4 format Pact itself writes (keys sorted, two-space JSON): message bodies with
 * their matchers moved out into `matchingRules`, and back. Pure: no Pact, no file system.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The JSON path Pact uses for a child: `$.data.timestamp`, or `$['odd-key']`. */
export function childPath(parent: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${parent}.${key}` : `${parent}['${key.replaceAll("'", "\\'")}']`;
}

/** Splits a template into its example content and the matching rules of its matchers. */
export function splitTemplate(template: PactTemplate): {
  content: Json;
  rules: Record<string, MatchingRule[]>;
} {
  const rules: Record<string, MatchingRule[]> = {};
  function walk(node: PactTemplate, path: string): Json {
    if (isPactMatcher(node)) {
      const { 'pact:matcher:type': match, value, ...rest } = node as Record<string, unknown>;
      rules[path] = [{ match: String(match), ...rest }];
      return walk(value as PactTemplate, path);
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, walk(value, childPath(path, key))]),
      );
    }
    return node;
  }
  return { content: walk(template, '$'), rules };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** One V4 asynchronous message interaction, as Pact writes it. */
function asynchronousMessage(interaction: NotificationInteraction): Record<string, unknown> {
  const { content, rules } = splitTemplate(interaction.body);
  const body = Object.fromEntries(
    Object.entries(rules).map(([path, matchers]) => [path, { combine: 'AND', matchers }]),
  );
  return {
    type: 'Asynchronous/Messages',
    description: interaction.description,
    providerStates: interaction.providerState ? [{ name: interaction.providerState }] : [],
    contents: { content, contentType: 'application/json', encoded: false },
    matchingRules: { body },
    metadata: interaction.metadata,
    pending: false,
  };
}

/** A whole V4 pact between `consumer` and `provider`. */
export function pactDocument(
  consumer: string,
  provider: string,
  interactions: readonly NotificationInteraction[],
): Record<string, unknown> {
  return {
    consumer: { name: consumer },
    provider: { name: provider },
    interactions: interactions.map(asynchronousMessage),
    metadata: {
      pactSpecification: { version: '4.0' },
      'vcc-sim': { version: VERSION },
    },
  };
}

/** The text of a pact file: sorted keys and two-space indents, as Pact writes them. */
export function pactFileText(document: Record<string, unknown>): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

/** Pact's file name for a pair: `<consumer>-<provider>.json`. */
export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function nameOf(value: unknown): string | undefined {
  const name = record(value)?.['name'];
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function bodyRules(matchingRules: unknown): Record<string, MatchingRule[]> {
  const body = record(record(matchingRules)?.['body']) ?? {};
  const rules: Record<string, MatchingRule[]> = {};
  for (const [path, entry] of Object.entries(body)) {
    const matchers = record(entry)?.['matchers'];
    if (Array.isArray(matchers)) rules[path] = matchers.filter((m) => record(m)) as MatchingRule[];
  }
  return rules;
}

function providerStates(value: Record<string, unknown>): MessageInteraction['providerStates'] {
  const states = value['providerStates'];
  if (Array.isArray(states)) {
    return states
      .map((state) => record(state))
      .filter((state): state is Record<string, unknown> => typeof state?.['name'] === 'string')
      .map((state) => ({
        name: state['name'] as string,
        ...(record(state['params']) ? { params: record(state['params']) } : {}),
      }));
  }
  const legacy = value['providerState'];
  return typeof legacy === 'string' ? [{ name: legacy }] : [];
}

function decodeContents(contents: Record<string, unknown> | undefined, fallback: unknown) {
  if (!contents) return { content: fallback, contentType: 'application/json' };
  const contentType =
    typeof contents['contentType'] === 'string' ? contents['contentType'] : 'application/json';
  let content = contents['content'];
  if (contents['encoded'] === 'base64' && typeof content === 'string') {
    const text = Buffer.from(content, 'base64').toString('utf8');
    try {
      content = /json/i.test(contentType) ? JSON.parse(text) : text;
    } catch {
      content = text;
    }
  }
  return { content, contentType };
}

function messageInteraction(value: Record<string, unknown>, v4: boolean): MessageInteraction {
  const { content, contentType } = v4
    ? decodeContents(record(value['contents']), undefined)
    : { content: value['contents'], contentType: 'application/json' };
  const metadata = record(value['metadata']) ?? record(value['metaData']) ?? {};
  return {
    description: typeof value['description'] === 'string' ? value['description'] : '',
    providerStates: providerStates(value),
    content,
    contentType:
      !v4 && typeof metadata['contentType'] === 'string' ? metadata['contentType'] : contentType,
    bodyRules: bodyRules(value['matchingRules']),
    metadata,
    pending: value['pending'] === true,
  };
}

/**
 * Reads a pact (V4, or a V3 message pact) for verification. Throws a `pact` error naming `source`
 * when it is not a pact at all.
 */
export function parsePact(json: unknown, source: string): PactDocument {
  const document = record(json);
  const consumer = nameOf(document?.['consumer']);
  const provider = nameOf(document?.['provider']);
  if (!document || !consumer || !provider) {
    throw new VccSimError(
      'pact',
      `${source} is not a pact file: it needs "consumer": {"name": …} and "provider": {"name": …}.`,
    );
  }
  const metadata = record(document['metadata']);
  const specification = String(
    record(metadata?.['pactSpecification'])?.['version'] ??
      record(metadata?.['pact-specification'])?.['version'] ??
      '2.0.0',
  );
  for (const key of ['messages', 'interactions']) {
    if (document[key] !== undefined && !Array.isArray(document[key])) {
      throw new VccSimError('pact', `${source} is not a pact file: its "${key}" is not a list.`);
    }
  }
  const interactions: MessageInteraction[] = [];
  const unsupported: PactDocument['unsupported'] = [];
  const messages = Array.isArray(document['messages']) ? document['messages'] : [];
  for (const message of messages) {
    const value = record(message);
    if (value) interactions.push(messageInteraction(value, false));
  }
  for (const item of Array.isArray(document['interactions']) ? document['interactions'] : []) {
    const value = record(item);
    if (!value) continue;
    const type = typeof value['type'] === 'string' ? value['type'] : 'Synchronous/HTTP';
    if (type === 'Asynchronous/Messages') interactions.push(messageInteraction(value, true));
    else unsupported.push({ description: String(value['description'] ?? ''), type });
  }
  const links: PactDocument['links'] = {};
  for (const [rel, link] of Object.entries(record(document['_links']) ?? {})) {
    const href = record(link)?.['href'];
    if (typeof href === 'string') links[rel] = { href };
  }
  return { consumer, provider, specification, interactions, unsupported, links };
}
