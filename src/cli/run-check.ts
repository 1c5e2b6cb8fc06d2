import { randomInt } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { checkPositive, checkStart, parseDurationMs } from '../delivery-core/index.js';
import { CHECK_DEFAULTS, checkReportToJUnit, checkWebhook } from '../delivery/check/index.js';
import { checkOutputFile, writeFileAtomic } from '../delivery/http/output-files.js';
import { VccSimError } from '../errors.js';
import { announceStart } from './announce-start.js';
import type { CliContext } from './context.js';
import { formatCheckHeader, formatCheckLine, formatCheckSummary } from './format-check.js';
import { givenSecret } from './given-secret.js';
import { scenarioFromArgs, shardFromArgs } from './scenario-options.js';
import { usageError } from './usage-error.js';

/** The options of `vcc-sim check`, as yargs parses them. */
export interface CheckArgs {
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
  shard?: string;
  shards?: string;
  'shard-index-env'?: string;
  startAt?: string;
  report?: string;
  timeout?: string;
  ca?: string;
  insecure: boolean;
  json: boolean;
  junit?: string;
  verbose: boolean;
}

/** Exit code when a check failed. */
const EXIT_FAILED = 1;

async function readCa(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new VccSimError(
      'input',
      `Cannot read the --ca file "${path}": ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** A seed from the shards' shared start: every shard given it sends its part of the same burst. */
function seedOfStart(startAtMs: number | undefined): number {
  if (startAtMs === undefined) {
    throw usageError(
      'The shards of a burst must send parts of the same one: give them all the same --seed, or the same --start-at (the seed then follows from it).',
    );
  }
  return (Math.floor(startAtMs / 1000) % 999_999) + 1;
}

/** Runs `vcc-sim check`: parses the options, runs the checks, prints the scorecard (or JSON). */
export async function runCheck(context: CliContext, args: CheckArgs): Promise<void> {
  if (args.url === undefined)
    throw usageError('Name the webhook URL, e.g. http://127.0.0.1:3000/webhooks/vcc.');
  const secret = givenSecret(args.secret, context);
  if (secret === undefined) {
    throw usageError(
      'check signs like VCC, with the secret your webhook verifies: give --secret or set VCC_WEBHOOK_SECRET.',
    );
  }
  const whole = (flag: string, value: number | undefined) =>
    value === undefined ? undefined : checkPositive(`--${flag}`, value, { integer: true });
  const positive = (flag: string, value: number | undefined) =>
    value === undefined ? undefined : checkPositive(`--${flag}`, value);
  const duration = (flag: string, text: string | undefined) =>
    text === undefined ? undefined : parseDurationMs(`--${flag}`, text);
  for (const status of args.allowStatus ?? []) {
    if (!Number.isInteger(status) || status < 400 || status > 499) {
      throw usageError(
        `--allow-status takes documented 4xx statuses (got ${status}): VCC retries anything but 200–205.`,
      );
    }
  }
  const { scenario } = await scenarioFromArgs({
    scenario: args.scenario ?? CHECK_DEFAULTS.scenario,
    ...(args.override ? { override: args.override } : {}),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
  });
  // Before the burst, not after it: a report that cannot be written would waste the run.
  if (args.report !== undefined) await checkOutputFile(args.report, 'the report');
  const shard = await shardFromArgs(args, context.env);
  const startAt =
    args.startAt === undefined ? undefined : checkStart('--start-at', args.startAt, Date.now());
  // Chosen here when not given, so the scorecard can show it before the first check ends. Shards
  // must draw the same burst: theirs follows from their shared start.
  const seed = args.seed ?? (shard ? seedOfStart(startAt) : randomInt(1, 1_000_000));
  const burstFactor = positive('burst', args.burst);
  const burstDurationMs = duration('burst-duration', args.burstDuration);
  const rampMaxRate = positive('ramp-max', args.rampMax);
  const rampStepMs = duration('ramp-step', args.rampStep);
  const timeoutMs = duration('timeout', args.timeout);
  const concurrency = whole('concurrency', args.concurrency);
  const ca = await readCa(args.ca);
  const colors = context.colors;
  if (startAt !== undefined) announceStart(context, startAt);
  let group: string | undefined;
  const report = await checkWebhook({
    url: args.url,
    secret,
    scenario,
    seed,
    ...(args.events ? { events: args.events } : {}),
    ...(args['documented-only'] ? { documentedOnly: true } : {}),
    ...(args.mode ? { mode: args.mode } : {}),
    ...(args.only ? { only: args.only } : {}),
    ...(args.skip ? { skip: args.skip } : {}),
    ...(args.allowStatus ? { allowStatus: args.allowStatus } : {}),
    ...(args.probe === undefined ? {} : { probe: args.probe }),
    ...(burstFactor === undefined && burstDurationMs === undefined
      ? {}
      : {
          burst: {
            ...(burstFactor === undefined ? {} : { factor: burstFactor }),
            ...(burstDurationMs === undefined ? {} : { durationMs: burstDurationMs }),
          },
        }),
    ...(rampMaxRate === undefined && rampStepMs === undefined
      ? {}
      : {
          ramp: {
            ...(rampMaxRate === undefined ? {} : { maxRate: rampMaxRate }),
            ...(rampStepMs === undefined ? {} : { stepMs: rampStepMs }),
          },
        }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(shard ? { shard: { index: shard.index, count: shard.count } } : {}),
    ...(startAt === undefined ? {} : { startAt }),
    ...(ca === undefined ? {} : { ca }),
    insecure: args.insecure,
    onResult: (result) => {
      if (args.json) return;
      if (group === undefined) {
        context.stdout.write(
          formatCheckHeader(
            args.url!,
            { scenario: scenario.definition.name, seed, ...(shard ? { shard } : {}) },
            colors,
          ),
        );
      }
      context.stdout.write(formatCheckLine(result, group, args.verbose, colors));
      group = result.group;
    },
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (args.json) context.stdout.write(json);
  else context.stdout.write(formatCheckSummary(report, colors));
  if (args.report !== undefined) writeFileAtomic(args.report, json, 'the report');
  if (args.junit !== undefined) await writeFile(args.junit, checkReportToJUnit(report));
  if (!report.ok) context.exitCode = EXIT_FAILED;
}
