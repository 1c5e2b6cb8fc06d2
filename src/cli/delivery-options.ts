import type { Argv } from 'yargs';
import { DELIVERY_DEFAULTS } from '../delivery-core/defaults.js';

/** A default duration as a person types it: `10s`, `10m`. */
function duration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

/**
 * The options `push` and `replay` share: how notifications travel (mode, signing, pacing, retries)
 * and where what was not delivered goes. No option has a default here: the library applies its
 * defaults, and a resumed job keeps its own settings unless an option is given again.
 */
export interface DeliveryArgs {
  mode?: 'structured' | 'binary';
  secret?: string;
  sign: boolean;
  insecure: boolean;
  speed?: string;
  maxRate?: number;
  concurrency?: number;
  timeout?: string;
  maxAttempts?: number;
  retryWindow?: string;
  ordered?: boolean;
  deadLetter?: string;
  resume?: string;
  resumeFile?: string;
  journal: boolean;
  report?: string;
  drainTimeout?: string;
  startAt?: string;
  verbose: boolean;
  progress?: boolean;
  json: boolean;
  chaosDuplicate?: string;
  chaosReorder?: string;
  chaosDelay?: string;
  chaosDelayMax?: string;
  chaosUnsigned?: string;
  chaosStaleSignature?: string;
  chaosWrongSignature?: string;
}

/** The default files, in the working directory. */
export const DEFAULT_DEAD_LETTER_FILE = 'vcc-sim-dead-letters.ndjson';
export const DEFAULT_RESUME_FILE = 'vcc-sim-resume.ndjson';

/** Adds the delivery options to a command, in help groups. */
export function deliveryOptions<T>(yargs: Argv<T>): Argv<T & DeliveryArgs> {
  const delivery = 'Delivery:';
  const retries = 'Retries and files:';
  const chaos = 'Chaos (each a share of notifications, 0–1 or a percentage):';
  const rate = (describe: string) => ({ type: 'string' as const, group: chaos, describe });
  return yargs
    .option('mode', {
      choices: ['structured', 'binary'] as const,
      group: delivery,
      describe:
        'structured: the whole CloudEvent as the body, as VCC sends it; binary: ce-* headers [default: structured]',
    })
    .option('secret', {
      type: 'string',
      group: delivery,
      describe:
        'Subscription secret (base64, ≥ 32 bytes) to sign with [default: $VCC_WEBHOOK_SECRET, else a new one, printed once]',
    })
    .option('sign', {
      type: 'boolean',
      default: true,
      group: delivery,
      describe: 'Sign requests (Vonage-Signature); --no-sign sends them unsigned',
    })
    .option('speed', {
      type: 'string',
      group: delivery,
      describe:
        'Pace: 1 plays notification times in real time, 10 ten times faster, max as fast as allowed',
    })
    .option('max-rate', {
      type: 'number',
      group: delivery,
      describe: 'At most this many requests per second (retries included)',
    })
    .option('concurrency', {
      alias: 'c',
      type: 'number',
      group: delivery,
      describe: `At most this many requests in flight [default: ${DELIVERY_DEFAULTS.concurrency}]`,
    })
    .option('ordered', {
      type: 'boolean',
      group: delivery,
      describe:
        'Hold a channel’s next notification until its previous one is delivered (VCC does not guarantee order)',
    })
    .option('start-at', {
      type: 'string',
      group: delivery,
      describe:
        'Wait until this instant (ISO 8601 with its zone, e.g. 2026-01-05T09:00:00Z) and pace from it: shards given the same start together',
    })
    .option('insecure', {
      type: 'boolean',
      default: false,
      group: delivery,
      describe: 'Accept any TLS certificate (self-signed dev servers)',
    })
    .option('timeout', {
      type: 'string',
      group: retries,
      describe: `An attempt with no answer within this fails, e.g. 10s [default: ${duration(DELIVERY_DEFAULTS.timeoutMs)}, as VCC]`,
    })
    .option('max-attempts', {
      type: 'number',
      group: retries,
      describe: `Attempts per notification, the first included [default: ${DELIVERY_DEFAULTS.maxAttempts}]`,
    })
    .option('retry-window', {
      type: 'string',
      group: retries,
      describe: `Stop retrying this long after the first attempt; VCC uses 24h [default: ${duration(DELIVERY_DEFAULTS.retryWindowMs)}]`,
    })
    .option('dead-letter', {
      type: 'string',
      group: retries,
      describe: `Where notifications that exhaust their retries go (NDJSON) [default: ${DEFAULT_DEAD_LETTER_FILE}]`,
    })
    .option('resume-file', {
      type: 'string',
      group: retries,
      describe: `The job file: a journal kept as the run goes, so a crash loses nothing; after an interrupt, what was not delivered [default: ${DEFAULT_RESUME_FILE}]`,
    })
    .option('journal', {
      type: 'boolean',
      default: true,
      group: retries,
      describe:
        'Keep the job file as a write-ahead journal; --no-journal writes it only on an interrupt (a crash then loses the record)',
    })
    .option('resume', {
      type: 'string',
      group: retries,
      describe:
        'Finish an interrupted or crashed job from its job file (its settings, unless given again)',
    })
    .option('drain-timeout', {
      type: 'string',
      group: retries,
      describe: `On Ctrl-C, how long to wait for requests in flight [default: ${duration(DELIVERY_DEFAULTS.drainTimeoutMs)}]`,
    })
    .option('report', {
      type: 'string',
      group: retries,
      describe:
        'Also write the report as JSON to this file ("-": stdout, the summary then on stderr)',
    })
    .option('verbose', {
      alias: 'V',
      type: 'boolean',
      default: false,
      group: delivery,
      describe: 'Print a line per request',
    })
    .option('json', {
      type: 'boolean',
      default: false,
      group: delivery,
      describe: 'Print the report as JSON on stdout instead of the summary',
    })
    .option('progress', {
      type: 'boolean',
      group: delivery,
      describe: 'Show a live progress line on stderr [default: on a terminal]',
    })
    .option('chaos-duplicate', rate('Deliver again (same id, fresh signature) right after success'))
    .option('chaos-reorder', rate('Send after the notification that follows'))
    .option('chaos-delay', rate('Send up to --chaos-delay-max late'))
    .option('chaos-delay-max', {
      type: 'string',
      group: chaos,
      describe: `The largest chaos delay [default: ${duration(DELIVERY_DEFAULTS.chaosDelayMaxMs)}]`,
    })
    .option('chaos-unsigned', rate('First attempt without a signature'))
    .option('chaos-stale-signature', rate('First attempt with an expired signature'))
    .option('chaos-wrong-signature', rate('First attempt signed with a wrong secret')) as Argv<
    T & DeliveryArgs
  >;
}
