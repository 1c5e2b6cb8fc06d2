import { resumedOptions } from '../../delivery-core/index.js';
import { VccSimError } from '../../errors.js';
import { openRunFiles } from './internal/job-files.js';
import { PushRun } from './internal/push-run.js';
import { pushSettings } from './internal/push-settings.js';
import type { OpenedJob, PushOptions, PushReport, PushSource, ResumeOptions } from './types.js';

/**
 * Delivers notifications to a webhook as VCC does: one POST each, signed afresh on every attempt,
 * paced by their `time`s (or as fast as allowed), retried on failure by the retry policy. Every
 * notification taken from the source ends exactly one way: delivered, dead-lettered (through
 * `onDeadLetter` and `deadLetterFile`), or, when the run is interrupted, handed to `onUnsent` and
 * the job file `resumeFile` in source order. With a `resumeFile`, the run keeps it as a
 * write-ahead journal, so even a crash loses nothing: resuming the file sends again at most what
 * was in flight (at least once delivery).
 *
 * Given an {@link OpenedJob} (from `openJob`), it finishes that job: with its settings, overridden
 * by the options given, appending to its dead-letter file and marking the job file complete.
 * Output files are checked before anything is sent; one that fails mid-run stops the run
 * (`report.interrupted.reason` is `write-error`) with everything unsent kept in the job file.
 *
 * Resolves with the report, also when interrupted (see `report.interrupted`).
 * @throws {VccSimError} code `usage` for invalid options or unwritable files, before anything is sent.
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
  const files = await openRunFiles(settings, merged, input, resumed);
  let report: PushReport;
  try {
    report = await new PushRun(settings, merged, files.sinks).run(files.source);
  } catch (error) {
    // Not expected (the run turns failures into its report); keep what is left in the job file.
    await files.finish(undefined).catch(() => undefined);
    throw error;
  }
  try {
    report = { ...report, ...(await files.finish(report)) };
  } catch (error) {
    // The run is over; only its job file could not be finished. Say so in the report.
    report = { ...report, writeError: (error as Error).message };
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
      ...(saved.source === undefined ? {} : { source: saved.source }),
      ...given.job,
    },
  });
}
