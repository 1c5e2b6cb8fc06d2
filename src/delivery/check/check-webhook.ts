import {
  EVENT_TYPES,
  createWebhookSigner,
  webhookSecretKey,
  type EventType,
} from '../../contract/index.js';
import {
  DELIVERY_DEFAULTS,
  checkPositive,
  checkStart,
  createSignatureForger,
  maskUrl,
  parseWebhookUrl,
  platformCrypto,
} from '../../delivery-core/index.js';
import { builtInScenario, eventFilter, randomStream, simulate } from '../../engine/index.js';
import type { Scenario } from '../../engine/types.js';
import { VccSimError } from '../../errors.js';
import { CHECK_CATALOGUE, CHECK_GROUPS } from './catalogue.js';
import { CHECK_DEFAULTS } from './defaults.js';
import { CheckContext, type CheckSettings } from './internal/check-context.js';
import { RUNNERS, runScript } from './internal/checks.js';
import { httpProbe } from './internal/http-probe.js';
import { NotificationPool, peakPerSecond } from './internal/notification-pool.js';
import { reachable } from './internal/reachable.js';
import { handlerTransport, networkTransport } from './internal/transport.js';
import type { CheckOptions, CheckReport, CheckResult, CheckShard, WebhookProbe } from './types.js';

/** A calls limit past any check's needs: the load checks read the run as far as they go. */
const ENDLESS_CALLS = 1_000_000_000;

function usage(message: string): VccSimError {
  return new VccSimError('usage', message);
}

/** The names `only` and `skip` may use: each check's, and each group's. */
function selection(options: CheckOptions): (name: string, group: string) => boolean {
  const known = new Set<string>([
    ...CHECK_CATALOGUE.map((check) => check.name),
    ...Object.keys(CHECK_GROUPS),
  ]);
  for (const [flag, names] of [
    ['only', options.only],
    ['skip', options.skip],
  ] as const) {
    for (const name of names ?? []) {
      if (!known.has(name)) {
        throw usage(`${flag}: no check or group "${name}"; checks: ${[...known].join(', ')}.`);
      }
    }
  }
  const only = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  const skip = new Set(options.skip ?? []);
  return (name, group) =>
    (!only || only.has(name) || only.has(group)) && !skip.has(name) && !skip.has(group);
}

function allowedStatuses(statuses: readonly number[] = []): Set<number> {
  for (const status of statuses) {
    if (!Number.isInteger(status) || status < 400 || status > 499) {
      throw usage(
        `Allowed statuses must be 4xx (got ${status}): VCC retries anything but 200–205, so only a documented 4xx may stand in for success.`,
      );
    }
  }
  return new Set(statuses);
}

function subscribedTypes(options: CheckOptions): EventType[] {
  const filter = eventFilter(options.events ?? CHECK_DEFAULTS.events, {
    ...(options.documentedOnly ? { documentedOnly: true } : {}),
  });
  return EVENT_TYPES.filter((info) => filter(info.type)).map((info) => info.type);
}

function settingsOf(options: CheckOptions): CheckSettings {
  webhookSecretKey(options.secret);
  const inProcess = options.fetch !== undefined;
  const url = parseWebhookUrl(options.url ?? CHECK_DEFAULTS.inProcessUrl);
  const number = (name: string, value: number | undefined, fallback: number, integer = false) =>
    value === undefined ? fallback : checkPositive(name, value, { integer });
  return {
    url,
    target: inProcess
      ? `${options.url === undefined ? '' : `${maskUrl(url)} `}(in-process)`.trim()
      : maskUrl(url),
    inProcess,
    events: subscribedTypes(options),
    mode: options.mode ?? 'structured',
    timeoutMs: number('timeoutMs', options.timeoutMs, DELIVERY_DEFAULTS.timeoutMs),
    allowStatus: allowedStatuses(options.allowStatus),
    burstFactor: number('burst.factor', options.burst?.factor, CHECK_DEFAULTS.burstFactor),
    burstDurationMs: number(
      'burst.durationMs',
      options.burst?.durationMs,
      CHECK_DEFAULTS.burstDurationMs,
    ),
    rampMaxRate: number('ramp.maxRate', options.ramp?.maxRate, CHECK_DEFAULTS.rampMaxRate),
    rampStepMs: number('ramp.stepMs', options.ramp?.stepMs, CHECK_DEFAULTS.rampStepMs),
    concurrency: number('concurrency', options.concurrency, CHECK_DEFAULTS.concurrency, true),
    ...(options.shard ? { shard: checkedShard(options) } : {}),
    ...(options.startAt === undefined
      ? {}
      : { startAtMs: checkStart('startAt', options.startAt, Date.now()) }),
    ...(options.signal ? { signal: options.signal } : {}),
    insecure: options.insecure === true,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
}

/** A few names, and how many more. */
function listed(names: readonly string[]): string {
  return names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ');
}

/**
 * A shard of the burst, checked: only the burst splits (the other checks each send a few scripted
 * requests, which n processes would send n times), and every shard must draw the same burst.
 */
function checkedShard(options: CheckOptions): CheckShard {
  const { index, count } = options.shard!;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw usage(`shard.count must be a whole number of 1 or more (got ${count}).`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw usage(
      `shard.index must be a whole number from 0 to ${count - 1}: shards count from 0 (got ${index}).`,
    );
  }
  const selected = selection(options);
  const others = CHECK_CATALOGUE.filter(
    (check) => check.name !== 'burst' && selected(check.name, check.group),
  ).map((check) => check.name);
  if (others.length > 0 || !selected('burst', 'load')) {
    throw usage(
      `A shard sends its part of the burst and nothing else: select the burst alone (--only burst, only: ['burst']) and run the other checks once, unsharded${others.length > 0 ? ` (also selected: ${listed(others)})` : ''}.`,
    );
  }
  if (options.seed === undefined) {
    throw usage(
      'A shard of the burst needs the seed every shard is given, to send its part of the same burst.',
    );
  }
  return { index, count };
}

function scenarioOf(scenario: Scenario | string | undefined): Scenario {
  return typeof scenario === 'object'
    ? scenario
    : builtInScenario(scenario ?? CHECK_DEFAULTS.scenario);
}

function randomSeed(): number {
  const [a = 0, b = 0, c = 0] = platformCrypto().randomBytes(3);
  return (a << 16) | (b << 8) | c;
}

function tally(checks: readonly CheckResult[], verdict: CheckResult['verdict']): string[] {
  return checks.filter((check) => check.verdict === verdict).map((check) => check.name);
}

/**
 * Grades a webhook against everything VCC will do to it: a catalogue of named checks
 * ({@link CHECK_CATALOGUE}), each a short scripted delivery sequence with a verdict and its
 * evidence. Over the network (`url`), or in-process through a fetch-style handler (`fetch`).
 * Resolves with the report; a failed check is in `report.failed`, never a rejection.
 * @throws {VccSimError} code `usage` for bad options, `input` when nothing answers at the URL.
 * @example
 * const report = await checkWebhook({ url: 'https://calls.example.com/webhooks/vcc', fetch: app.fetch, secret });
 * expect(report.failed).toEqual([]);
 */
export async function checkWebhook(options: CheckOptions): Promise<CheckReport> {
  const settings = settingsOf(options);
  const selected = selection(options);
  const scenario = scenarioOf(options.scenario);
  const seed = options.seed ?? randomSeed();
  const startedAt = new Date();
  const started = performance.now();
  const simulateOptions = { seed, events: settings.events };
  const peak = Math.max(1, peakPerSecond(simulate(scenario, simulateOptions)));
  const pool = new NotificationPool(
    simulate(scenario, { ...simulateOptions, calls: ENDLESS_CALLS }),
  );
  // The load checks send as many as the webhook takes, which depends on the machine: from a run
  // of their own (another seed, so other ids), the checks after them send the same whatever it is.
  const loadSeed = Math.floor(randomStream(seed, 'check load').next() * 2 ** 24);
  const loadPool = new NotificationPool(
    simulate(scenario, { ...simulateOptions, seed: loadSeed, calls: ENDLESS_CALLS }),
  );
  if (!settings.inProcess) await reachable(settings.url, settings.timeoutMs);
  const transport = options.fetch
    ? handlerTransport(options.fetch)
    : await networkTransport({
        ...(settings.ca === undefined ? {} : { ca: settings.ca }),
        insecure: settings.insecure,
        connections: settings.concurrency,
        connectTimeoutMs: settings.timeoutMs,
      });
  const crypto = platformCrypto();
  const random = randomStream(seed, 'check signatures');
  const probe: WebhookProbe | undefined =
    options.probe === undefined
      ? undefined
      : typeof options.probe === 'string' || options.probe instanceof URL
        ? httpProbe(parseWebhookUrl(options.probe), transport, settings.timeoutMs)
        : options.probe;
  const context = new CheckContext(
    settings,
    transport,
    createWebhookSigner(options.secret, { crypto }),
    createSignatureForger(options.secret, { crypto, now: Date.now, random: () => random.next() }),
    pool,
    loadPool,
    peak,
    probe,
  );
  const checks: CheckResult[] = [];
  try {
    for (const info of CHECK_CATALOGUE) {
      if (options.signal?.aborted) break;
      const began = performance.now();
      if (!selected(info.name, info.group)) continue;
      const runner = RUNNERS[info.name];
      const skipReason = runner.skipReason?.(context);
      const outcome = skipReason
        ? { verdict: 'skip' as const, summary: `skipped: ${skipReason}`, evidence: [] }
        : await runScript(runner, context);
      const advisory = 'advisory' in info && info.advisory;
      const result: CheckResult = {
        name: info.name,
        group: info.group,
        verdict: advisory && outcome.verdict === 'fail' ? 'warn' : outcome.verdict,
        summary: outcome.summary,
        ...(outcome.verdict === 'warn' || outcome.verdict === 'fail'
          ? { fix: outcome.fix ?? info.fix }
          : {}),
        evidence: outcome.evidence,
        ...(outcome.measurements ? { measurements: outcome.measurements } : {}),
        ...(advisory ? { advisory: true } : {}),
        ...(outcome.delivery ? { delivery: outcome.delivery } : {}),
        elapsedMs: Math.round(performance.now() - began),
      };
      checks.push(result);
      options.onResult?.(result);
    }
  } finally {
    await transport.close();
  }
  const failed = tally(checks, 'fail');
  return {
    target: settings.target,
    scenario: scenario.definition.name,
    seed,
    events: settings.events,
    mode: settings.mode,
    timeoutMs: settings.timeoutMs,
    startedAt: startedAt.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    ...(settings.shard ? { shard: settings.shard } : {}),
    checks,
    passed: tally(checks, 'pass'),
    warned: tally(checks, 'warn'),
    failed,
    skipped: tally(checks, 'skip'),
    ok: failed.length === 0,
  };
}
