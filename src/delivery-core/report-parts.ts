import { doDecode, inflate } from 'hdr-histogram-js/dist/JsHistogram.encoding.js';
import { VccSimError } from '../errors.js';
import { decodeBase64 } from '../internal/base64.js';
import type { DeliveryStats } from './delivery-stats.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { EncodedHistogram, ReportHistograms } from './types.js';

/**
 * The parts of a report that merge: latency histograms in HdrHistogram's standard encoding (V2,
 * compressed, base64: what `hdr-histogram-js`, HdrHistogram in Java, Go or Rust read and write),
 * beside the exact figures the buckets leave out. Loaded only when a report is written or merged:
 * the encoder brings zlib (or pako in a browser).
 */

/**
 * Longest encoded histogram read, and most bytes it may inflate to: a 3-digit histogram of every
 * value up to 2^40 µs encodes in under 300 KB before compression (a real one in a few KB).
 */
const MAX_ENCODED_LENGTH = 1024 * 1024;
const MAX_INFLATED_BYTES = 1024 * 1024;
/** Histograms whose values (µs) reach past this (about 12 days) are not ours. */
const MAX_TRACKABLE_US = 2 ** 40;
/** HdrHistogram's V2 compressed encoding: its cookie (the low 4 bits vary), then the deflated length. */
const COMPRESSED_COOKIE = 0x1c849304;

/** A histogram as a report carries it; `undefined` when it holds nothing. */
export function encodeHistogram(histogram: LatencyHistogram): EncodedHistogram | undefined {
  if (histogram.count === 0) return undefined;
  const { min, max, sum } = histogram.exact();
  return { count: histogram.count, min, max, sum, hdr: histogram.hdr.encodeIntoCompressedBase64() };
}

function invalid(name: string, why: string): VccSimError {
  return new VccSimError('input', `${name} is not a histogram vcc-sim can merge: ${why}.`);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Reads a histogram a report carries into a {@link LatencyHistogram} (`name` says where it was, for
 * messages). Checks its header before decoding, so a crafted one cannot ask for a huge array.
 * @throws {VccSimError} code `input` when it is not one.
 */
export function decodeHistogram(value: unknown, name: string, digits: 2 | 3 = 3): LatencyHistogram {
  if (typeof value !== 'object' || value === null) throw invalid(name, 'not an object');
  const { count, min, max, sum, hdr } = value as Record<string, unknown>;
  if (!isNumber(count) || !isNumber(min) || !isNumber(max) || !isNumber(sum)) {
    throw invalid(name, 'count, min, max and sum must be numbers');
  }
  if (typeof hdr !== 'string' || hdr.length > MAX_ENCODED_LENGTH) {
    throw invalid(name, `hdr must be base64 text of at most ${MAX_ENCODED_LENGTH} characters`);
  }
  const bytes = decodeBase64(hdr);
  if (!bytes) throw invalid(name, 'hdr is not base64');
  let decoded;
  try {
    const outer = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 8 || (outer.getInt32(0) & ~0xf0) !== COMPRESSED_COOKIE) {
      throw new Error('not HdrHistogram’s V2 compressed encoding');
    }
    const deflated = bytes.subarray(8, 8 + outer.getInt32(4));
    // zlib stops at the bound (pako, in a browser, ignores it).
    const raw = inflate(deflated, { maxOutputLength: MAX_INFLATED_BYTES }) as Uint8Array;
    const header = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    // V2 header: cookie, payload length, index offset, significant digits, lowest, highest (int64).
    const significant = header.getInt32(12);
    const highest = Number(header.getBigInt64(24));
    if (significant < 1 || significant > 3 || !(highest >= 2 && highest <= MAX_TRACKABLE_US)) {
      throw new Error('its range or precision is not a latency histogram’s');
    }
    decoded = doDecode(raw);
  } catch (error) {
    throw invalid(name, `hdr does not decode (${(error as Error).message})`);
  }
  if (decoded.totalCount !== count) {
    throw invalid(name, `it counts ${decoded.totalCount} values, not ${count}`);
  }
  const histogram = new LatencyHistogram(digits);
  if (count > 0) histogram.addRecorded(decoded, { min, max, sum });
  return histogram;
}

/** The histograms of a run's report: its latencies, lateness and each timeline point's latencies. */
export function reportHistograms(stats: DeliveryStats): ReportHistograms {
  const latency = encodeHistogram(stats.latency);
  const lateness = encodeHistogram(stats.lateness);
  const points = stats.timeline.latencies();
  return {
    ...(latency ? { latency } : {}),
    ...(lateness ? { lateness } : {}),
    ...(points.length > 0
      ? { timeline: points.map((point) => (point && encodeHistogram(point)) ?? null) }
      : {}),
  };
}
