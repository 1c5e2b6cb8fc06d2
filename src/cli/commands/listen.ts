import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { usageError } from '../usage-error.js';

interface ListenArgs {
  port: number;
  host: string;
  secret?: string;
  verify: boolean;
  json: boolean;
  strict: boolean;
  failRate?: string;
  status?: number[];
  retryAfter?: number;
  delay?: string;
  seed: number;
  save?: string;
  exitAfter?: number;
  clockTolerance: number;
  ui: boolean;
}

/** `vcc-sim listen`: a local webhook that checks everything it is sent. */
export function listenCommand(context: CliContext): CommandModule<object, ListenArgs> {
  return {
    command: 'listen',
    describe:
      'Run a local webhook that verifies signatures, validates notifications and flags duplicates and disorder',
    builder: (yargs) =>
      yargs
        .option('port', {
          alias: 'p',
          type: 'number',
          default: 0,
          describe: 'Port to listen on; 0 picks a free one (the URL is printed)',
        })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind' })
        .option('secret', {
          type: 'string',
          describe:
            'Secret to verify Vonage-Signature with [default: $VCC_WEBHOOK_SECRET, else a new one, printed once]',
        })
        .option('verify', {
          type: 'boolean',
          default: true,
          describe: 'Verify signatures; --no-verify accepts any',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'One JSON object per notification, and the summary as the last line',
        })
        .option('strict', {
          type: 'boolean',
          default: false,
          describe:
            'Reject fields the contract does not know and hold VCC’s conventions (see validate --strict)',
        })
        .option('ui', {
          type: 'boolean',
          default: false,
          describe: 'Serve a live inspector page at /_vcc: each notification as it arrives',
        })
        .option('save', {
          type: 'string',
          describe: 'Append every accepted notification to this NDJSON file (replayable)',
        })
        .option('fail-rate', {
          type: 'string',
          group: 'Failure injection:',
          describe: 'Answer this share of requests (0–1 or a percentage) with --status',
        })
        .option('status', {
          type: 'number',
          array: true,
          group: 'Failure injection:',
          describe: 'Status(es) of injected failures, one drawn per failure [default: 503]',
        })
        .option('retry-after', {
          type: 'number',
          group: 'Failure injection:',
          describe: 'Send Retry-After: <seconds> with injected failures',
        })
        .option('delay', {
          type: 'string',
          group: 'Failure injection:',
          describe: 'Wait this long before every answer, e.g. 200ms or 11s (past VCC’s timeout)',
        })
        .option('seed', {
          type: 'number',
          default: 1,
          group: 'Failure injection:',
          describe: 'Seed of the failure draws',
        })
        .option('clock-tolerance', {
          type: 'number',
          default: 0,
          describe: 'Seconds of clock skew allowed past a signature’s expiry',
        })
        .option('exit-after', {
          type: 'number',
          describe: 'Stop after this many requests (for scripts)',
        })
        .example('$0 listen --secret "$SECRET"', 'Print every notification as it arrives')
        .example('$0 listen --port 4000 --fail-rate 20% --status 500 503', 'Watch retries happen')
        .example(
          '$0 listen --port 4000 --ui',
          'Watch them in a browser at http://127.0.0.1:4000/_vcc',
        )
        .example(
          '$0 listen --json > received.ndjson',
          'Machine-readable',
        ) as unknown as Argv<ListenArgs>,
    handler: async (args) => {
      const { generateWebhookSecret, webhookSecretProblem } =
        await import('../../contract/index.js');
      const { startReceiver } = await import('../../delivery/http/index.js');
      const { LineAppender } = await import('../../delivery/http/output-files.js');
      const { parseDuration } = await import('../../engine/index.js');
      const { formatReceived, formatReceiverSummary } = await import('../format-delivery.js');
      const colors = context.colors;

      let failRate: number | undefined;
      if (args.failRate !== undefined) {
        const text = args.failRate.trim();
        failRate = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
        if (text === '' || !(failRate >= 0 && failRate <= 1)) {
          throw usageError(
            `--fail-rate must be between 0 and 1, or a percentage (got "${args.failRate}").`,
          );
        }
      }
      let delayMs: number | undefined;
      if (args.delay !== undefined) {
        const text = args.delay.trim();
        delayMs = /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDuration(text);
        if (delayMs === undefined) {
          throw usageError(
            `--delay must be a duration such as 200ms or 11s (got "${args.delay}").`,
          );
        }
      }
      if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65_535) {
        throw usageError(`--port must be 0–65535 (got ${args.port}).`);
      }
      if (
        args.exitAfter !== undefined &&
        !(Number.isInteger(args.exitAfter) && args.exitAfter > 0)
      ) {
        throw usageError(`--exit-after must be a whole number > 0 (got ${args.exitAfter}).`);
      }

      let secret: string | undefined;
      let secretNote: string;
      if (args.verify) {
        const given = args.secret ?? (context.env['VCC_WEBHOOK_SECRET'] || undefined);
        if (given !== undefined) {
          secret = given.trim();
          const problem = webhookSecretProblem(secret);
          const from = args.secret !== undefined ? 'The --secret' : 'VCC_WEBHOOK_SECRET';
          if (problem)
            throw usageError(`${from} ${problem}; a secret is base64 text of at least 32 bytes.`);
          secretNote = `verifying signatures with the secret from ${args.secret !== undefined ? '--secret' : 'VCC_WEBHOOK_SECRET'}`;
        } else {
          secret = generateWebhookSecret();
          secretNote = `${colors.bold('Signing secret:')} ${secret} ${colors.dim('(generated; shown only now)')}`;
        }
      } else {
        secretNote = colors.yellow('not verifying signatures (--no-verify)');
      }

      const save =
        args.save === undefined ? undefined : new LineAppender(args.save, 'saved notifications');
      let stop: (() => void) | undefined;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      let requests = 0;
      const receiver = await startReceiver({
        port: args.port,
        host: args.host,
        ...(secret === undefined ? {} : { secret }),
        strict: args.strict,
        clockToleranceSeconds: args.clockTolerance,
        ...(failRate === undefined ? {} : { failRate }),
        ...(args.status === undefined ? {} : { failStatuses: args.status }),
        ...(args.retryAfter === undefined ? {} : { retryAfterSeconds: args.retryAfter }),
        ...(delayMs === undefined ? {} : { delayMs }),
        seed: args.seed,
        ...(args.ui ? { inspector: true } : {}),
        onNotification: (received) => {
          if (args.json) context.stdout.write(`${JSON.stringify(received)}\n`);
          else context.stdout.write(`${formatReceived(received, colors)}\n`);
          if (save && received.status >= 200 && received.status <= 205 && received.notification) {
            save.write(received.notification);
          }
          requests++;
          if (args.exitAfter !== undefined && requests >= args.exitAfter) stop?.();
        },
      });
      const pushHint = `vcc-sim push ${receiver.url}${secret === undefined ? ' --no-sign' : args.secret === undefined && context.env['VCC_WEBHOOK_SECRET'] ? '' : ` --secret ${args.secret === undefined ? secret : '…'}`}`;
      context.stderr.write(
        [
          `${colors.green('Ready!')} Listening at ${colors.bold(receiver.url)} (Ctrl-C to stop)`,
          secretNote,
          ...(receiver.inspectorUrl
            ? [`Inspector at ${colors.bold(receiver.inspectorUrl)} (open it in a browser)`]
            : []),
          colors.dim(`Try, in another terminal: ${pushHint}`),
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
      else context.stdout.write(`\n${formatReceiverSummary(summary, colors)}`);
    },
  };
}
