import damerauLevenshtein from 'damerau-levenshtein';
import type { VccSimError } from '../errors.js';
import { usageError } from './usage-error.js';

/**
 * The candidate `input` most likely meant, if one is close enough: a few edits away (one per four
 * characters, at least one; swapping two neighbours is one edit), or the only candidate that
 * starts with it.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const names = [...new Set(candidates)].filter((name) => name !== input);
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(needle.length / 4)) + 1;
  for (const name of names) {
    const distance = damerauLevenshtein(needle, name.toLowerCase()).steps;
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  const prefixed = needle.length >= 3 ? names.filter((name) => name.startsWith(needle)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** ` Did you mean "x"?` for the closest candidate, or nothing. */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  quote: (name: string) => string = (name) => `"${name}"`,
): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` Did you mean ${quote(match)}?`;
}

/** The usage error for a scenario name that is not built in, with the likely one. */
export function unknownScenario(name: string, builtIn: readonly string[]): VccSimError {
  return usageError(
    `No built-in scenario "${name}".${didYouMean(name, builtIn)} "vcc-sim scenarios" lists them; a scenario file's name ends in .yaml, .yml or .json.`,
  );
}
