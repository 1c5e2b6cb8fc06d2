import { readFile } from 'node:fs/promises';
import type { PartyRole } from '../contract/index.js';
import { parseDurationMs } from '../delivery-core/index.js';
import { describeAnswer, triggerNotification } from '../delivery/check/index.js';
import { VccSimError } from '../errors.js';
import { countOf } from '../internal/count.js';
import type { CliContext } from './context.js';
import { givenSecret } from './given-secret.js';
import { scenarioFromArgs } from './scenario-options.js';
import { usageError } from './usage-error.js';

/** The options of `vcc-sim trigger`, as yargs parses them. */
export interface TriggerArgs {
  type?: string;
  to?: string;
  role?: string;
  override?: string[];
  lifecycle: boolean;
  events?: string[];
  scenario?: string;
  seed?: number;
  secret?: string;
  sign: boolean;
  mode?: 'structured' | 'binary';
  timeout?: string;
  ca?: string;
  insecure: boolean;
  json: boolean;
}

/** Exit code when the webhook did not answer 200–205. */
const EXIT_NOT_DELIVERED = 1;

/** Runs `vcc-sim trigger`: builds the notification(s), sends them, prints each with its answer. */
export async function runTrigger(context: CliContext, args: TriggerArgs): Promise<void> {
  if (args.type === undefined) {
    throw usageError(
      'Name the event type to send, e.g. vcc-sim trigger channel.connected.v0 --to <url>.',
    );
  }
  if (args.to === undefined)
    throw usageError('Say where to send it: --to <url>, e.g. --to http://127.0.0.1:4000/.');
  const secret = args.sign ? givenSecret(args.secret, context) : undefined;
  if (args.sign && secret === undefined) {
    throw usageError(
      'trigger signs like VCC, with the secret your webhook verifies: give --secret or set VCC_WEBHOOK_SECRET (or --no-sign).',
    );
  }
  const scenario =
    args.scenario === undefined
      ? undefined
      : (await scenarioFromArgs({ scenario: args.scenario })).scenario;
  let ca: string | undefined;
  if (args.ca !== undefined) {
    try {
      ca = await readFile(args.ca, 'utf8');
    } catch (error) {
      throw new VccSimError(
        'input',
        `Cannot read the --ca file "${args.ca}": ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  if (args.seed !== undefined && !(Number.isSafeInteger(args.seed) && args.seed >= 0)) {
    throw usageError(`--seed must be a whole number of 0 or more (got ${args.seed}).`);
  }
  const result = await triggerNotification({
    type: args.type,
    url: args.to,
    ...(secret === undefined ? {} : { secret }),
    ...(args.role === undefined ? {} : { role: args.role as PartyRole }),
    ...(args.override ? { overrides: args.override } : {}),
    lifecycle: args.lifecycle,
    ...(args.events ? { events: args.events } : {}),
    ...(scenario ? { scenario } : {}),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.mode ? { mode: args.mode } : {}),
    ...(args.timeout === undefined
      ? {}
      : { timeoutMs: parseDurationMs('--timeout', args.timeout) }),
    ...(ca === undefined ? {} : { ca }),
    insecure: args.insecure,
  });
  const colors = context.colors;
  if (args.json) {
    context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const { notification, exchange } of result.sent) {
      context.stdout.write(
        `${colors.bold('→ POST')} ${args.to}\n${JSON.stringify(notification, null, 2)}\n`,
      );
      const answer = exchange.answer;
      const ok = 'status' in answer && answer.status >= 200 && answer.status <= 205;
      const body = 'body' in answer && answer.body ? `\n${answer.body}` : '';
      const how = `${exchange.sent.signature === 'valid' ? 'signed' : exchange.sent.signature}, ${exchange.sent.mode} mode, ${countOf(exchange.sent.bytes, 'byte')}`;
      context.stdout.write(
        `${ok ? colors.green('←') : colors.red('←')} ${describeAnswer(answer)} ${colors.dim(`(${how})`)}${body}\n\n`,
      );
    }
  }
  if (!result.delivered) context.exitCode = EXIT_NOT_DELIVERED;
}
