import { savedJob, type SavedJob } from '../../../delivery-core/index.js';
import { createJobWriter, openNdjsonWriter, type JobWriter } from '../journal.js';
import type { OpenedJob, PushOptions, PushReport, UndeliveredRecord } from '../types.js';
import type { PushSettings } from './push-settings.js';
import type { RunSinks } from './push-run.js';
import { maskUrl } from '../../../delivery-core/index.js';

/** The files of one run, as the report names them. */
type RunFileNames = Pick<PushReport, 'deadLetterFile' | 'resumeFile'>;

/** Where a run's undelivered notifications go, and how its files are finished. */
export type RunFiles = {
  sinks: RunSinks;
  /** Closes the files; marks a resumed job complete when nothing was left. */
  finish(report: PushReport | undefined): Promise<RunFileNames>;
};

/** The saved form of the job `settings` and `options` describe. */
function jobOf(settings: PushSettings, options: PushOptions): SavedJob {
  const url = maskUrl(settings.url);
  return savedJob(settings, {
    command: options.job?.command ?? 'push',
    url,
    urlMasked: url !== settings.url.href,
    mode: settings.mode,
    secretSource: options.job?.secretSource ?? (options.secret === undefined ? 'none' : 'option'),
    ...(options.deadLetterFile === undefined ? {} : { deadLetter: options.deadLetterFile }),
    origin: options.job?.origin ?? {},
  });
}

/**
 * Opens a run's files: dead letters appended to `deadLetterFile` (created on the first), what an
 * interrupt leaves written to the job file `resumeFile` (atomically, on close), each also handed
 * to the caller's `onDeadLetter` / `onUnsent`.
 */
export function openRunFiles(
  settings: PushSettings,
  options: PushOptions,
  resumed: OpenedJob | undefined,
): RunFiles {
  const deadLetters =
    options.deadLetterFile === undefined
      ? undefined
      : openNdjsonWriter(options.deadLetterFile, { append: resumed !== undefined });
  let resumeWriter: JobWriter | undefined;
  const sinks: RunSinks = {
    async deadLetter(record: UndeliveredRecord) {
      await options.onDeadLetter?.(record);
      await deadLetters?.write(record);
    },
    async unsent(record: UndeliveredRecord) {
      await options.onUnsent?.(record);
      if (options.resumeFile === undefined) return;
      resumeWriter ??= await createJobWriter(options.resumeFile, jobOf(settings, options));
      await resumeWriter.write(record);
    },
  };
  return {
    sinks,
    async finish(report) {
      await deadLetters?.close();
      await resumeWriter?.close();
      if (resumed && report && !report.interrupted) {
        // Everything is delivered or dead-lettered: mark the job done, so resuming again sends nothing.
        const done = await createJobWriter(resumed.path, jobOf(settings, options), {
          completed: true,
        });
        await done.close();
      }
      return {
        ...(deadLetters && deadLetters.lines > 0 ? { deadLetterFile: deadLetters.path } : {}),
        ...(resumeWriter ? { resumeFile: resumeWriter.path } : {}),
      };
    },
  };
}
