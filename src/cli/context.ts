import type { Readable, Writable } from 'node:stream';
import picocolors from 'picocolors';
import type { CommandModule } from 'yargs';

type Colors = ReturnType<typeof picocolors.createColors>;

/** A stream as the CLI sees it: anything writable that may be a terminal. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/**
 * Everything a command touches outside itself. `main` builds it from the process; tests build one
 * from in-memory streams and read the exit code back.
 */
export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: Readable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths are read against. */
  cwd: string;
  /** Colours for stdout, off when it is not a terminal or `NO_COLOR` is set. */
  colors: Colors;
  /** Set by a command when the checked thing is wrong (1); errors set 2 in `main`. */
  exitCode: number;
  /**
   * Subscribes to Ctrl-C (`SIGINT`) and `SIGTERM` while a command wants to handle them itself;
   * returns the unsubscribe function. `main` wires it to the process; tests may leave it out.
   */
  onInterrupt?: (listener: (signal: InterruptSignal) => void) => () => void;
}

/** The signals a long-running command handles: Ctrl-C and a polite kill. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** Whether to colour a stream: `FORCE_COLOR` wins, then `NO_COLOR`, then "is it a terminal". */
export function colorEnabled(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** A context over the given streams, with colours decided from stdout. */
export function createContext(
  streams: Pick<CliContext, 'stdout' | 'stderr' | 'stdin' | 'env' | 'cwd' | 'onInterrupt'>,
): CliContext {
  return {
    ...streams,
    colors: picocolors.createColors(colorEnabled(streams.stdout, streams.env)),
    exitCode: 0,
  };
}

/** A yargs command module of any argument shape, as a list of commands holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandModule<any, any>;
