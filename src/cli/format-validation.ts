import type { FileValidationReport, InvalidNotification } from '../delivery/file/index.js';
import type { CliContext } from './context.js';
import { countOf, formatCount } from './format-count.js';

type Colors = CliContext['colors'];

/** `events.ndjson:3`, `capture.json[2]`, or the bare file name for a single object. */
export function formatLocation({ location }: InvalidNotification): string {
  if (location.index !== undefined) return `${location.file}[${location.index}]`;
  return `${location.file}:${location.line}`;
}

/** One line per invalid notification: where it is, then each `path: message`. */
export function formatInvalidLine(invalid: InvalidNotification, colors: Colors): string {
  const problems = invalid.errors
    .map(
      (error) =>
        `${colors.bold(error.path === '' ? '(notification)' : error.path)}: ${error.message}`,
    )
    .join('; ');
  return `${colors.red('✗')} ${colors.cyan(formatLocation(invalid))}  ${problems}`;
}

/** The closing line: how many were checked and how many failed. */
export function formatValidationSummary(report: FileValidationReport, colors: Colors): string {
  const scope = `${report.files.length > 1 ? ` in ${countOf(report.files.length, 'file')}` : ''}${report.strict ? ' (strict)' : ''}`;
  if (report.notifications === 0) return colors.yellow(`No notifications found${scope}.`);
  if (report.valid) {
    return colors.green(`✓ ${countOf(report.notifications, 'notification')} valid${scope}`);
  }
  return colors.red(
    `✗ ${formatCount(report.invalidNotifications)} of ${countOf(report.notifications, 'notification')} invalid (${countOf(report.errors, 'error')})${scope}`,
  );
}
