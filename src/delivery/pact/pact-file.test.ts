import { describe, expect, it } from 'vitest';
import { notificationInteraction } from './interactions.js';
import { childPath, pactDocument, pactFileText, parsePact, splitTemplate } from './pact-file.js';

describe('splitTemplate', () => {
  it('moves matchers out into rules by JSON path, leaving their examples in place', () => {
    const { content, rules } = splitTemplate({
      a: { 'pact:matcher:type': 'regex', regex: '^x+$', value: 'xx' },
      'odd-key': [{ b: { 'pact:matcher:type': 'type', value: 1 } }],
      c: 'literal',
    });
    expect(content).toEqual({ a: 'xx', 'odd-key': [{ b: 1 }], c: 'literal' });
    expect(rules).toEqual({
      '$.a': [{ match: 'regex', regex: '^x+$' }],
      "$['odd-key'][0].b": [{ match: 'type' }],
    });
    expect(childPath('$', "it's")).toBe("$['it\\'s']");
  });
});

describe('pact files', () => {
  const interaction = notificationInteraction({
    type: 'channel.ended.v0',
    role: 'external',
    state: 'an agent answered an inbound call',
  });

  it('are written as Pact writes V4: sorted keys, asynchronous messages, matchers in matchingRules', () => {
    const text = pactFileText(pactDocument('crm', 'vcc-webhooks', [interaction]));
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['consumer', 'interactions', 'metadata', 'provider']);
    expect(json.metadata.pactSpecification).toEqual({ version: '4.0' });
    expect(json.interactions[0]).toMatchObject({
      type: 'Asynchronous/Messages',
      description: 'a channel.ended.v0 notification about an external party',
      providerStates: [{ name: 'an agent answered an inbound call' }],
      contents: { contentType: 'application/json', encoded: false },
      metadata: { webhookContentType: 'application/cloudevents+json' },
      pending: false,
    });
    expect(json.interactions[0].matchingRules.body['$.data.reason']).toEqual({
      combine: 'AND',
      matchers: [{ match: 'regex', regex: '^(released)$' }],
    });
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('read back into the interactions they were written from', () => {
    const document = parsePact(
      JSON.parse(pactFileText(pactDocument('crm', 'vcc-webhooks', [interaction]))),
      'x.json',
    );
    const [read] = document.interactions;
    const { content, rules } = splitTemplate(interaction.body);
    expect(document).toMatchObject({
      consumer: 'crm',
      provider: 'vcc-webhooks',
      specification: '4.0',
      unsupported: [],
    });
    expect(read).toEqual({
      description: interaction.description,
      providerStates: [{ name: 'an agent answered an inbound call' }],
      content,
      contentType: 'application/json',
      bodyRules: rules,
      metadata: interaction.metadata,
      pending: false,
    });
  });

  it('read V3 message pacts, base64 contents, and list HTTP interactions as unsupported', () => {
    const v3 = parsePact(
      {
        consumer: { name: 'c' },
        provider: { name: 'p' },
        messages: [
          {
            description: 'd',
            providerStates: [{ name: 's', params: { a: 1 } }],
            contents: { type: 'channel.held.v0' },
            matchingRules: { body: { '$.id': { matchers: [{ match: 'type' }] } } },
            metaData: { contentType: 'application/json' },
          },
        ],
        metadata: { pactSpecification: { version: '3.0.0' } },
      },
      'v3.json',
    );
    expect(v3.interactions[0]).toMatchObject({
      providerStates: [{ name: 's', params: { a: 1 } }],
      content: { type: 'channel.held.v0' },
      bodyRules: { '$.id': [{ match: 'type' }] },
      metadata: { contentType: 'application/json' },
    });
    const v4 = parsePact(
      {
        consumer: { name: 'c' },
        provider: { name: 'p' },
        interactions: [
          {
            type: 'Asynchronous/Messages',
            description: 'encoded',
            contents: {
              content: Buffer.from('{"type":"channel.held.v0"}').toString('base64'),
              contentType: 'application/json',
              encoded: 'base64',
            },
          },
          { type: 'Synchronous/HTTP', description: 'GET /x', request: {}, response: {} },
        ],
      },
      'v4.json',
    );
    expect(v4.interactions[0]?.content).toEqual({ type: 'channel.held.v0' });
    expect(v4.unsupported).toEqual([{ description: 'GET /x', type: 'Synchronous/HTTP' }]);
  });

  it('refuse JSON that is not a pact', () => {
    expect(() => parsePact({ interactions: [] }, 'odd.json')).toThrow(
      'odd.json is not a pact file: it needs "consumer": {"name": …} and "provider": {"name": …}.',
    );
  });
});
