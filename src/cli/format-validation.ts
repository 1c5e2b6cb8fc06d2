import type { FileValidationReport, InvalidNotification } from '../delivery/file/index.js';
import type { CliContext } from './context.js';

type Colors = CliContext['colors'];

/** `events.ndjson:3`, `capture.json[2]`, or the bare file name for a single object. */
function formatLocation({ location }: InvalidNotification): string {
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

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The closing line: how many were checked and how many failed. */
export function formatValidationSummary(report: FileValidationReport, colors: Colors): string {
  const scope = `${report.files.length > 1 ? ` in ${plural(report.files.length, 'file')}` : ''}${report.strict ? ' (strict)' : ''}`;
  if (report.notifications === 0) return colors.yellow(`No notifications found${scope}.`);
  if (report.valid) {
    return colors.green(`✓ ${plural(report.notifications, 'notification')} valid${scope}`);
  }
  return colors.red(
    `✗ ${report.invalidNotifications} of ${plural(report.notifications, 'notification')} invalid (${plural(report.errors, 'error')})${scope}`,
  );
}
