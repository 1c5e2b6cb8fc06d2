import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { restoreDash } from '../dash-argument.js';
import { formatInvalidLine, formatValidationSummary } from '../format-validation.js';
import { usageError } from '../usage-error.js';
import { VccSimError } from '../../errors.js';

interface ValidateArgs {
  files: string[];
  strict: boolean;
  json: boolean;
}

/** `vcc-sim validate [files..]`: check notifications against the contract. */
export function validateCommand(context: CliContext): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate [files..]',
    describe: 'Check notifications (JSON, JSON array or NDJSON) against the VCC contract',
    builder: (yargs) =>
      yargs
        .positional('files', {
          type: 'string',
          array: true,
          default: [],
          describe: 'Files to check; "-" reads standard input (the default when it is piped)',
        })
        .option('strict', {
          type: 'boolean',
          default: false,
          describe:
            'Reject fields the contract does not know (warnings by default), and hold time, ids and fractional digits to VCC’s conventions',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print a machine-readable JSON report instead of text',
        })
        .example('$0 validate events.ndjson', 'Check a file from vcc-sim generate')
        .example('curl -s … | $0 validate -', 'Check notifications piped in')
        .example('$0 validate --strict --json capture.json', 'A strict check, as JSON'),
    handler: async (args) => {
      // Loaded on use, so `vcc-sim --help` never pays for ajv.
      const { validateFiles } = await import('../../delivery/file/index.js');
      let files = args.files.map(restoreDash);
      if (files.length === 0) {
        if (context.stdin.isTTY) {
          throw usageError(
            'Name the files to validate, or pipe notifications in (vcc-sim validate -).',
          );
        }
        files = ['-'];
      }
      const report = await validateFiles(files, {
        strict: args.strict,
        stdin: context.stdin,
        ...(args.json
          ? {}
          : {
              onInvalid: (invalid) =>
                context.stdout.write(`${formatInvalidLine(invalid, context.colors)}\n`),
            }),
      });
      // Nothing to check is a mistake (an empty file, a pipe that broke), never a pass.
      if (report.notifications === 0 && report.valid) {
        throw new VccSimError(
          'input',
          `No notifications found in ${files.map((file) => (file === '-' ? 'standard input' : `"${file}"`)).join(', ')}: nothing was checked.`,
        );
      }
      if (args.json) context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else context.stdout.write(`${formatValidationSummary(report, context.colors)}\n`);
      if (!report.valid) context.exitCode = 1;
    },
  };
}
