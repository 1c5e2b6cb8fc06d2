import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';
import { expectNotification, receiveNotification } from 'vcc-sim/pact';
import { describe, expect, it } from 'vitest';
import { CallLog } from './call-log.js';

// A real project writes pacts to ./pacts; the example uses a temp folder so runs never collide.
const pactDir = mkdtempSync(join(tmpdir(), 'vcc-sim-example-pacts-'));
const pact = new PactV4({
  consumer: 'crm-call-log',
  provider: 'vcc-webhooks',
  dir: pactDir,
  logLevel: 'error',
});

describe('crm-call-log (consumer of VCC webhooks)', () => {
  it('records the agent who answered', () =>
    receiveNotification(
      pact,
      { type: 'channel.connected.v0', role: 'agent', state: 'an agent answered an inbound call' },
      async (notification) => {
        const log = new CallLog();
        await log.onNotification(notification);
        const entry = log.entry(notification.data.channel.conversationId);
        expect(entry?.agents).toEqual(['1544']);
        expect(entry?.answeredAt).toBe(notification.data.timestamp);
      },
    ));

  it('records supervisors who listened in', () =>
    receiveNotification(
      pact,
      { type: 'channel.connected.v0', role: 'monitor', state: 'a supervisor monitored a call' },
      async (notification) => {
        const log = new CallLog();
        await log.onNotification(notification);
        expect(log.entry(notification.data.channel.conversationId)?.monitoredBy).toEqual(['2001']);
      },
    ));

  it('closes the call when the customer’s channel ends, without relying on when it was sent', () =>
    receiveNotification(
      pact,
      { type: 'channel.ended.v0', role: 'external', omit: ['time'] },
      async (notification) => {
        const log = new CallLog();
        await log.onNotification(notification);
        expect(log.entry(notification.data.channel.conversationId)?.endReason).toBe('released');
      },
    ));

  it('cannot expect what VCC never sends', () => {
    // An external party never has an agentId: refused here, before Pact records anything.
    expect(() =>
      expectNotification(pact, {
        type: 'channel.connected.v0',
        role: 'external',
        extend: { data: { channel: { party: { agentId: '1544' } } } },
      }),
    ).toThrow(/agentId/);
  });

  // The provider side, as the VCC integration team (or CI) runs it: vcc-sim stands in for VCC.
  it('is satisfied by vcc-sim, standing in for VCC', () => {
    const file = join(pactDir, 'crm-call-log-vcc-webhooks.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(3);
    const root = dirname(fileURLToPath(import.meta.resolve('vcc-sim/package.json')));
    const verify = spawnSync(
      process.execPath,
      [join(root, 'bin/vcc-sim.js'), 'pact', 'verify', pactDir],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(verify.stdout).toContain('✓ crm-call-log');
    expect(verify.stdout).toContain('✓ vcc-webhooks satisfies 1 pact');
    expect(verify.status).toBe(0);
  });
});
