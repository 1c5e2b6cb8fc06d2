/**
 * The inspector of `vcc-sim listen --ui`: every request as it arrives (server-sent events), its
 * verdicts, headers and body, and the lifecycle of its conversation. Keeps at most
 * {@link WINDOW} requests; everything shown is text (bodies are untrusted: never HTML).
 */
import type { InspectorEvent, ReceiverSummary } from '../../src/delivery/http/types.js';
import { countOf, formatCount } from '../../src/internal/count.js';

/** Requests the page keeps; older ones leave the table. */
const WINDOW = 500;

type Hello = { ringSize: number; summary: ReceiverSummary };

const events: InspectorEvent[] = [];
const rowsBySeq = new Map<number, HTMLTableRowElement>();
let selected: number | undefined;
let filter = '';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const clock = (iso: string | undefined) => (iso ? iso.slice(11, 23) : '');
const short = (id: string | undefined, length = 8) => (id ? `${id.slice(0, length)}…` : '');

// The page's frame.
const status = element('span', { id: 'status', class: 'status connecting' }, 'connecting…');
const counters = element('div', { id: 'counters' });
const search = element('input', {
  id: 'filter',
  type: 'search',
  placeholder: 'Filter: type, id, channel, agent…',
});
const rows = element('tbody', { id: 'rows' });
const table = element(
  'table',
  { id: 'requests' },
  element(
    'thead',
    {},
    element(
      'tr',
      {},
      ...['received', 'status', 'type', 'subject', 'signature', 'flags'].map((name) =>
        element('th', {}, name),
      ),
    ),
  ),
  rows,
);
const empty = element(
  'p',
  { id: 'empty' },
  `Waiting for notifications: POST them to ${location.origin}/`,
);
const details = element(
  'aside',
  { id: 'details' },
  element('p', { class: 'hint' }, 'Select a notification to see it whole.'),
);
document
  .getElementById('app')!
  .append(
    element('header', {}, element('h1', {}, 'vcc-sim listen'), status, counters, search),
    element('main', {}, element('section', { id: 'list' }, table, empty), details),
  );

function showSummary(summary: ReceiverSummary): void {
  const bad = Object.entries(summary.signatures)
    .filter(([verdict]) => verdict !== 'valid' && verdict !== 'unchecked')
    .reduce((sum, [, count]) => sum + count, 0);
  // [id, label for one, label for any other count, count]
  const figures: Array<[string, string, string, number]> = [
    ['requests', 'request', 'requests', summary.requests],
    ['accepted', 'accepted', 'accepted', summary.accepted],
    ['invalid', 'invalid', 'invalid', summary.invalid],
    ['bad-signatures', 'bad signature', 'bad signatures', bad],
    ['duplicates', 'duplicate', 'duplicates', summary.duplicates],
    ['out-of-order', 'out of order', 'out of order', summary.outOfOrder],
  ];
  counters.replaceChildren(
    ...figures.map(([key, one, many, value]) =>
      element(
        'span',
        {
          id: `count-${key}`,
          class: value > 0 && key !== 'requests' && key !== 'accepted' ? 'count warn' : 'count',
          'data-value': String(value),
        },
        element('b', {}, formatCount(value)),
        ` ${value === 1 ? one : many}`,
      ),
    ),
  );
}

function signatureBadge(event: InspectorEvent): HTMLElement {
  if (event.signature === 'valid') return element('span', { class: 'badge ok' }, '✓ signed');
  if (event.signature === 'unchecked')
    return element('span', { class: 'badge muted' }, 'unchecked');
  return element(
    'span',
    { class: 'badge bad', title: event.signatureMessage ?? '' },
    `✗ ${event.signature}`,
  );
}

function flagBadges(event: InspectorEvent): HTMLElement[] {
  const flags: HTMLElement[] = [];
  if (!event.valid)
    flags.push(
      element(
        'span',
        { class: 'badge bad', 'data-flag': 'invalid' },
        `invalid (${event.errors.length})`,
      ),
    );
  if (event.duplicate)
    flags.push(element('span', { class: 'badge warn', 'data-flag': 'duplicate' }, 'duplicate'));
  if (event.outOfOrder)
    flags.push(
      element('span', { class: 'badge warn', 'data-flag': 'out-of-order' }, 'out of order'),
    );
  if (event.injected)
    flags.push(
      element('span', { class: 'badge muted', 'data-flag': 'injected' }, 'injected failure'),
    );
  return flags;
}

function matches(event: InspectorEvent): boolean {
  if (!filter) return true;
  const haystack = [
    event.type,
    event.id,
    event.subject,
    event.agentId,
    event.conversationId,
    event.interactionId,
    String(event.status),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return haystack.includes(filter);
}

function row(event: InspectorEvent): HTMLTableRowElement {
  const tr = element(
    'tr',
    {
      'data-seq': String(event.seq),
      'data-signature': event.signature,
      'data-valid': String(event.valid),
      'data-duplicate': String(event.duplicate),
      'data-out-of-order': String(event.outOfOrder),
      class: event.status >= 200 && event.status <= 205 ? '' : 'failed',
    },
    element('td', { class: 'mono' }, clock(event.receivedAt)),
    element('td', { class: 'mono' }, String(event.status)),
    element('td', {}, event.type ?? `(${event.mode})`),
    element(
      'td',
      { class: 'mono', title: event.subject ?? '' },
      event.presence ? `agent ${event.agentId ?? ''}` : short(event.subject),
    ),
    element('td', {}, signatureBadge(event)),
    element('td', {}, ...flagBadges(event)),
  );
  tr.hidden = !matches(event);
  tr.addEventListener('click', () => select(event.seq));
  return tr;
}

function add(event: InspectorEvent): void {
  if (rowsBySeq.has(event.seq)) return; // replayed after a reconnect
  events.push(event);
  const tr = row(event);
  rowsBySeq.set(event.seq, tr);
  rows.prepend(tr);
  while (events.length > WINDOW) {
    const old = events.shift()!;
    rowsBySeq.get(old.seq)?.remove();
    rowsBySeq.delete(old.seq);
  }
  empty.hidden = true;
  showSummary(event.summary);
  if (
    selected !== undefined &&
    related(
      events.find((e) => e.seq === selected),
      event,
    )
  )
    renderDetails();
}

function related(a: InspectorEvent | undefined, b: InspectorEvent): boolean {
  if (!a) return false;
  if (a.conversationId) return a.conversationId === b.conversationId;
  return a.presence !== undefined && b.presence !== undefined && a.agentId === b.agentId;
}

function select(seq: number): void {
  rowsBySeq.get(selected ?? -1)?.classList.remove('selected');
  selected = seq;
  rowsBySeq.get(seq)?.classList.add('selected');
  renderDetails();
}

function eventName(type: string | undefined): string {
  return type?.split('.').slice(1).join('.') ?? '?';
}

/** The channels of the selected request's conversation, or the agent's presence changes. */
function lifecycle(event: InspectorEvent): HTMLElement {
  const section = element('section', { id: 'lifecycle' });
  const mine = events.filter((other) => related(event, other) || other.seq === event.seq);
  const chip = (other: InspectorEvent, label: string) =>
    element(
      'span',
      {
        class: `chip${other.seq === event.seq ? ' current' : ''}${other.duplicate || other.outOfOrder || !other.valid ? ' flagged' : ''}`,
        title: `received ${clock(other.receivedAt)}${other.duplicate ? ' · duplicate' : ''}${other.outOfOrder ? ' · out of order' : ''}`,
      },
      element('small', {}, clock(other.timestamp ?? other.receivedAt)),
      ` ${label}`,
    );
  const byTime = (a: InspectorEvent, b: InspectorEvent) =>
    (a.timestamp ?? '').localeCompare(b.timestamp ?? '') || a.seq - b.seq;
  if (event.presence !== undefined) {
    section.append(element('h3', {}, `Presence of agent ${event.agentId ?? '?'}`));
    section.append(
      element(
        'div',
        { class: 'lane' },
        ...mine.sort(byTime).map((other) => chip(other, other.presence ?? '')),
      ),
    );
    return section;
  }
  if (!event.conversationId) return section;
  section.append(element('h3', {}, `Conversation ${short(event.conversationId, 13)}`));
  const channels = new Map<string, InspectorEvent[]>();
  for (const other of mine) {
    const key = `${other.interactionId ?? ''} ${other.channelId ?? ''}`;
    channels.set(key, [...(channels.get(key) ?? []), other]);
  }
  const lanes = [...channels.values()].sort((a, b) =>
    byTime(a.sort(byTime)[0]!, b.sort(byTime)[0]!),
  );
  for (const lane of lanes) {
    const first = lane[0]!;
    const who =
      first.role === 'agent' || first.role === 'monitor'
        ? `${first.role} ${first.agentId ?? ''}`
        : (first.role ?? '?');
    section.append(
      element(
        'div',
        { class: 'lane', 'data-channel': first.channelId ?? '' },
        element(
          'span',
          {
            class: 'who',
            title: `interaction ${first.interactionId ?? ''} · channel ${first.channelId ?? ''}`,
          },
          who,
        ),
        ...versionsTogether(lane).map(([other, label]) => chip(other, label)),
      ),
    );
  }
  return section;
}

/**
 * One chip per event: VCC sends a v0 and a v1 of the same event, which read best as one
 * (`connected v0 v1`); the chip stands for the one selected, else the first.
 */
function versionsTogether(lane: InspectorEvent[]): Array<[InspectorEvent, string]> {
  const nameOf = (other: InspectorEvent) => eventName(other.type).split('.');
  const groups = new Map<string, InspectorEvent[]>();
  for (const other of lane) {
    const key = `${other.timestamp ?? other.seq} ${nameOf(other)[0]}`;
    groups.set(key, [...(groups.get(key) ?? []), other]);
  }
  return [...groups.values()].map((group) => {
    const shown = group.find((other) => other.seq === selected) ?? group[0]!;
    const merged = {
      ...shown,
      duplicate: group.some((other) => other.duplicate),
      outOfOrder: group.some((other) => other.outOfOrder),
      valid: group.every((other) => other.valid),
    };
    // A retried notification arrives again: its version is listed once.
    const versions = [...new Set(group.map((other) => nameOf(other)[1] ?? ''))].join(' ');
    return [merged, `${nameOf(shown)[0]} ${versions}`];
  });
}

function renderDetails(): void {
  const event = events.find((other) => other.seq === selected);
  if (!event) return;
  let body = event.body;
  try {
    body = JSON.stringify(JSON.parse(event.body), null, 2);
  } catch {
    // Not JSON: shown as received.
  }
  const problems = event.errors.length
    ? element(
        'ul',
        { class: 'problems' },
        ...event.errors.map((error) =>
          element('li', {}, element('code', {}, error.path || '/'), ` ${error.message}`),
        ),
      )
    : element('p', { class: 'ok' }, '✓ valid against the contract');
  details.replaceChildren(
    element('h2', {}, event.type ?? 'request', ' ', element('small', {}, `#${event.seq}`)),
    element(
      'p',
      { class: 'verdict' },
      `${event.method} ${event.path} → ${event.status} · ${event.mode} · ${countOf(event.bytes, 'byte')} · `,
      signatureBadge(event),
      ...flagBadges(event),
    ),
    ...(event.signatureMessage
      ? [element('p', { class: 'bad-text' }, event.signatureMessage)]
      : []),
    element('h3', {}, 'Validation'),
    problems,
    lifecycle(event),
    element('h3', {}, 'Headers'),
    element(
      'table',
      { class: 'headers' },
      ...event.headers.map(([name, value]) =>
        element('tr', {}, element('th', {}, name), element('td', { class: 'mono' }, value)),
      ),
    ),
    element('h3', {}, event.bodyTruncated ? 'Body (first 16 KB)' : 'Body'),
    element('pre', { id: 'body' }, body),
  );
}

search.addEventListener('input', () => {
  filter = search.value.trim().toLowerCase();
  for (const event of events) rowsBySeq.get(event.seq)!.hidden = !matches(event);
});

const source = new EventSource('/_vcc/events');
source.addEventListener('hello', (message) => {
  const hello = JSON.parse((message as MessageEvent<string>).data) as Hello;
  showSummary(hello.summary);
  status.className = 'status live';
  status.textContent = 'live';
  document.body.dataset['ready'] = 'true';
});
source.addEventListener('notification', (message) =>
  add(JSON.parse((message as MessageEvent<string>).data) as InspectorEvent),
);
source.addEventListener('error', () => {
  status.className = 'status reconnecting';
  status.textContent = source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting…';
});
