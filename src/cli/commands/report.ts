import type { CommandModule } from 'yargs';
import type { AnyCommand, CliContext } from '../context.js';
import { reportMergeCommand } from './report-merge.js';
import { restoreDash } from '../dash-argument.js';
import { LOCALE_DESCRIPTION, namesFromArgs } from '../people-options.js';
import { usageError } from '../usage-error.js';

interface ReportArgs {
  run?: string;
  html?: string;
  pushReport?: string;
  scenario?: string;
  seed?: number;
  locale?: string;
  threshold: string;
  json: boolean;
}

/** The `report` subcommands (`report merge`), beside `report <run>` itself. */
export function reportSubcommands(context: CliContext): AnyCommand[] {
  return [reportMergeCommand(context)];
}

/** `vcc-sim report <run>`: the KPIs of a run, and an HTML report of it; `report merge` for pushes. */
export function reportCommand(context: CliContext): CommandModule<object, ReportArgs> {
  return {
    // `[run]`, not `<run>`: yargs would demand it of `report merge` too. The handler asks for it.
    command: 'report [run]',
    describe:
      'Figures and pictures of a run (NDJSON from generate or listen --save): KPIs, an HTML report; "report merge" adds up push reports',
    builder: (yargs) =>
      reportSubcommands(context)
        .reduce((parent, command) => parent.command(command), yargs)
        .usage('$0 report <run> [options]\n$0 report merge <reports..> [options]')
        .positional('run', {
          type: 'string',
          describe: 'The run’s notifications (NDJSON, JSON array); "-" reads standard input',
        })
        .option('html', {
          type: 'string',
          global: false,
          describe: 'Write the HTML report to this file',
        })
        .option('push-report', {
          global: false,
          type: 'string',
          describe: 'A push report (push --report) of the same run: latency and statuses',
        })
        .option('scenario', {
          global: false,
          alias: 's',
          type: 'string',
          describe:
            'The run’s scenario (built-in name or file): its hourly profile beside the arrivals, its agents’ names',
        })
        .option('seed', {
          global: false,
          type: 'number',
          describe: 'With --scenario: the run’s seed, which its agents’ names follow',
        })
        .option('locale', {
          global: false,
          type: 'string',
          describe: `With --scenario: ${LOCALE_DESCRIPTION}`,
        })
        .option('threshold', {
          global: false,
          type: 'string',
          default: '20s',
          describe: 'Service-level threshold: answered within it counts',
        })
        .option('json', {
          global: false,
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
      const { writeFile } = await import('node:fs/promises');
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
      if (args.run === undefined) {
        throw usageError(
          'Name the run file (vcc-sim report day.ndjson), or merge push reports with "report merge".',
        );
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
        const { readReportFile } = await import('../report-files.js');
        const { name, report } = await readReportFile(args.pushReport);
        push = readPushSummary(report, name);
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
