import type {
  CloudEventMode,
  DeliverySummary,
  FetchHandler,
  Percentiles,
  RequestErrorKind,
} from '../../delivery-core/index.js';
import type { Scenario } from '../../engine/types.js';

/** What a check concluded. `skip`: it did not run (not asked for, or not applicable). */
export type Verdict = 'pass' | 'warn' | 'fail' | 'skip';

/** The groups of the catalogue, in the order the scorecard shows them. */
export type CheckGroup =
  'delivery' | 'signatures' | 'tolerance' | 'load' | 'transport' | 'semantics';

/** What one request of a check carried. */
export type SentRequest = {
  /** The notification's `type` and `id` (absent for probe and TLS look-ups). */
  type?: string;
  id?: string;
  /** `structured` (VCC's) or `binary`. */
  mode: CloudEventMode;
  /** How it was signed: `valid`, or what was wrong with it. */
  signature: string;
  /** What else about it matters, e.g. "the second delivery of the same id". */
  note?: string;
  bytes: number;
};

/** What came back: a status, or why there was none. */
export type Answer =
  | {
      status: number;
      latencyMs: number;
      /** The start of the body (300 characters at most). */
      body?: string;
      /** Where a redirect pointed. */
      location?: string;
    }
  | { error: RequestErrorKind; message: string; latencyMs: number };

/** One request of a check and its answer: the evidence a verdict rests on. */
export type Exchange = { sent: SentRequest; answer: Answer };

/** The outcome of one check. */
export type CheckResult = {
  name: string;
  group: CheckGroup;
  verdict: Verdict;
  /** One line: what happened. */
  summary: string;
  /** What to change, for a warning or a failure. */
  fix?: string;
  /** The requests it sent and what came back (the first few of a load check). */
  evidence: Exchange[];
  /** Figures of the check: latencies, rates, counts. */
  measurements?: CheckMeasurements;
  /** An advisory check warns but never fails (its figure depends on the machine running it). */
  advisory?: boolean;
  /** The burst as a push report, which `vcc-sim report merge` adds up across shards. */
  delivery?: BurstDelivery;
  elapsedMs: number;
};

/** Which part of a burst split across processes one of them sends: `index` of `count`, from 0. */
export type CheckShard = { index: number; count: number };

/**
 * The burst's figures in the shape of a push report (`vcc-sim push --report`), so the reports of
 * its shards merge with `vcc-sim report merge` into the figures of the whole burst. The burst
 * sends each notification once: one not answered 200–205 counts as dead-lettered
 * (`max-attempts`), one never sent (the sender fell a timeout behind) as unsent.
 */
export type BurstDelivery = DeliverySummary & {
  /** When the burst's schedule began: the shared `startAt`, for a shard. */
  startedAt: string;
  /** The webhook, credentials masked. */
  url: string;
  mode: CloudEventMode;
  signed: true;
  /** The rate the whole burst asked for, per second (the shards' together). */
  burstPerSecond: number;
  /** How late sends started against the schedule, as `latenessMs`; why sending stopped early. */
  interrupted?: { reason: 'behind-schedule'; message: string };
  shard?: CheckShard;
};

/** Figures a check reports beside its verdict. */
export type CheckMeasurements = {
  requests?: number;
  /** Requests by status or error kind. */
  outcomes?: Record<string, number>;
  /** Response latency of the requests that got a status. */
  latencyMs?: Percentiles;
  /** Load checks: how long after its scheduled send each notification was answered. */
  delayMs?: Percentiles;
  /** Load checks: the rate asked for and the rate answered, per second. */
  offeredPerSecond?: number;
  answeredPerSecond?: number;
  /** The ramp: the highest rate sustained (p99 within the timeout, no 5xx, answers kept pace). */
  sustainedPerSecond?: number;
  /** The scenario's busiest second, in notifications per second. */
  peakPerSecond?: number;
  /** Transport: the negotiated TLS version, the certificate's subject, issuer and expiry. */
  tls?: { protocol?: string; subject?: string; issuer?: string; validTo?: string };
};

/** A check as the catalogue describes it. */
export type CheckInfo = {
  name: string;
  group: CheckGroup;
  /** What it sends. */
  sends: string;
  /** What passes. */
  passes: string;
  /** Why: VCC's documented behaviour it rests on. */
  rationale: string;
  /** What to change when it fails. */
  fix: string;
  advisory?: boolean;
};

/** The whole run: every check, in catalogue order, and who passed. */
export type CheckReport = {
  /** The webhook (credentials masked); `(in-process)` marks a fetch handler. */
  target: string;
  scenario: string;
  seed: number;
  /** The event types the webhook was checked for. */
  events: string[];
  mode: CloudEventMode;
  timeoutMs: number;
  startedAt: string;
  elapsedMs: number;
  /** The part of the burst this process sent, when the burst was split across processes. */
  shard?: CheckShard;
  checks: CheckResult[];
  /** Names of checks by verdict. */
  passed: string[];
  warned: string[];
  failed: string[];
  skipped: string[];
  /** No check failed. */
  ok: boolean;
};

/**
 * What the consumer recorded, for the semantic checks: how often it stored a notification, and
 * the latest event it holds for a channel. `--probe <url>` answers the same over HTTP (see the
 * README's probe contract).
 */
export interface WebhookProbe {
  /** How many times the consumer stored (acted on) the notification with this id; 0 if never. */
  stored(id: string): number | Promise<number>;
  /** The type of the event the consumer holds as the channel's latest, if it knows the channel. */
  lastEvent(channelId: string): string | undefined | Promise<string | undefined>;
}

/** Options of `checkWebhook`. */
export type CheckOptions = {
  /**
   * The webhook's URL. With `fetch`, requests carry it (so a router sees its path) and go to the
   * handler instead of the network; default `https://webhook.vcc-sim.test/`.
   */
  url?: string | URL;
  /** A fetch-style handler (`app.fetch`, `routeFetch(...)`) to check in-process. */
  fetch?: FetchHandler;
  /** The subscription secret the webhook verifies with (base64, ≥ 32 bytes). */
  secret: string;
  /** The event types the webhook is subscribed to, `*` wildcards allowed (default `channel.*`). */
  events?: string | readonly string[];
  /** Leave out the event types VCC documents no page for. */
  documentedOnly?: boolean;
  /** Where notifications come from and what the peak rate is (default `contact-centre-day`). */
  scenario?: Scenario | string;
  /** Seed of the notifications and every choice; the same seed makes the same run. */
  seed?: number;
  /** `binary` also runs the binary-mode check (VCC itself sends structured mode). */
  mode?: CloudEventMode;
  /** An answer later than this fails (default 10,000 ms, as VCC). */
  timeoutMs?: number;
  /** 4xx statuses the tolerance checks accept besides 200–205 (e.g. a documented 422). */
  allowStatus?: readonly number[];
  /** The burst: `factor` × the scenario's peak rate for `durationMs` (defaults 10 and 5,000). */
  burst?: { factor?: number; durationMs?: number };
  /** The ramp: doubling from the peak rate in steps of `stepMs` up to `maxRate`/s (1,000 ms, 1,000/s). */
  ramp?: { maxRate?: number; stepMs?: number };
  /** At most this many requests in flight during the load checks (default 64). */
  concurrency?: number;
  /**
   * Send only this shard of the burst: every `count`-th of its notifications from `index`, each at
   * its instant in the whole burst's schedule, so `count` processes given the same options and
   * `seed` send the whole burst between them, at its rate. Only the burst may run then (`only:
   * ['burst']`), and `seed` must be given.
   */
  shard?: CheckShard;
  /** Start the burst at this instant (ISO 8601 with its zone, a Date or ms): shards start together. */
  startAt?: Date | string | number;
  /** The semantic checks' probe: a URL answering the probe contract, or a function pair. */
  probe?: string | URL | WebhookProbe;
  /** Run only these checks (names or groups). */
  only?: readonly string[];
  /** Skip these checks (names or groups). */
  skip?: readonly string[];
  /** A CA certificate (PEM) to trust, for a test certificate. */
  ca?: string | Uint8Array;
  /** Accept any certificate (the transport check then says so). */
  insecure?: boolean;
  /** Told each result as its check finishes. */
  onResult?: (result: CheckResult) => void;
  signal?: AbortSignal;
};
