import { describeAnswer } from './internal/grading.js';

export { describeAnswer };
import type { Exchange } from './types.js';

/**
 * One line of evidence: what was sent and what came back.
 * @example
 * describeExchange(report.checks[1].evidence[0]);
 * // 'channel.alerted.v0 37pcodAceq… (no Vonage-Signature header) → 200 in 1.2 ms'
 */
export function describeExchange({ sent, answer }: Exchange): string {
  const what = [sent.type, sent.id && `${sent.id.slice(0, 10)}…`].filter(Boolean).join(' ');
  const how = [
    sent.signature === 'valid' ? 'signed' : sent.signature,
    sent.note,
    sent.mode === 'binary' ? 'binary mode' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const body =
    'body' in answer && answer.body ? `: ${JSON.stringify(answer.body.slice(0, 120))}` : '';
  return `${what} (${how}) → ${describeAnswer(answer)}${body}`;
}
