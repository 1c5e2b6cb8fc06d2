import { generateWebhookSecret, webhookSecretProblem } from '../contract/index.js';
import { parseDurationMs, parseShare } from '../delivery-core/index.js';
import { startReceiver, type ReceiverOptions } from '../delivery/http/index.js';
import { checkOutputFile, LineAppender } from '../delivery/http/output-files.js';
import { VccSimError } from '../errors.js';
import type { ListenArgs } from './listen-args.js';
import type { CliContext } from './context.js';
import { formatReceived, formatReceiverSummary } from './format-delivery.js';
import { parseByteSize, parseNumberText } from './option-text.js';
import { usageError } from './usage-error.js';

/** Node's timers take at most this many milliseconds (about 24.8 days). */
const MAX_DELAY_MS = 2_147_483_647;

/** The receiver's options from the command line, every one checked before it listens. */
function receiverOptions(args: ListenArgs): ReceiverOptions {
  const whole = (flag: string, text: string, min: number, max: number) =>
    parseNumberText(flag, text, { min, max, integer: true });
  const options: ReceiverOptions = {
    port: whole('--port', args.port, 0, 65_535),
    host: args.host,
    strict: args.strict,
    seed: whole('--seed', args.seed, 0, Number.MAX_SAFE_INTEGER),
    clockToleranceSeconds: parseNumberText('--clock-tolerance', args.clockTolerance, {
      min: 0,
      max: 86_400,
      unit: ' of seconds',
    }),
    maxBodyBytes: parseByteSize('--max-body', args.maxBody),
    window: whole('--window', args.window, 1, 10_000_000),
  };
  if (args.host.trim() === '') throw usageError('--host must be an address such as 127.0.0.1.');
  if (args.failRate !== undefined) options.failRate = parseShare('--fail-rate', args.failRate);
  if (args.status !== undefined) {
    options.failStatuses = args.status.map((text) => whole('--status', text, 300, 599));
  }
  if (args.retryAfter !== undefined) {
    options.retryAfterSeconds = whole('--retry-after', args.retryAfter, 0, 2_147_483);
  }
  if (args.delay !== undefined) {
    const delayMs = parseDurationMs('--delay', args.delay);
    if (delayMs > MAX_DELAY_MS) {
      throw usageError(`--delay must be at most 24 days (got "${args.delay}").`);
    }
    options.delayMs = delayMs;
  }
  return options;
}

/** The secret to verify with, and a line saying where it came from. */
function resolveSecret(args: ListenArgs, context: CliContext) {
  const colors = context.colors;
  if (!args.verify) {
    return { note: colors.yellow('not verifying signatures (--no-verify)') };
  }
  const given = args.secret ?? (context.env['VCC_WEBHOOK_SECRET'] || undefined);
  if (given === undefined) {
    const secret = generateWebhookSecret();
    return {
      secret,
      note: `${colors.bold('Signing secret:')} ${secret} ${colors.dim('(generated; shown only now)')}`,
    };
  }
  const secret = given.trim();
  const problem = webhookSecretProblem(secret);
  const from = args.secret !== undefined ? '--secret' : 'VCC_WEBHOOK_SECRET';
  if (problem) {
    throw usageError(
      `${from === '--secret' ? 'The --secret' : from} ${problem}; a secret is base64 text of at least 32 bytes.`,
    );
  }
  return { secret, note: `verifying signatures with the secret from ${from}` };
}

/**
 * `vcc-sim listen`: checks every option (and that `--save` can be written) before it listens,
 * prints a line per request, and on Ctrl-C (or `--exit-after`, or a save that fails) stops and
 * prints the summary. A failed save exits 2 after the summary.
 */
export async function runListen(context: CliContext, args: ListenArgs): Promise<void> {
  const colors = context.colors;
  const exitAfter =
    args.exitAfter === undefined
      ? undefined
      : parseNumberText('--exit-after', args.exitAfter, {
          min: 1,
          max: Number.MAX_SAFE_INTEGER,
          integer: true,
        });
  const options = receiverOptions(args);
  const saveToStdout = args.save === '-';
  if (saveToStdout && args.json) {
    throw usageError('--save - and --json both want stdout; save to a file, or leave one out.');
  }
  if (args.save !== undefined && !saveToStdout) {
    await checkOutputFile(args.save, 'saved notifications');
  }
  const { secret, note } = resolveSecret(args, context);
  // With --save -, stdout carries the notifications alone.
  const lines = saveToStdout ? context.stderr : context.stdout;
  const save =
    args.save === undefined || saveToStdout
      ? undefined
      : new LineAppender(args.save, 'saved notifications');

  let stop: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let failure: unknown;
  let requests = 0;
  const receiver = await startReceiver({
    ...options,
    ...(secret === undefined ? {} : { secret }),
    ...(args.ui ? { inspector: true } : {}),
    onNotification: (received) => {
      if (failure !== undefined) return;
      lines.write(
        args.json ? `${JSON.stringify(received)}\n` : `${formatReceived(received, colors)}\n`,
      );
      const accepted = received.status >= 200 && received.status <= 205;
      if (accepted && received.notification !== undefined) {
        if (saveToStdout) context.stdout.write(`${JSON.stringify(received.notification)}\n`);
        else {
          try {
            save?.write(received.notification);
          } catch (error) {
            failure = error;
            stop?.();
          }
        }
      }
      requests++;
      if (exitAfter !== undefined && requests >= exitAfter) stop?.();
    },
  });
  const hint = `vcc-sim push ${receiver.url}${secret === undefined ? ' --no-sign' : args.secret === undefined && context.env['VCC_WEBHOOK_SECRET'] ? '' : ` --secret ${args.secret === undefined ? secret : '…'}`}`;
  context.stderr.write(
    [
      `${colors.green('Ready!')} Listening at ${colors.bold(receiver.url)} (Ctrl-C to stop)`,
      note,
      ...(receiver.inspectorUrl
        ? [`Inspector at ${colors.bold(receiver.inspectorUrl)} (open it in a browser)`]
        : []),
      colors.dim(`Try, in another terminal: ${hint}`),
      '',
    ].join('\n'),
  );
  const unsubscribe = context.onInterrupt?.(() => stop?.());
  await stopped;
  unsubscribe?.();
  await receiver.close();
  save?.close();
  const summary = receiver.summary();
  if (args.json) context.stdout.write(`${JSON.stringify({ summary })}\n`);
  else lines.write(`\n${formatReceiverSummary(summary, colors)}`);
  if (failure !== undefined) {
    throw failure instanceof VccSimError
      ? failure
      : new VccSimError('input', `Cannot save notifications: ${String(failure)}`);
  }
}
