import type { VccNotification } from '../../../contract/index.js';
import type { JobFileState } from '../../../delivery-core/index.js';
import { VccSimError } from '../../../errors.js';
import type { OpenedJob, PushSource, UndeliveredRecord } from '../types.js';
import type { JobJournal } from './job-journal.js';

/** What a resumed run takes, and what it left of the job's file when it stopped early. */
export type ResumedSource = {
  source: AsyncIterable<VccNotification | string>;
  /** The pending records the run did not take (it stopped before them), each with its `seq`. */
  leftovers(): AsyncIterable<UndeliveredRecord>;
};

function idOf(value: unknown): unknown {
  try {
    return (typeof value === 'string' ? JSON.parse(value) : (value as { id?: unknown }))?.id;
  } catch {
    return undefined;
  }
}

/**
 * The source of a resumed job: its pending records in file order, then, when a crash cut the job
 * before its source ended, the rest of the source given again: its first `taken` values are
 * skipped, and the last of them must carry the id the job took last (else it is another source).
 * The journal learns the seq each value is kept under.
 */
export function resumedSource(
  job: OpenedJob,
  state: JobFileState,
  given: PushSource | undefined,
  journal: JobJournal | undefined,
): ResumedSource {
  const records = job.records[Symbol.asyncIterator]();
  let recordsDone = false;
  async function* source(): AsyncGenerator<VccNotification | string> {
    for (;;) {
      const next = await records.next();
      if (next.done) break;
      journal?.expect(next.value.seq!, true);
      yield next.value.notification;
    }
    recordsDone = true;
    journal?.allRecordsTaken();
    if (state.sourceEnded || given === undefined) return;
    const taken = state.taken;
    let index = 0;
    for await (const value of given) {
      if (index < taken) {
        if (index === taken - 1 && state.lastId !== undefined && idOf(value) !== state.lastId) {
          throw new VccSimError(
            'input',
            `The source given again is not the job's: its notification ${taken} has id ${JSON.stringify(idOf(value))}, the job took ${JSON.stringify(state.lastId)}.`,
          );
        }
        index++;
        continue;
      }
      journal?.expect(index, false);
      index++;
      yield value;
    }
    if (index < taken) {
      throw new VccSimError(
        'input',
        `The source given again has ${index} notifications, but the job had taken ${taken}: it is not the job's source.`,
      );
    }
  }
  return {
    source: source(),
    async *leftovers() {
      if (recordsDone) return;
      for (;;) {
        const next = await records.next();
        if (next.done) return;
        yield next.value;
      }
    },
  };
}
