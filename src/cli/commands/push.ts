import type { CommandModule } from 'yargs';
import type { CliContext } from '../context.js';
import { usageError } from '../usage-error.js';
import { deliveryOptions, type DeliveryArgs } from '../delivery-options.js';
import { scenarioFromArgs, scenarioOptions, type ScenarioArgs } from '../scenario-options.js';

interface PushArgs extends ScenarioArgs, DeliveryArgs {
  url?: string;
}

/** `vcc-sim push <url>`: play a scenario to a webhook, as VCC delivers. */
export function pushCommand(context: CliContext): CommandModule<object, PushArgs> {
  return {
    command: 'push [url]',
    describe: 'Play a scenario to a webhook as VCC would: signed, paced, retried, nothing lost',
    builder: (yargs) =>
      deliveryOptions(
        scenarioOptions(
          yargs.positional('url', {
            type: 'string',
            describe: 'The webhook, e.g. http://127.0.0.1:3000/webhooks/vcc',
          }),
        ),
      )
        .example('$0 push http://127.0.0.1:4000/ --secret "$SECRET"', 'Real time, signed')
        .example(
          "$0 push $URL -s contact-centre-day -e 'channel.*' --speed 60",
          'A day of every event, sixty times faster',
        )
        .example('$0 push $URL --speed max --calls 10000 -c 64', 'As fast as the webhook takes it')
        .example(
          '$0 push $URL --chaos-duplicate 5% --chaos-reorder 5% --chaos-stale-signature 2%',
          'Test a consumer the way VCC will',
        )
        .example('$0 push --resume vcc-sim-resume.ndjson', 'Finish an interrupted push')
        .example(
          '$0 push $URL --shard 0/4 --start-at 2026-01-05T09:00:00Z --report shard-0.json',
          'Shard 0 of 4: run 0/4 … 3/4 anywhere, then "report merge shard-*.json"',
        )
        .epilogue(
          'Exit codes: 0 everything delivered; 1 something was dead-lettered, or the webhook accepted a bad signature; 2 usage or input error; 130 interrupted (see the resume file).',
        ),
    handler: async (args) => {
      const { runDelivery } = await import('../run-delivery.js');
      await runDelivery(context, args, {
        command: 'push',
        url: args.url,
        defaultSpeed: 1,
        load: async () => {
          // The engine's JSON text: the exact bytes to send, made faster than JSON.stringify.
          const { planShard, simulateJson } = await import('../../engine/index.js');
          const { scenario, options } = await scenarioFromArgs(args, context.env);
          const seed = options.seed ?? scenario.definition.seed ?? 1;
          // A shard paces from the whole run's first notification, so the shards keep its schedule.
          const plan = options.shard
            ? planShard(scenario, { ...options, shard: options.shard })
            : undefined;
          return {
            source: simulateJson(scenario, options),
            ...(plan
              ? {
                  shard: { index: plan.index, count: plan.count, by: plan.by, teams: plan.teams },
                  ...(plan.firstTime === undefined ? {} : { paceFrom: plan.firstTime }),
                }
              : {}),
            ...(scenario.definition.speed === undefined
              ? {}
              : { speed: scenario.definition.speed }),
            seed,
            origin: {
              scenario: scenario.source,
              seed,
              ...(args.events ? { events: args.events } : {}),
              ...(args.calls === undefined ? {} : { calls: args.calls }),
              ...(plan ? { shard: `${plan.index}/${plan.count}` } : {}),
            },
            // What a crash-cut job needs to play the rest: the scenario as run, and the options.
            rebuild: { scenario: scenario.source, definition: scenario.definition, options },
          };
        },
        reload: async (saved, job) => {
          const { parseScenario, simulateJson } = await import('../../engine/index.js');
          const definition = saved?.['definition'];
          const options = saved?.['options'];
          if (
            definition === null ||
            typeof definition !== 'object' ||
            options === null ||
            typeof options !== 'object'
          ) {
            throw usageError(
              `The job in ${job.path} stopped before its scenario ended, and its file does not say which scenario it played; it cannot be finished.`,
            );
          }
          const name = typeof saved?.['scenario'] === 'string' ? saved['scenario'] : job.path;
          return simulateJson(parseScenario(definition, name), options);
        },
      });
    },
  };
}
