import { VccSimError } from '../../../errors.js';
import type { BadSignatureKind, ChaosOptions } from '../types.js';

/** What chaos does to one notification. */
export type ChaosPlan = {
  duplicate: boolean;
  reorder: boolean;
  delayMs: number;
  badSignature?: BadSignatureKind;
};

const RATES = [
  'duplicate',
  'reorder',
  'delay',
  'unsigned',
  'staleSignature',
  'wrongSignature',
] as const;

/**
 * Checks chaos options and returns a planner, or `undefined` when every rate is 0.
 * @throws {VccSimError} code `usage` for a rate outside 0–1 or bad-signature rates above 1 in all.
 */
export function chaosPlanner(
  options: ChaosOptions | undefined,
  random: () => number,
): (() => ChaosPlan) | undefined {
  if (!options) return undefined;
  for (const name of RATES) {
    const rate = options[name];
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
      throw new VccSimError('usage', `Chaos rate "${name}" must be between 0 and 1 (got ${rate}).`);
    }
  }
  const unsigned = options.unsigned ?? 0;
  const stale = options.staleSignature ?? 0;
  const wrong = options.wrongSignature ?? 0;
  if (unsigned + stale + wrong > 1) {
    throw new VccSimError(
      'usage',
      `The unsigned, stale and wrong signature rates add up to ${unsigned + stale + wrong}; together they must not exceed 1.`,
    );
  }
  const delayMaxMs = options.delayMaxMs ?? 5_000;
  if (!(delayMaxMs >= 0)) {
    throw new VccSimError('usage', `The chaos delay must be ≥ 0 ms (got ${delayMaxMs}).`);
  }
  const duplicate = options.duplicate ?? 0;
  const reorder = options.reorder ?? 0;
  const delay = options.delay ?? 0;
  if (duplicate + reorder + delay + unsigned + stale + wrong === 0) return undefined;
  // Every draw happens for every notification, so a plan depends only on the seed and the index.
  return () => {
    const draws = [random(), random(), random(), random(), random()] as const;
    const signature = draws[4];
    const plan: ChaosPlan = {
      duplicate: draws[0] < duplicate,
      reorder: draws[1] < reorder,
      delayMs: draws[2] < delay ? Math.round(draws[3] * delayMaxMs) : 0,
    };
    if (signature < unsigned) plan.badSignature = 'unsigned';
    else if (signature < unsigned + stale) plan.badSignature = 'stale';
    else if (signature < unsigned + stale + wrong) plan.badSignature = 'wrong';
    return plan;
  };
}
