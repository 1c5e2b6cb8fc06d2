import type { EventType, WebhookSigner } from '../../../contract/index.js';
import {
  cloudEventRequest,
  type BadSignature,
  type CloudEventMode,
  type SignatureForger,
} from '../../../delivery-core/index.js';
import type { CheckShard, Exchange, WebhookProbe } from '../types.js';
import type { NotificationPool } from './notification-pool.js';
import { postBody, postNotification, type SendOptions, type Sendable } from './post.js';
import { tlsFacts, type TlsFacts } from './tls-facts.js';
import type { Transport } from './transport.js';

/** A check run's settings, checked, with their defaults. */
export type CheckSettings = {
  url: URL;
  /** The URL for output, credentials masked; `in-process` for a handler without a URL. */
  target: string;
  inProcess: boolean;
  events: EventType[];
  mode: CloudEventMode;
  timeoutMs: number;
  allowStatus: ReadonlySet<number>;
  burstFactor: number;
  burstDurationMs: number;
  rampMaxRate: number;
  rampStepMs: number;
  concurrency: number;
  /** The part of the burst this process sends, when it is split across processes. */
  shard?: CheckShard;
  /** When the burst starts, on the wall clock (ms). */
  startAtMs?: number;
  /** Stops the load checks (and a wait for their start). */
  signal?: AbortSignal;
  insecure: boolean;
  ca?: string | Uint8Array;
};

/** Everything a check needs: settings, notifications, signing, and a way to send. */
export class CheckContext {
  #tls: Promise<TlsFacts> | undefined;

  constructor(
    readonly settings: CheckSettings,
    readonly transport: Transport,
    readonly signer: WebhookSigner,
    readonly forger: SignatureForger,
    readonly pool: NotificationPool,
    /** Where the load checks take notifications, apart from `pool`. */
    readonly loadPool: NotificationPool,
    readonly peakPerSecond: number,
    readonly probe: WebhookProbe | undefined,
  ) {}

  /** What a TLS handshake with the webhook shows (one handshake, shared by the checks that ask). */
  tlsFacts(): Promise<TlsFacts> {
    const { url, ca, timeoutMs } = this.settings;
    this.#tls ??= tlsFacts(url, { ...(ca === undefined ? {} : { ca }), timeoutMs });
    return this.#tls;
  }

  /** Sends a notification validly signed (a fresh token), as VCC does. */
  async send(notification: Sendable, options: SendOptions = {}): Promise<Exchange> {
    return postNotification(this.transport, this.settings.url, notification, {
      signer: this.signer,
      timeoutMs: this.settings.timeoutMs,
      ...options,
    });
  }

  /**
   * Sends notifications signed badly, one per variant of `kind`, each a different notification
   * (so a webhook that stores by id never sees one twice).
   */
  async sendForged(kind: BadSignature, next: () => Sendable): Promise<Exchange[]> {
    const exchanges: Exchange[] = [];
    for (let variant = 0; ; variant++) {
      const notification = next();
      const { body, headers } = cloudEventRequest(notification, 'structured');
      const variants = await this.forger.forge(kind, body);
      const forged = variants[variant];
      if (!forged) break;
      exchanges.push(
        await postBody(this.transport, this.settings.url, notification, {
          body: forged.body,
          headers,
          signature: forged.header,
          described: forged.variant,
          mode: 'structured',
          timeoutMs: this.settings.timeoutMs,
        }),
      );
      if (variant === variants.length - 1) break;
    }
    return exchanges;
  }
}
