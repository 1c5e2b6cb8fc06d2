/**
 * `npm run bench`: measures the figures the issues name and prints one table. Runs on the built
 * package (imported as `vcc-sim`), so it measures exactly what users run. Each suite runs in a
 * process of its own, as users run vcc-sim: one suite's heap (a million validated notifications)
 * must not pause the next one's timers.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/** A row as a suite's process reports it: the target already judged. */
type MeasuredRow = Omit<BenchRow, 'target'> & { target?: { text: string; met: boolean } };

/** The environment variable that makes this file run one suite and print its rows as JSON. */
const SUITE_VARIABLE = 'VCC_SIM_BENCH_SUITE';

async function measured(suite: () => BenchRow[] | Promise<BenchRow[]>): Promise<MeasuredRow[]> {
  return (await suite()).map(({ target, ...row }) => ({
    ...row,
    ...(target ? { target: { text: target.text, met: target.met(row.figure) } } : {}),
  }));
}

/** Runs one suite in a new process (this file, under the same loader): its rows. */
function inOwnProcess(name: string): Promise<MeasuredRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, [SUITE_VARIABLE]: name },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the ${name} suite exited ${code}`));
      // JSON has no NaN (a figure that could not be measured): it comes back as null.
      else resolve(JSON.parse(output, (_, value: unknown) => value ?? Number.NaN) as MeasuredRow[]);
    });
  });
}

const suiteOfThisProcess = process.env[SUITE_VARIABLE];
if (suiteOfThisProcess !== undefined) {
  const suite = suites.find(([name]) => name === suiteOfThisProcess)![1];
  process.stdout.write(JSON.stringify(await measured(suite)));
  process.exit(0);
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !suites.some(([suite]) => suite === name));
if (unknown.length > 0) {
  console.error(
    `No such suite: ${unknown.join(', ')} (${suites.map(([name]) => name).join(', ')})`,
  );
  process.exit(2);
}
const rows: MeasuredRow[] = [];
for (const [name] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`measuring ${name}…\n`);
  rows.push(...(await inOwnProcess(name)));
}

const table = rows.map((row) => {
  const met = row.target ? (row.target.met ? '✓' : '✗ MISSED') : '';
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
if (rows.some((row) => row.target && !row.target.met)) process.exitCode = 1;
