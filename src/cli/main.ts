import yargs, { type Argv } from 'yargs';
import { isVccSimError } from '../errors.js';
import { VERSION } from '../version.js';
import { checkCommand } from './commands/check.js';
import { completionCommand, completionsFor } from './commands/completion.js';
import { generateCommand } from './commands/generate.js';
import { listenCommand } from './commands/listen.js';
import { pactCommand, pactSubcommands } from './commands/pact/index.js';
import { pushCommand } from './commands/push.js';
import { replayCommand } from './commands/replay.js';
import { reportCommand, reportSubcommands } from './commands/report.js';
import { k8sCommand, k8sSubcommands } from './commands/k8s.js';
import { scenariosCommand } from './commands/scenarios.js';
import { triggerCommand } from './commands/trigger.js';
import { validateCommand } from './commands/validate.js';
import { createContext, type AnyCommand, type CliContext } from './context.js';
import { protectDashes, restoreDashOptions } from './dash-argument.js';
import { helpWidth } from './fast-path.js';
import { didYouMean } from './suggest.js';
import { usageError } from './usage-error.js';

/** Exit codes: the command ran and all is fine (0), or it could not run (2). 1: the checked thing is wrong. */
const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** The commands, in the order `vcc-sim --help` lists them. Each loads its work only when run. */
export function commandModules(context: CliContext): AnyCommand[] {
  return [
    generateCommand(context),
    pushCommand(context),
    replayCommand(context),
    listenCommand(context),
    checkCommand(context),
    triggerCommand(context),
    reportCommand(context),
    scenariosCommand(context),
    validateCommand(context),
    pactCommand(context),
    k8sCommand(context),
    completionCommand(context),
  ];
}

/** The commands that have subcommands of their own (`pact verify`, `report merge`, `k8s job`). */
function subcommandsOf(context: CliContext): Record<string, AnyCommand[]> {
  return {
    pact: pactSubcommands(context),
    report: reportSubcommands(context),
    k8s: k8sSubcommands(context),
  };
}

/** A command's name: the first word of its yargs `command` string. */
export function commandName(command: AnyCommand): string {
  const spec = Array.isArray(command.command) ? command.command[0] : command.command;
  return String(spec).split(' ')[0]!;
}

/** Every command path that has a help page: `[]` (the root), `['generate']`, `['pact', 'verify']`… */
export function commandPaths(context: CliContext): string[][] {
  const subcommands = subcommandsOf(context);
  return [
    [],
    ...commandModules(context).flatMap((command) => {
      const name = commandName(command);
      return [[name], ...(subcommands[name] ?? []).map((sub) => [name, commandName(sub)])];
    }),
  ];
}

/**
 * The command path the arguments name (`['pact', 'verify']`), read the way yargs reads it: the
 * leading words that are command names, options skipped. Error messages use it to point at the
 * right `--help`.
 */
function commandPathOf(args: readonly string[], context: CliContext): string[] {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const [first, second] = words;
  if (first === undefined || !topLevelNames(context).includes(first)) return [];
  const subcommands = subcommandsOf(context)[first]?.map(commandName) ?? [];
  return second !== undefined && subcommands.includes(second) ? [first, second] : [first];
}

function topLevelNames(context: CliContext): string[] {
  return commandModules(context).map(commandName);
}

/** What yargs knows about the options of the command being parsed (not in its typings). */
interface ParsedOptions {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
}

function flag(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/**
 * yargs's "Unknown argument(s): a, b" in words a user can act on: an unknown option with the
 * option it most likely meant, an unknown command with the command, anything else as unexpected.
 */
function explainUnknown(
  names: readonly string[],
  args: readonly string[],
  options: ParsedOptions,
  context: CliContext,
): string {
  const path = commandPathOf(args, context);
  const subcommands =
    path.length === 0
      ? topLevelNames(context)
      : path[0] === 'pact' || path[0] === 'k8s'
        ? subcommandsOf(context)[path[0]]!.map(commandName)
        : [];
  const optionNames = [...Object.keys(options.key), ...Object.values(options.alias).flat()].filter(
    (name) => !/[A-Z]/.test(name),
  );
  return names
    .map((name) => {
      if (args.includes(name)) {
        return subcommands.length > 0 && path.length < 2
          ? `Unknown command "${[...path, name].join(' ')}".${didYouMean(name, subcommands)}`
          : `Unexpected argument "${name}".`;
      }
      return `Unknown option ${flag(name)}.${didYouMean(name, optionNames, flag)}`;
    })
    .join(' ');
}

/** Reports a failure on stderr in one line and returns the exit code; stacks only for bugs. */
function reportFailure(error: unknown, context: CliContext, helpCommand: string): number {
  const colors = context.colors;
  const debug = context.env['VCC_SIM_DEBUG'] === '1';
  if (isVccSimError(error)) {
    context.stderr.write(`${colors.red('vcc-sim:')} ${error.message}\n`);
    if (error.code === 'usage') context.stderr.write(`Run "${helpCommand}" for usage.\n`);
    if (debug && error.cause) context.stderr.write(`${String(error.cause)}\n`);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? error.message : String(error);
  context.stderr.write(`${colors.red('vcc-sim: unexpected error:')} ${detail}\n`);
  if (debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
  else context.stderr.write('This is a bug in vcc-sim; set VCC_SIM_DEBUG=1 for details.\n');
  return EXIT_USAGE;
}

/** The yargs parser of the whole CLI. */
function parser(args: readonly string[], context: CliContext): Argv {
  const cli: Argv = yargs(args)
    .scriptName('vcc-sim')
    .usage('$0 <command> [options]\n\nA simulator of Vonage Contact Center webhook notifications.')
    // Messages and help pages stay English whatever the locale, as the rest of the output is.
    .locale('en')
    .strict()
    .version(VERSION)
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .wrap(helpWidth(context.stdout))
    // Option values get their `-` back here (`--report -`); positionals are restored by their commands.
    .middleware(restoreDashOptions)
    // Parse failures become usage errors; errors thrown by a command pass through unchanged.
    .fail((message, error) => {
      if (error) throw error;
      const unknown = /^Unknown arguments?: (.+)$/.exec(message);
      const options = (cli as unknown as { getOptions(): ParsedOptions }).getOptions();
      throw usageError(
        unknown
          ? explainUnknown(unknown[1]!.split(', '), args, options, context)
          : // yargs spreads some messages ("Invalid values:") over lines; an error is one line.
            message.replace(/:?\s*\n\s*/g, ': '),
      );
    });
  for (const command of commandModules(context)) cli.command(command);
  return cli;
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and returns the exit code.
 * Every command is a yargs module built from the context, so tests can run it in-process.
 */
export async function run(argv: readonly string[], context: CliContext): Promise<number> {
  // `vcc-sim` alone shows the help, as `vcc-sim pact` alone does.
  const args = protectDashes(argv.length === 0 ? ['--help'] : argv);
  const path = commandPathOf(args, context);
  const completing = args.indexOf('--get-yargs-completions');
  try {
    if (completing !== -1) {
      const own = await completionsFor(args.slice(completing + 1));
      if (own) {
        context.stdout.write(own.map((line) => `${line}\n`).join(''));
        return EXIT_OK;
      }
    }
    let output = '';
    await parser(args, context).parseAsync(args, {}, (_error, _argv, text) => {
      output = text;
    });
    // yargs offers one-letter aliases as `--s`; completion offers the long names only.
    if (completing !== -1) output = output.replace(/^--.(?:[:\t].*)?(?:\n|$)/gm, '').trimEnd();
    if (output) context.stdout.write(`${output}\n`);
    return context.exitCode;
  } catch (error) {
    return reportFailure(error, context, ['vcc-sim', ...path, '--help'].join(' '));
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
    cwd: process.cwd(),
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
