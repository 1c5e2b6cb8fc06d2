import type { CommandModule } from 'yargs';
import type { ChannelNotification } from '../../contract/index.js';
import type { CliContext } from '../context.js';
import { restoreDash } from '../dash-argument.js';
import { deliveryOptions, type DeliveryArgs } from '../delivery-options.js';
import { usageError } from '../usage-error.js';

interface ReplayArgs extends DeliveryArgs {
  file?: string;
  url?: string;
  seed?: number;
}

/** `vcc-sim replay <file> <url>`: deliver recorded notifications with push's machinery. */
export function replayCommand(context: CliContext): CommandModule<object, ReplayArgs> {
  return {
    command: 'replay [file] [url]',
    describe: 'Deliver recorded notifications (NDJSON, JSON, dead letters) to a webhook, like push',
    builder: (yargs) =>
      deliveryOptions(
        yargs
          .positional('file', {
            type: 'string',
            describe:
              'Notifications from "vcc-sim generate", real captures, or a dead-letter file; "-" reads stdin',
          })
          .positional('url', { type: 'string', describe: 'The webhook' })
          .option('seed', {
            type: 'number',
            describe: 'Seed of chaos decisions and retry jitter [default: 1]',
          }),
      )
        .example('$0 replay day.ndjson http://127.0.0.1:4000/', 'As fast as allowed')
        .example('$0 replay capture.ndjson $URL --speed 1', 'At the pace they were recorded')
        .example('$0 replay vcc-sim-dead-letters.ndjson $URL', 'Try dead letters again')
        .epilogue(
          'Exit codes: 0 everything delivered; 1 something was dead-lettered, or the webhook accepted a bad signature; 2 usage or input error; 130 interrupted (see the resume file).',
        ),
    handler: async (args) => {
      /** The notifications of a file (or stdin), records unwrapped, headers and marks skipped. */
      async function notificationsOf(path: string): Promise<AsyncGenerator<ChannelNotification>> {
        const { readNotificationFile } = await import('../../delivery/file/index.js');
        const { notificationOfRecord } = await import('../../delivery/http/index.js');
        return (async function* () {
          for await (const { value } of readNotificationFile(path, context.stdin)) {
            const notification = notificationOfRecord(value);
            if (notification !== undefined) yield notification as ChannelNotification;
          }
        })();
      }
      let file = args.file === undefined ? undefined : restoreDash(args.file);
      let url = args.url;
      // With --resume the file is the resume file, so a lone positional is the URL.
      if (
        args.resume !== undefined &&
        url === undefined &&
        file !== undefined &&
        /^https?:/i.test(file)
      ) {
        url = file;
        file = undefined;
      }
      if (args.resume === undefined && (file === undefined || url === undefined)) {
        throw usageError(
          'Name the file to replay and the webhook URL: vcc-sim replay <file> <url>.',
        );
      }
      if (args.seed !== undefined && !Number.isInteger(args.seed)) {
        throw usageError(`--seed must be a whole number (got ${args.seed}).`);
      }
      const { runDelivery } = await import('../run-delivery.js');
      await runDelivery(context, args, {
        command: 'replay',
        url,
        defaultSpeed: 'max',
        load: async () => ({
          source: await notificationsOf(file!),
          seed: args.seed ?? 1,
          origin: { file: file! },
          rebuild: { file: file! },
        }),
        reload: async (saved, job) => {
          const kept = typeof saved?.['file'] === 'string' ? saved['file'] : undefined;
          const path = file ?? (kept === '-' ? undefined : kept);
          if (path === undefined) {
            throw usageError(
              `The job in ${job.path} read ${job.taken} notifications from ${kept === '-' ? 'standard input' : 'its input'} before it stopped; give the same input again to finish it: vcc-sim replay <file> --resume ${job.path}.`,
            );
          }
          return notificationsOf(path);
        },
      });
    },
  };
}
