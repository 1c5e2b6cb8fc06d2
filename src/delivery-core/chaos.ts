import { VccSimError } from '../errors.js';
import { DELIVERY_DEFAULTS } from './defaults.js';
import { checkDuration, checkShare } from './option-values.js';
import type { BadSignatureKind, ChaosOptions } from './types.js';

/** What chaos does to one notification. */
export type ChaosPlan = {
  duplicate: boolean;
  reorder: boolean;
  /** How late to send it (0: on time). */
  delayMs: number;
  badSignature?: BadSignatureKind;
};

/** Chaos options, checked, with their defaults. */
export type ChaosSettings = Required<ChaosOptions>;

const RATES = [
  'duplicate',
  'reorder',
  'delay',
  'unsigned',
  'staleSignature',
  'wrongSignature',
] as const;

/**
 * Checks chaos options and fills in defaults; `undefined` when every rate is 0.
 * @throws {VccSimError} code `usage` for a rate outside 0–1, bad-signature rates above 1 in all,
 *   or a negative delay.
 */
export function chaosSettings(options: ChaosOptions | undefined): ChaosSettings | undefined {
  if (!options) return undefined;
  const settings: ChaosSettings = {
    duplicate: 0,
    reorder: 0,
    delay: 0,
    unsigned: 0,
    staleSignature: 0,
    wrongSignature: 0,
    delayMaxMs: checkDuration(
      'chaos.delayMaxMs',
      options.delayMaxMs ?? DELIVERY_DEFAULTS.chaosDelayMaxMs,
    ),
  };
  for (const name of RATES) {
    const rate = options[name];
    if (rate !== undefined) settings[name] = checkShare(`chaos.${name}`, rate);
  }
  const bad = badSignatureRate(settings);
  if (bad > 1) {
    throw new VccSimError(
      'usage',
      `The unsigned, stale and wrong signature rates add up to ${bad}; together they must not exceed 1.`,
    );
  }
  return RATES.some((name) => settings[name] > 0) ? settings : undefined;
}

/** The share of first attempts chaos signs badly, in all. */
export function badSignatureRate(chaos: ChaosOptions | undefined): number {
  return (chaos?.unsigned ?? 0) + (chaos?.staleSignature ?? 0) + (chaos?.wrongSignature ?? 0);
}

/**
 * Plans chaos for one notification after another. Every call makes the same five draws, so a
 * notification's plan depends only on the random source and its place in the run: the same seed
 * and rates choose the same notifications in every adapter.
 */
export function chaosPlanner(settings: ChaosSettings, random: () => number): () => ChaosPlan {
  const { duplicate, reorder, delay, delayMaxMs, unsigned, staleSignature, wrongSignature } =
    settings;
  return () => {
    const duplicateDraw = random();
    const reorderDraw = random();
    const delayDraw = random();
    const delayAmount = random();
    const signature = random();
    const plan: ChaosPlan = {
      duplicate: duplicateDraw < duplicate,
      reorder: reorderDraw < reorder,
      delayMs: delayDraw < delay ? Math.round(delayAmount * delayMaxMs) : 0,
    };
    if (signature < unsigned) plan.badSignature = 'unsigned';
    else if (signature < unsigned + staleSignature) plan.badSignature = 'stale';
    else if (signature < unsigned + staleSignature + wrongSignature) plan.badSignature = 'wrong';
    return plan;
  };
}
