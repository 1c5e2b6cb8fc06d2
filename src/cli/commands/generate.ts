import type { CommandModule } from 'yargs';
import type { EventType } from '../../contract/index.js';
import type { CliContext } from '../context.js';
import { scenarioFromArgs, scenarioOptions, type ScenarioArgs } from '../scenario-options.js';
import { countOf, formatCount } from '../../internal/count.js';
import { restoreDash } from '../dash-argument.js';
import { LOCALE_DESCRIPTION, namesFromArgs } from '../people-options.js';
import { usageError } from '../usage-error.js';

interface GenerateArgs extends ScenarioArgs {
  format: 'ndjson' | 'json' | 'pretty';
  out?: string;
  stats: boolean;
  json: boolean;
  locale?: string;
  progress?: boolean;
}

/** Progress appears only on a terminal, and only once a run has lasted this long. */
const PROGRESS_AFTER_MS = 1_000;

/** `vcc-sim generate`: play a scenario and write its notifications. */
export function generateCommand(context: CliContext): CommandModule<object, GenerateArgs> {
  return {
    command: 'generate',
    describe: 'Play a scenario and write its notifications (NDJSON by default)',
    builder: (yargs) =>
      scenarioOptions(yargs)
        .option('format', {
          alias: 'f',
          choices: ['ndjson', 'json', 'pretty'] as const,
          default: 'ndjson' as const,
          describe: 'One notification per line, a JSON array, or an indented JSON array',
        })
        .option('out', {
          type: 'string',
          describe: 'Write to this file instead of standard output',
        })
        .option('stats', {
          type: 'boolean',
          default: false,
          describe:
            'Print a summary: calls and outcomes, service level, abandonment, ASA, occupancy and agents by team and hour, notifications by type, durations by percentile',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'With --stats: print the statistics as JSON',
        })
        .option('locale', {
          type: 'string',
          describe: `With --stats: ${LOCALE_DESCRIPTION}`,
        })
        .option('progress', {
          type: 'boolean',
          describe: 'Show progress on stderr [default: on a terminal, for long runs]',
        })
        .example('$0 generate', 'channel.connected.v0 notifications of the default scenario')
        .example(
          "$0 generate -s contact-centre-day -e 'channel.*' --stats > day.ndjson",
          'A whole day, every event',
        )
        .example(
          '$0 generate -s contact-centre-day --stats --json --out /dev/null',
          'The day’s service figures as JSON',
        )
        .example(
          '$0 generate --seed 7 --calls 100 -o timings.talk=8m',
          'Longer calls, without editing a file',
        )
        .example(
          "$0 generate -s contact-centre-day -e '*' --shard 1/3 > part-1.ndjson",
          'One of three disjoint parts that together are the run',
        ),
    handler: async (args) => {
      const { StatisticsCollector, simulate, simulateJson, simulateNdjson } =
        await import('../../engine/index.js');
      const { closeOutput, openOutputFile, writeChunks, writeLines } =
        await import('../../delivery/file/index.js');
      if (args.json && !args.stats) throw usageError('--json goes with --stats.');
      if (args.locale !== undefined && !args.stats) {
        throw usageError('--locale goes with --stats: notifications carry no names.');
      }
      const { scenario, options } = await scenarioFromArgs(args, context.env);
      for (const warning of scenario.warnings) {
        context.stderr.write(`vcc-sim: warning: ${scenario.source}: ${warning}\n`);
      }
      // Names are made only for the statistics, which show them: faker stays out of a plain run.
      const statistics = args.stats
        ? new StatisticsCollector({
            names: await namesFromArgs(scenario, options.seed, args.locale),
          })
        : undefined;
      const runOptions = statistics ? { ...options, observer: statistics } : options;

      const out = args.out === undefined ? '-' : restoreDash(args.out);
      const file = out === '-' ? undefined : await openOutputFile(out);
      const output = file ?? context.stdout;
      const progress = progressReporter(context, args.progress);
      let written: number;
      if (args.format === 'ndjson' && !statistics) {
        // The fast path: NDJSON bytes straight from the engine.
        written = await writeChunks(simulateNdjson(scenario, runOptions), output, {
          onProgress: progress.update,
        });
      } else {
        const items =
          args.format === 'pretty'
            ? mapIterable(simulate(scenario, runOptions), (notification) => {
                statistics?.addNotification(notification.type);
                return JSON.stringify(notification, null, 2).replace(/^/gm, '  ');
              })
            : mapIterable(simulateJson(scenario, runOptions), (line) => {
                statistics?.addNotification(typeOf(line));
                return line;
              });
        written = await writeLines(items, output, {
          format: args.format,
          onProgress: progress.update,
        });
      }
      progress.done(written);
      if (file) await closeOutput(file);

      if (statistics) {
        const seed = options.seed ?? scenario.definition.seed ?? 1;
        const { formatStatistics } = await import('../format-statistics.js');
        const report = args.json
          ? `${JSON.stringify({ scenario: scenario.definition.name, seed, ...statistics.report() }, null, 2)}\n`
          : formatStatistics(statistics.report(), scenario, seed, context.colors);
        // Data goes to stdout; the summary goes beside it, unless stdout is free.
        (file ? context.stdout : context.stderr).write(report);
      }
    },
  };
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** The `type` of a notification serialised by the engine, read without parsing it. */
function typeOf(line: string): EventType {
  const start = line.indexOf('"type":"') + 8;
  return line.slice(start, line.indexOf('"', start)) as EventType;
}

function progressReporter(context: CliContext, wanted: boolean | undefined) {
  const enabled = wanted ?? context.stderr.isTTY === true;
  const started = Date.now();
  let shown = false;
  return {
    update(written: number) {
      if (!enabled) return;
      const elapsed = Date.now() - started;
      if (elapsed < PROGRESS_AFTER_MS && wanted === undefined) return;
      shown = true;
      const rate = Math.round(written / (elapsed / 1000 || 1));
      context.stderr.write(
        `\r\u001b[2Kgenerating… ${countOf(written, 'notification')} (${formatCount(rate)}/s)`,
      );
    },
    done(written: number) {
      if (shown) {
        const seconds = (Date.now() - started) / 1000;
        context.stderr.write(
          `\r\u001b[2K${countOf(written, 'notification')} in ${seconds.toFixed(1)}s\n`,
        );
      }
    },
  };
}
