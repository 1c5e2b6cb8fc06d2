/**
 * Waiting for a wall-clock instant, however far: Node fires a timer longer than 2^31 − 1 ms (about
 * 24.8 days) at once, with a warning, so a long wait goes in steps of at most a day.
 */

/** The longest single timer: well below Node's limit. */
const LONGEST_STEP_MS = 24 * 60 * 60 * 1000;

/**
 * Resolves `true` once `now()` reaches `deadlineMs`, or `false` as soon as `signal` aborts (at
 * once if it already has).
 */
export function waitUntil(
  deadlineMs: number,
  { now, signal }: { now: () => number; signal?: AbortSignal | undefined },
): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    if (signal?.aborted) return resolve(false);
    signal?.addEventListener('abort', stop, { once: true });
    const step = () => {
      const remaining = deadlineMs - now();
      if (remaining <= 0) {
        signal?.removeEventListener('abort', stop);
        resolve(true);
        return;
      }
      timer = setTimeout(step, Math.min(Math.ceil(remaining), LONGEST_STEP_MS));
    };
    step();
  });
}
