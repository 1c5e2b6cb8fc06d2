import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { restoreDash } from '../dash-argument.js';
import { LOCALE_DESCRIPTION, namesFromArgs } from '../people-options.js';
import { usageError } from '../usage-error.js';

interface ReportArgs {
  run: string;
  html?: string;
  pushReport?: string;
  scenario?: string;
  seed?: number;
  locale?: string;
  threshold: string;
  json: boolean;
}

/** `vcc-sim report <run>`: the KPIs of a run, and an HTML report of it. */
export function reportCommand(context: CliContext): CommandModule<object, ReportArgs> {
  return {
    command: 'report <run>',
    describe:
      'Figures and pictures of a run (NDJSON from generate or listen --save): KPIs, an HTML report',
    builder: (yargs) =>
      yargs
        .positional('run', {
          type: 'string',
          demandOption: true,
          describe: 'The run’s notifications (NDJSON, JSON array); "-" reads standard input',
        })
        .option('html', { type: 'string', describe: 'Write the HTML report to this file' })
        .option('push-report', {
          type: 'string',
          describe: 'A push report (push --report) of the same run: latency and statuses',
        })
        .option('scenario', {
          alias: 's',
          type: 'string',
          describe:
            'The run’s scenario (built-in name or file): its hourly profile beside the arrivals, its agents’ names',
        })
        .option('seed', {
          type: 'number',
          describe: 'With --scenario: the run’s seed, which its agents’ names follow',
        })
        .option('locale', {
          type: 'string',
          describe: `With --scenario: ${LOCALE_DESCRIPTION}`,
        })
        .option('threshold', {
          type: 'string',
          default: '20s',
          describe: 'Service-level threshold: answered within it counts',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print the figures (KPIs, hours, notes) as JSON instead of text',
        })
        .example('$0 report day.ndjson --html day.html', 'A page to open in a browser')
        .example(
          '$0 report day.ndjson -s contact-centre-day --push-report push.json --html day.html',
          'With the scenario’s profile, its agents’ names and the push’s latency',
        ),
    handler: async (args) => {
      const { readFile, writeFile } = await import('node:fs/promises');
      const { loadScenario, readNotificationFile } = await import('../../delivery/file/index.js');
      const { parseDuration } = await import('../../engine/duration.js');
      const { VccSimError } = await import('../../errors.js');
      const { RunAggregator, arrivalProfile, readPushSummary, renderReportHtml } =
        await import('../../report/index.js');
      const { formatRunReport } = await import('../format-report.js');

      const thresholdMs = parseDuration(args.threshold.trim());
      if (thresholdMs === undefined || !(thresholdMs > 0)) {
        throw usageError(`--threshold must be a duration such as 20s (got "${args.threshold}").`);
      }
      const run = restoreDash(args.run);
      if (run === '-' && context.stdin.isTTY) {
        throw usageError('Name the run file, or pipe notifications in (vcc-sim report -).');
      }
      for (const option of ['seed', 'locale'] as const) {
        if (args[option] !== undefined && args.scenario === undefined) {
          throw usageError(`--${option} goes with --scenario: names come from the run’s scenario.`);
        }
      }
      if (args.locale !== undefined && args.html === undefined) {
        throw usageError('--locale goes with --html: only the page shows names.');
      }
      if (args.seed !== undefined && Number.isNaN(args.seed)) {
        throw usageError('--seed must be a number.');
      }
      const scenario = args.scenario === undefined ? undefined : await loadScenario(args.scenario);
      const profile =
        scenario && arrivalProfile(scenario.definition.name, scenario.definition.arrivals);
      // Only the page shows names: faker loads for --html alone.
      const names =
        scenario && args.html !== undefined
          ? await namesFromArgs(scenario, args.seed, args.locale)
          : undefined;
      let push;
      if (args.pushReport !== undefined) {
        const path = args.pushReport;
        const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new VccSimError('input', `Cannot read "${path}": ${error.code ?? error.message}`);
        });
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw new VccSimError('input', `"${path}" is not JSON: ${(error as Error).message}`);
        }
        push = readPushSummary(value, `"${path}"`);
      }

      const aggregator = new RunAggregator({ serviceLevelThresholdMs: thresholdMs });
      for await (const record of readNotificationFile(run, context.stdin)) {
        aggregator.add(record.value);
      }
      const report = aggregator.report();
      if (args.html !== undefined) {
        const title = run === '-' ? 'standard input' : run.split(/[\\/]/).pop()!;
        const html = renderReportHtml(report, {
          title,
          ...(profile ? { profile } : {}),
          ...(push ? { push } : {}),
          ...(names ? { names } : {}),
        });
        const path = args.html;
        await writeFile(path, html).catch((error: NodeJS.ErrnoException) => {
          throw new VccSimError('input', `Cannot write "${path}": ${error.code ?? error.message}`);
        });
      }
      if (args.json) {
        const { agents: _agents, levels: _levels, ...figures } = report;
        context.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      } else {
        context.stdout.write(formatRunReport(report, args.html, context.colors));
      }
    },
  };
}
