import { describe, expect, it } from 'vitest';
import {
  channelSegments,
  classifyInteraction,
  occupancy,
  presenceKind,
  serviceLevel,
  type ChannelRecord,
} from './derivations.js';
import { CHANNEL_STATES } from './types.js';

const customer = (...events: ChannelRecord['events']): ChannelRecord => ({
  role: 'external',
  events,
});
const agent = (...events: ChannelRecord['events']): ChannelRecord => ({
  role: 'agent',
  agentId: '1001',
  events,
});
const state = (name: (typeof CHANNEL_STATES)[number]) => CHANNEL_STATES.indexOf(name);

describe('classifyInteraction', () => {
  it('calls an interaction inbound when its first channel is a customer who alerted for zero time', () => {
    const verdict = classifyInteraction([
      customer([0, 'alerted'], [0, 'connected'], [90, 'disconnected']),
      agent([5, 'alerted'], [12, 'connected'], [90, 'disconnected']),
    ]);
    expect(verdict).toEqual({
      direction: 'inbound',
      arrivedMs: 0,
      outcome: 'answered',
      waitMs: 12,
      settledMs: 12,
    });
  });

  it('counts the wait until the agent who answered, after a missed ring, in any arrival order', () => {
    const verdict = classifyInteraction([
      agent([40, 'connected'], [30, 'alerted']),
      {
        role: 'agent',
        agentId: '1002',
        events: [
          [5, 'alerted'],
          [25, 'connectionfailed'],
          [25, 'ended'],
        ],
      },
      customer([0, 'connected'], [0, 'alerted'], [0, 'connected']),
    ]);
    expect(verdict).toMatchObject({ direction: 'inbound', outcome: 'answered', waitMs: 40 });
  });

  it('calls a customer who hangs up before any agent connects abandoned, with the time they waited', () => {
    const verdict = classifyInteraction([
      customer([1000, 'alerted'], [1000, 'connected'], [61_000, 'disconnected'], [61_000, 'ended']),
    ]);
    expect(verdict).toEqual({
      direction: 'inbound',
      arrivedMs: 1000,
      outcome: 'abandoned',
      waitMs: 60_000,
      settledMs: 61_000,
    });
  });

  it('calls it abandoned when an agent connects only after the customer left', () => {
    const verdict = classifyInteraction([
      customer([0, 'alerted'], [0, 'connected'], [10, 'disconnected']),
      agent([5, 'alerted'], [11, 'connected']),
    ]);
    expect(verdict).toMatchObject({ outcome: 'abandoned', waitMs: 10 });
  });

  it('calls it voicemail when a voicemail channel connects before an agent or a hang-up', () => {
    const verdict = classifyInteraction([
      customer([0, 'alerted'], [0, 'connected'], [80, 'disconnected']),
      {
        role: 'voicemail',
        events: [
          [15, 'alerted'],
          [15, 'connected'],
        ],
      },
    ]);
    expect(verdict).toMatchObject({ direction: 'inbound', outcome: 'voicemail', settledMs: 15 });
  });

  it('leaves a call with no outcome yet open', () => {
    expect(classifyInteraction([customer([0, 'alerted'], [0, 'connected'])])).toMatchObject({
      outcome: 'open',
    });
  });

  it('reads a stream of connected notifications alone: the customer connected first, then an agent', () => {
    const verdict = classifyInteraction([customer([0, 'connected']), agent([9, 'connected'])]);
    expect(verdict).toMatchObject({ direction: 'inbound', outcome: 'answered', waitMs: 9 });
  });

  it('calls an interaction whose agent channel comes first outbound, connected or unanswered', () => {
    const dialled = agent([0, 'alerted'], [0, 'connected']);
    expect(classifyInteraction([dialled, customer([2, 'alerted'], [9, 'connected'])])).toEqual({
      direction: 'outbound',
      startedMs: 0,
      outcome: 'connected',
    });
    expect(
      classifyInteraction([
        dialled,
        customer([2, 'alerted'], [22, 'connectionfailed'], [22, 'ended']),
      ]),
    ).toEqual({ direction: 'outbound', startedMs: 0, outcome: 'unanswered' });
  });

  it('calls a customer channel that rang before connecting outbound (we called them)', () => {
    expect(classifyInteraction([customer([0, 'alerted'], [7, 'connected'])])).toMatchObject({
      direction: 'outbound',
      outcome: 'connected',
    });
  });

  it('knows nothing of an interaction with no customer or agent channel first', () => {
    expect(classifyInteraction([])).toEqual({ direction: 'unknown' });
    expect(
      classifyInteraction([{ role: 'monitor', agentId: '9', events: [[0, 'connected']] }]),
    ).toEqual({ direction: 'unknown' });
  });
});

describe('channelSegments', () => {
  it('draws ringing, talking and wrap in time order, whatever order the events came in', () => {
    const segments = channelSegments(
      agent(
        [90, 'wrapstarted'],
        [10, 'connected'],
        [5, 'alerted'],
        [90, 'disconnected'],
        [120, 'ended'],
      ),
    );
    expect(segments).toEqual([
      [5, 10, state('ringing')],
      [10, 90, state('talking')],
      [90, 120, state('wrap')],
    ]);
  });

  it('draws a missed call as ringing, and a supervisor’s channel as monitoring', () => {
    expect(channelSegments(agent([0, 'alerted'], [20, 'connectionfailed'], [20, 'ended']))).toEqual(
      [[0, 20, state('ringing')]],
    );
    expect(
      channelSegments({
        role: 'monitor',
        agentId: '2',
        events: [
          [30, 'alerted'],
          [30, 'connected'],
          [50, 'disconnected'],
          [50, 'ended'],
        ],
      }),
    ).toEqual([[30, 50, state('monitoring')]]);
  });

  it('draws hold, park and interruption, and stops at the last event of a channel that never ended', () => {
    const segments = channelSegments(
      agent(
        [0, 'alerted'],
        [0, 'connected'],
        [10, 'parked'],
        [15, 'unparked'],
        [20, 'interrupted'],
        [30, 'resumed'],
        [40, 'held'],
      ),
    );
    expect(segments).toEqual([
      [0, 10, state('talking')],
      [10, 15, state('parked')],
      [15, 20, state('talking')],
      [20, 30, state('interrupted')],
      [30, 40, state('talking')],
    ]);
  });
});

describe('figures', () => {
  it('computes service level over answered and abandoned calls, and caps occupancy at 1', () => {
    expect(serviceLevel(8, 9, 1)).toBe(0.8);
    expect(serviceLevel(0, 0, 0)).toBeNull();
    expect(occupancy(30, 40)).toBe(0.75);
    expect(occupancy(50, 40)).toBe(1);
    expect(occupancy(5, 0)).toBeNull();
  });

  it('maps VCC’s presence categories to the timeline’s lanes', () => {
    expect(presenceKind('ready')).toBe('ready');
    expect(presenceKind('ready', 'readyOutbound')).toBe('readyOutbound');
    expect(presenceKind('extendedAway', 'lunch')).toBe('extendedAway');
    expect(presenceKind('loggedOut')).toBe('loggedOut');
    expect(presenceKind('somethingNew')).toBe('away');
  });
});
