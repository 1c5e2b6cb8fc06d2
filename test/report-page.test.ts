import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInScenario, simulate } from '../src/index.js';
import { pushNotifications, startReceiver } from '../src/delivery/http/index.js';
import {
  arrivalProfile,
  buildRunReport,
  formatCount,
  formatMillis,
  formatShare,
  readPushSummary,
  renderReportHtml,
  type RunKpis,
  type RunReport,
} from '../src/report/index.js';
import { NO_CHROMIUM, hasChromium, openBrowser, screenshot, watchPage } from './support/browser.js';

const SECRET = 'bXlfc2VjcmV0X2tleV90aGF0X2lzX2xvbmdfZW5vdWdoX29rIQ==';
const FORMAT: Record<string, (value: number | null) => string> = {
  abandonmentRate: formatShare,
  serviceLevel: formatShare,
  occupancy: formatShare,
  asaMs: formatMillis,
};

async function pageOf(page: Page, html: string): Promise<{ url: string; problems: string[] }> {
  const folder = await mkdtemp(join(tmpdir(), 'vcc-sim-report-'));
  const file = join(folder, 'report.html');
  await writeFile(file, html);
  const url = pathToFileURL(file).href;
  // Self-contained: the page itself is the only request it may make.
  const { problems } = watchPage(page, (requested) => requested === url);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { url, problems };
}

describe.skipIf(!hasChromium)(
  `the HTML report in Chromium${hasChromium ? '' : ` (${NO_CHROMIUM})`}`,
  () => {
    let browser: Awaited<ReturnType<typeof openBrowser>>;
    let page: Page;
    beforeAll(async () => {
      browser = await openBrowser();
      page = await browser.context.newPage();
    });
    afterAll(async () => browser?.close());

    it('shows a day of contact-centre-day: the library’s KPIs, every hour, every agent, and a real push', async () => {
      const scenario = builtInScenario('contact-centre-day');
      const report: RunReport = await buildRunReport(simulate(scenario, { events: '*' }));
      // A real push of part of the run to a real webhook that fails 10% of requests.
      const receiver = await startReceiver({ secret: SECRET, failRate: 0.1, seed: 3 });
      const pushReport = await pushNotifications(
        simulate(builtInScenario('contact-centre-day'), { events: 'channel.*', calls: 60 }),
        {
          url: receiver.url,
          secret: SECRET,
          speed: 'max',
          retry: { initialDelayMs: 5, maxDelayMs: 20 },
        },
      );
      await receiver.close();
      const push = readPushSummary(JSON.parse(JSON.stringify(pushReport)));
      expect(push.timeline?.points.length).toBeGreaterThan(0);

      const html = renderReportHtml(report, {
        title: 'contact-centre-day',
        profile: arrivalProfile(scenario.definition.name, scenario.definition.arrivals),
        push,
      });
      const { problems } = await pageOf(page, html);

      for (const [key, value] of Object.entries(report.kpis).filter(([key]) =>
        [
          'offered',
          'answered',
          'abandoned',
          'abandonmentRate',
          'serviceLevel',
          'asaMs',
          'occupancy',
        ].includes(key),
      )) {
        const tile = page.locator(`[data-kpi="${key}"]`);
        expect(await tile.getAttribute('data-value'), key).toBe(String(value ?? ''));
        const format = FORMAT[key] ?? formatCount;
        expect(await tile.locator('.value').textContent(), key).toBe(
          format(value as RunKpis['offered']),
        );
      }
      expect(report.kpis.offered).toBeGreaterThan(1000);
      expect(await page.locator('#chart-arrivals').getAttribute('data-points')).toBe(
        String(report.hours.length),
      );
      expect(await page.locator('#chart-arrivals .u-legend').textContent()).toContain(
        'expected (contact-centre-day)',
      );
      expect(
        Number(await page.locator('#chart-queue').getAttribute('data-points')),
      ).toBeGreaterThanOrEqual(report.levels.points.length);
      const timeline = page.locator('#timeline');
      expect(await timeline.getAttribute('data-agents')).toBe(String(report.agents.length));
      const bars = report.agents.reduce(
        (sum, agent) => sum + agent.channels.length + agent.presence.length,
        0,
      );
      expect(await timeline.getAttribute('data-bars')).toBe(String(bars));
      expect(await page.locator('#chart-latency').getAttribute('data-points')).toBe(
        String(push.timeline!.points.length),
      );
      expect(await page.locator('.statuses li').count()).toBe(Object.keys(push.outcomes).length);
      expect(await page.locator('[data-outcome="abandoned"]').getAttribute('data-count')).toBe(
        String(report.kpis.abandoned),
      );

      // Hovering a bar names the agent.
      const box = (await timeline.boundingBox())!;
      await timeline.hover({ position: { x: box.width / 2, y: 10 } });
      expect(await page.locator('#timeline-tip').textContent()).toMatch(/^agent \d+/);

      await screenshot(page, 'report.png');
      expect(problems).toEqual([]);
    });

    it('shows an empty run and a run of connected notifications without errors, with its notes', async () => {
      const empty = await pageOf(page, renderReportHtml(await buildRunReport([])));
      expect(await page.locator('[data-kpi="offered"]').getAttribute('data-value')).toBe('0');
      expect(await page.locator('#chart-arrivals .empty').textContent()).toMatch(/No calls/);
      expect(empty.problems).toEqual([]);

      const report = await buildRunReport(
        simulate(builtInScenario('inbound-answered'), { calls: 20 }),
      );
      const thin = await pageOf(page, renderReportHtml(report));
      expect(await page.locator('#notes li').count()).toBe(report.notes.length);
      expect(report.notes.length).toBeGreaterThan(0);
      await screenshot(page, 'report-connected-only.png');
      expect(thin.problems).toEqual([]);
    });
  },
);
