import type { MergedDeliveryReport } from '../delivery-core/merge-reports.js';
import type { CliContext } from './context.js';
import { formatCount } from '../internal/count.js';
import { formatPushSummary, ms } from './format-delivery.js';

/**
 * `report merge`'s summary: the push summary of the whole (counts exact, percentiles from the
 * merged histograms), which shards it covers, and a line per report.
 */
export function formatMergedReport(
  merged: MergedDeliveryReport,
  colors: CliContext['colors'],
): string {
  const lines: string[] = [];
  const { shards, parts } = merged.merged;
  if (shards) {
    const { count, present, missing } = shards;
    lines.push(
      missing.length === 0
        ? `  shards          ${present.length} of ${count}, all merged`
        : colors.yellow(
            `⚠ shards          ${present.length} of ${count}: missing ${missing.join(', ')}`,
          ),
    );
  }
  const width = Math.max(...parts.map((part) => part.name.length));
  lines.push(`  ${parts.length === 1 ? 'report' : `${parts.length} reports`}`);
  for (const part of parts) {
    const seconds = (part.elapsedMs / 1000).toFixed(1);
    const p99 = part.latencyMs ? ` · p99 ${ms(part.latencyMs.p99)}` : '';
    lines.push(
      `    ${part.name.padEnd(width)}  ${(part.shard ?? '').padEnd(5)}  ${formatCount(part.delivered)} of ${formatCount(part.notifications)} delivered in ${seconds}s (${formatCount(part.deliveredPerSecond)}/s)${p99}`,
    );
  }
  return `${formatPushSummary(merged, {}, colors)}${lines.join('\n')}\n`;
}
