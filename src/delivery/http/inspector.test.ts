import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { maskSignatureHeader } from './inspector.js';
import { startReceiver } from './receiver.js';
import type { InspectorEvent, Receiver } from './types.js';

let receiver: Receiver | undefined;
afterEach(async () => receiver?.close());

async function post(url: string, body: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json' },
    body,
  });
  await response.arrayBuffer();
}

/** Reads server-sent events until `count` notifications came, then disconnects. */
async function readEvents(
  url: string,
  count: number,
  headers: Record<string, string> = {},
): Promise<{ hello: unknown; events: InspectorEvent[] }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: InspectorEvent[] = [];
  let hello: unknown;
  while (events.length < count || hello === undefined) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (block.includes('event: hello')) hello = JSON.parse(data!);
      if (block.includes('event: notification')) events.push(JSON.parse(data!) as InspectorEvent);
    }
  }
  controller.abort();
  return { hello, events };
}

function getStatus(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the inspector of listen --ui', () => {
  it('keeps a bounded ring for late browsers, and resumes after Last-Event-ID', async () => {
    receiver = await startReceiver({ inspector: { ringSize: 3 } });
    for (let index = 1; index <= 5; index++) await post(receiver.url, `{"type":"n${index}"}`);
    const { hello, events } = await readEvents(`${receiver.inspectorUrl}/events`, 3);
    expect(hello).toMatchObject({ ringSize: 3, summary: { requests: 5 } });
    expect(events.map((event) => [event.seq, event.type])).toEqual([
      [3, 'n3'],
      [4, 'n4'],
      [5, 'n5'],
    ]);
    const resumed = await readEvents(`${receiver.inspectorUrl}/events`, 1, {
      'last-event-id': '4',
    });
    expect(resumed.events.map((event) => event.seq)).toEqual([5]);
  });

  it('streams each request as it is answered, with headers and the raw body', async () => {
    receiver = await startReceiver({ inspector: true });
    const reading = readEvents(`${receiver.inspectorUrl}/events`, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post(
      receiver.url,
      '{"type":"channel.connected.v0","data":{"channel":{"party":{"role":"agent"}}}}',
    );
    const [event] = (await reading).events;
    expect(event).toMatchObject({
      seq: 1,
      status: 200,
      valid: false,
      role: 'agent',
      bodyTruncated: false,
    });
    expect(event!.body).toContain('"role":"agent"');
    expect(event!.headers).toContainEqual(['content-type', 'application/cloudevents+json']);
  });

  it('serves its page and assets only to requests addressed to this machine', async () => {
    receiver = await startReceiver({ inspector: true });
    const page = await fetch(receiver.inspectorUrl!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('/_vcc/app.js');
    for (const asset of ['app.js', 'app.css']) {
      expect((await fetch(`${receiver.inspectorUrl}/${asset}`)).status).toBe(200);
    }
    expect((await fetch(`${receiver.inspectorUrl}/nothing`)).status).toBe(404);
    expect(await getStatus(receiver.inspectorUrl!, 'evil.example:80')).toBe(403);
    expect(await getStatus(receiver.inspectorUrl!, `localhost:${receiver.port}`)).toBe(200);
  });

  it('is not served unless asked for', async () => {
    receiver = await startReceiver();
    expect(receiver.inspectorUrl).toBeUndefined();
    expect((await fetch(`${receiver.url}_vcc`)).status).toBe(405);
  });
});

describe('maskSignatureHeader', () => {
  it('keeps a token’s header and claims and hides its signature', () => {
    expect(maskSignatureHeader('Bearer aaa.bbb.cccSECRET')).toBe('Bearer aaa.bbb.•••');
    expect(maskSignatureHeader('not-a-jwt-but-long-enough')).toBe('not-a-jwt-bu•••');
    expect(maskSignatureHeader('short')).toBe('short');
  });
});
