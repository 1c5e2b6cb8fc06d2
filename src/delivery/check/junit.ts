import { CHECK_GROUPS } from './catalogue.js';
import { describeExchange } from './evidence.js';
import type { CheckGroup, CheckReport, CheckResult } from './types.js';

// XML 1.0 allows tab, newline and carriage return among the control characters, nothing else.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escape(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** A timestamp as JUnit's schema wants it: ISO 8601 without a zone (the time is UTC). */
const localTimestamp = (iso: string) => iso.replace(/\.\d+Z$|Z$/, '');

function testcase(check: CheckResult): string {
  const lines = [check.summary, ...check.evidence.map(describeExchange)];
  if (check.fix) lines.push(`fix: ${check.fix}`);
  const out = `      <system-out>${escape(lines.join('\n'))}</system-out>\n`;
  const verdict =
    check.verdict === 'fail'
      ? `      <failure message="${escape(check.summary)}" type="${check.group}">${escape(lines.join('\n'))}</failure>\n`
      : check.verdict === 'skip'
        ? `      <skipped message="${escape(check.summary)}"/>\n`
        : '';
  return (
    `    <testcase name="${escape(check.name)}" classname="vcc-sim.check.${check.group}" time="${seconds(check.elapsedMs)}">\n` +
    verdict +
    out +
    `    </testcase>\n`
  );
}

/**
 * The report as JUnit XML, the format CI servers read (Jenkins, GitLab, GitHub Actions reporters):
 * one `testsuite` per group, one `testcase` per check. A failed check is a `failure` with its
 * evidence, a skipped one `skipped`; a warning passes, its summary in `system-out`.
 */
export function checkReportToJUnit(report: CheckReport): string {
  const groups = Object.keys(CHECK_GROUPS) as CheckGroup[];
  const timestamp = localTimestamp(report.startedAt);
  const count = (checks: CheckResult[], verdict: CheckResult['verdict']) =>
    checks.filter((check) => check.verdict === verdict).length;
  const properties = [
    ['target', report.target],
    ['scenario', report.scenario],
    ['seed', String(report.seed)],
    ['events', report.events.join(',')],
    ['mode', report.mode],
    ['timeoutMs', String(report.timeoutMs)],
  ]
    .map(([name, value]) => `      <property name="${name}" value="${escape(value!)}"/>\n`)
    .join('');
  const suites = groups
    .map((group, index) => {
      const checks = report.checks.filter((check) => check.group === group);
      const time = checks.reduce((sum, check) => sum + check.elapsedMs, 0);
      return (
        `  <testsuite name="${escape(CHECK_GROUPS[group])}" id="${index}" package="vcc-sim.check" ` +
        `tests="${checks.length}" failures="${count(checks, 'fail')}" errors="0" skipped="${count(checks, 'skip')}" ` +
        `time="${seconds(time)}" timestamp="${timestamp}" hostname="vcc-sim">\n` +
        `    <properties>\n${properties}    </properties>\n` +
        checks.map(testcase).join('') +
        `    <system-out/>\n    <system-err/>\n` +
        `  </testsuite>\n`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="vcc-sim check" tests="${report.checks.length}" failures="${report.failed.length}" ` +
    `errors="0" skipped="${report.skipped.length}" time="${seconds(report.elapsedMs)}">\n` +
    suites +
    `</testsuites>\n`
  );
}
