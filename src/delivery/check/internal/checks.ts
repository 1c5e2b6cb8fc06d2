import { EVENT_TYPES, eventTypeInfo, type VccNotification } from '../../../contract/index.js';
import { exampleNotification } from '../../../contract/examples.js';
import { LatencyHistogram, errorMessage, type BadSignature } from '../../../delivery-core/index.js';
import { countOf, formatCount } from '../../../internal/count.js';
import type { CheckName } from '../catalogue.js';
import type { Exchange } from '../types.js';
import type { CheckContext } from './check-context.js';
import {
  describeAnswer,
  formatMs,
  gradeAll,
  gradeDelivery,
  gradeRefusal,
  type Grade,
  type Outcome,
} from './grading.js';
import { burstDelivery } from './burst-delivery.js';
import { rampSteps, runPaced, type LoadRun, type PacedOptions } from './load.js';

/** How a check runs: when it does not apply, and its script. */
type Runner = {
  /** Why the check cannot run here (then it is skipped), or `undefined`. */
  skipReason?(context: CheckContext): string | undefined;
  run(context: CheckContext): Promise<Outcome>;
};

/** Thrown by a script that finds no notification to send (the scenario lacks one). */
class NothingToSend extends Error {}

function fresh(context: CheckContext, test?: (n: VccNotification) => boolean): VccNotification {
  const notification = context.pool.take(test);
  if (!notification) {
    throw new NothingToSend('the scenario sends no notification this check can use');
  }
  return notification;
}

const rate = (perSecond: number) =>
  `${perSecond >= 10 ? formatCount(perSecond) : perSecond.toFixed(1)}/s`;

/** "refused with 401", or each failing variant with why. */
function describeGrades(evidence: Exchange[]) {
  return (grades: Grade[]): string => {
    if (grades.every((grade) => grade.verdict === 'pass')) {
      const whys = [...new Set(grades.map((grade) => grade.why))];
      if (whys.length > 1) return grades.map((grade) => grade.why).join(', ');
      return evidence.length > 1 ? `${whys[0]!} (all ${evidence.length})` : whys[0]!;
    }
    const troubled = grades
      .map((grade, index) => ({ grade, sent: evidence[index]!.sent }))
      .filter(({ grade }) => grade.verdict !== 'pass');
    // The same answer to every variant reads once, not once per variant.
    const whys = new Set(troubled.map(({ grade }) => grade.why));
    if (evidence.length > 1 && troubled.length === evidence.length && whys.size === 1) {
      return `all ${evidence.length}: ${troubled[0]!.grade.why}`;
    }
    return troubled
      .map(({ grade, sent }) =>
        evidence.length > 1 ? `${sent.note ?? sent.signature}: ${grade.why}` : grade.why,
      )
      .join('; ');
  };
}

function refuses(kind: BadSignature): Runner {
  return {
    async run(context) {
      const evidence = await context.sendForged(kind, () => fresh(context));
      return gradeAll(evidence, gradeRefusal, describeGrades(evidence));
    },
  };
}

function tolerates(evidence: Exchange[], context: CheckContext): Outcome {
  const { timeoutMs, allowStatus } = context.settings;
  return gradeAll(
    evidence,
    (answer) => gradeDelivery(answer, timeoutMs, allowStatus),
    describeGrades(evidence),
  );
}

/** The lifecycle version the subscription has whole (`ended` and something before it). */
function lifecycleVersion(context: CheckContext): number | undefined {
  const events = new Set<string>(context.settings.events);
  return [0, 1].find(
    (version) =>
      events.has(`channel.ended.v${version}`) && events.has(`channel.alerted.v${version}`),
  );
}

function lifecycle(context: CheckContext): VccNotification[] {
  const version = lifecycleVersion(context)!;
  const events = context.pool.takeLifecycle(
    (notification) =>
      notification.source === '/channel' && notification.type.endsWith(`.v${version}`),
  );
  if (!events) throw new NothingToSend('the scenario completes no channel lifecycle');
  return events;
}

async function sendReversed(context: CheckContext, events: VccNotification[]) {
  const evidence: Exchange[] = [];
  const reversed = [...events].reverse();
  for (const [index, notification] of reversed.entries()) {
    evidence.push(
      await context.send(notification, { note: `${index + 1} of ${reversed.length}, reversed` }),
    );
  }
  return evidence;
}

const noLifecycle = (context: CheckContext) =>
  lifecycleVersion(context) === undefined
    ? 'the subscription lacks channel.alerted and channel.ended of one version: no lifecycle to reorder'
    : undefined;

/** The event name without its version: `channel.ended`. */
const eventName = (type: string) => type.replace(/\.v\d+$/, '');

/** The latency of the exchanges that got a status. */
function latencyOf(evidence: Exchange[]) {
  const histogram = new LatencyHistogram();
  for (const { answer } of evidence) if ('status' in answer) histogram.record(answer.latencyMs);
  return histogram.summary();
}

/** Runs one load step and names what went wrong with it, if anything. */
async function load(
  context: CheckContext,
  perSecond: number,
  durationMs: number,
  maxLagMs: number,
  part: Pick<PacedOptions, 'share' | 'startAtMs'> = {},
) {
  const count = Math.max(1, Math.round((perSecond * durationMs) / 1000));
  const { share } = part;
  // A share takes its own of the whole's notifications: the i-th, then every n-th.
  let skip = share?.index ?? 0;
  const next = () => {
    for (; skip > 0; skip--) context.loadPool.next();
    skip = (share?.count ?? 1) - 1;
    return context.loadPool.next();
  };
  return runPaced({
    rate: perSecond,
    count,
    maxLagMs,
    concurrency: context.settings.concurrency,
    ...part,
    next,
    send: (notification) => context.send(notification),
    ...(context.settings.signal ? { signal: context.settings.signal } : {}),
  });
}

function loadMeasurements(run: LoadRun) {
  const latencyMs = run.latency.summary();
  const delayMs = run.delay.summary();
  return {
    requests: run.requests,
    outcomes: run.outcomes,
    ...(latencyMs ? { latencyMs } : {}),
    ...(delayMs ? { delayMs } : {}),
    offeredPerSecond: Math.round(run.offeredPerSecond * 10) / 10,
    answeredPerSecond: Math.round((run.requests / run.elapsedMs) * 10_000) / 10,
  };
}

function outcomesText(outcomes: Record<string, number>): string {
  return Object.entries(outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `${key} ×${count}`)
    .join(' · ');
}

/** Why a load step was not sustained, or `undefined` when it was. */
function shortfall(run: LoadRun, timeoutMs: number, allowedLagMs: number): string | undefined {
  if (run.succeeded < run.requests) {
    return `${formatCount(run.requests - run.succeeded)} of ${formatCount(run.requests)} not accepted (${outcomesText(run.outcomes)})`;
  }
  if (run.abandonedAfter !== undefined) {
    return `sending fell more than ${formatMs(allowedLagMs)} behind schedule after ${formatCount(run.abandonedAfter)} of ${countOf(run.planned, 'request')}; the rest were not sent`;
  }
  const maxDelay = run.delay.summary()?.max ?? 0;
  if ((run.latency.summary()?.p99 ?? 0) >= timeoutMs) return `p99 latency reached the timeout`;
  if (maxDelay > allowedLagMs) return `answers fell ${formatMs(maxDelay)} behind schedule`;
  return undefined;
}

const notHttps = (context: CheckContext) =>
  context.settings.inProcess
    ? 'in-process handler: no network'
    : context.settings.url.protocol !== 'https:'
      ? 'http URL: no TLS'
      : undefined;

const noProbe = (context: CheckContext) =>
  context.probe ? undefined : 'no probe: give --probe <url> (see the README’s probe contract)';

async function askProbe<T>(ask: () => T | Promise<T>): Promise<T | Error> {
  try {
    return await ask();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The type one version past the newest the catalogue knows of this event. */
function futureVersion(type: string): string {
  const name = eventName(type);
  const newest = Math.max(
    ...EVENT_TYPES.filter((info) => info.name === name).map((info) => info.version),
  );
  return `${name}.v${newest + 1}`;
}

/** Every check's script, by name: the compiler holds it to the catalogue. */
export const RUNNERS: Record<CheckName, Runner> = {
  'accepts-every-event-type': {
    async run(context) {
      const { events, timeoutMs } = context.settings;
      const evidence: Exchange[] = [];
      for (const type of events) {
        const found = context.pool.take((notification) => notification.type === type);
        const notification = found ?? exampleNotification(type);
        evidence.push(
          await context.send(
            notification,
            found ? {} : { note: 'VCC’s example: the scenario sends none' },
          ),
        );
      }
      const latencyMs = latencyOf(evidence);
      const outcome = gradeAll(
        evidence,
        (answer) => gradeDelivery(answer, timeoutMs),
        (grades) => {
          const bad = grades
            .map((grade, index) => ({ grade, type: evidence[index]!.sent.type }))
            .filter(({ grade }) => grade.verdict !== 'pass');
          const figures = latencyMs
            ? ` · p50 ${formatMs(latencyMs.p50)} · p99 ${formatMs(latencyMs.p99)}`
            : '';
          if (bad.length === 0)
            return `${countOf(events.length, 'type')} answered 200–205${figures}`;
          const listed = bad
            .slice(0, 3)
            .map(({ type, grade }) => `${type} ${grade.why}`)
            .join('; ');
          const more = bad.length > 3 ? `; and ${bad.length - 3} more` : '';
          return `${bad.length} of ${countOf(events.length, 'type')} not accepted cleanly: ${listed}${more}`;
        },
      );
      return {
        ...outcome,
        measurements: { requests: evidence.length, ...(latencyMs ? { latencyMs } : {}) },
      };
    },
  },
  'refuses-unsigned': refuses('unsigned'),
  'refuses-wrong-secret': refuses('wrong'),
  'refuses-tampered-body': refuses('hash-mismatch'),
  'refuses-expired-token': refuses('stale'),
  'refuses-future-iat': refuses('future-iat'),
  'refuses-future-nbf': refuses('future-nbf'),
  'refuses-alg-none': refuses('alg-none'),
  'refuses-other-algorithm': refuses('other-algorithm'),
  'refuses-malformed-header': refuses('malformed'),
  'tolerates-duplicates': {
    async run(context) {
      const notification = fresh(context);
      const evidence = [
        await context.send(notification, { note: 'first delivery' }),
        await context.send(notification, { note: 'the same notification again, signed afresh' }),
      ];
      return tolerates(evidence, context);
    },
  },
  'tolerates-out-of-order': {
    skipReason: noLifecycle,
    async run(context) {
      return tolerates(await sendReversed(context, lifecycle(context)), context);
    },
  },
  'tolerates-v1-beside-v0': {
    skipReason(context) {
      const events = new Set<string>(context.settings.events);
      return context.settings.events.some(
        (type) => type.endsWith('.v0') && events.has(type.replace(/\.v0$/, '.v1')),
      )
        ? undefined
        : 'the subscription has no event in both versions';
    },
    async run(context) {
      const events = new Set<string>(context.settings.events);
      const twin = (v0: VccNotification) => v0.type.replace(/\.v0$/, '.v1');
      const pair = context.pool.takePair(
        (candidate) => candidate.type.endsWith('.v0') && events.has(twin(candidate)),
        (v0, candidate) =>
          candidate.type === twin(v0) &&
          candidate.subject === v0.subject &&
          candidate.data.timestamp === v0.data.timestamp,
      );
      if (!pair) throw new NothingToSend('the scenario sends no event in both versions');
      const evidence = [
        await context.send(pair[0], { note: 'v0' }),
        await context.send(pair[1], { note: 'v1 of the same event' }),
      ];
      return tolerates(evidence, context);
    },
  },
  'tolerates-unknown-data-field': {
    async run(context) {
      const notification = fresh(context);
      const extended = {
        ...notification,
        data: { ...notification.data, vccSimFutureField: { addedBy: 'a future VCC release' } },
      };
      return tolerates(
        [await context.send(extended, { note: 'data.vccSimFutureField added' })],
        context,
      );
    },
  },
  'tolerates-unknown-event-type': {
    async run(context) {
      const [first, second] = [fresh(context), fresh(context)];
      const entity = eventTypeInfo(first.type)?.entity ?? 'channel';
      const evidence = [
        await context.send(
          { ...first, type: futureVersion(first.type) },
          {
            note: 'a future version',
          },
        ),
        await context.send(
          { ...second, type: `${entity}.vccsimfuture.v0` },
          { note: 'a new event type' },
        ),
      ];
      return tolerates(evidence, context);
    },
  },
  'accepts-binary-mode': {
    skipReason: (context) =>
      context.settings.mode === 'binary'
        ? undefined
        : 'VCC sends structured mode; --mode binary also checks binary mode',
    async run(context) {
      const evidence = [await context.send(fresh(context), { mode: 'binary' })];
      return gradeAll(
        evidence,
        (answer) => gradeDelivery(answer, context.settings.timeoutMs),
        describeGrades(evidence),
      );
    },
  },
  burst: {
    async run(context) {
      const { burstFactor, burstDurationMs, timeoutMs, shard, startAtMs } = context.settings;
      const peak = context.peakPerSecond;
      const perSecond = burstFactor * peak;
      const run = await load(context, perSecond, burstDurationMs, timeoutMs, {
        ...(shard ? { share: shard } : {}),
        ...(startAtMs === undefined ? {} : { startAtMs }),
      });
      const measurements = { ...loadMeasurements(run), peakPerSecond: peak };
      const evidence = [...(run.sample ? [run.sample] : []), ...run.failures];
      const delay = run.delay.summary();
      const latency = run.latency.summary();
      const whole = `${rate(perSecond)} (${burstFactor}× the peak of ${rate(peak)})`;
      const what = shard
        ? `shard ${shard.index}/${shard.count}: ${formatCount(run.requests)} at ${rate(run.offeredPerSecond)} of a burst at ${whole}`
        : `${formatCount(run.requests)} at ${whole}`;
      const failed = shortfall(run, timeoutMs, timeoutMs);
      const delivery = await burstDelivery(context, run, perSecond, failed);
      if (failed) {
        return { verdict: 'fail', summary: `${what}: ${failed}`, evidence, measurements, delivery };
      }
      const figures = `p99 latency ${formatMs(latency?.p99 ?? 0)} · max delay ${formatMs(delay?.max ?? 0)}`;
      if ((delay?.p99 ?? 0) > timeoutMs / 2) {
        return {
          verdict: 'warn',
          summary: `${what}: all 200–205, but p99 delay ${formatMs(delay!.p99)} is close to VCC’s timeout`,
          evidence,
          measurements,
          delivery,
        };
      }
      return {
        verdict: 'pass',
        summary: `${what}: all 200–205 · ${figures}`,
        evidence,
        measurements,
        delivery,
      };
    },
  },
  ramp: {
    async run(context) {
      const { rampMaxRate, rampStepMs, timeoutMs, burstFactor } = context.settings;
      const peak = context.peakPerSecond;
      const steps = rampSteps(peak, burstFactor * peak, rampMaxRate);
      let sustained = 0;
      let stopped: string | undefined;
      let last: LoadRun | undefined;
      const evidence: Exchange[] = [];
      for (const step of steps) {
        const lag = Math.max(250, rampStepMs / 2);
        const run = await load(context, step, rampStepMs, lag);
        last = run;
        const why = shortfall(run, timeoutMs, lag);
        if (why) {
          stopped = `at ${rate(step)}: ${why}`;
          evidence.push(...run.failures);
          break;
        }
        sustained = step;
        if (run.sample && evidence.length === 0) evidence.push(run.sample);
      }
      const measurements = {
        ...(last ? loadMeasurements(last) : {}),
        sustainedPerSecond: Math.round(sustained * 10) / 10,
        peakPerSecond: peak,
      };
      const found =
        sustained === 0
          ? 'sustained no step'
          : `sustained ${rate(sustained)}${sustained === rampMaxRate ? ' (the ramp’s cap)' : ''}`;
      const summary = stopped ? `${found}; ${stopped}` : found;
      const target = burstFactor * peak;
      return sustained >= target
        ? { verdict: 'pass', summary, evidence, measurements }
        : {
            verdict: 'warn',
            summary: `${summary} — below the burst rate of ${rate(target)}`,
            evidence,
            measurements,
          };
    },
  },
  https: {
    skipReason: (context) =>
      context.settings.inProcess ? 'in-process handler: no network' : undefined,
    async run(context) {
      return context.settings.url.protocol === 'https:'
        ? { verdict: 'pass', summary: 'an https URL', evidence: [] }
        : {
            verdict: 'warn',
            summary: 'an http URL: VCC accepts only https subscription URLs (fine for local tests)',
            evidence: [],
          };
    },
  },
  certificate: {
    skipReason: notHttps,
    async run(context) {
      const facts = await context.tlsFacts();
      if (!facts.connected) {
        return { verdict: 'fail', summary: `no TLS handshake: ${facts.error}`, evidence: [] };
      }
      const tls = {
        ...(facts.protocol ? { protocol: facts.protocol } : {}),
        ...(facts.subject ? { subject: facts.subject } : {}),
        ...(facts.issuer ? { issuer: facts.issuer } : {}),
        ...(facts.validTo ? { validTo: facts.validTo } : {}),
      };
      const about = `${facts.subject ?? 'no subject'}, issued by ${facts.issuer ?? 'unknown'}${facts.validTo ? `, valid to ${facts.validTo.slice(0, 10)}` : ''}`;
      const verdictText = facts.authorized
        ? 'verifies'
        : `does not verify (${facts.authorizationError ?? 'unknown reason'})`;
      if (context.settings.insecure) {
        return {
          verdict: 'warn',
          summary: `not verified: --insecure accepts any certificate; this one ${verdictText}: ${about}`,
          fix: 'Drop --insecure; for a test certificate pass its CA with --ca.',
          evidence: [],
          measurements: { tls },
        };
      }
      if (!facts.authorized) {
        return {
          verdict: 'fail',
          summary: `the certificate ${verdictText}: ${about}`,
          evidence: [],
          measurements: { tls },
        };
      }
      const daysLeft = facts.validTo
        ? (Date.parse(facts.validTo) - Date.now()) / 86_400_000
        : Infinity;
      if (daysLeft < 14) {
        return {
          verdict: 'warn',
          summary: `verifies, but expires in ${countOf(Math.max(0, Math.floor(daysLeft)), 'day')}: ${about}`,
          fix: 'Renew the certificate before it expires.',
          evidence: [],
          measurements: { tls },
        };
      }
      return {
        verdict: 'pass',
        summary: `verifies: ${about}`,
        evidence: [],
        measurements: { tls },
      };
    },
  },
  'tls-version': {
    skipReason: notHttps,
    async run(context) {
      const facts = await context.tlsFacts();
      if (!facts.connected) {
        return { verdict: 'fail', summary: `no TLS 1.2+ handshake: ${facts.error}`, evidence: [] };
      }
      const protocol = facts.protocol ?? 'unknown';
      const modern = protocol === 'TLSv1.2' || protocol === 'TLSv1.3';
      return {
        verdict: modern ? 'pass' : 'fail',
        summary: modern ? `${protocol} negotiated` : `${protocol} negotiated: older than TLS 1.2`,
        evidence: [],
        measurements: { tls: { protocol } },
      };
    },
  },
  'no-redirects': {
    async run(context) {
      const exchange = await context.send(fresh(context));
      const { answer } = exchange;
      const redirect = 'status' in answer && answer.status >= 300 && answer.status < 400;
      return {
        verdict: redirect ? 'fail' : 'pass',
        summary: redirect
          ? `answered ${describeAnswer(answer)}: VCC does not follow redirects`
          : `answered ${describeAnswer(answer)}, not a redirect`,
        evidence: [exchange],
      };
    },
  },
  'duplicates-stored-once': {
    skipReason: noProbe,
    async run(context) {
      // A channel event where the subscription has them: what consumers store most.
      const notification =
        context.pool.take((candidate) => candidate.source === '/channel') ?? fresh(context);
      const evidence = [
        await context.send(notification, { note: 'first delivery' }),
        await context.send(notification, { note: 'the same notification again, signed afresh' }),
      ];
      const stored = await askProbe(() => context.probe!.stored(notification.id));
      if (stored instanceof Error) {
        return { verdict: 'fail', summary: `the probe failed: ${errorMessage(stored)}`, evidence };
      }
      const answered = evidence.map(({ answer }) => describeAnswer(answer)).join(', ');
      if (stored === 1)
        return { verdict: 'pass', summary: `stored once (answered ${answered})`, evidence };
      return {
        verdict: 'fail',
        summary:
          stored === 0
            ? `not stored at all (answered ${answered})`
            : `stored ${countOf(stored, 'time')} (answered ${answered})`,
        evidence,
      };
    },
  },
  'out-of-order-final-state': {
    skipReason: (context) => noProbe(context) ?? noLifecycle(context),
    async run(context) {
      const events = lifecycle(context);
      const evidence = await sendReversed(context, events);
      const expected = events.at(-1)!;
      const channelId = expected.subject!;
      const last = await askProbe(() => context.probe!.lastEvent(channelId));
      if (last instanceof Error) {
        return { verdict: 'fail', summary: `the probe failed: ${errorMessage(last)}`, evidence };
      }
      const arrivedLast = evidence.at(-1)!.sent.type;
      if (last !== undefined && eventName(last) === eventName(expected.type)) {
        return {
          verdict: 'pass',
          summary: `${countOf(events.length, 'event')} sent ended first; the channel ends on ${last}`,
          evidence,
        };
      }
      return {
        verdict: 'fail',
        summary:
          last === undefined
            ? `the probe does not know channel ${channelId}`
            : `the probe says ${last}${last === arrivedLast ? ' (the last to arrive)' : ''}; expected ${expected.type}`,
        evidence,
      };
    },
  },
};

/** Runs a check's script, turning "nothing to send" into a skip. */
export async function runScript(runner: Runner, context: CheckContext): Promise<Outcome> {
  try {
    return await runner.run(context);
  } catch (error) {
    if (error instanceof NothingToSend) {
      return { verdict: 'skip', summary: `skipped: ${error.message}`, evidence: [] };
    }
    throw error;
  }
}
