import type { Readable } from 'node:stream';
import { stringAt } from '../../internal/json-pointer.js';
import {
  validateNotification,
  type ValidateOptions,
  type ValidationIssue,
} from '../../contract/index.js';
import { readNotificationFile, type RecordLocation } from './read-notifications.js';

/** A notification that failed validation or drew warnings, and why. */
export interface InvalidNotification {
  location: RecordLocation;
  /** The notification's `type` and `id` when they are strings, to help find it. */
  type?: string;
  id?: string;
  /** Empty for a valid notification that only drew warnings. */
  errors: ValidationIssue[];
  /** Fields inside `data` the contract does not know (errors instead in strict mode). */
  warnings: readonly ValidationIssue[];
}

/** The outcome of validating every notification in a set of files. */
export interface FileValidationReport {
  valid: boolean;
  strict: boolean;
  files: string[];
  notifications: number;
  invalidNotifications: number;
  errors: number;
  /** Warnings over all notifications, valid or not. */
  warnings: number;
  /** The notifications with errors or warnings, in the order read. */
  invalid: InvalidNotification[];
}

/** Options of {@link validateFiles}. */
export interface ValidateFilesOptions extends ValidateOptions {
  /** Standard input, read for the path `-`. */
  stdin?: Readable;
  /** Called as soon as a notification with errors or warnings is found, so output can stream. */
  onInvalid?: (invalid: InvalidNotification) => void;
}

/**
 * Validates every notification in the given files (JSON, JSON arrays or NDJSON; `-` is stdin).
 * @throws {VccSimError} code `input` when a file cannot be read or is not JSON.
 */
export async function validateFiles(
  paths: readonly string[],
  options: ValidateFilesOptions = {},
): Promise<FileValidationReport> {
  const strict = options.strict === true;
  const report: FileValidationReport = {
    valid: true,
    strict,
    files: [...paths],
    notifications: 0,
    invalidNotifications: 0,
    errors: 0,
    warnings: 0,
    invalid: [],
  };
  for (const path of paths) {
    for await (const { value, location } of readNotificationFile(path, options.stdin)) {
      report.notifications++;
      const result = validateNotification(value, { strict });
      if (result.valid && result.warnings.length === 0) continue;
      const type = stringAt(value, '/type');
      const id = stringAt(value, '/id');
      const errors = result.valid ? [] : result.errors;
      const invalid: InvalidNotification = {
        location,
        ...(type === undefined ? {} : { type }),
        ...(id === undefined ? {} : { id }),
        errors,
        warnings: result.warnings,
      };
      if (!result.valid) {
        report.valid = false;
        report.invalidNotifications++;
        report.errors += errors.length;
      }
      report.warnings += result.warnings.length;
      report.invalid.push(invalid);
      options.onInvalid?.(invalid);
    }
  }
  return report;
}
