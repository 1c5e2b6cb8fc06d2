import type { ValidateFunction } from 'ajv/dist/2020.js';
import { toIssues } from '../../../contract/validation-messages.js';
import { JOB_FILE_SCHEMA } from '../../../delivery-core/index.js';

/** Checks the lines of a job file against its JSON Schema. */
export interface JobFileChecker {
  /** What is wrong with a header line, or `undefined` when it is right. */
  header(value: unknown): string | undefined;
  /** What is wrong with a record line, or `undefined` when it is right. */
  record(value: unknown): string | undefined;
}

let checker: Promise<JobFileChecker> | undefined;

function problem(validate: ValidateFunction, value: unknown): string | undefined {
  if (validate(value)) return undefined;
  const [issue] = toIssues(validate.errors ?? [], value);
  if (!issue) return 'does not match the job file schema';
  return `${issue.path || 'the line'} ${issue.message}`;
}

/**
 * The checker, compiled on first use: only a resumed job loads ajv, so a push that starts afresh
 * pays nothing for it.
 */
export function jobFileChecker(): Promise<JobFileChecker> {
  checker ??= (async () => {
    const [{ Ajv2020 }, { default: formats }] = await Promise.all([
      import('ajv/dist/2020.js'),
      import('ajv-formats'),
    ]);
    const ajv = new Ajv2020({ allErrors: false, verbose: true, strict: false });
    formats.default(ajv, ['date-time']);
    ajv.addSchema(JOB_FILE_SCHEMA);
    const header = ajv.getSchema(`${JOB_FILE_SCHEMA.$id}#/$defs/header`)!;
    const record = ajv.getSchema(`${JOB_FILE_SCHEMA.$id}#/$defs/record`)!;
    return { header: (value) => problem(header, value), record: (value) => problem(record, value) };
  })();
  return checker;
}
