import type {
  BrokerNotice,
  InteractionVerdict,
  PactVerdict,
  PublishedPacts,
  VerificationReport,
} from '../delivery/pact/index.js';
import type { CliContext } from './context.js';
import { countOf, formatCount } from '../internal/count.js';

type Colors = CliContext['colors'];

/** A broker notice, coloured by kind as Pact's clients colour them; URLs stand out. */
function formatNotice(notice: BrokerNotice, colors: Colors): string {
  const paint =
    notice.type === 'success'
      ? colors.green
      : notice.type === 'warning' || notice.type === 'prompt'
        ? colors.yellow
        : notice.type === 'error' || notice.type === 'danger'
          ? colors.red
          : (text: string) => text;
  return notice.text
    .split(' ')
    .map((word) => (/^https?:\/\//.test(word) ? colors.cyan(word) : paint(word)))
    .join(' ');
}

/** The lines of one publication: what went where, then the broker's notices. */
export function formatPublished(published: PublishedPacts, colors: Colors): string[] {
  const lines = published.contracts.map(
    (contract) =>
      `${colors.green('✓')} Published the pact between ${colors.bold(published.consumer)} and ${colors.bold(contract.provider)} (${contract.file}) as ${published.consumer} version ${published.consumerVersion}${contract.url ? `: ${colors.cyan(contract.url)}` : ''}`,
  );
  for (const notice of published.notices) lines.push(`  ${formatNotice(notice, colors)}`);
  return lines;
}

function given(verdict: InteractionVerdict): string {
  return verdict.providerStates.length > 0
    ? ` given ${verdict.providerStates.map((state) => JSON.stringify(state)).join(' and ')}`
    : '';
}

function interactionLines(verdict: InteractionVerdict, colors: Colors): string[] {
  const mark =
    verdict.status === 'passed'
      ? colors.green('✓')
      : verdict.status === 'pending'
        ? colors.yellow('○')
        : colors.red('✗');
  const played =
    verdict.scenario && verdict.providerStates.length === 0
      ? colors.dim(` (played ${JSON.stringify(verdict.playedState)})`)
      : '';
  const lines = [`  ${mark} ${verdict.description}${given(verdict)}${played}`];
  if (verdict.status === 'passed') {
    for (const reason of verdict.reasons) lines.push(`      ${colors.yellow('note:')} ${reason}`);
    return lines;
  }
  for (const reason of verdict.reasons) lines.push(`      ${colors.bold('why:')} ${reason}`);
  for (const mismatch of verdict.mismatches) lines.push(`      ${colors.dim('pact:')} ${mismatch}`);
  return lines;
}

function pactLines(pact: PactVerdict, colors: Colors): string[] {
  const failed = pact.interactions.filter((interaction) => interaction.status !== 'passed');
  const ok = failed.length === 0 && pact.unsupported.length === 0;
  const mark = ok ? colors.green('✓') : pact.pending ? colors.yellow('○') : colors.red('✗');
  const what = ok
    ? `${countOf(pact.interactions.length, 'interaction')} passed`
    : `${formatCount(failed.length + pact.unsupported.length)} of ${countOf(pact.interactions.length + pact.unsupported.length, 'interaction')} failed${pact.pending ? ' (pending: does not fail the build)' : ''}`;
  const selection = pact.selection ? `, ${pact.selection}` : '';
  const lines = [`${mark} ${colors.bold(pact.consumer)} (${pact.source}${selection}): ${what}`];
  for (const interaction of pact.interactions) {
    if (interaction.status !== 'passed' || interaction.reasons.length > 0) {
      lines.push(...interactionLines(interaction, colors));
    }
  }
  for (const unsupported of pact.unsupported) {
    lines.push(
      `  ${colors.red('✗')} ${unsupported.description}: a ${unsupported.type} interaction; VCC sends webhook messages only`,
    );
  }
  return lines;
}

/** vcc-sim's summary after Pact's own output: one line per pact, reasons under each failure. */
export function formatVerificationReport(
  report: VerificationReport,
  colors: Colors,
  publishing: { providerVersion?: string; providerBranch?: string; broker?: string },
): string {
  const interactions = report.pacts.reduce((sum, pact) => sum + pact.interactions.length, 0);
  const lines = [
    '',
    colors.bold(
      `vcc-sim verified ${countOf(report.pacts.length, 'pact')} (${countOf(interactions, 'interaction')}) as ${report.provider}`,
    ),
  ];
  for (const pact of report.pacts) lines.push(...pactLines(pact, colors));
  if (report.skipped.length > 0) {
    lines.push(
      colors.dim(
        `Skipped ${countOf(report.skipped.length, 'pact')} for other providers or consumers.`,
      ),
    );
  }
  if (report.published) {
    lines.push(
      `Published the verification results to ${publishing.broker ?? 'the broker'} as ${report.provider} version ${publishing.providerVersion}${publishing.providerBranch ? ` (branch ${publishing.providerBranch})` : ''}.`,
    );
  }
  const failed = report.pacts.filter(
    (pact) =>
      !pact.pending &&
      (pact.unsupported.length > 0 || pact.interactions.some((i) => i.status === 'failed')),
  ).length;
  lines.push(
    report.success
      ? colors.green(`✓ ${report.provider} satisfies ${countOf(report.pacts.length, 'pact')}`)
      : colors.red(
          `✗ ${formatCount(failed)} of ${countOf(report.pacts.length, 'pact')} failed verification`,
        ),
  );
  return lines.join('\n');
}
