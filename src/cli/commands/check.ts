import type { Argv, CommandModule } from 'yargs';
import type { CliContext } from '../context.js';

interface CheckArgs {
  url?: string;
  secret?: string;
  scenario?: string;
  seed?: number;
  events?: string[];
  'documented-only'?: boolean;
  override?: string[];
  mode?: 'structured' | 'binary';
  only?: string[];
  skip?: string[];
  allowStatus?: number[];
  probe?: string;
  burst?: number;
  burstDuration?: string;
  rampMax?: number;
  rampStep?: string;
  concurrency?: number;
  timeout?: string;
  ca?: string;
  insecure: boolean;
  json: boolean;
  junit?: string;
  verbose: boolean;
}

/** `vcc-sim check <url>`: is this webhook ready for VCC? */
export function checkCommand(context: CliContext): CommandModule<object, CheckArgs> {
  const checks = 'Checks:';
  const load = 'Load:';
  const output = 'Output:';
  return {
    command: 'check [url]',
    describe: 'Grade a webhook against everything VCC will do to it: a scorecard of named checks',
    builder: (yargs) =>
      yargs
        .positional('url', {
          type: 'string',
          describe: 'The webhook, e.g. http://127.0.0.1:3000/webhooks/vcc',
        })
        .option('secret', {
          type: 'string',
          describe:
            'The subscription secret the webhook verifies with (base64) [default: $VCC_WEBHOOK_SECRET]',
        })
        .option('events', {
          alias: 'e',
          type: 'string',
          array: true,
          group: checks,
          describe:
            'Event types the webhook is subscribed to, * wildcards allowed [default: channel.*]',
        })
        .option('documented-only', {
          type: 'boolean',
          group: checks,
          describe: 'Leave out the event types VCC documents no page for (inferred v1s)',
        })
        .option('only', {
          type: 'string',
          array: true,
          group: checks,
          describe: 'Run only these checks (names or groups)',
        })
        .option('skip', {
          type: 'string',
          array: true,
          group: checks,
          describe: 'Skip these checks (names or groups), e.g. --skip load',
        })
        .option('allow-status', {
          type: 'number',
          array: true,
          group: checks,
          describe: 'A documented 4xx the tolerance checks accept besides 200–205, e.g. 422',
        })
        .option('mode', {
          choices: ['structured', 'binary'] as const,
          group: checks,
          describe: 'binary also checks CloudEvents binary mode (VCC sends structured)',
        })
        .option('probe', {
          type: 'string',
          group: checks,
          describe:
            'A URL answering what the webhook stored (the probe contract in the README): adds the semantic checks',
        })
        .option('scenario', {
          alias: 's',
          type: 'string',
          group: checks,
          describe:
            'Where notifications and the peak rate come from: a built-in scenario or a file [default: contact-centre-day]',
        })
        .option('override', {
          alias: 'o',
          type: 'string',
          array: true,
          group: checks,
          describe: 'Change a scenario setting: path=value, e.g. arrivals.perHour=600',
        })
        .option('seed', {
          type: 'number',
          group: checks,
          describe:
            'Seed of the run: the same seed sends the same notifications [default: a new one, printed]',
        })
        .option('burst', {
          type: 'number',
          group: load,
          describe: 'The burst’s rate, as a multiple of the scenario’s peak rate [default: 10]',
        })
        .option('burst-duration', {
          type: 'string',
          group: load,
          describe: 'How long the burst lasts [default: 5s]',
        })
        .option('ramp-max', {
          type: 'number',
          group: load,
          describe: 'The ramp’s highest rate, per second [default: 1000]',
        })
        .option('ramp-step', {
          type: 'string',
          group: load,
          describe: 'How long each rate of the ramp lasts [default: 1s]',
        })
        .option('concurrency', {
          alias: 'c',
          type: 'number',
          group: load,
          describe: 'At most this many requests in flight during the load checks [default: 64]',
        })
        .option('timeout', {
          type: 'string',
          describe: 'An answer later than this fails [default: 10s, as VCC]',
        })
        .option('ca', {
          type: 'string',
          describe: 'A CA certificate (PEM file) to trust, for a test certificate',
        })
        .option('insecure', {
          type: 'boolean',
          default: false,
          describe: 'Accept any TLS certificate (the certificate check then warns)',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          group: output,
          describe: 'Print the report as JSON instead of the scorecard',
        })
        .option('junit', {
          type: 'string',
          group: output,
          describe: 'Also write the report as JUnit XML to this file, for CI',
        })
        .option('verbose', {
          alias: 'V',
          type: 'boolean',
          default: false,
          group: output,
          describe: 'Show the evidence of every check, not only of warnings and failures',
        })
        .example('$0 check http://127.0.0.1:3000/webhooks/vcc', 'Is my webhook ready for VCC?')
        .example(
          '$0 check $URL --probe http://127.0.0.1:3000/vcc-probe',
          'Also check what it stored (duplicates once, the right final state)',
        )
        .example('$0 check $URL --skip load --junit vcc-check.xml', 'In CI, quickly')
        .example('$0 check https://localhost:8443/hook --ca test-ca.pem', 'A test certificate')
        .epilogue(
          'Exit codes: 0 every check passed or warned; 1 a check failed; 2 usage or input error (no webhook at the URL).',
        ) as unknown as Argv<CheckArgs>,
    handler: async (args) => {
      const { runCheck } = await import('../run-check.js');
      await runCheck(context, args);
    },
  };
}

export type { CheckArgs };
