import { VccSimError } from '../../../errors.js';
import type { WebhookProbe } from '../types.js';
import { describeAnswer } from './grading.js';
import { exchange } from './exchange.js';
import type { Transport } from './transport.js';

/**
 * The probe contract over HTTP (see the README): `GET <probe>/notifications/<id>` answers
 * `{ "stored": <n> }` and `GET <probe>/channels/<channelId>` answers `{ "lastEvent": "<type>" }`;
 * 404 means never stored / unknown channel.
 */
export function httpProbe(base: URL, transport: Transport, timeoutMs: number): WebhookProbe {
  const root = base.href.endsWith('/') ? base.href : `${base.href}/`;
  async function get(path: string): Promise<Record<string, unknown> | undefined> {
    const url = new URL(path, root).href;
    const { answer, body } = await exchange(
      transport,
      { method: 'GET', url, headers: ['accept', 'application/json'] },
      timeoutMs,
    );
    if ('status' in answer && answer.status === 404) return undefined;
    if (!('status' in answer) || answer.status !== 200) {
      throw new VccSimError(
        'input',
        `The probe answered GET ${url} with ${describeAnswer(answer)}.`,
      );
    }
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // Reported below.
    }
    throw new VccSimError('input', `The probe’s answer to GET ${url} is not a JSON object.`);
  }
  return {
    async stored(id) {
      const answer = await get(`notifications/${encodeURIComponent(id)}`);
      if (answer === undefined) return 0;
      const stored = answer['stored'];
      if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 0) {
        throw new VccSimError('input', `The probe’s "stored" for ${id} is not a whole number.`);
      }
      return stored;
    },
    async lastEvent(channelId) {
      const answer = await get(`channels/${encodeURIComponent(channelId)}`);
      const lastEvent = answer?.['lastEvent'];
      if (answer !== undefined && lastEvent !== undefined && typeof lastEvent !== 'string') {
        throw new VccSimError('input', `The probe’s "lastEvent" for ${channelId} is not a string.`);
      }
      return lastEvent as string | undefined;
    },
  };
}
