import { JOB_FILE_FORMAT, maskUrl, savedJob, type SavedJob } from '../../../delivery-core/index.js';
import { VccSimError } from '../../../errors.js';
import { checkOutputFile, LineAppender } from '../output-files.js';
import type {
  OpenedJob,
  PushOptions,
  PushReport,
  PushSource,
  ResumeOptions,
  UndeliveredRecord,
} from '../types.js';
import { JobJournal, writeJobFile } from './job-journal.js';
import { jobInternals, openJob } from './job-reader.js';
import type { PushSettings } from './push-settings.js';
import type { RunSinks } from './push-run.js';
import { resumedSource } from './resumed-source.js';

/** The files of one run, as the report names them. */
type RunFileNames = Pick<PushReport, 'deadLetterFile' | 'resumeFile'>;

/** Where a run's notifications come from and go, and how its files are finished. */
export type RunFiles = {
  source: PushSource;
  sinks: RunSinks;
  /** Closes the files: the journal marked completed, or left with what is still to do. */
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
    ...(options.job?.source === undefined ? {} : { source: options.job.source }),
  });
}

/**
 * Refuses to write a new job over a job file that is not finished (that would lose what it
 * still has to deliver) or over a file that is not a job file at all.
 */
async function checkJobTarget(path: string, resuming: string | undefined): Promise<void> {
  await checkOutputFile(path, 'the job file');
  if (path === resuming) return;
  let existing: OpenedJob;
  try {
    existing = await openJob(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/no such file|it is empty/.test(message)) return;
    throw new VccSimError(
      'usage',
      `"${path}" exists and is not a vcc-sim job file; choose another job file, or remove it.`,
      { cause: error },
    );
  }
  if (existing.completed) return;
  throw new VccSimError(
    'usage',
    `"${path}" holds an unfinished job (${existing.pending} pending${existing.sourceEnded ? '' : ', source not finished'}): finish it with --resume ${path} (openJob), or choose another job file.`,
  );
}

/** Moves a resumed job to another file (its header and pending records), then opens that. */
async function moveJob(job: OpenedJob, path: string): Promise<OpenedJob> {
  const state = jobInternals(job)?.state;
  const { completed: _completed, ...header } = job.header;
  await writeJobFile(
    path,
    {
      ...header,
      vccSimResume: JOB_FILE_FORMAT,
      progress: {
        taken: job.taken,
        ...(state?.lastId === undefined ? {} : { lastId: state.lastId }),
        ...(job.sourceEnded ? { sourceEnded: true } : {}),
      },
    },
    job.records,
  );
  return openJob(path);
}

/**
 * Opens a run's files after checking, before anything is sent, that each can be written: dead
 * letters appended to `deadLetterFile` (created on the first), and the job's journal at
 * `resumeFile` (written ahead of every send unless `journal: false`; then only what an interrupt
 * leaves). A resumed job continues its own file, taking its pending records again, then the rest
 * of its source given again (`source`) when a crash cut it before its source ended.
 */
export async function openRunFiles(
  settings: PushSettings,
  options: PushOptions,
  input: PushSource | OpenedJob,
  resumed: OpenedJob | undefined,
): Promise<RunFiles> {
  const job = jobOf(settings, options);
  const { deadLetterFile, resumeFile } = options;
  if (deadLetterFile !== undefined) await checkOutputFile(deadLetterFile, 'dead letters');
  if (resumeFile !== undefined) await checkJobTarget(resumeFile, resumed?.path);
  const writeAhead = options.journal !== false;

  let journal: JobJournal | undefined;
  let source: PushSource = input as PushSource;
  let leftovers: (() => AsyncIterable<UndeliveredRecord>) | undefined;
  if (resumed) {
    const given = (options as ResumeOptions).source;
    if (!resumed.sourceEnded && given === undefined) {
      throw new VccSimError(
        'usage',
        `The job in ${resumed.path} stopped before its source ended (${resumed.taken} taken): give its source again to finish it (the first ${resumed.taken} are skipped).`,
      );
    }
    let opened = resumed;
    if (resumeFile !== undefined && resumeFile !== resumed.path) {
      opened = await moveJob(resumed, resumeFile);
    }
    const internals = jobInternals(opened);
    if (!internals) {
      throw new VccSimError('usage', 'Resume a job opened with openJob().');
    }
    if (resumeFile !== undefined) {
      const { state, validEnd } = internals;
      journal = JobJournal.continue(
        opened.path,
        opened.header,
        job,
        {
          validEnd,
          taken: state.taken,
          lastId: state.lastId,
          sourceEnded: state.sourceEnded,
          pending: state.pending.size,
        },
        { writeAhead },
      );
    }
    const resumedInput = resumedSource(opened, internals.state, given, journal);
    source = resumedInput.source;
    leftovers = resumedInput.leftovers;
  } else if (resumeFile !== undefined) {
    journal = JobJournal.start(resumeFile, job, { writeAhead });
  }

  const deadLetters =
    deadLetterFile === undefined
      ? undefined
      : new LineAppender(deadLetterFile, 'dead letters', { append: resumed !== undefined });
  const sinks: RunSinks = {
    async deadLetter(record: UndeliveredRecord, seq: number) {
      await options.onDeadLetter?.(record);
      deadLetters?.write(record);
      journal?.deadLettered(seq);
    },
    async unsent(record: UndeliveredRecord, seq: number, fromSource: boolean) {
      await options.onUnsent?.(record);
      journal?.handOver(record, seq, { fromSource });
    },
    sourceEnded: () => journal?.sourceEnded(),
    handedOverToEnd: () => journal?.handedOverToEnd(),
    ...(journal?.writeAhead ? { journal } : {}),
  };
  return {
    source,
    sinks,
    async finish(report) {
      deadLetters?.close();
      const finished = report !== undefined && report.interrupted === undefined;
      if (!finished && journal && leftovers) {
        // A resumed run that stopped before taking all the job's records keeps the rest.
        for await (const record of leftovers()) journal.handOver(record, undefined);
      }
      journal?.finish(finished ? 'completed' : 'interrupted');
      const left = journal !== undefined && !finished && report?.interrupted !== undefined;
      return {
        ...(deadLetters && deadLetters.lines > 0 ? { deadLetterFile: deadLetters.path } : {}),
        ...(left && (journal!.writeAhead || report.unsent > 0)
          ? { resumeFile: journal!.path }
          : {}),
      };
    },
  };
}
