import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import type { ListenArgs } from '../listen-args.js';

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
          type: 'string',
          default: '0',
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
          describe:
            'Append every accepted notification to this NDJSON file (replayable); "-": to stdout, the lines then on stderr',
        })
        .option('max-body', {
          type: 'string',
          default: '1mb',
          describe: 'Refuse larger bodies with 413, before reading them',
        })
        .option('window', {
          type: 'string',
          default: '100000',
          describe:
            'Duplicates, disorder and replayed tokens are checked against this many recent notifications, channels and tokens (memory stays flat)',
        })
        .option('clock-tolerance', {
          type: 'string',
          default: '0',
          describe: 'Seconds of clock skew allowed past a signature’s expiry (and before nbf)',
        })
        .option('fail-rate', {
          type: 'string',
          group: 'Failure injection:',
          describe: 'Answer this share of requests (0–1 or a percentage) with --status',
        })
        .option('status', {
          type: 'string',
          array: true,
          group: 'Failure injection:',
          describe: 'Status(es) of injected failures, one drawn per failure [default: 503]',
        })
        .option('retry-after', {
          type: 'string',
          group: 'Failure injection:',
          describe: 'Send Retry-After: <seconds> with injected failures',
        })
        .option('delay', {
          type: 'string',
          group: 'Failure injection:',
          describe: 'Wait this long before every answer, e.g. 200ms or 11s (past VCC’s timeout)',
        })
        .option('seed', {
          type: 'string',
          default: '1',
          group: 'Failure injection:',
          describe: 'Seed of the failure draws',
        })
        .option('exit-after', {
          type: 'string',
          describe: 'Stop after this many requests (for scripts)',
        })
        .example('$0 listen --secret "$SECRET"', 'Print every notification as it arrives')
        .example('$0 listen --port 4000 --fail-rate 20% --status 500 503', 'Watch retries happen')
        .example(
          '$0 listen --port 4000 --ui',
          'Watch them in a browser at http://127.0.0.1:4000/_vcc',
        )
        .example('$0 listen --json > received.ndjson', 'Machine-readable')
        .epilogue(
          'Answers 413 to a body over --max-body, 401 to a signature that does not verify (missing, wrong, expired, not yet valid, or a token accepted before), 400 to a body that is not JSON, 200 otherwise.',
        ) as unknown as Argv<ListenArgs>,
    handler: async (args) => {
      const { runListen } = await import('../run-listen.js');
      await runListen(context, args);
    },
  };
}
