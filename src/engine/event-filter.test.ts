import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from '../contract/index.js';
import { isVccSimError } from '../errors.js';
import { DEFAULT_EVENTS, eventFilter } from './event-filter.js';

function selected(...args: Parameters<typeof eventFilter>): EventType[] {
  const filter = eventFilter(...args);
  return EVENT_TYPES.map((info) => info.type).filter(filter);
}

describe('eventFilter', () => {
  it('selects channel.connected.v0 by default', () => {
    expect(DEFAULT_EVENTS).toBe('channel.connected.v0');
    expect(selected()).toEqual(['channel.connected.v0']);
  });

  it('keeps VCC’s meaning of wildcards: agent.*, *.v1 and *', () => {
    expect(selected('agent.*')).toEqual(['agent.presencechanged.v0', 'agent.presencechanged.v1']);
    expect(selected('*')).toHaveLength(EVENT_TYPES.length);
    const v1 = selected('*.v1');
    expect(v1).toHaveLength(13);
    expect(v1.every((type) => type.endsWith('.v1'))).toBe(true);
    expect(selected('channel.*.v1')).toHaveLength(12);
  });

  it('has a v1 of every channel event', () => {
    const names = new Set(EVENT_TYPES.map((info) => info.name));
    for (const name of names) {
      expect(selected(`${name}.*`), name).toEqual([`${name}.v0`, `${name}.v1`]);
    }
  });

  it('leaves out inferred types when asked for documented ones only', () => {
    const documented = selected('*.v1', { documentedOnly: true });
    expect(documented).toEqual([
      'channel.alerted.v1',
      'channel.connected.v1',
      'channel.held.v1',
      'channel.disconnected.v1',
      'channel.wrapstarted.v1',
      'agent.presencechanged.v1',
    ]);
    expect(selected('channel.*', { documentedOnly: true })).toHaveLength(12 + 5);
    expect(selected('channel.retrieved.*', { documentedOnly: true })).toEqual([
      'channel.retrieved.v0',
    ]);
  });

  it('says so when a pattern selects only inferred types, and names a typo', () => {
    const error = (() => {
      try {
        eventFilter('channel.retrieved.v1', { documentedOnly: true });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isVccSimError(error, 'usage')).toBe(true);
    expect((error as Error).message).toMatch(/only types VCC documents no page for/);
    expect(() => eventFilter('channel.exploded.v0')).toThrow(/No event type matches/);
  });
});
