/**
 * The report page's script: draws the charts from the data embedded in the page.
 *
 * Charts are uPlot's. Measured in headless Chromium on this project's machines, drawing one line
 * of 10,000 points: uPlot 1.6 (51 KB minified, 22 KB gzipped) in about 10 ms; Chart.js 4.6
 * (210 KB, 71 KB gzipped) in about 110–300 ms; ECharts 6.1 (1.1 MB, 369 KB gzipped) in about
 * 150 ms after a 0.5 s load. The page embeds its library, so size is paid by every report: uPlot
 * keeps a report of a million-notification day small and instant. The agent timeline is drawn
 * on a canvas of its own (thousands of bars; no chart library's model fits a Gantt lane).
 */
import uPlot from 'uplot';
import { formatCount, formatInstant, formatMillis, formatShare } from '../../src/report/format.js';
import type { ReportPageData } from '../../src/report/render-html.js';
import { CHANNEL_STATES, type PresenceKind, type RunReport } from '../../src/report/types.js';

const COLORS = {
  inbound: '#2563eb',
  outbound: '#f59e0b',
  expected: '#111827',
  waiting: '#dc2626',
  busy: '#2563eb',
  ready: '#10b981',
  serviceLevel: '#7c3aed',
};

const CHANNEL_COLORS: Record<(typeof CHANNEL_STATES)[number], string> = {
  ringing: '#fbbf24',
  talking: '#2563eb',
  held: '#a855f7',
  parked: '#8b5cf6',
  interrupted: '#94a3b8',
  wrap: '#93c5fd',
  missed: '#ef4444',
  monitoring: '#14b8a6',
};

const PRESENCE_COLORS: Record<PresenceKind, string> = {
  ready: '#86efac',
  readyOutbound: '#fde047',
  away: '#fca5a5',
  extendedAway: '#f87171',
  loggedOut: 'transparent',
};

const data = JSON.parse(document.getElementById('vcc-report-data')!.textContent!) as ReportPageData;
const report = data.report;
const charts: Array<{ chart: uPlot; element: HTMLElement; height: number }> = [];

const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
/** Time ticks in UTC, 24-hour: `14:00`, with the date when the run spans days. */
const spansDays = report.firstMs !== undefined && report.lastMs! - report.firstMs > 36 * 3_600_000;
const timeAxis: uPlot.Axis = {
  values: (_u, ticks) =>
    ticks.map((tick) => {
      const text = formatInstant(tick * 1000);
      return spansDays ? `${text.slice(5, 10)} ${text.slice(11)}` : text.slice(11);
    }),
};
const seconds = (ms: number) => ms / 1000;

/** `text` cut with `…` to fit `width` pixels in the context's font. */
function fitLabel(context: CanvasRenderingContext2D, text: string, width: number): string {
  if (context.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && context.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function empty(element: HTMLElement, text: string): void {
  element.innerHTML = '';
  const note = document.createElement('p');
  note.className = 'empty';
  note.textContent = text;
  element.append(note);
}

function chart(
  id: string,
  height: number,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  values: uPlot.AlignedData,
): void {
  const element = document.getElementById(id);
  if (!element) return;
  const plot = new uPlot(
    { ...options, width: element.clientWidth, height, tzDate: utc },
    values,
    element,
  );
  element.dataset['points'] = String(values[0].length);
  charts.push({ chart: plot, element, height });
}

function drawArrivals(report: RunReport): void {
  const hours = report.hours;
  if (hours.length === 0)
    return empty(document.getElementById('chart-arrivals')!, 'No calls in this run.');
  const x = hours.map((hour) => seconds(hour.startMs));
  const profile = data.profile;
  const expected = hours.map((hour) =>
    profile ? (profile.perHourOfDay[new Date(hour.startMs).getUTCHours()] ?? null) : null,
  );
  const bars = (align: -1 | 1) => uPlot.paths.bars!({ size: [0.4, 40], align });
  chart(
    'chart-arrivals',
    240,
    {
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [timeAxis, { label: 'calls', size: 50 }],
      series: [
        { label: 'hour (UTC)', value: (_u, v) => (v == null ? '' : formatInstant(v * 1000)) },
        {
          label: 'inbound',
          fill: COLORS.inbound,
          stroke: COLORS.inbound,
          paths: bars(-1),
          points: { show: false },
        },
        {
          label: 'outbound',
          fill: COLORS.outbound,
          stroke: COLORS.outbound,
          paths: bars(1),
          points: { show: false },
        },
        ...(profile
          ? [
              {
                label: `expected (${profile.name})`,
                stroke: COLORS.expected,
                dash: [6, 4],
                width: 1.5,
                paths: uPlot.paths.stepped!({ align: 1 }),
                points: { show: false },
                value: (_u: uPlot, v: number | null) => (v == null ? '' : v.toFixed(1)),
              },
            ]
          : []),
      ],
    },
    [
      x,
      hours.map((hour) => hour.inbound),
      hours.map((hour) => hour.outbound),
      ...(profile ? [expected] : []),
    ],
  );
}

function drawQueue(report: RunReport): void {
  const points = report.levels.points;
  if (points.length === 0)
    return empty(document.getElementById('chart-queue')!, 'Nothing to draw.');
  const half = report.levels.widthMs / 2;
  const levels: uPlot.AlignedData = [
    points.map(([start]) => seconds(start + half)),
    points.map(([, waiting]) => waiting),
    points.map(([, , busy]) => busy),
    points.map(([, , , ready]) => ready),
  ];
  const hours: uPlot.AlignedData = [
    report.hours.map((hour) => seconds(hour.startMs + 1_800_000)),
    report.hours.map((hour) => (hour.serviceLevel === null ? null : hour.serviceLevel * 100)),
  ];
  const joined = uPlot.join([levels, hours]);
  const count = (_u: uPlot, v: number | null) => (v == null ? '' : v.toFixed(1));
  chart(
    'chart-queue',
    280,
    {
      scales: { x: { time: true }, '%': { range: [0, 100] } },
      axes: [
        timeAxis,
        { label: 'calls · agents', size: 50 },
        {
          scale: '%',
          side: 1,
          label: 'service level',
          grid: { show: false },
          values: (_u, ticks) => ticks.map((t) => `${t}%`),
        },
      ],
      series: [
        { label: 'time (UTC)', value: (_u, v) => (v == null ? '' : formatInstant(v * 1000)) },
        {
          label: 'calls waiting',
          stroke: COLORS.waiting,
          fill: 'rgba(220,38,38,0.15)',
          width: 1.5,
          value: count,
        },
        { label: 'agents busy', stroke: COLORS.busy, width: 1.5, value: count },
        { label: 'agents ready', stroke: COLORS.ready, width: 1.5, value: count },
        {
          label: `service level (${Math.round(report.serviceLevelThresholdMs / 1000)} s, hourly)`,
          scale: '%',
          stroke: COLORS.serviceLevel,
          width: 2,
          spanGaps: true,
          points: { show: true, size: 5 },
          value: (_u, v) => (v == null ? '' : `${v.toFixed(1)}%`),
        },
      ],
    },
    joined,
  );
}

/** The agent timeline: per agent, a thin presence bar above a bar of what their channels do. */
function drawTimeline(report: RunReport): void {
  const canvas = document.getElementById('timeline') as HTMLCanvasElement;
  const tip = document.getElementById('timeline-tip')!;
  const legend = document.getElementById('timeline-legend')!;
  const agents = report.agents;
  if (agents.length === 0 || report.firstMs === undefined) {
    canvas.hidden = true;
    return empty(legend, 'No agent appears in this run.');
  }
  const usedStates = new Set(agents.flatMap((agent) => agent.channels.map(([, , state]) => state)));
  legend.innerHTML = '';
  const swatch = (color: string, label: string) => {
    const item = document.createElement('span');
    const box = document.createElement('i');
    box.style.background = color;
    item.append(box, label);
    legend.append(item);
  };
  CHANNEL_STATES.forEach(
    (state, index) => usedStates.has(index) && swatch(CHANNEL_COLORS[state], state),
  );
  report.presenceStates.forEach(
    (state) =>
      state.kind !== 'loggedOut' &&
      swatch(PRESENCE_COLORS[state.kind], `presence: ${state.description}`),
  );

  const names = data.names ?? {};
  const named = agents.some((agent) => Object.hasOwn(names, agent.agentId));
  const nameOf = (agent: (typeof agents)[number]) =>
    Object.hasOwn(names, agent.agentId) ? names[agent.agentId] : undefined;
  const rowHeight = 20;
  const labelWidth = named ? 180 : 64;
  const axisHeight = 22;
  const first = report.firstMs;
  const last = Math.max(report.lastMs!, first + 1);
  let bars = 0;

  function draw(): void {
    const width = canvas.parentElement!.clientWidth;
    const height = agents.length * rowHeight + axisHeight;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.height = `${height}px`;
    const context = canvas.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const plotWidth = width - labelWidth - 8;
    const x = (ms: number) => labelWidth + ((ms - first) / (last - first)) * plotWidth;
    // Hour lines and labels, thinned to fit.
    context.font = '11px system-ui, sans-serif';
    context.fillStyle = '#6b7280';
    context.strokeStyle = '#e5e7eb';
    const hourMs = 3_600_000;
    const hours = (last - first) / hourMs;
    const step = hourMs * [1, 2, 3, 6, 12, 24, 48, 168].find((n) => hours / n <= plotWidth / 70)!;
    for (let tick = Math.ceil(first / step) * step; tick <= last; tick += step) {
      context.beginPath();
      context.moveTo(x(tick), 0);
      context.lineTo(x(tick), height - axisHeight);
      context.stroke();
      const label =
        step >= 24 * hourMs ? formatInstant(tick).slice(5, 10) : formatInstant(tick).slice(11);
      context.fillText(label, x(tick) - 14, height - 6);
    }
    bars = 0;
    agents.forEach((agent, row) => {
      const top = row * rowHeight;
      context.fillStyle = '#374151';
      const label = [
        agent.agentId,
        nameOf(agent),
        agent.roles.includes('monitor') && !agent.roles.includes('agent') ? '(sup)' : undefined,
      ]
        .filter(Boolean)
        .join(' ');
      context.fillText(fitLabel(context, label, labelWidth - 8), 4, top + 14);
      for (const [from, to, state] of agent.presence) {
        const kind = report.presenceStates[state]?.kind ?? 'away';
        context.fillStyle = PRESENCE_COLORS[kind];
        context.fillRect(x(from), top + 2, Math.max(1, x(to) - x(from)), 4);
        bars++;
      }
      for (const [from, to, state] of agent.channels) {
        context.fillStyle = CHANNEL_COLORS[CHANNEL_STATES[state] ?? 'talking'];
        context.fillRect(x(from), top + 7, Math.max(1, x(to) - x(from)), 11);
        bars++;
      }
    });
    canvas.dataset['agents'] = String(agents.length);
    canvas.dataset['bars'] = String(bars);
  }
  draw();
  window.addEventListener('resize', draw);

  canvas.addEventListener('mousemove', (event) => {
    const bounds = canvas.getBoundingClientRect();
    const px = event.clientX - bounds.left;
    const row = Math.floor((event.clientY - bounds.top) / rowHeight);
    const agent = agents[row];
    const plotWidth = bounds.width - labelWidth - 8;
    const at = first + ((px - labelWidth) / plotWidth) * (last - first);
    const slack = ((last - first) / plotWidth) * 2;
    const hit = agent?.channels.find(([from, to]) => at >= from - slack && at <= to + slack);
    const presence = agent?.presence.find(([from, to]) => at >= from && at <= to);
    if (!agent || px < labelWidth) {
      tip.hidden = true;
      return;
    }
    const name = nameOf(agent);
    const parts = [`agent ${agent.agentId}${name ? ` (${name})` : ''}`, formatInstant(at) + ' UTC'];
    if (hit) parts.push(`${CHANNEL_STATES[hit[2]]} ${formatMillis(hit[1] - hit[0])}`);
    if (presence) parts.push(`presence: ${report.presenceStates[presence[2]]?.description ?? ''}`);
    parts.push(`handled ${formatCount(agent.handled)} · busy ${formatMillis(agent.busyMs)}`);
    tip.textContent = parts.join(' · ');
    tip.hidden = false;
    tip.style.left = `${Math.min(px + 12, bounds.width - tip.offsetWidth)}px`;
    tip.style.top = `${row * rowHeight + rowHeight}px`;
  });
  canvas.addEventListener('mouseleave', () => (tip.hidden = true));
}

function drawDelivery(): void {
  const timeline = data.push?.timeline;
  if (!timeline || timeline.points.length === 0) return;
  // Seconds since the push started: a push is minutes long, where clock times say little.
  const x = timeline.points.map((point) => seconds(point.atMs + timeline.bucketMs / 2));
  const since: uPlot.Axis = { label: 'seconds since the push started', labelSize: 20 };
  const at = (_u: uPlot, v: number | null) => (v == null ? '' : `${v.toFixed(1)} s`);
  const ms = (_u: uPlot, v: number | null) => (v == null ? '' : formatMillis(v));
  chart(
    'chart-latency',
    220,
    {
      scales: { x: { time: false } },
      axes: [since, { label: 'latency (ms)', size: 50 }],
      series: [
        { label: 'since start', value: at },
        { label: 'p50', stroke: '#2563eb', width: 1.5, value: ms },
        { label: 'p90', stroke: '#f59e0b', width: 1.5, value: ms },
        { label: 'p99', stroke: '#dc2626', width: 1.5, value: ms },
      ],
    },
    [
      x,
      timeline.points.map((point) => point.latencyMs?.p50 ?? null),
      timeline.points.map((point) => point.latencyMs?.p90 ?? null),
      timeline.points.map((point) => point.latencyMs?.p99 ?? null),
    ],
  );
  const statuses = [
    ...new Set(timeline.points.flatMap((point) => Object.keys(point.outcomes))),
  ].sort();
  const palette = ['#10b981', '#dc2626', '#f59e0b', '#7c3aed', '#0ea5e9', '#64748b', '#db2777'];
  chart(
    'chart-statuses',
    200,
    {
      scales: { x: { time: false } },
      axes: [since, { label: `requests per ${formatMillis(timeline.bucketMs)}`, size: 50 }],
      series: [
        { label: 'since start', value: at },
        ...statuses.map((status, index) => ({
          label: status,
          stroke: status.startsWith('2') ? '#10b981' : palette[(index % (palette.length - 1)) + 1]!,
          width: 1.5,
        })),
      ],
    },
    [x, ...statuses.map((status) => timeline.points.map((point) => point.outcomes[status] ?? 0))],
  );
}

drawArrivals(report);
drawQueue(report);
drawTimeline(report);
drawDelivery();
document.body.dataset['ready'] = 'true';
document.title = `${data.title} · ${formatShare(report.kpis.serviceLevel)} service level · vcc-sim report`;

window.addEventListener('resize', () => {
  for (const { chart, element, height } of charts)
    chart.setSize({ width: element.clientWidth, height });
});
