import { describe, expect, it } from 'vitest';
import { builtInScenario, simulate } from '../src/index.js';
import { RunAggregator } from '../src/report/index.js';
import { runInBrowserRealm } from './support/browser-realm.js';

/** `vcc-sim/report` is pure: it bundles for browsers and runs where Node's globals do not exist. */
describe('the report in a browser', () => {
  it('bundles without Node built-ins, and aggregates and renders a run in a realm with only browser globals', async () => {
    const realm = await runInBrowserRealm(
      `import { simulate, builtInScenario } from './src/engine/index.ts';
          import { RunAggregator, renderReportHtml } from './src/report/index.ts';
          const aggregator = new RunAggregator();
          for (const n of simulate(builtInScenario('hold-retrieve'), { seed: 3, events: '*', calls: 40 })) aggregator.add(n);
          const report = aggregator.report();
          globalThis.kpis = JSON.stringify(report.kpis);
          globalThis.html = renderReportHtml(report, { title: 'in a browser' });`,
    );
    const aggregator = new RunAggregator();
    const run = simulate(builtInScenario('hold-retrieve'), { seed: 3, events: '*', calls: 40 });
    for (const notification of run) aggregator.add(notification);
    expect(JSON.parse(realm['kpis'] as string)).toEqual(aggregator.report().kpis);
    expect(realm['html']).toMatch(
      /^<!doctype html>[\s\S]*<title>in a browser · vcc-sim report<\/title>/,
    );
  });
});
