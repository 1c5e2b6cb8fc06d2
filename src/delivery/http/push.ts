import { resumedOptions } from '../../delivery-core/index.js';
import { VccSimError } from '../../errors.js';
import { openRunFiles } from './internal/job-files.js';
import { PushRun } from './internal/push-run.js';
import { pushSettings } from './internal/push-settings.js';
import type {
  OpenedJob,
  PushOptions,
  PushReport,
  PushSource,
  ResumeOptions,
  UndeliveredRecord,
} from './types.js';

/**
 * Delivers notifications to a webhook as VCC does: one POST each, signed afresh on every attempt,
 * paced by their `time`s (or as fast as allowed), retried on failure by the retry policy. Every
 * notification taken from the source ends exactly one way: delivered, dead-lettered (through
 * `onDeadLetter` and `deadLetterFile`), or, when the run is interrupted, handed to `onUnsent` and
 * the job file `resumeFile` in source order.
 *
 * Given an {@link OpenedJob} (from `openJob`), it finishes that job: with its settings, overridden
 * by the options given, appending to its dead-letter file and marking the job file complete.
 *
 * Resolves with the report, also when interrupted (see `report.interrupted`).
 * @throws {VccSimError} code `usage` for invalid options, before anything is sent.
 * @example
 * const report = await pushNotifications(simulate(scenario, { seed: 7 }), {
 *   url: 'http://127.0.0.1:3000/webhooks/vcc',
 *   secret: process.env.VCC_WEBHOOK_SECRET,
 *   speed: 10,
 *   resumeFile: 'vcc-sim-resume.ndjson',
 * });
 * @example
 * const job = await openJob('vcc-sim-resume.ndjson');
 * if (!job.completed) await pushNotifications(job, { secret: process.env.VCC_WEBHOOK_SECRET });
 */
export function pushNotifications(source: PushSource, options: PushOptions): Promise<PushReport>;
export function pushNotifications(job: OpenedJob, options?: ResumeOptions): Promise<PushReport>;
export async function pushNotifications(
  input: PushSource | OpenedJob,
  options: PushOptions | ResumeOptions = {},
): Promise<PushReport> {
  const resumed = isOpenedJob(input) ? input : undefined;
  const merged = resumed ? resumeOptionsOf(resumed, options) : (options as PushOptions);
  const settings = pushSettings(merged);
  const files = openRunFiles(settings, merged, resumed);
  let report: PushReport | undefined;
  try {
    const source = resumed ? notificationsOf(resumed.records) : (input as PushSource);
    report = await new PushRun(settings, merged, files.sinks).run(source);
  } finally {
    const names = await files.finish(report);
    if (report) report = { ...report, ...names };
  }
  return report;
}

function isOpenedJob(input: unknown): input is OpenedJob {
  return (
    typeof input === 'object' &&
    input !== null &&
    'header' in input &&
    'records' in input &&
    'path' in input
  );
}

async function* notificationsOf(records: AsyncIterable<UndeliveredRecord>) {
  for await (const record of records) yield record.notification;
}

/** A resumed job's options: its own, overridden by those given again. */
function resumeOptionsOf(job: OpenedJob, given: ResumeOptions): PushOptions {
  const saved = job.header.job;
  if (given.url === undefined && saved.urlMasked) {
    throw new VccSimError(
      'usage',
      'The job’s URL held credentials, which job files do not keep; give the URL again.',
    );
  }
  if (given.secret === undefined && saved.secretSource !== 'none') {
    throw new VccSimError(
      'usage',
      `The job in ${job.path} was signed; give its secret again (job files never keep it).`,
    );
  }
  return resumedOptions(saved, {
    ...given,
    url: given.url ?? saved.url,
    mode: given.mode ?? saved.mode,
    deadLetterFile: given.deadLetterFile ?? saved.deadLetter,
    resumeFile: given.resumeFile ?? job.path,
    job: {
      command: saved.command,
      origin: saved.origin,
      secretSource: saved.secretSource,
      ...given.job,
    },
  });
}
