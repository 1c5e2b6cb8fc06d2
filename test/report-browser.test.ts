import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { builtInScenario, simulate } from '../src/index.js';
import { RunAggregator } from '../src/report/index.js';

/** `vcc-sim/report` is pure: it bundles for browsers and runs where Node's globals do not exist. */
describe('the report in a browser', () => {
  it('bundles without Node built-ins, and aggregates and renders a run in a realm with only browser globals', async () => {
    const bundle = await build({
      stdin: {
        contents: `import { simulate, builtInScenario } from './src/engine/index.ts';
          import { RunAggregator, renderReportHtml } from './src/report/index.ts';
          const aggregator = new RunAggregator();
          for (const n of simulate(builtInScenario('hold-retrieve'), { seed: 3, events: '*', calls: 40 })) aggregator.add(n);
          const report = aggregator.report();
          globalThis.kpis = JSON.stringify(report.kpis);
          globalThis.html = renderReportHtml(report, { title: 'in a browser' });`,
        resolveDir: new URL('..', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']node:/);
    const realm: Record<string, unknown> = {
      TextEncoder,
      TextDecoder,
      URL,
      structuredClone,
      crypto: globalThis.crypto,
    };
    createContext(realm);
    runInContext(code, realm);
    expect(runInContext('typeof process + typeof Buffer + typeof require', realm)).toBe(
      'undefinedundefinedundefined',
    );
    const aggregator = new RunAggregator();
    for (const n of simulate(builtInScenario('hold-retrieve'), { seed: 3, events: '*', calls: 40 }))
      aggregator.add(n);
    expect(JSON.parse(realm['kpis'] as string)).toEqual(aggregator.report().kpis);
    expect(realm['html']).toMatch(
      /^<!doctype html>[\s\S]*<title>in a browser · vcc-sim report<\/title>/,
    );
  });
});
