import { readFile, readdir } from 'node:fs/promises';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateNotification } from '../src/index.js';
import { createVccTwin } from '../src/delivery/msw/index.js';
import { runCli } from './support/cli.js';

/**
 * VCC's own documented examples (`test/fixtures/vcc/`, sources in its README) against vcc-sim:
 * notifications against the contract and `vcc-sim validate`, request bodies through the MSW twin,
 * and the twin's answers against the shape of VCC's response examples.
 */

const FOLDER = 'test/fixtures/vcc/';
const names = (await readdir(FOLDER)).filter((name) => name.endsWith('.json')).sort();
const notificationFiles = names.filter((name) => /^(channel|agent)\./.test(name));

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(FOLDER + name, 'utf8')) as Record<string, unknown>;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Every key of VCC's `example` is in `actual`, with a value of the same JSON kind, all the way
 * down (arrays by their first element).
 */
function shapeDifferences(actual: unknown, example: unknown, path = '$'): string[] {
  if (kind(actual) !== kind(example)) return [`${path}: ${kind(actual)}, VCC ${kind(example)}`];
  if (Array.isArray(example)) {
    return example.length > 0 && (actual as unknown[]).length > 0
      ? shapeDifferences((actual as unknown[])[0], example[0], `${path}[0]`)
      : [];
  }
  if (kind(example) !== 'object') return [];
  return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) =>
    key in (actual as object)
      ? shapeDifferences((actual as Record<string, unknown>)[key], value, `${path}.${key}`)
      : [`${path}.${key}: missing`],
  );
}

describe('VCC’s example notifications', () => {
  it('are all here: every page we could read, channel and presence, v0 and v1', () => {
    expect(notificationFiles).toHaveLength(13);
    expect(notificationFiles).toContain('channel.alerted.v1.json');
    expect(notificationFiles).toContain('agent.presencechanged.v0.json');
  });

  it.each(notificationFiles)('%s passes validateNotification', async (name) => {
    const notification = await fixture(name);
    expect(name).toBe(`${notification['type'] as string}.json`);
    expect(validateNotification(notification)).toEqual({ valid: true, warnings: [] });
  });

  it('pass `vcc-sim validate`, all files at once: exit 0', async () => {
    const result = await runCli(['validate', ...notificationFiles.map((name) => FOLDER + name)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^✓ ${notificationFiles.length} notifications valid`));
    expect(result.stderr).toBe('');
  });
});

describe('VCC’s example requests and responses, through the MSW twin', () => {
  const twin = createVccTwin();
  const server = setupServer(...twin.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => twin.reset());
  afterAll(() => server.close());

  /** A request as VCC's pages write it (their curl lines), with a token from the twin. */
  async function call(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {
      authorization: `bearer ${twin.issueToken()}`,
      accept: 'application/vnd.newvoicemedia.v1+json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`https://emea.api.newvoicemedia.com/webhooks${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('creates the subscription of VCC’s create example: 200 in the shape of VCC’s answer', async () => {
    const request = await fixture('create-subscription.request.json');
    const created = await call('POST', '/subscriptions', request);
    expect(created.status).toBe(200);
    const example = await fixture('create-subscription.response.json');
    expect(Object.keys(created.body)).toEqual(Object.keys(example));
    expect(shapeDifferences(created.body, example)).toEqual([]);
    expect(created.body).toMatchObject({
      events: ['agent.presencechanged.v1'],
      enabled: true,
      secret: request['secret'],
    });
  });

  it('refuses the create example’s secret as printed (85 characters, not base64), saying why', async () => {
    const request = await fixture('create-subscription.request.json');
    const printed = { ...request, secret: `${request['secret'] as string}=` };
    const refused = await call('POST', '/subscriptions', printed);
    expect(refused).toEqual({
      status: 400,
      body: {
        message: expect.stringMatching(/^Invalid subscription: secret is not valid base64/),
      },
    });
  });

  it('applies VCC’s update example to a subscription: 200 in the shape of VCC’s answer', async () => {
    const { body: created } = await call(
      'POST',
      '/subscriptions',
      await fixture('create-subscription.request.json'),
    );
    const request = await fixture('update-subscription.request.json');
    const updated = await call(
      'PATCH',
      `/subscriptions/${created['subscriptionId'] as string}`,
      request,
    );
    expect(updated.status).toBe(200);
    const example = await fixture('update-subscription.response.json');
    expect(Object.keys(updated.body)).toEqual(Object.keys(example));
    expect(shapeDifferences(updated.body, example)).toEqual([]);
    expect(updated.body).toMatchObject({
      name: 'My app',
      events: ['agent.presencechanged.v1', 'channel.connected.v1'],
      enabled: false,
    });
  });

  it('lists and gets subscriptions in the shape of VCC’s examples', async () => {
    const { body: created } = await call(
      'POST',
      '/subscriptions',
      await fixture('create-subscription.request.json'),
    );
    const list = await call('GET', '/subscriptions');
    const listExample = await fixture('get-subscriptions.response.json');
    expect(shapeDifferences(list.body, listExample)).toEqual([]);
    const [first] = list.body['subscriptions'] as Record<string, unknown>[];
    const [firstExample] = listExample['subscriptions'] as Record<string, unknown>[];
    expect(Object.keys(first!)).toEqual(Object.keys(firstExample!));
    const one = await call('GET', `/subscriptions/${created['subscriptionId'] as string}`);
    const oneExample = await fixture('get-subscription.response.json');
    expect(Object.keys(one.body)).toEqual(Object.keys(oneExample));
    expect(shapeDifferences(one.body, oneExample)).toEqual([]);
  });

  it('answers GET /event-types in the shape of VCC’s example, jsonSchema describing data', async () => {
    const answer = await call('GET', '/event-types');
    expect(answer.status).toBe(200);
    const example = await fixture('get-event-types.response.json');
    expect(Object.keys(answer.body)).toEqual(Object.keys(example));
    const [vccPresence] = example['eventTypes'] as Record<string, unknown>[];
    const presence = (answer.body['eventTypes'] as Record<string, unknown>[]).find(
      (type) => type['name'] === vccPresence!['name'],
    )!;
    expect(Object.keys(presence)).toEqual(Object.keys(vccPresence!));
    expect(shapeDifferences(presence, vccPresence)).toEqual([]);
    const schema = presence['jsonSchema'] as Record<string, unknown>;
    const vccSchema = vccPresence!['jsonSchema'] as Record<string, unknown>;
    expect(Object.keys(schema).slice(0, 3)).toEqual(Object.keys(vccSchema).slice(0, 3));
    expect(schema['required']).toEqual(vccSchema['required']);
  });
});
