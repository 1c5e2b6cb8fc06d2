import type { DeliveryStats, UndeliveredReason } from '../../../delivery-core/index.js';
import type { Job } from './job.js';
import type { PushSettings } from './push-settings.js';
import type { Scheduler } from './scheduler.js';

/** What the parts of one push share: its settings, counters, scheduler and interrupt state. */
export type RunState = {
  readonly settings: PushSettings;
  readonly stats: DeliveryStats;
  readonly scheduler: Scheduler;
  /** When the run started (`settings.now()`), for the timeline of requests. */
  startedAt: number;
  /** Jobs an interrupt left undelivered, with why; handed over in source order at the end. */
  readonly unsent: Array<{ job: Job; reason: UndeliveredReason }>;
  /** Nothing new is sent. */
  aborted: boolean;
  /** Requests in flight were cut. */
  destroyed: boolean;
};
