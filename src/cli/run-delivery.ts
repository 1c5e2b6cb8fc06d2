import { writeFile } from 'node:fs/promises';
import {
  generateWebhookSecret,
  webhookSecretProblem,
  type VccNotification,
} from '../contract/index.js';
import {
  createResumeWriter,
  maskWebhookUrl,
  openNdjsonWriter,
  pushNotifications,
  readResumeFile,
  type ChaosOptions,
  type DeliveryMode,
  type PushReport,
  type PushSource,
  type ResumeWriter,
  type Speed,
  type UndeliveredRecord,
} from '../delivery/http/index.js';
import { parseDuration } from '../engine/index.js';
import { VccSimError } from '../errors.js';
import type { CliContext, InterruptSignal } from './context.js';
import {
  DEFAULT_DEAD_LETTER_FILE,
  DEFAULT_RESUME_FILE,
  type DeliveryArgs,
} from './delivery-options.js';
import { formatAttempt, formatProgress, formatPushSummary } from './format-delivery.js';
import { usageError } from './usage-error.js';

/** Exit codes of a delivery: some notification was dead-lettered (1), or the run was interrupted. */
export const EXIT_UNDELIVERED = 1;
export const EXIT_INTERRUPTED = 130;

/** How a job's secret was chosen; recorded in resume files (the secret itself never is). */
type SecretSource = 'flag' | 'env' | 'generated' | 'none';

/** A job's settings as a resume file keeps them. */
type SavedJob = {
  command: string;
  url: string;
  /** The URL held credentials, so it was saved masked and must be given again. */
  urlMasked?: boolean;
  mode: DeliveryMode;
  secretSource: SecretSource;
  speed: Speed;
  maxRate?: number;
  concurrency: number;
  timeoutMs: number;
  maxAttempts: number;
  retryWindowMs: number;
  ordered: boolean;
  deadLetter: string;
  drainTimeoutMs: number;
  chaos?: ChaosOptions;
  seed: number;
  /** Where the notifications came from (scenario and seed, or a file), for people. */
  origin: Record<string, unknown>;
};

/** What a command hands to {@link runDelivery}. */
export type DeliveryJob = {
  command: 'push' | 'replay';
  url: string | undefined;
  /** Loads the notifications (not called when the job resumes from a file). */
  load: () => Promise<{
    source: PushSource;
    /** The pace the source suggests (a scenario's `speed`). */
    speed?: Speed;
    /** The seed of chaos and jitter. */
    seed?: number;
    /** Where the notifications come from, recorded in resume files. */
    origin: Record<string, unknown>;
  }>;
  defaultSpeed: Speed;
};

function durationMs(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDuration(text);
  if (ms === undefined) {
    throw usageError(`--${name} must be a duration such as 10s, 500ms or 1h (got "${value}").`);
  }
  return ms;
}

function share(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const percent = text.endsWith('%');
  const number = Number(percent ? text.slice(0, -1) : text);
  const rate = percent ? number / 100 : number;
  if (text === '' || !(rate >= 0 && rate <= 1)) {
    throw usageError(
      `--${name} must be a share between 0 and 1, or a percentage (got "${value}").`,
    );
  }
  return rate;
}

function parseSpeed(value: string | undefined): Speed | undefined {
  if (value === undefined) return undefined;
  if (value.trim().toLowerCase() === 'max') return 'max';
  const speed = Number(value);
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw usageError(`--speed must be a positive number or "max" (got "${value}").`);
  }
  return speed;
}

function wholeNumber(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) {
    throw usageError(`--${name} must be a whole number ≥ 1 (got ${value}).`);
  }
  return value;
}

function chaosOf(args: DeliveryArgs): ChaosOptions | undefined {
  const chaos: ChaosOptions = {};
  const set = (key: keyof ChaosOptions, value: number | undefined) => {
    if (value !== undefined) chaos[key] = value;
  };
  set('duplicate', share('chaos-duplicate', args.chaosDuplicate));
  set('reorder', share('chaos-reorder', args.chaosReorder));
  set('delay', share('chaos-delay', args.chaosDelay));
  set('delayMaxMs', durationMs('chaos-delay-max', args.chaosDelayMax));
  set('unsigned', share('chaos-unsigned', args.chaosUnsigned));
  set('staleSignature', share('chaos-stale-signature', args.chaosStaleSignature));
  set('wrongSignature', share('chaos-wrong-signature', args.chaosWrongSignature));
  return Object.keys(chaos).length > 0 ? chaos : undefined;
}

/** The secret to sign with, and where it came from; a generated one is printed once, on stderr. */
function resolveSecret(
  args: DeliveryArgs,
  context: CliContext,
  saved: SavedJob | undefined,
): { secret?: string; source: SecretSource } {
  if (!args.sign) return { source: 'none' };
  const fromEnv = context.env['VCC_WEBHOOK_SECRET'] || undefined;
  const given = args.secret ?? fromEnv;
  if (given !== undefined) {
    const secret = given.trim();
    const problem = webhookSecretProblem(secret);
    const from = args.secret !== undefined ? 'The --secret' : 'VCC_WEBHOOK_SECRET';
    if (problem) {
      throw usageError(`${from} ${problem}; a secret is base64 text of at least 32 bytes.`);
    }
    return { secret, source: args.secret !== undefined ? 'flag' : 'env' };
  }
  if (saved?.secretSource === 'generated') {
    throw usageError(
      'This job was signed with a secret generated when it started; pass the same one with --secret (or VCC_WEBHOOK_SECRET).',
    );
  }
  if (saved && saved.secretSource !== 'none') {
    throw usageError('This job was signed; pass its secret with --secret or VCC_WEBHOOK_SECRET.');
  }
  if (saved?.secretSource === 'none') return { source: 'none' };
  const secret = generateWebhookSecret();
  const colors = context.colors;
  context.stderr.write(
    `${colors.bold('Signing secret:')} ${secret}\n${colors.dim('(generated for this run and shown only now: configure your webhook with it, or pass --secret / set VCC_WEBHOOK_SECRET to choose one)')}\n`,
  );
  return { secret, source: 'generated' };
}

async function* notificationsOf(
  records: AsyncIterable<UndeliveredRecord>,
): AsyncGenerator<VccNotification> {
  for await (const record of records) yield record.notification;
}

/**
 * Runs a push or replay from the CLI: resolves settings (a resumed job's, overridden by options
 * given again), the secret and the files, handles Ctrl-C (first: stop and drain; second: cut),
 * shows progress on a terminal, prints the summary, and sets the exit code.
 */
export async function runDelivery(
  context: CliContext,
  args: DeliveryArgs,
  job: DeliveryJob,
): Promise<void> {
  const resumed = args.resume === undefined ? undefined : await readResumeFile(args.resume);
  if (resumed?.header.completed) {
    context.stdout.write(
      `Nothing to resume: the job in ${args.resume} finished at ${resumed.header.createdAt}.\n`,
    );
    return;
  }
  const saved = resumed?.header.job as SavedJob | undefined;

  let url = job.url ?? saved?.url;
  if (job.url === undefined && saved?.urlMasked) {
    throw usageError(
      'The job’s URL held credentials, which resume files do not keep; give the URL again.',
    );
  }
  if (url === undefined) throw usageError('Name the webhook URL, e.g. http://127.0.0.1:3000/.');
  url = url.trim();

  const loaded = resumed ? undefined : await job.load();
  const settings = {
    mode: args.mode ?? saved?.mode ?? 'structured',
    speed: parseSpeed(args.speed) ?? saved?.speed ?? loaded?.speed ?? job.defaultSpeed,
    maxRate: args.maxRate ?? saved?.maxRate,
    concurrency: wholeNumber('concurrency', args.concurrency) ?? saved?.concurrency ?? 32,
    timeoutMs: durationMs('timeout', args.timeout) ?? saved?.timeoutMs ?? 10_000,
    maxAttempts: wholeNumber('max-attempts', args.maxAttempts) ?? saved?.maxAttempts ?? 8,
    retryWindowMs: durationMs('retry-window', args.retryWindow) ?? saved?.retryWindowMs ?? 600_000,
    ordered: args.ordered ?? saved?.ordered ?? false,
    deadLetter: args.deadLetter ?? saved?.deadLetter ?? DEFAULT_DEAD_LETTER_FILE,
    drainTimeoutMs:
      durationMs('drain-timeout', args.drainTimeout) ?? saved?.drainTimeoutMs ?? 5_000,
    chaos: chaosOf(args) ?? saved?.chaos,
    seed: loaded?.seed ?? saved?.seed ?? 1,
  } satisfies Partial<SavedJob>;
  if (settings.maxRate !== undefined && !(settings.maxRate > 0)) {
    throw usageError(`--max-rate must be a number > 0 (got ${settings.maxRate}).`);
  }
  const { secret, source: secretSource } = resolveSecret(args, context, saved);
  const resumeFile = args.resumeFile ?? args.resume ?? DEFAULT_RESUME_FILE;
  const masked = maskWebhookUrl(url);
  const savedJob: SavedJob = {
    command: job.command,
    url: masked,
    ...(masked === url ? {} : { urlMasked: true }),
    secretSource,
    ...settings,
    origin: saved?.origin ?? loaded?.origin ?? {},
  };

  const source = resumed ? notificationsOf(resumed.records) : loaded!.source;
  const deadLetters = openNdjsonWriter(settings.deadLetter, { append: resumed !== undefined });
  let resumeWriter: ResumeWriter | undefined;

  const interrupt = new AbortController();
  const force = new AbortController();
  const colors = context.colors;
  const onSignal = (signal: InterruptSignal) => {
    if (!interrupt.signal.aborted) {
      interrupt.abort();
      context.stderr.write(
        `\n${colors.yellow(`${signal === 'SIGINT' ? 'Ctrl-C' : signal}:`)} stopping; waiting up to ${settings.drainTimeoutMs / 1000}s for requests in flight (again to stop at once)…\n`,
      );
    } else {
      force.abort();
    }
  };
  const unsubscribe = context.onInterrupt?.(onSignal);

  const showProgress = args.progress ?? context.stderr.isTTY === true;
  const clearLine = () => context.stderr.write('\r\u001b[2K');
  let report: PushReport;
  try {
    report = await pushNotifications(source, {
      url,
      mode: settings.mode,
      ...(secret === undefined ? {} : { secret }),
      speed: settings.speed,
      ...(settings.maxRate === undefined ? {} : { rate: settings.maxRate }),
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
      retry: { maxAttempts: settings.maxAttempts, retryWindowMs: settings.retryWindowMs },
      ordered: settings.ordered,
      ...(settings.chaos ? { chaos: settings.chaos } : {}),
      seed: settings.seed,
      signal: interrupt.signal,
      forceSignal: force.signal,
      drainTimeoutMs: settings.drainTimeoutMs,
      insecure: args.insecure,
      onDeadLetter: (record) => deadLetters.write(record),
      onUnsent: async (record) => {
        resumeWriter ??= await createResumeWriter(resumeFile, savedJob);
        await resumeWriter.write(record);
      },
      ...(args.verbose
        ? {
            onAttempt: (event) => {
              if (showProgress) clearLine();
              context.stdout.write(`${formatAttempt(event, colors)}\n`);
            },
          }
        : {}),
      ...(showProgress
        ? {
            onProgress: (progress) => {
              clearLine();
              context.stderr.write(formatProgress(progress, colors));
            },
          }
        : {}),
    });
  } finally {
    unsubscribe?.();
    if (showProgress) clearLine();
    await deadLetters.close();
  }
  await resumeWriter?.close();
  if (resumed && !report.interrupted && args.resume !== undefined) {
    // Everything is delivered or dead-lettered: mark the file done, so resuming again sends nothing.
    const done = await createResumeWriter(args.resume, savedJob, { completed: true });
    await done.close();
  }

  const files = {
    ...(report.deadLettered > 0 ? { deadLetter: deadLetters.path } : {}),
    ...(resumeWriter
      ? {
          resume: resumeWriter.path,
          resumeCommand: `vcc-sim ${job.command} --resume ${resumeWriter.path}${savedJob.urlMasked ? ' <url>' : ''}${secretSource === 'flag' || secretSource === 'generated' ? ' --secret …' : ''}`,
        }
      : {}),
  };
  context.stdout.write(formatPushSummary(report, files, colors));
  if (args.report !== undefined) {
    await writeFile(args.report, `${JSON.stringify({ ...report, files }, null, 2)}\n`);
  }
  if (report.interrupted?.reason === 'source-error') {
    throw new VccSimError(
      'input',
      report.interrupted.message ?? 'The notifications could not be read.',
    );
  }
  if (report.interrupted) context.exitCode = EXIT_INTERRUPTED;
  else if (report.deadLettered > 0 || (report.chaos?.badSignatures.accepted ?? 0) > 0) {
    context.exitCode = EXIT_UNDELIVERED;
  }
}
