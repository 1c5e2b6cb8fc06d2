import { rmSync } from 'node:fs';
import { generateWebhookSecret, webhookSecretProblem } from '../contract/index.js';
import {
  DELIVERY_DEFAULTS,
  checkStart,
  checkPositive,
  parseDurationMs,
  parseShare,
  parseWebhookUrl,
  parseSpeed,
  type ChaosOptions,
  type SecretSource,
} from '../delivery-core/index.js';
import { checkOutputFile, writeFileAtomic } from '../delivery/http/output-files.js';
import {
  maskWebhookUrl,
  openJob,
  pushNotifications,
  type OpenedJob,
  type PushOptions,
  type PushReport,
  type PushSource,
  type Speed,
} from '../delivery/http/index.js';
import type { ShardLabel } from '../delivery-core/merge-reports.js';
import { VccSimError } from '../errors.js';
import { announceStart } from './announce-start.js';
import type { CliContext, InterruptSignal } from './context.js';
import {
  DEFAULT_DEAD_LETTER_FILE,
  DEFAULT_RESUME_FILE,
  type DeliveryArgs,
} from './delivery-options.js';
import {
  fitToWidth,
  formatAttempt,
  formatProgress,
  formatPushSummary,
  type DeliveryFiles,
} from './format-delivery.js';
import { usageError } from './usage-error.js';

/** Exit codes of a delivery: some notification was dead-lettered (1), or the run was interrupted. */
const EXIT_UNDELIVERED = 1;
const EXIT_INTERRUPTED = 130;

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
    /** Where the notifications come from, recorded in job files. */
    origin: Record<string, unknown>;
    /** How to rebuild the source on resume, kept in the job file. */
    rebuild?: Record<string, unknown>;
    /** The scenario instant due at the start: the whole run's first, for a shard. */
    paceFrom?: string;
    /** The shard of the run the source is, recorded in the report. */
    shard?: ShardLabel;
  }>;
  /**
   * The source of a job a crash cut before its source ended, rebuilt from what `load` kept
   * (`rebuild`): the library skips what the job had taken.
   */
  reload: (saved: Record<string, unknown> | undefined, job: OpenedJob) => Promise<PushSource>;
  defaultSpeed: Speed;
};

/** Parses an option's text with a core parser, naming the flag. */
function parsed<T>(
  flag: string,
  text: string | undefined,
  parse: (name: string, text: string) => T,
) {
  return text === undefined ? undefined : parse(`--${flag}`, text);
}

function wholeNumber(flag: string, value: number | undefined): number | undefined {
  return value === undefined ? undefined : checkPositive(`--${flag}`, value, { integer: true });
}

function chaosOf(args: DeliveryArgs): ChaosOptions | undefined {
  const chaos: ChaosOptions = {};
  const set = (key: keyof ChaosOptions, value: number | undefined) => {
    if (value !== undefined) chaos[key] = value;
  };
  set('duplicate', parsed('chaos-duplicate', args.chaosDuplicate, parseShare));
  set('reorder', parsed('chaos-reorder', args.chaosReorder, parseShare));
  set('delay', parsed('chaos-delay', args.chaosDelay, parseShare));
  set('delayMaxMs', parsed('chaos-delay-max', args.chaosDelayMax, parseDurationMs));
  set('unsigned', parsed('chaos-unsigned', args.chaosUnsigned, parseShare));
  set('staleSignature', parsed('chaos-stale-signature', args.chaosStaleSignature, parseShare));
  set('wrongSignature', parsed('chaos-wrong-signature', args.chaosWrongSignature, parseShare));
  return Object.keys(chaos).length > 0 ? chaos : undefined;
}

/** The delivery options given on the command line; what is not given is left to the job or library. */
function optionsOf(args: DeliveryArgs) {
  const maxAttempts = wholeNumber('max-attempts', args.maxAttempts);
  const retryWindowMs = parsed('retry-window', args.retryWindow, parseDurationMs);
  return {
    mode: args.mode,
    speed: parsed('speed', args.speed, parseSpeed),
    rate: args.maxRate === undefined ? undefined : checkPositive('--max-rate', args.maxRate),
    concurrency: wholeNumber('concurrency', args.concurrency),
    timeoutMs: parsed('timeout', args.timeout, parseDurationMs),
    retry: { maxAttempts, retryWindowMs },
    ordered: args.ordered,
    chaos: chaosOf(args),
    drainTimeoutMs: parsed('drain-timeout', args.drainTimeout, parseDurationMs),
    startAt:
      args.startAt === undefined ? undefined : checkStart('--start-at', args.startAt, Date.now()),
    deadLetterFile: args.deadLetter,
  } satisfies Partial<PushOptions>;
}

/** The secret to sign with, and where it came from; a generated one is printed once, on stderr. */
function resolveSecret(
  args: DeliveryArgs,
  context: CliContext,
  saved: SecretSource | undefined,
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
  if (saved === 'generated') {
    throw usageError(
      'This job was signed with a secret generated when it started; pass the same one with --secret (or VCC_WEBHOOK_SECRET).',
    );
  }
  if (saved === 'none') return { source: 'none' };
  if (saved !== undefined) {
    throw usageError('This job was signed; pass its secret with --secret or VCC_WEBHOOK_SECRET.');
  }
  const secret = generateWebhookSecret();
  const colors = context.colors;
  context.stderr.write(
    `${colors.bold('Signing secret:')} ${secret}\n${colors.dim('(generated for this run and shown only now: configure your webhook with it, or pass --secret / set VCC_WEBHOOK_SECRET to choose one)')}\n`,
  );
  return { secret, source: 'generated' };
}

/** Ctrl-C once: stop and drain; twice: cut. Returns the signals and the unsubscribe function. */
function interrupts(context: CliContext, drainTimeoutMs: number | undefined) {
  const interrupt = new AbortController();
  const force = new AbortController();
  const colors = context.colors;
  const unsubscribe = context.onInterrupt?.((signal: InterruptSignal) => {
    if (interrupt.signal.aborted) return force.abort();
    interrupt.abort();
    const wait = drainTimeoutMs === undefined ? '' : ` up to ${drainTimeoutMs / 1000}s`;
    context.stderr.write(
      `\n${colors.yellow(`${signal === 'SIGINT' ? 'Ctrl-C' : signal}:`)} stopping; waiting${wait} for requests in flight (again to stop at once)…\n`,
    );
  });
  return { signal: interrupt.signal, forceSignal: force.signal, unsubscribe };
}

/**
 * Runs a push or replay from the CLI: parses the options, resolves the secret, resumes the job
 * file when asked (the library applies the job's settings under the options given again), shows
 * progress on a terminal, prints the summary (or `--json`), and sets the exit code.
 */
export async function runDelivery(
  context: CliContext,
  args: DeliveryArgs,
  job: DeliveryJob,
): Promise<void> {
  if (args.report !== undefined && args.report !== '-') {
    await checkOutputFile(args.report, 'the report');
  }
  if (args.resume === '-') {
    throw usageError('--resume takes a job file; standard input cannot be resumed.');
  }
  const resumed: OpenedJob | undefined =
    args.resume === undefined ? undefined : await openJob(args.resume);
  if (resumed?.header.completed) {
    const message = `Nothing to resume: the job in ${resumed.path} finished at ${resumed.header.createdAt}.`;
    context.stdout.write(
      args.json ? `${JSON.stringify({ completed: true, message })}\n` : `${message}\n`,
    );
    return;
  }
  const saved = resumed?.header.job;
  const url = job.url?.trim();
  if (url === undefined && saved?.urlMasked) {
    throw usageError(
      'The job’s URL held credentials, which job files do not keep; give the URL again.',
    );
  }
  if (url === undefined && !saved)
    throw usageError('Name the webhook URL, e.g. http://127.0.0.1:3000/.');
  // A bad URL is refused before a generated secret is shown for a run that cannot start.
  if (url !== undefined) parseWebhookUrl(url);
  const given = optionsOf(args);
  const { secret, source: secretSource } = resolveSecret(args, context, saved?.secretSource);
  const loaded = resumed ? undefined : await job.load();
  const rest =
    resumed && !resumed.sourceEnded ? await job.reload(saved?.source, resumed) : undefined;
  const stops = interrupts(
    context,
    given.drainTimeoutMs ?? saved?.drainTimeoutMs ?? DELIVERY_DEFAULTS.drainTimeoutMs,
  );
  // Only now that Ctrl-C is ours: the message invites it.
  if (given.startAt !== undefined) announceStart(context, given.startAt);
  const showProgress = args.progress ?? context.stderr.isTTY === true;
  const clearLine = () => context.stderr.write('\r\u001b[2K');
  const options = {
    ...given,
    ...(url === undefined ? {} : { url }),
    ...(secret === undefined ? {} : { secret }),
    ...(resumed ? {} : { speed: given.speed ?? loaded?.speed ?? job.defaultSpeed }),
    ...(loaded ? { seed: loaded.seed ?? 1 } : {}),
    ...(loaded?.paceFrom === undefined ? {} : { paceFrom: loaded.paceFrom }),
    deadLetterFile: given.deadLetterFile ?? saved?.deadLetter ?? DEFAULT_DEAD_LETTER_FILE,
    // Shards started side by side in one folder each keep their own journal.
    resumeFile:
      args.resumeFile ??
      args.resume ??
      (loaded?.shard
        ? DEFAULT_RESUME_FILE.replace(
            /\.ndjson$/,
            `.shard-${loaded.shard.index}-of-${loaded.shard.count}.ndjson`,
          )
        : DEFAULT_RESUME_FILE),
    journal: args.journal,
    job: {
      command: job.command,
      secretSource,
      ...(loaded ? { origin: loaded.origin } : {}),
      ...(loaded?.rebuild ? { source: loaded.rebuild } : {}),
    },
    insecure: args.insecure,
    signal: stops.signal,
    forceSignal: stops.forceSignal,
    ...(args.verbose
      ? {
          onAttempt: (event) => {
            if (showProgress) clearLine();
            // With --json, stdout holds the report alone.
            const out = args.json ? context.stderr : context.stdout;
            out.write(`${formatAttempt(event, context.colors)}\n`);
          },
        }
      : {}),
    ...(showProgress
      ? {
          onProgress: (progress) => {
            clearLine();
            context.stderr.write(
              fitToWidth(formatProgress(progress, context.colors), context.stderr.columns),
            );
          },
        }
      : {}),
  } satisfies Partial<PushOptions>;
  let report: PushReport;
  try {
    report = resumed
      ? await pushNotifications(resumed, { ...options, ...(rest ? { source: rest } : {}) })
      : await pushNotifications(loaded!.source, { ...options, url: url! });
  } finally {
    stops.unsubscribe?.();
    if (showProgress) clearLine();
  }
  const urlMasked = url === undefined ? saved?.urlMasked === true : maskWebhookUrl(url) !== url;
  const files: DeliveryFiles = {
    ...(report.deadLetterFile ? { deadLetter: report.deadLetterFile } : {}),
    ...(report.resumeFile
      ? {
          resume: report.resumeFile,
          resumeCommand: `vcc-sim ${job.command} --resume ${report.resumeFile}${urlMasked ? ' <url>' : ''}${secretSource === 'flag' || secretSource === 'generated' ? ' --secret …' : ''}`,
        }
      : {}),
  };
  const shard = loaded?.shard;
  const json = `${JSON.stringify({ ...report, ...(shard ? { shard } : {}), files }, null, 2)}\n`;
  const notStarted =
    given.startAt !== undefined && report.interrupted && report.notifications === 0;
  // Stopped before the first notification was taken: a new job would start just the same, so its
  // job file would only stand in the way of the next run.
  if (notStarted && !resumed && report.resumeFile) rmSync(report.resumeFile, { force: true });
  const summary = notStarted
    ? 'Interrupted while waiting for --start-at: nothing was sent.\n'
    : formatPushSummary({ ...report, ...(shard ? { shard } : {}) }, files, context.colors);
  // `--report -` puts the report on stdout, so the summary goes to stderr.
  const reportToStdout = args.json || args.report === '-';
  if (reportToStdout) context.stdout.write(json);
  if (!args.json) (args.report === '-' ? context.stderr : context.stdout).write(summary);
  if (args.report !== undefined && args.report !== '-') {
    writeFileAtomic(args.report, json, 'the report');
  }
  if (report.interrupted?.reason === 'write-error' || report.writeError !== undefined) {
    throw new VccSimError('input', report.interrupted?.message ?? report.writeError!);
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
