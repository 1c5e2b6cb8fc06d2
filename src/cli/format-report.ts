import { countOf, formatCount } from '../internal/count.js';
import { formatMillis, formatShare, type RunReport } from '../report/index.js';
import type { CliContext } from './context.js';

type Colors = CliContext['colors'];

function instant(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** `vcc-sim report`'s text: the KPIs a contact-centre person checks first, and the notes. */
export function formatRunReport(report: RunReport, htmlPath: string | undefined, colors: Colors) {
  const k = report.kpis;
  const threshold = Math.round(report.serviceLevelThresholdMs / 1000);
  const span =
    report.firstMs === undefined
      ? ''
      : ` · ${instant(report.firstMs)} – ${instant(report.lastMs!)} UTC`;
  const occupancyNote =
    report.occupancyBasis === 'run'
      ? colors.dim(' (no presence in the run: agents taken as ready throughout)')
      : '';
  const lines = [
    colors.bold(`${countOf(report.notifications, 'notification')}${span}`),
    `  inbound    ${formatCount(k.offered)} offered · ${formatCount(k.answered)} answered · ${formatCount(k.abandoned)} abandoned (${formatShare(k.abandonmentRate)}) · ${formatCount(k.voicemail)} voicemail`,
    `  service    ${formatShare(k.serviceLevel)} within ${threshold} s · ASA ${formatMillis(k.asaMs)}`,
    `  occupancy  ${formatShare(k.occupancy)}${occupancyNote}`,
    `  outbound   ${formatCount(k.outbound)} dialled · ${formatCount(k.outboundConnected)} connected · ${formatCount(k.outboundUnanswered)} unanswered`,
    `  agents     ${formatCount(report.agents.length + report.agentsNotDrawn)}`,
    ...report.notes.map((note) => colors.yellow(`  ! ${note}`)),
  ];
  if (htmlPath !== undefined) lines.push(`${colors.green('✓')} Wrote ${htmlPath}`);
  return `${lines.join('\n')}\n`;
}
