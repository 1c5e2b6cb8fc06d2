import type { Argv, CommandModule } from 'yargs';
import { CHECK_DEFAULTS } from '../../delivery/check/defaults.js';
import type { CliContext } from '../context.js';
import type { CheckArgs } from '../run-check.js';

/** A default duration as a person types it: `5s`. */
const seconds = (ms: number) => `${ms / 1000}s`;

/** `vcc-sim check <url>`: is this webhook ready for VCC? */
export function checkCommand(context: CliContext): CommandModule<object, CheckArgs> {
  const checks = 'Checks:';
  const load = 'Load:';
  const output = 'Output:';
  const shards = 'Shards (one burst split across processes or machines):';
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
          describe: `Event types the webhook is subscribed to, * wildcards allowed [default: ${CHECK_DEFAULTS.events}]`,
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
          describe: `Where notifications and the peak rate come from: a built-in scenario or a file [default: ${CHECK_DEFAULTS.scenario}]`,
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
          describe: `The burst’s rate, as a multiple of the scenario’s peak rate [default: ${CHECK_DEFAULTS.burstFactor}]`,
        })
        .option('burst-duration', {
          type: 'string',
          group: load,
          describe: `How long the burst lasts [default: ${seconds(CHECK_DEFAULTS.burstDurationMs)}]`,
        })
        .option('ramp-max', {
          type: 'number',
          group: load,
          describe: `The ramp’s highest rate, per second [default: ${CHECK_DEFAULTS.rampMaxRate}]`,
        })
        .option('ramp-step', {
          type: 'string',
          group: load,
          describe: `How long each rate of the ramp lasts [default: ${seconds(CHECK_DEFAULTS.rampStepMs)}]`,
        })
        .option('concurrency', {
          alias: 'c',
          type: 'number',
          group: load,
          describe: `At most this many requests in flight during the load checks [default: ${CHECK_DEFAULTS.concurrency}]`,
        })
        .option('shard', {
          type: 'string',
          group: shards,
          describe:
            'Send shard i of n of the burst (i from 0 to n-1, with --only burst): every n-th notification at its instant, so the n shards send the whole burst at its rate',
        })
        .option('shards', {
          type: 'string',
          group: shards,
          describe:
            'Send one of n shards of the burst, its index read from $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job sets it)',
        })
        .option('shard-index-env', {
          type: 'string',
          group: shards,
          describe:
            'With --shards: the environment variable holding the index [default: JOB_COMPLETION_INDEX]',
        })
        .option('start-at', {
          type: 'string',
          group: shards,
          describe:
            'Start the burst at this instant (ISO 8601 with its zone): shards given the same start together, and, without --seed, send the same burst',
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
        .option('report', {
          type: 'string',
          group: output,
          describe:
            'Also write the report as JSON to this file; "vcc-sim report merge" adds up the bursts of shards',
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
        .example(
          '$0 check $URL --only burst --burst 50 --shard 0/4 --start-at 2026-01-05T09:00:00Z --report burst-0.json',
          'Shard 0 of 4 of one burst: run 0/4 … 3/4 anywhere, then "report merge burst-*.json"',
        )
        .epilogue(
          'Exit codes: 0 every check passed or warned; 1 a check failed; 2 usage or input error (no webhook at the URL).',
        ) as unknown as Argv<CheckArgs>,
    handler: async (args) => {
      const { runCheck } = await import('../run-check.js');
      await runCheck(context, args);
    },
  };
}
