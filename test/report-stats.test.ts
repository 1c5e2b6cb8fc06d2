import { describe, expect, it } from 'vitest';
import { builtInScenario, runStatistics, simulate } from '../src/engine/index.js';
import { buildRunReport } from '../src/report/index.js';

const scenarios = ['contact-centre-day', 'agent-shift'];

/**
 * The report derives its figures from the notifications alone; `generate --stats` computes them
 * from the engine's state. On the same run they agree, exactly where the definitions are the same
 * and within a stated tolerance where a consumer cannot see what the engine knows:
 *
 * - **Offered and answered**: the report counts every inbound interaction; the engine counts calls
 *   that joined a queue. The call that interrupts an email (`email-interrupted`) is routed straight
 *   to the email's agent and never queued, so the report counts exactly one more per such email
 *   (answered, or abandoned when its caller hangs up first); every other call has the engine's outcome.
 * - **ASA**: the report's wait runs from the customer's `connected` (the call arrives); the
 *   engine's from joining the queue, after the routing delay (default 1–4 s). The report's ASA is
 *   longer by less than the longest routing delay.
 * - **Service level**: the same delay moves a few answers across the 20 s line: within 2 points.
 * - **Occupancy**: the report's busy time runs from an agent channel's `alerted` to its `ended`, its
 *   ready time from presence notifications: within 3 points of the engine's.
 */
describe('the report agrees with generate --stats', () => {
  it.each(scenarios)('on %s, every event', async (name) => {
    const scenario = builtInScenario(name);
    const report = await buildRunReport(simulate(scenario, { events: '*' }));
    const statistics = runStatistics(scenario, { events: '*' });
    const stats = statistics.service.all.total;
    const k = report.kpis;
    const interruptingCalls = statistics.flows['email-interrupted'] ?? 0;
    expect(report.occupancyBasis).toBe('presence');
    expect(k.offered).toBe(stats.offered + interruptingCalls);
    // Each interrupting call is answered or abandoned; every other call has the engine's outcome.
    expect(k.answered).toBeGreaterThanOrEqual(stats.answered);
    expect(k.abandoned).toBeGreaterThanOrEqual(stats.abandoned);
    expect(k.answered + k.abandoned).toBe(stats.answered + stats.abandoned + interruptingCalls);
    expect([k.voicemail, k.open]).toEqual([stats.voicemail, 0]);
    expect([k.outbound, k.outboundConnected]).toEqual([stats.dialled, stats.connected]);
    const asaGap = k.asaMs! - stats.averageSpeedOfAnswerMs!;
    expect(asaGap).toBeGreaterThanOrEqual(0);
    expect(asaGap).toBeLessThan(4_000);
    expect(Math.abs(k.serviceLevel! - stats.serviceLevel!)).toBeLessThan(0.02);
    expect(Math.abs(k.occupancy! - stats.occupancy!)).toBeLessThan(0.03);
  });
});
