import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeFetch } from './route-fetch.js';

let server: Server;
let base: string;
const seen: { method?: string; url?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, body });
      response.writeHead(202).end('local');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('routeFetch', () => {
  it('hands requests under a prefix to a fetch-style handler in-process', async () => {
    const fetch = routeFetch({
      'https://app.example.com/hooks': async (request) =>
        new Response(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`),
    });
    const response = await fetch(
      new Request('https://app.example.com/hooks/vcc?x=1', { method: 'POST', body: 'hello' }),
    );
    expect(await response.text()).toBe('POST /hooks/vcc hello');
  });

  it('rewrites a prefix to a local base URL, keeping the rest of the path and the query', async () => {
    const fetch = routeFetch({ 'https://app.example.com': `${base}/local` });
    const response = await fetch(
      new Request('https://app.example.com/hooks/vcc?x=1', { method: 'POST', body: 'hi' }),
    );
    expect(response.status).toBe(202);
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/local/hooks/vcc?x=1', body: 'hi' });
  });

  it('prefers the longest prefix and respects path segment boundaries', async () => {
    const fetch = routeFetch(
      {
        'https://app.example.com': () => new Response('root'),
        'https://app.example.com/hooks': () => new Response('hooks'),
      },
      async () => new Response('fallback'),
    );
    const text = async (url: string) => (await fetch(new Request(url))).text();
    expect(await text('https://app.example.com/hooks/a')).toBe('hooks');
    expect(await text('https://app.example.com/hooks')).toBe('hooks');
    expect(await text('https://app.example.com/hooksmith')).toBe('root');
    expect(await text('https://other.example.com/hooks')).toBe('fallback');
  });
});
