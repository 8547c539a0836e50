import { DigestKind, digestBatchJobId, isoWeekKey, slotReached, zoneClock } from './digest-period';

const QUARTER_HOUR = 15 * 60_000;

interface SimUser {
  /** The user's zone at an instant (a user may move). */
  zoneAt(t: Date): string;
  slot: { weekday: number; hour: number };
}

/**
 * The scheduler's decision, tick by tick, with a fake clock: every 15 minutes
 * (UTC) a user whose slot has come in their current local week and who has no
 * ledger entry for that week gets a digest. `had`: periods already in the
 * ledger (the week before the simulation starts; without it, that week's
 * digest would be caught up at the first tick). Returns the deliveries in order.
 */
function simulate(user: SimUser, from: string, to: string, had: string[]): { at: string; period: string; zone: string }[] {
  const ledger = new Set<string>(had);
  const sent: { at: string; period: string; zone: string }[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += QUARTER_HOUR) {
    const now = new Date(t);
    const clock = zoneClock(now, user.zoneAt(now));
    if (slotReached(clock, user.slot) && !ledger.has(clock.period)) {
      ledger.add(clock.period);
      sent.push({ at: now.toISOString(), period: clock.period, zone: clock.zone });
    }
  }
  return sent;
}

const fixed = (zone: string) => () => zone;

describe('digest periods', () => {
  it('is the ISO week of the local date, with the ISO week-year', () => {
    expect(zoneClock(new Date('2026-12-07T12:00:00Z'), 'UTC')).toEqual({ zone: 'UTC', period: '2026-W50', weekday: 1, hour: 12 });
    // 2026 starts on a Thursday, so it has 53 ISO weeks; 1 January 2027 is in the last of them.
    expect(zoneClock(new Date('2027-01-01T12:00:00Z'), 'UTC').period).toBe('2026-W53');
    // Sunday evening in UTC is already Monday morning of the next week in Shanghai.
    expect(zoneClock(new Date('2027-01-03T20:00:00Z'), 'UTC')).toMatchObject({ period: '2026-W53', weekday: 7, hour: 20 });
    expect(zoneClock(new Date('2027-01-03T20:00:00Z'), 'Asia/Shanghai')).toMatchObject({ period: '2027-W01', weekday: 1, hour: 4 });
    // Half-hour offsets count too.
    expect(zoneClock(new Date('2026-06-01T03:29:00Z'), 'Asia/Kolkata')).toMatchObject({ weekday: 1, hour: 8 });
    expect(isoWeekKey(2026, 9)).toBe('2026-W09');
  });

  it('treats a zone this runtime does not know as UTC instead of failing', () => {
    expect(zoneClock(new Date('2026-12-07T12:00:00Z'), 'Mars/Olympus_Mons')).toEqual({
      zone: 'Mars/Olympus_Mons',
      period: '2026-W50',
      weekday: 1,
      hour: 12,
    });
  });

  it('reaches a slot from its weekday and hour on, until the week ends', () => {
    const slot = { weekday: 3, hour: 9 };
    expect(slotReached({ weekday: 3, hour: 8 }, slot)).toBe(false);
    expect(slotReached({ weekday: 2, hour: 23 }, slot)).toBe(false);
    expect(slotReached({ weekday: 3, hour: 9 }, slot)).toBe(true);
    expect(slotReached({ weekday: 4, hour: 0 }, slot)).toBe(true);
    expect(slotReached({ weekday: 7, hour: 23 }, slot)).toBe(true);
    expect(slotReached({ weekday: 1, hour: 0 }, { weekday: 1, hour: 0 })).toBe(true);
  });

  it('makes batch job ids from kind, period and the users, without ":"', () => {
    const users = ['7d0c0a4e-3f59-4a53-9a52-2f0f3b1f0a11', '0b1e6f0e-8d4c-4a53-9a52-2f0f3b1f0a12'];
    const id = digestBatchJobId(DigestKind.MEETUP, '2026-W49', users);
    expect(id).toMatch(/^digests-MEETUP-2026-W49-2-[0-9a-f]{32}$/);
    expect(id).not.toContain(':');
    expect(digestBatchJobId(DigestKind.MEETUP, '2026-W49', [...users])).toBe(id);
    expect(digestBatchJobId(DigestKind.MEETUP, '2026-W49', [...users].reverse())).not.toBe(id);
    expect(digestBatchJobId(DigestKind.REFERRAL, '2026-W49', users)).not.toBe(id);
    expect(digestBatchJobId(DigestKind.MEETUP, '2026-W50', users)).not.toBe(id);
  });
});

describe('digest schedule with a fake clock', () => {
  it('sends once in a week whose Sunday springs forward past the chosen hour (New York, 02:00 does not exist)', () => {
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT.
    const sent = simulate({ zoneAt: fixed('America/New_York'), slot: { weekday: 7, hour: 2 } }, '2026-03-02T00:00:00Z', '2026-03-16T12:00:00Z', ['2026-W09']);
    expect(sent).toEqual([
      // The first tick past the missing hour: 03:00 EDT = 07:00 UTC.
      { at: '2026-03-08T07:00:00.000Z', period: '2026-W10', zone: 'America/New_York' },
      { at: '2026-03-15T06:00:00.000Z', period: '2026-W11', zone: 'America/New_York' },
    ]);
  });

  it('sends once in a week whose Sunday falls back through the chosen hour (New York, 01:00 happens twice)', () => {
    // 1 November 2026: 02:00 EDT falls back to 01:00 EST.
    const sent = simulate({ zoneAt: fixed('America/New_York'), slot: { weekday: 7, hour: 1 } }, '2026-10-26T00:00:00Z', '2026-11-09T12:00:00Z', ['2026-W43']);
    expect(sent).toEqual([
      { at: '2026-11-01T05:00:00.000Z', period: '2026-W44', zone: 'America/New_York' }, // 01:00 EDT, the first of the two
      { at: '2026-11-08T06:00:00.000Z', period: '2026-W45', zone: 'America/New_York' },
    ]);
  });

  it('keeps the local hour across a European DST change (Berlin, Monday 09:00 both sides of 29 March)', () => {
    const sent = simulate({ zoneAt: fixed('Europe/Berlin'), slot: { weekday: 1, hour: 9 } }, '2026-03-16T00:00:00Z', '2026-04-07T00:00:00Z', []);
    // 09:00 CET is 08:00 UTC, 09:00 CEST 07:00 UTC.
    expect(sent.map((s) => s.at)).toEqual(['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z']);
    expect(sent.map((s) => s.period)).toEqual(['2026-W12', '2026-W13', '2026-W14', '2026-W15']);
  });

  it('sends once in the southern DST change too (Sydney, 5 April 2026)', () => {
    const sent = simulate({ zoneAt: fixed('Australia/Sydney'), slot: { weekday: 7, hour: 2 } }, '2026-03-30T00:00:00Z', '2026-04-06T00:00:00Z', []);
    // 02:00-03:00 AEDT happens, then 02:00-03:00 AEST again: one digest, at the first 02:00.
    expect(sent).toEqual([{ at: '2026-04-04T15:00:00.000Z', period: '2026-W14', zone: 'Australia/Sydney' }]);
  });

  it('sends once in the week a user moves from Tokyo to Los Angeles after their digest', () => {
    // Monday 09:00 in Tokyo is Sunday 17:00 in Los Angeles: after the move the week is still W11 there.
    const moved = Date.parse('2026-03-11T00:00:00Z');
    const user = { zoneAt: (t: Date) => (t.getTime() < moved ? 'Asia/Tokyo' : 'America/Los_Angeles'), slot: { weekday: 1, hour: 9 } };
    const sent = simulate(user, '2026-03-08T00:00:00Z', '2026-03-17T00:00:00Z', ['2026-W10']);
    expect(sent).toEqual([
      { at: '2026-03-09T00:00:00.000Z', period: '2026-W11', zone: 'Asia/Tokyo' },
      { at: '2026-03-16T16:00:00.000Z', period: '2026-W12', zone: 'America/Los_Angeles' },
    ]);
  });

  it('sends once in the week a user moves from Los Angeles to Tokyo, where the next week has already begun', () => {
    // Had W11 on Monday in LA; on Sunday evening LA time they move to Tokyo, where it is Monday of W12 past 09:00.
    const moved = Date.parse('2026-03-16T02:00:00Z'); // Sunday 19:00 PDT = Monday 11:00 JST
    const user = { zoneAt: (t: Date) => (t.getTime() < moved ? 'America/Los_Angeles' : 'Asia/Tokyo'), slot: { weekday: 1, hour: 9 } };
    const sent = simulate(user, '2026-03-09T00:00:00Z', '2026-03-23T01:00:00Z', ['2026-W10']);
    expect(sent).toEqual([
      { at: '2026-03-09T16:00:00.000Z', period: '2026-W11', zone: 'America/Los_Angeles' },
      // Caught up at the move: W12 in Tokyo, past the slot.
      { at: '2026-03-16T02:00:00.000Z', period: '2026-W12', zone: 'Asia/Tokyo' },
      { at: '2026-03-23T00:00:00.000Z', period: '2026-W13', zone: 'Asia/Tokyo' },
    ]);
  });
});
