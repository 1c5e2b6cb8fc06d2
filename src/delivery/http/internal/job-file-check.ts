import type { ValidateFunction } from 'ajv/dist/2020.js';
import { toIssues } from '../../../contract/validation-messages.js';
import { compiledValidators } from '../../../delivery-core/generated/job-file-validators.js';

/** Checks the lines of a job file against its JSON Schema. */
export interface JobFileChecker {
  /** What is wrong with a header line, or `undefined` when it is right. */
  header(value: unknown): string | undefined;
  /** What is wrong with a record line, or `undefined` when it is right. */
  record(value: unknown): string | undefined;
  /** What is wrong with a mark line (records delivered or dead-lettered, the source's end). */
  mark(value: unknown): string | undefined;
  /** What is wrong with a resumed line. */
  resumed(value: unknown): string | undefined;
}

function problem(validate: ValidateFunction, value: unknown): string | undefined {
  if (validate(value)) return undefined;
  const [issue] = toIssues(validate.errors ?? [], value);
  if (!issue) return 'does not match the job file schema';
  return `${issue.path || 'the line'} ${issue.message}`;
}

/**
 * The checker, from the validators compiled at build time (`npm run contracts`): no schema is
 * compiled and ajv is not loaded at run time.
 */
export async function jobFileChecker(): Promise<JobFileChecker> {
  const validators = compiledValidators() as Record<keyof JobFileChecker, ValidateFunction>;
  const checker = (kind: keyof JobFileChecker) => (value: unknown) =>
    problem(validators[kind], value);
  return {
    header: checker('header'),
    record: checker('record'),
    mark: checker('mark'),
    resumed: checker('resumed'),
  };
}
