import type { Argv, CommandModule } from 'yargs';
import type { AnyCommand, CliContext } from '../context.js';
import { usageError } from '../usage-error.js';
import { checkCommand } from './check.js';
import { pushCommand } from './push.js';

interface JobArgs {
  shards: string;
  image: string;
  name?: string;
  namespace?: string;
  'secret-name': string;
  'secret-key': string;
  cpu: string;
  memory: string;
  'backoff-limit-per-index': number;
  'report-volume'?: string;
  '--'?: string[];
}

/** More shards than this is not a load test of one webhook. */
const MOST_SHARDS = 10_000;
/** A Kubernetes name that is also a DNS label (RFC 1123): what Job, pod and label values accept. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A Secret's name (DNS subdomain) and a key in it. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
/** A resource quantity: `1`, `500m`, `256Mi`, `1.5Gi`. */
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
/** Options the job sets itself, per shard, or that would put the secret in the manifest. */
const SET_BY_THE_JOB = ['shard', 'shards', 'shard-index-env', 'report', 'json', 'resume'] as const;

function checked(flag: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw usageError(`--${flag} must be ${what} (got "${value}").`);
  return value;
}

/** The commands a job can split into shards. */
type ShardedCommand = 'push' | 'check';

/**
 * The command after `--` (`push`, or `check … --only burst`), parsed by its own options: mistakes
 * show here, not in 8 pods.
 */
async function parsedCommandArgs(words: string[], context: CliContext) {
  const command = words[0];
  if (command !== 'push' && command !== 'check') {
    throw usageError(
      `Give the push (or the check burst) to run after "--", e.g. vcc-sim k8s job --shards 8 --image IMAGE -- push https://… (got "${words.join(' ')}").`,
    );
  }
  const { default: yargs } = await import('yargs');
  const module = command === 'push' ? pushCommand(context) : checkCommand(context);
  let parsed: Record<string, unknown> | undefined;
  await yargs(words)
    .locale('en')
    .strict()
    .help(false)
    .version(false)
    .fail((message, error) => {
      if (error) throw error;
      throw usageError(`In the ${command} arguments: ${message}`);
    })
    .command({
      ...(module as CommandModule),
      handler: (argv: Record<string, unknown>) => void (parsed = argv),
    })
    .parseAsync();
  const only = parsed!['only'];
  // Every pod would run every check: only the burst divides into shards.
  if (command === 'check' && !(Array.isArray(only) && only.length === 1 && only[0] === 'burst')) {
    throw usageError(
      `Only the burst splits into shards: give "check <url> --only burst …" after "--" (got ${Array.isArray(only) ? `--only ${only.join(' ')}` : 'no --only'}).`,
    );
  }
  // Each pod plays its share of one burst only if they all play the same one (check refuses too).
  if (command === 'check' && parsed!['seed'] === undefined && parsed!['startAt'] === undefined) {
    throw usageError(
      'The shards of a burst must send parts of the same one: add --start-at <an instant a few minutes ahead> (or --seed) to the check arguments.',
    );
  }
  return { command: command as ShardedCommand, args: parsed! };
}

/** `vcc-sim k8s job`: a Kubernetes Indexed Job manifest that runs a push as n shards. */
function k8sJobCommand(context: CliContext): CommandModule<object, JobArgs> {
  return {
    command: 'job',
    describe:
      'Print a Kubernetes Indexed Job that runs a push (or a check burst) as n shards, and how to merge their reports',
    builder: (yargs) =>
      yargs
        .parserConfiguration({ 'populate--': true, 'parse-positional-numbers': false })
        .usage(
          '$0 k8s job --shards <n> --image <image> [options] -- push <url> [push options]\n$0 k8s job --shards <n> --image <image> [options] -- check <url> --only burst [check options]',
        )
        .option('shards', {
          type: 'string',
          demandOption: true,
          describe: 'How many shards (pods, each one part of the run): completions = parallelism',
        })
        .option('image', {
          type: 'string',
          demandOption: true,
          describe: 'The container image: one built from the Dockerfile of vcc-sim',
        })
        .option('name', {
          type: 'string',
          describe: 'The Job’s name [default: vcc-sim-push, or vcc-sim-check for a check burst]',
        })
        .option('namespace', { type: 'string', describe: 'The Job’s namespace' })
        .option('secret-name', {
          type: 'string',
          default: 'vcc-sim-webhook',
          describe:
            'The Kubernetes Secret holding the webhook secret (read into $VCC_WEBHOOK_SECRET)',
        })
        .option('secret-key', {
          type: 'string',
          default: 'secret',
          describe: 'Its key',
        })
        .option('cpu', { type: 'string', default: '1', describe: 'CPU request of each pod' })
        .option('memory', {
          type: 'string',
          default: '512Mi',
          describe: 'Memory request (and limit) of each pod',
        })
        .option('backoff-limit-per-index', {
          type: 'number',
          default: 1,
          describe:
            'Retries of a shard that crashed (a retried shard sends its notifications again); exit 1 and 2 are never retried',
        })
        .option('report-volume', {
          type: 'string',
          describe:
            'A PersistentVolumeClaim (ReadWriteMany) for the reports [default: none, each pod prints its report on stdout]',
        })
        .example(
          '$0 k8s job --shards 8 --image ghcr.io/acme/vcc-sim:0.1.0 -- push https://hooks.example/vcc -s contact-centre-day --speed 60 | kubectl apply -f -',
          'Eight pods, one run',
        )
        .example(
          '$0 k8s job --shards 4 --image ghcr.io/acme/vcc-sim:0.1.0 -- check https://hooks.example/vcc --only burst --burst 100 --start-at 2026-01-05T09:00:00Z',
          'One burst at 100× the scenario’s peak rate, from four pods',
        )
        .epilogue(
          'The secret never goes into the manifest: each pod reads it from the Secret. Nothing coordinates the shards but the index Kubernetes gives each pod; add --start-at to the push so they start together.',
        ),
    handler: async (args) => {
      const { parseShardCount } = await import('../../delivery-core/option-values.js');
      const { collectCommands, jobManifest } = await import('../k8s-manifest.js');
      const { stringify } = await import('yaml');
      const shards = parseShardCount('--shards', args.shards);
      if (shards > MOST_SHARDS) {
        throw usageError(
          `--shards must be at most ${MOST_SHARDS.toLocaleString('en-US')} (got ${shards}).`,
        );
      }
      const words = (args['--'] ?? []).map(String);
      const { command, args: push } = await parsedCommandArgs(words, context);
      if (push['secret'] !== undefined) {
        throw usageError(
          `--secret would write the secret into the manifest: put it in the Kubernetes Secret "${args['secret-name']}" instead (each pod reads it into VCC_WEBHOOK_SECRET).`,
        );
      }
      for (const option of SET_BY_THE_JOB) {
        if (push[option] !== undefined && push[option] !== false) {
          throw usageError(
            `Leave --${option} out of the ${command} arguments: the job sets it for each shard.`,
          );
        }
      }
      if (push['url'] === undefined)
        throw usageError(`Name the webhook URL in the ${command} arguments.`);
      if (
        !Number.isSafeInteger(args['backoff-limit-per-index']) ||
        args['backoff-limit-per-index'] < 0
      ) {
        throw usageError(
          `--backoff-limit-per-index must be a whole number of 0 or more (got ${args['backoff-limit-per-index']}).`,
        );
      }
      const image = args.image.trim();
      if (image === '' || /\s/.test(image))
        throw usageError(`--image must be an image reference (got "${args.image}").`);
      // A check always signs; a push unless --no-sign.
      const signed = push['sign'] !== false;
      const options = {
        command,
        name: checked(
          'name',
          args.name ?? `vcc-sim-${command}`,
          DNS_LABEL,
          'a DNS label: lowercase letters, digits and -, at most 63',
        ),
        ...(args.namespace === undefined
          ? {}
          : { namespace: checked('namespace', args.namespace, DNS_LABEL, 'a DNS label') }),
        image,
        shards,
        commandArgs: words,
        ...(signed
          ? {
              secret: {
                name: checked(
                  'secret-name',
                  args['secret-name'],
                  DNS_SUBDOMAIN,
                  'a Kubernetes name',
                ),
                key: checked('secret-key', args['secret-key'], SECRET_KEY, 'a Secret key'),
              },
            }
          : {}),
        cpu: checked('cpu', args.cpu, QUANTITY, 'a quantity such as 1 or 500m'),
        memory: checked('memory', args.memory, QUANTITY, 'a quantity such as 512Mi'),
        backoffLimitPerIndex: args['backoff-limit-per-index'],
        ...(args['report-volume'] === undefined
          ? {}
          : {
              reportClaim: checked(
                'report-volume',
                args['report-volume'],
                DNS_SUBDOMAIN,
                'a claim name',
              ),
            }),
      };
      const comment = (lines: string[]) => lines.map((line) => `# ${line}`.trimEnd()).join('\n');
      const scenario = push['scenario'];
      const notes = [
        `vcc-sim k8s job: \`vcc-sim ${words.join(' ')}\` as ${shards} shards of one ${command === 'push' ? 'run' : 'burst'} (an Indexed Job).`,
        `Each pod plays shard $JOB_COMPLETION_INDEX of ${shards} (${command} --shards ${shards}) and ${options.reportClaim ? `writes its report to the volume ${options.reportClaim}` : 'prints its report on stdout'}.`,
        ...(options.secret
          ? [
              `The webhook secret comes from the Secret "${options.secret.name}" (key "${options.secret.key}"); create it first, e.g.`,
              `  kubectl create secret generic ${options.secret.name}${options.namespace ? ` -n ${options.namespace}` : ''} --from-file=${options.secret.key}=webhook-secret.txt`,
            ]
          : []),
        ...(push['startAt'] === undefined
          ? [
              'Pods start when they are scheduled: add --start-at <an instant a few minutes ahead> to the',
              `${command} arguments so that every shard starts together.`,
            ]
          : []),
        ...(typeof scenario === 'string' && /\.(ya?ml|json)$/i.test(scenario)
          ? [`The scenario file ${scenario} must be in the image or a volume mounted under /work.`]
          : []),
        'Apply: this output | kubectl apply -f -',
      ];
      context.stdout.write(
        `${comment(notes)}\n${stringify(jobManifest(options), { lineWidth: 0, aliasDuplicateObjects: false })}${comment(
          [
            'When the job is done, collect the shards’ reports and merge them:',
            ...collectCommands(options).map((line) => `  ${line}`),
          ],
        )}\n`,
      );
    },
  };
}

/** The `k8s` subcommands. */
export function k8sSubcommands(context: CliContext): AnyCommand[] {
  return [k8sJobCommand(context)];
}

/** `vcc-sim k8s <command>`: run vcc-sim on Kubernetes. Alone, it prints its help. */
export function k8sCommand(context: CliContext): CommandModule {
  let k8s: Argv | undefined;
  return {
    command: 'k8s',
    describe: 'Run vcc-sim on Kubernetes: an Indexed Job of push (or check burst) shards',
    builder: (yargs) => {
      k8s = yargs.usage('$0 k8s <command> [options]');
      for (const command of k8sSubcommands(context)) k8s.command(command);
      return k8s;
    },
    handler: async () => {
      context.stdout.write(`${await k8s!.getHelp()}\n`);
    },
  };
}
