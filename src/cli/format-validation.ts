import type { FileValidationReport, InvalidNotification } from '../delivery/file/index.js';
import type { CliContext } from './context.js';

type Colors = CliContext['colors'];

/** `events.ndjson:3`, `capture.json[2]`, or the bare file name for a single object. */
function formatLocation({ location }: InvalidNotification): string {
  if (location.index !== undefined) return `${location.file}[${location.index}]`;
  return `${location.file}:${location.line}`;
}

/** One line per notification with errors (✗) or only warnings (!): where it is, each `path: message`. */
export function formatInvalidLine(invalid: InvalidNotification, colors: Colors): string {
  const issue = (problem: { path: string; message: string }) =>
    `${colors.bold(problem.path === '' ? '(notification)' : problem.path)}: ${problem.message}`;
  const problems = [
    ...invalid.errors.map(issue),
    ...invalid.warnings.map((warning) => `${issue(warning)} ${colors.yellow('(warning)')}`),
  ].join('; ');
  const mark = invalid.errors.length > 0 ? colors.red('✗') : colors.yellow('!');
  return `${mark} ${colors.cyan(formatLocation(invalid))}  ${problems}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The closing line: how many were checked, how many failed, and how many warnings. */
export function formatValidationSummary(report: FileValidationReport, colors: Colors): string {
  const scope = `${report.files.length > 1 ? ` in ${plural(report.files.length, 'file')}` : ''}${report.strict ? ' (strict)' : ''}`;
  if (report.notifications === 0) return colors.yellow(`No notifications found${scope}.`);
  const warned =
    report.warnings > 0
      ? colors.yellow(
          `, ${plural(report.warnings, 'warning')}: fields the contract does not know (--strict rejects them)`,
        )
      : '';
  if (report.valid) {
    return `${colors.green(`✓ ${plural(report.notifications, 'notification')} valid${scope}`)}${warned}`;
  }
  return `${colors.red(
    `✗ ${report.invalidNotifications} of ${plural(report.notifications, 'notification')} invalid (${plural(report.errors, 'error')})${scope}`,
  )}${warned}`;
}
