import type { AgentDefinition } from './types.js';
import { randomStream, type RandomStream } from './random.js';

const HEX = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, '0'));

function hex4(word: number): string {
  return (
    HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!
  );
}

/** A GUID in VCC's 8-4-4-4-12 form (version 4, variant 1) from a random stream. */
export function randomGuid(random: RandomStream): string {
  const a = random.nextUint32();
  const b = random.nextUint32();
  const c = random.nextUint32();
  const d = random.nextUint32();
  const versioned = ((b & 0xffff0fff) | 0x4000) >>> 0;
  const variant = ((c & 0x3fffffff) | 0x80000000) >>> 0;
  const middle = hex4(versioned);
  const last = hex4(variant);
  return `${hex4(a)}-${middle.slice(0, 4)}-${middle.slice(4)}-${last.slice(0, 4)}-${last.slice(4)}${hex4(d)}`;
}

/**
 * Generated agents and supervisors: `agentId`s count up from 1001 across the whole scenario, and
 * each person's GUID depends only on that position, never on the run's seed, so the same people
 * staff every run of a scenario. They have no name here: no notification carries one, so names
 * are made only where a person reads them (`peopleNames`, with faker), never on the way to
 * `simulate()`'s output.
 */
export function generatePeople(firstAgentNumber: number, count: number): AgentDefinition[] {
  return Array.from({ length: count }, (_, offset) => {
    const number = firstAgentNumber + offset;
    return { agentId: String(number), userId: randomGuid(randomStream(0, 'people', number)) };
  });
}
