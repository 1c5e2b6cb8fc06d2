/**
 * `npm run bench`: measures the figures the issues name and prints one table. Runs on the built
 * package (imported as `vcc-sim`), so it measures exactly what users run.
 */
import { format, type BenchRow } from './measure.js';
import { checkRows } from './rows/check.js';
import { generateRows } from './rows/generate.js';
import { httpRows } from './rows/http.js';
import { importRows } from './rows/import.js';
import { ksuidRows } from './rows/ksuid.js';
import { listenRows } from './rows/listen.js';
import { machineRows } from './rows/machine.js';
import { pactRows } from './rows/pact.js';
import { reportRows } from './rows/report.js';
import { shardRows } from './rows/shards.js';
import { startupRows } from './rows/startup.js';
import { validateRows } from './rows/validate.js';

const suites: Array<[string, () => BenchRow[] | Promise<BenchRow[]>]> = [
  ['machine', machineRows],
  ['import', importRows],
  ['ksuid', ksuidRows],
  ['validate', validateRows],
  ['generate', generateRows],
  ['http', httpRows],
  ['check', checkRows],
  ['listen', listenRows],
  ['pact', pactRows],
  ['report', reportRows],
  ['shards', shardRows],
  ['startup', startupRows],
];

const only = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const [name, suite] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`measuring ${name}…\n`);
  rows.push(...(await suite()));
}

const table = rows.map((row) => {
  const met = row.target ? (row.target.met(row.figure) ? '✓' : '✗ MISSED') : '';
  const baseline = row.baseline
    ? `${row.baseline.label}: ${format(row.baseline.figure)} ${row.baseline.unit} (×${(row.figure / row.baseline.figure).toFixed(2)})`
    : '';
  return [
    row.row,
    format(row.figure),
    row.unit,
    row.target ? `${row.target.text} ${met}` : '',
    baseline,
  ];
});
const header = ['row', 'figure', 'unit', 'target', 'baseline (same run)'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...table.map((line) => line[column]!.length)),
);
const line = (cells: string[]) =>
  cells
    .map((cell, column) =>
      column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
    )
    .join('  ')
    .trimEnd();
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const cells of table) console.log(line(cells));
if (rows.some((row) => row.target && !row.target.met(row.figure))) process.exitCode = 1;
