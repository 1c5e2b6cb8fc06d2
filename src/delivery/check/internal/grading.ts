import { isSuccessStatus } from '../../../delivery-core/index.js';
import type { Answer, BurstDelivery, CheckMeasurements, Exchange, Verdict } from '../types.js';

/** What a check's script found, before the runner names it. */
export type Outcome = {
  verdict: Verdict;
  summary: string;
  /** A fix more specific than the catalogue's. */
  fix?: string;
  evidence: Exchange[];
  measurements?: CheckMeasurements;
  /** The burst's figures as a push report. */
  delivery?: BurstDelivery;
};

/** One answer's verdict and why. */
export type Grade = { verdict: Exclude<Verdict, 'skip'>; why: string };

const RANK: Record<Verdict, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** The worst of several verdicts (a check is as good as its worst request). */
function worst(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass');
}

/** Milliseconds for people: `3.2 ms`, `1.4 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms >= 10 ? Math.round(ms) : ms.toFixed(1)} ms`;
}

/** An answer in a few words: `401 in 2.1 ms`, `timeout after 10 s`. */
export function describeAnswer(answer: Answer): string {
  if ('error' in answer) {
    return answer.error === 'timeout'
      ? `no answer within ${formatMs(answer.latencyMs)} (timeout)`
      : `${answer.error} (${answer.message})`;
  }
  const location = answer.location ? ` → ${answer.location}` : '';
  return `${answer.status}${location} in ${formatMs(answer.latencyMs)}`;
}

/** A request VCC would never send: 401/403 passes; 2xx (accepted) and 5xx (retried) fail. */
export function gradeRefusal(answer: Answer): Grade {
  if ('error' in answer) {
    return { verdict: 'fail', why: `${describeAnswer(answer)}: VCC would retry it for 24 hours` };
  }
  const { status } = answer;
  if (status === 401 || status === 403) return { verdict: 'pass', why: `refused with ${status}` };
  if (status >= 200 && status < 300) {
    return { verdict: 'fail', why: `accepted with ${status}: a forged request got through` };
  }
  if (status >= 500) {
    return { verdict: 'fail', why: `answered ${status}: VCC would retry it for 24 hours` };
  }
  return {
    verdict: 'warn',
    why: `refused with ${status}; 401 (or 403) says what is wrong: the signature`,
  };
}

/**
 * A notification VCC may send and the webhook must take: 200–205 passes, and so does a 4xx the
 * user allows; anything else fails (VCC retries it for 24 hours). A slow answer warns.
 */
export function gradeDelivery(
  answer: Answer,
  timeoutMs: number,
  allowStatus: ReadonlySet<number> = new Set(),
): Grade {
  if ('error' in answer) {
    return { verdict: 'fail', why: `${describeAnswer(answer)}: VCC would retry it for 24 hours` };
  }
  const { status, latencyMs } = answer;
  if (isSuccessStatus(status) || allowStatus.has(status)) {
    const allowed = isSuccessStatus(status) ? '' : ' (allowed)';
    if (latencyMs > timeoutMs / 2) {
      return {
        verdict: 'warn',
        why: `answered ${status}${allowed} after ${formatMs(latencyMs)}: close to VCC’s ${formatMs(timeoutMs)} timeout`,
      };
    }
    return { verdict: 'pass', why: `answered ${status}${allowed}` };
  }
  const redirect = status >= 300 && status < 400 ? ': VCC does not follow redirects' : '';
  const reason = redirect || ': VCC counts only 200–205 and would retry it for 24 hours';
  return { verdict: 'fail', why: `answered ${status}${reason}` };
}

/** Grades each exchange, and sums them up as one outcome. */
export function gradeAll(
  evidence: Exchange[],
  grade: (answer: Answer) => Grade,
  describe: (grades: Grade[]) => string,
): Outcome {
  const grades = evidence.map(({ answer }) => grade(answer));
  return {
    verdict: worst(grades.map((g) => g.verdict)),
    summary: describe(grades),
    evidence,
  };
}
