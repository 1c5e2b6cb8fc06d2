import type { FileValidationReport, InvalidNotification } from '../delivery/file/index.js';
import type { CliContext } from './context.js';
import { countOf, formatCount } from '../internal/count.js';

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

/** The closing line: how many were checked, how many failed, and how many warnings. */
export function formatValidationSummary(report: FileValidationReport, colors: Colors): string {
  const scope = `${report.files.length > 1 ? ` in ${countOf(report.files.length, 'file')}` : ''}${report.strict ? ' (strict)' : ''}`;
  if (report.notifications === 0) return colors.yellow(`No notifications found${scope}.`);
  const warned =
    report.warnings > 0
      ? colors.yellow(
          `, ${countOf(report.warnings, 'warning')}: fields the contract does not know (--strict rejects them)`,
        )
      : '';
  if (report.valid) {
    return `${colors.green(`✓ ${countOf(report.notifications, 'notification')} valid${scope}`)}${warned}`;
  }
  return `${colors.red(
    `✗ ${formatCount(report.invalidNotifications)} of ${countOf(report.notifications, 'notification')} invalid (${countOf(report.errors, 'error')})${scope}`,
  )}${warned}`;
}
