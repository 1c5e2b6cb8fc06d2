import { formatDuration } from '../engine/duration.js';
import type { CliContext } from './context.js';

/** Says when the run starts: in how long, or that it is already late for its shared start. */
export function announceStart(context: CliContext, startAtMs: number): void {
  const wait = startAtMs - Date.now();
  const at = new Date(startAtMs).toISOString();
  context.stderr.write(
    wait > 0
      ? `Waiting until ${at} (in ${formatDuration(wait)}) to start; Ctrl-C stops.\n`
      : `${context.colors.yellow('vcc-sim: warning:')} --start-at ${at} was ${formatDuration(-wait)} ago: starting now, behind the shared schedule.\n`,
  );
}
