import yargs from 'yargs';
import packageJson from '../../package.json' with { type: 'json' };
import { isVccSimError } from '../errors.js';
import { generateCommand } from './commands/generate.js';
import { listenCommand } from './commands/listen.js';
import { pactCommand } from './commands/pact/index.js';
import { pushCommand } from './commands/push.js';
import { replayCommand } from './commands/replay.js';
import { reportCommand } from './commands/report.js';
import { scenariosCommand } from './commands/scenarios.js';
import { validateCommand } from './commands/validate.js';
import { createContext, type CliContext } from './context.js';
import { protectDashes } from './dash-argument.js';
import { usageError } from './usage-error.js';

/** Exit codes: the checked thing is fine (0), is wrong (1), or the command could not run (2). */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Reports a failure on stderr in one line and returns the exit code; stacks only for bugs. */
function reportFailure(error: unknown, context: CliContext, debug: boolean): number {
  const colors = context.colors;
  if (isVccSimError(error)) {
    context.stderr.write(`${colors.red('vcc-sim:')} ${error.message}\n`);
    if (error.code === 'usage') context.stderr.write('Run "vcc-sim --help" for usage.\n');
    if (debug && error.cause) context.stderr.write(`${String(error.cause)}\n`);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? error.message : String(error);
  context.stderr.write(`${colors.red('vcc-sim: unexpected error:')} ${detail}\n`);
  if (debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
  else context.stderr.write('This is a bug in vcc-sim; set VCC_SIM_DEBUG=1 for details.\n');
  return EXIT_USAGE;
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and returns the exit code.
 * Every command is a yargs module built from the context, so tests can run it in-process.
 */
export async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const args = protectDashes(argv);
  const cli = yargs(args)
    .scriptName('vcc-sim')
    .usage('$0 <command> [options]\n\nA simulator of Vonage Contact Center webhook notifications.')
    .command(generateCommand(context))
    .command(pushCommand(context))
    .command(replayCommand(context))
    .command(listenCommand(context))
    .command(reportCommand(context))
    .command(scenariosCommand(context))
    .command(validateCommand(context))
    .command(pactCommand(context))
    .demandCommand(1, 'Name a command; "vcc-sim --help" lists them.')
    .strict()
    .recommendCommands()
    .version(packageJson.version)
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, context.stdout.columns ?? 100))
    // Parse failures become usage errors; errors thrown by a command pass through unchanged.
    .fail((message, error) => {
      throw error ?? usageError(message);
    });
  try {
    let output = '';
    await cli.parseAsync(args, {}, (_error, _argv, text) => {
      output = text;
    });
    if (output) context.stdout.write(`${output}\n`);
    return context.exitCode;
  } catch (error) {
    return reportFailure(error, context, context.env['VCC_SIM_DEBUG'] === '1');
  }
}

/** The `vcc-sim` binary: runs on the process's own argv and streams, and sets its exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // A reader that goes away (`vcc-sim generate | head`) is not an error: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const context = createContext({
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    onInterrupt: (listener) => {
      const onSigint = () => listener('SIGINT');
      const onSigterm = () => listener('SIGTERM');
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigterm);
      return () => {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigterm);
      };
    },
  });
  process.exitCode = await run(argv, context);
}
