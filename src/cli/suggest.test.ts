import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean } from './suggest.js';

describe('closestMatch', () => {
  const commands = ['generate', 'push', 'replay', 'listen', 'scenarios', 'validate', 'pact'];

  it('finds a typo one or two edits away', () => {
    expect(closestMatch('genrate', commands)).toBe('generate');
    expect(closestMatch('contact-center-day', ['contact-centre-day', 'park-unpark'])).toBe(
      'contact-centre-day',
    );
    expect(closestMatch('sed', ['seed', 'scenario', 'start'])).toBe('seed');
    expect(closestMatch('stritc', ['strict', 'stats'])).toBe('strict');
  });

  it('finds the only name that starts with a prefix', () => {
    expect(closestMatch('valid', commands)).toBe('validate');
    expect(closestMatch('sc', commands)).toBeUndefined();
  });

  it('suggests nothing for input unlike every candidate', () => {
    expect(closestMatch('deploy', commands)).toBeUndefined();
    expect(didYouMean('deploy', commands)).toBe('');
  });

  it('ignores case and never suggests the input itself', () => {
    expect(closestMatch('PUSH', commands)).toBe('push');
    expect(closestMatch('push', ['push'])).toBeUndefined();
  });

  it('quotes the suggestion as the caller asks', () => {
    expect(didYouMean('jsn', ['json'], (name) => `--${name}`)).toBe(' Did you mean --json?');
  });
});
