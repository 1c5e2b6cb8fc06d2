import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';

interface MergeArgs {
  reports: string[];
  json: boolean;
}

/** Exit code when the merged run is incomplete: shards missing, dead letters, notifications unsent. */
const EXIT_INCOMPLETE = 1;

/** `vcc-sim report merge <reports…>`: the reports of a run's shards as one. */
export function reportMergeCommand(context: CliContext): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <reports..>',
    describe:
      'Merge push reports (push --report, one per shard): exact counts, percentiles from the merged latency histograms',
    builder: (yargs) =>
      yargs
        .positional('reports', {
          type: 'string',
          array: true,
          demandOption: true,
          describe:
            'Push reports (JSON), check reports of a burst (check --only burst --report), or logs that end with one (kubectl logs of push --json); merged reports merge again',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print the merged report as JSON (what report --push-report reads)',
        })
        // The parent's positional is not this command's.
        .hide('run')
        .example('$0 report merge shard-*.json', 'The shards of a run as one summary')
        .example(
          '$0 report merge shard-*.json --json > push.json',
          'One report, for report --push-report',
        )
        .epilogue(
          'Exit codes: 0 the merged run delivered everything; 1 a shard is missing, or something was dead-lettered, left unsent or accepted with a bad signature; 2 a report could not be read or does not belong.',
        ),
    handler: async (args) => {
      const { readReportFile } = await import('../report-files.js');
      const { mergeDeliveryReports } = await import('../../delivery-core/merge-reports.js');
      const { formatMergedReport } = await import('../format-merge.js');
      const inputs = [];
      for (const path of args.reports) inputs.push(await readReportFile(path));
      const merged = mergeDeliveryReports(inputs);
      context.stdout.write(
        args.json
          ? `${JSON.stringify(merged, null, 2)}\n`
          : formatMergedReport(merged, context.colors),
      );
      const incomplete =
        (merged.merged.shards?.missing.length ?? 0) > 0 ||
        merged.deadLettered > 0 ||
        merged.unsent > 0 ||
        (merged.chaos?.badSignatures.accepted ?? 0) > 0;
      if (incomplete) context.exitCode = EXIT_INCOMPLETE;
    },
  };
}
