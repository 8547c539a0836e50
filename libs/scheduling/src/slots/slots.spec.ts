import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { expandSlots, formatInZone, isOfferedSlot, type DateOverride, type Interval, type SlotQuery, type WeeklyRule } from './slots';

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const MINUTE_MS = 60_000;
const at = (iso: string): Date => new Date(iso);
const hm = (hour: number, minute = 0): number => hour * 60 + minute;

/** A query with harmless defaults: no notice, a year of horizon, no buffer, nothing booked. */
function makeQuery(overrides: Partial<SlotQuery> & Pick<SlotQuery, 'timeZone' | 'from' | 'to'>): SlotQuery {
  return {
    rules: [],
    overrides: [],
    busy: [],
    durationMinutes: 60,
    now: at('2026-01-01T00:00:00Z'),
    minimumNoticeMinutes: 0,
    horizonDays: 365,
    bufferMinutes: 0,
    ...overrides,
  };
}

const starts = (slots: Interval[]): string[] => slots.map((slot) => slot.start.toISOString());
const rendered = (slots: Interval[], zone: string): string[] => slots.map((slot) => formatInZone(slot.start, zone));
/** A wall time in a zone, as a Date (test input only). */
const local = (iso: string, zone: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();

// ---------------------------------------------------------------------------
// 1. DST transitions in the mentor's zone
// ---------------------------------------------------------------------------

describe('DST days in the mentor zone', () => {
  const NY = 'America/New_York';
  const BERLIN = 'Europe/Berlin';
  // Sunday 01:00-03:00 covers New York's repeated hour (01:00-02:00) and its gap (02:00-03:00).
  const nyRules: WeeklyRule[] = [
    { weekday: 7, startMinute: hm(1), endMinute: hm(3) },
    { weekday: 7, startMinute: hm(13), endMinute: hm(15) },
  ];
  const berlinRules: WeeklyRule[] = [
    { weekday: 7, startMinute: hm(2), endMinute: hm(3) },
    { weekday: 7, startMinute: hm(13), endMinute: hm(15) },
  ];

  it('New York spring forward (2026-03-08): 02:00 is not offered, 13:00 has the new offset', () => {
    const slots = expandSlots(makeQuery({ timeZone: NY, rules: nyRules, from: at('2026-03-08T00:00Z'), to: at('2026-03-09T12:00Z') }));
    expect(starts(slots)).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T17:00:00.000Z', '2026-03-08T18:00:00.000Z']);
    expect(rendered(slots, NY)).toEqual(['2026-03-08T01:00:00.000-05:00', '2026-03-08T13:00:00.000-04:00', '2026-03-08T14:00:00.000-04:00']);
    expect(slots.map((s) => s.end.getTime() - s.start.getTime())).toEqual([60, 60, 60].map((m) => m * MINUTE_MS));
  });

  it('New York spring forward with 30 minutes: 02:00 and 02:30 are both in the gap', () => {
    const slots = expandSlots(
      makeQuery({ timeZone: NY, rules: [nyRules[0]], durationMinutes: 30, from: at('2026-03-08T00:00Z'), to: at('2026-03-09T00:00Z') }),
    );
    expect(rendered(slots, NY)).toEqual(['2026-03-08T01:00:00.000-05:00', '2026-03-08T01:30:00.000-05:00']);
  });

  it('New York fall back (2026-11-01): 01:00 is offered once, at its first (EDT) occurrence', () => {
    const slots = expandSlots(makeQuery({ timeZone: NY, rules: nyRules, from: at('2026-11-01T00:00Z'), to: at('2026-11-02T12:00Z') }));
    expect(starts(slots)).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-01T18:00:00.000Z', '2026-11-01T19:00:00.000Z']);
    expect(rendered(slots, NY)).toEqual([
      '2026-11-01T01:00:00.000-04:00',
      '2026-11-01T02:00:00.000-05:00',
      '2026-11-01T13:00:00.000-05:00',
      '2026-11-01T14:00:00.000-05:00',
    ]);
    // The second 01:00 (EST, 06:00Z) is the same wall time: not a second slot.
    expect(isOfferedSlot(makeQuery({ timeZone: NY, rules: nyRules, from: at('2026-11-01T00:00Z'), to: at('2026-11-02T12:00Z') }), at('2026-11-01T06:00Z'))).toBe(false);
  });

  it('Berlin spring forward (2026-03-29): no 02:00 slot, 13:00 and 14:00 at +02:00', () => {
    const slots = expandSlots(makeQuery({ timeZone: BERLIN, rules: berlinRules, from: at('2026-03-28T12:00Z'), to: at('2026-03-30T00:00Z') }));
    expect(starts(slots)).toEqual(['2026-03-29T11:00:00.000Z', '2026-03-29T12:00:00.000Z']);
    expect(rendered(slots, BERLIN)).toEqual(['2026-03-29T13:00:00.000+02:00', '2026-03-29T14:00:00.000+02:00']);
  });

  it('Berlin fall back (2026-10-25): 02:00 once at +02:00, 13:00 at +01:00', () => {
    const slots = expandSlots(makeQuery({ timeZone: BERLIN, rules: berlinRules, from: at('2026-10-24T12:00Z'), to: at('2026-10-26T00:00Z') }));
    expect(starts(slots)).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T12:00:00.000Z', '2026-10-25T13:00:00.000Z']);
    expect(rendered(slots, BERLIN)).toEqual(['2026-10-25T02:00:00.000+02:00', '2026-10-25T13:00:00.000+01:00', '2026-10-25T14:00:00.000+01:00']);
  });

  it('Berlin fall back with 30 minutes: the repeated 02:00-03:00 hour gives two slots, not four', () => {
    const slots = expandSlots(
      makeQuery({ timeZone: BERLIN, rules: [berlinRules[0]], durationMinutes: 30, from: at('2026-10-24T12:00Z'), to: at('2026-10-26T00:00Z') }),
    );
    expect(rendered(slots, BERLIN)).toEqual(['2026-10-25T02:00:00.000+02:00', '2026-10-25T02:30:00.000+02:00']);
  });

  it('a slot that would run past the real window end is refused (90 min at 01:30 in 01:30-03:00 on spring forward)', () => {
    const rules = [{ weekday: 7, startMinute: hm(1, 30), endMinute: hm(3) }];
    const springSunday = makeQuery({ timeZone: NY, rules, durationMinutes: 90, from: at('2026-03-08T00:00Z'), to: at('2026-03-09T00:00Z') });
    const ordinarySunday = { ...springSunday, from: at('2026-03-01T00:00Z'), to: at('2026-03-02T00:00Z') };
    expect(expandSlots(springSunday)).toEqual([]);
    expect(rendered(expandSlots(ordinarySunday), NY)).toEqual(['2026-03-01T01:30:00.000-05:00']);
  });

  it('a window ending inside the gap ends at the forward-shifted instant (01:00-02:30 holds 90 real minutes)', () => {
    const rules = [{ weekday: 7, startMinute: hm(1), endMinute: hm(2, 30) }];
    const q = makeQuery({ timeZone: NY, rules, durationMinutes: 90, from: at('2026-03-08T00:00Z'), to: at('2026-03-09T00:00Z') });
    expect(expandSlots(q)).toEqual([{ start: at('2026-03-08T06:00Z'), end: at('2026-03-08T07:30Z') }]);
    // In 30-minute steps the same window offers 01:00 and 01:30; 02:00 is in the gap.
    expect(rendered(expandSlots({ ...q, durationMinutes: 30 }), NY)).toEqual(['2026-03-08T01:00:00.000-05:00', '2026-03-08T01:30:00.000-05:00']);
  });

  it('a window ending in the repeated hour stops at its first occurrence (00:00-01:30 on fall back)', () => {
    const rules = [{ weekday: 7, startMinute: hm(0), endMinute: hm(1, 30) }];
    const q = makeQuery({ timeZone: NY, rules, durationMinutes: 30, from: at('2026-11-01T00:00Z'), to: at('2026-11-02T00:00Z') });
    expect(starts(expandSlots(q))).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-01T04:30:00.000Z', '2026-11-01T05:00:00.000Z']);
  });

  it('resolves repeated wall times the same whatever the current date is (Luxon guesses from today)', () => {
    const q = makeQuery({ timeZone: NY, rules: nyRules, from: at('2026-11-01T00:00Z'), to: at('2026-11-02T00:00Z') });
    const original = Settings.now;
    try {
      Settings.now = () => Date.parse('2026-07-01T12:00Z');
      const inSummer = starts(expandSlots(q));
      Settings.now = () => Date.parse('2026-01-15T12:00Z');
      const inWinter = starts(expandSlots(q));
      expect(inSummer).toEqual(inWinter);
      expect(inWinter[0]).toBe('2026-11-01T05:00:00.000Z');
    } finally {
      Settings.now = original;
    }
  });
});

// ---------------------------------------------------------------------------
// 2-4. Mentor and viewer in different zones
// ---------------------------------------------------------------------------

describe('mentor and viewer zones', () => {
  it('Sydney mentor seen from London in the week both change in opposite directions (London +1 on Mar 29, Sydney -1 on Apr 5)', () => {
    const SYDNEY = 'Australia/Sydney';
    const LONDON = 'Europe/London';
    // The real 2026 transitions, so the expectations below rest on them.
    expect(DateTime.fromISO('2026-03-29T00:30', { zone: LONDON }).offset).toBe(0);
    expect(DateTime.fromISO('2026-03-29T03:00', { zone: LONDON }).offset).toBe(60);
    expect(DateTime.fromISO('2026-04-05T01:00', { zone: SYDNEY }).offset).toBe(660);
    expect(DateTime.fromISO('2026-04-05T04:00', { zone: SYDNEY }).offset).toBe(600);

    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: hm(9), endMinute: hm(10) }));
    const slots = expandSlots(makeQuery({ timeZone: SYDNEY, rules: everyDay, from: local('2026-03-27T00:00', LONDON), to: local('2026-04-07T01:00', LONDON) }));
    expect(rendered(slots, LONDON)).toEqual([
      '2026-03-27T22:00:00.000+00:00', // Sydney Sat Mar 28 09:00 +11
      '2026-03-28T22:00:00.000+00:00', // Sydney Sun Mar 29 09:00 +11: still GMT in London
      '2026-03-29T23:00:00.000+01:00', // London is on BST: one hour later for the viewer
      '2026-03-30T23:00:00.000+01:00',
      '2026-03-31T23:00:00.000+01:00',
      '2026-04-01T23:00:00.000+01:00',
      '2026-04-02T23:00:00.000+01:00',
      '2026-04-03T23:00:00.000+01:00', // Sydney Sat Apr 4 09:00 +11
      '2026-04-05T00:00:00.000+01:00', // Sydney Sun Apr 5 09:00 +10: another hour later
      '2026-04-06T00:00:00.000+01:00',
      '2026-04-07T00:00:00.000+01:00',
    ]);
    // For the mentor it is 09:00 every day.
    expect(new Set(rendered(slots, SYDNEY).map((s) => s.slice(11, 19)))).toEqual(new Set(['09:00:00']));
    expect(rendered(slots, SYDNEY)[7]).toBe('2026-04-04T09:00:00.000+11:00');
    expect(rendered(slots, SYDNEY)[8]).toBe('2026-04-05T09:00:00.000+10:00');
  });

  it('Kolkata (+05:30) and Kathmandu (+05:45): 09:00-11:00 gives the right instants, rendered in UTC and in each other', () => {
    const rules = [{ weekday: 1, startMinute: hm(9), endMinute: hm(11) }];
    const range = { from: at('2026-06-14T00:00Z'), to: at('2026-06-16T00:00Z') };
    const kolkata = expandSlots(makeQuery({ timeZone: 'Asia/Kolkata', rules, ...range }));
    const kathmandu = expandSlots(makeQuery({ timeZone: 'Asia/Kathmandu', rules, ...range }));

    expect(starts(kolkata)).toEqual(['2026-06-15T03:30:00.000Z', '2026-06-15T04:30:00.000Z']);
    expect(rendered(kolkata, 'UTC')).toEqual(['2026-06-15T03:30:00.000+00:00', '2026-06-15T04:30:00.000+00:00']);
    expect(rendered(kolkata, 'Asia/Kathmandu')).toEqual(['2026-06-15T09:15:00.000+05:45', '2026-06-15T10:15:00.000+05:45']);

    expect(starts(kathmandu)).toEqual(['2026-06-15T03:15:00.000Z', '2026-06-15T04:15:00.000Z']);
    expect(rendered(kathmandu, 'UTC')).toEqual(['2026-06-15T03:15:00.000+00:00', '2026-06-15T04:15:00.000+00:00']);
    expect(rendered(kathmandu, 'Asia/Kolkata')).toEqual(['2026-06-15T08:45:00.000+05:30', '2026-06-15T09:45:00.000+05:30']);
  });

  it.each([
    ['June (NZST +12, PDT -7)', '2026-06-14', '2026-06-14T14:00:00.000-07:00', '2026-06-14T21:00:00.000Z'],
    ['January (NZDT +13, PST -8)', '2026-01-11', '2026-01-11T12:00:00.000-08:00', '2026-01-11T20:00:00.000Z'],
  ])('Auckland Monday 09:00 is found by a Los Angeles Sunday query across the date line: %s', (_, laSunday, expectedLa, expectedUtc) => {
    const LA = 'America/Los_Angeles';
    const rules = [{ weekday: 1, startMinute: hm(9), endMinute: hm(10) }];
    const sunday = DateTime.fromISO(laSunday, { zone: LA });
    expect(sunday.weekday).toBe(7);
    const q = makeQuery({ timeZone: 'Pacific/Auckland', rules, from: sunday.toJSDate(), to: sunday.plus({ days: 1 }).toJSDate() });
    const slots = expandSlots(q);
    expect(starts(slots)).toEqual([expectedUtc]);
    expect(rendered(slots, LA)).toEqual([expectedLa]);
    expect(formatInZone(slots[0].start, 'Pacific/Auckland').slice(11, 16)).toBe('09:00');
    // The LA Monday holds Auckland's Tuesday morning: no rule, no slot.
    expect(expandSlots({ ...q, from: sunday.plus({ days: 1 }).toJSDate(), to: sunday.plus({ days: 2 }).toJSDate() })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// 5. Overrides are dates of the mentor's calendar
// ---------------------------------------------------------------------------

describe('overrides', () => {
  const TOKYO = 'Asia/Tokyo';
  const NY = 'America/New_York';
  const rules = [1, 2].map((weekday) => ({ weekday, startMinute: hm(9), endMinute: hm(11) })); // Mon, Tue
  // New York Sunday June 14 to Wednesday June 17 (midnights): Tokyo Mon 15 and Tue 16 mornings are NY evenings.
  const q = (overrides: DateOverride[]): SlotQuery =>
    makeQuery({ timeZone: TOKYO, rules, overrides, from: local('2026-06-14T00:00', NY), to: local('2026-06-17T00:00', NY) });

  it('without overrides Tokyo Monday and Tuesday 09:00 are New York Sunday and Monday 20:00', () => {
    expect(rendered(expandSlots(q([])), NY)).toEqual([
      '2026-06-14T20:00:00.000-04:00',
      '2026-06-14T21:00:00.000-04:00',
      '2026-06-15T20:00:00.000-04:00',
      '2026-06-15T21:00:00.000-04:00',
    ]);
  });

  it('a day off on Tokyo 2026-06-15 removes the New York June 14 evening, not Tokyo June 16', () => {
    const slots = expandSlots(q([{ date: '2026-06-15', available: false }]));
    expect(starts(slots)).toEqual(['2026-06-16T00:00:00.000Z', '2026-06-16T01:00:00.000Z']);
    expect(rendered(slots, TOKYO)).toEqual(['2026-06-16T09:00:00.000+09:00', '2026-06-16T10:00:00.000+09:00']);
  });

  it("a day off on the viewer's date (2026-06-14) leaves Tokyo June 15 alone", () => {
    expect(expandSlots(q([{ date: '2026-06-14', available: false }]))).toHaveLength(4);
  });

  it('available with hours replaces the rule hours for that date only, and adds hours on a date without rules', () => {
    const slots = expandSlots(
      q([
        { date: '2026-06-16', available: true, startMinute: hm(13), endMinute: hm(15) },
        { date: '2026-06-17', available: true, startMinute: hm(10), endMinute: hm(11) },
      ]),
    );
    expect(rendered(slots, TOKYO)).toEqual([
      '2026-06-15T09:00:00.000+09:00',
      '2026-06-15T10:00:00.000+09:00',
      '2026-06-16T13:00:00.000+09:00',
      '2026-06-16T14:00:00.000+09:00',
      '2026-06-17T10:00:00.000+09:00',
    ]);
  });

  it('available without hours means the weekly hours; a day off wins over hours on the same date', () => {
    expect(expandSlots(q([{ date: '2026-06-15', available: true, startMinute: null, endMinute: null }]))).toEqual(expandSlots(q([])));
    const both = q([
      { date: '2026-06-15', available: true, startMinute: hm(13), endMinute: hm(14) },
      { date: '2026-06-15', available: false },
    ]);
    expect(starts(expandSlots(both))).toEqual(['2026-06-16T00:00:00.000Z', '2026-06-16T01:00:00.000Z']);
  });

  it('rejects malformed overrides', () => {
    expect(() => expandSlots(q([{ date: '2026-02-30', available: false }]))).toThrow(RangeError);
    expect(() => expandSlots(q([{ date: '2026-6-15', available: false }]))).toThrow(RangeError);
    expect(() => expandSlots(q([{ date: '2026-06-15', available: true, startMinute: hm(9) }]))).toThrow(RangeError);
    expect(() => expandSlots(q([{ date: '2026-06-15', available: true, startMinute: hm(10), endMinute: hm(9) }]))).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// 6. Minimum notice is real elapsed time, also across a DST change
// ---------------------------------------------------------------------------

describe('minimum notice across DST', () => {
  const NY = 'America/New_York';
  const sunday = [{ weekday: 7, startMinute: hm(0), endMinute: hm(12) }];

  it('spring forward: Saturday 15:00 EST + 12 h is Sunday 04:00 EDT (not the wall-clock 03:00)', () => {
    const now = local('2026-03-07T15:00', NY);
    const q = makeQuery({ timeZone: NY, rules: sunday, durationMinutes: 30, now, minimumNoticeMinutes: 720, from: now, to: at('2026-03-09T00:00Z') });
    const slots = expandSlots(q);
    expect(slots[0].start.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(formatInZone(slots[0].start, NY)).toBe('2026-03-08T04:00:00.000-04:00');
    expect(slots[0].start.getTime()).toBe(now.getTime() + 12 * 60 * MINUTE_MS);
    expect(isOfferedSlot(q, local('2026-03-08T03:30', NY))).toBe(false);
    // One millisecond less notice margin moves the first slot to the next step.
    expect(expandSlots({ ...q, now: new Date(now.getTime() + 1) })[0].start.toISOString()).toBe('2026-03-08T08:30:00.000Z');
    // 11.5 h lands on 03:30 EDT, which exists.
    expect(formatInZone(expandSlots({ ...q, minimumNoticeMinutes: 690 })[0].start, NY)).toBe('2026-03-08T03:30:00.000-04:00');
  });

  it('fall back: Saturday 15:00 EDT + 12 h is Sunday 02:00 EST (not the wall-clock 03:00)', () => {
    const now = local('2026-10-31T15:00', NY);
    const q = makeQuery({ timeZone: NY, rules: sunday, durationMinutes: 30, now, minimumNoticeMinutes: 720, from: now, to: at('2026-11-02T00:00Z') });
    const first = expandSlots(q)[0].start;
    expect(first.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(formatInZone(first, NY)).toBe('2026-11-01T02:00:00.000-05:00');
  });
});

// ---------------------------------------------------------------------------
// 7. Busy, buffer, horizon, range bounds, durations, duplicates, midnight
// ---------------------------------------------------------------------------

describe('filters and stepping', () => {
  // Monday 2026-06-15, 09:00-12:00 UTC.
  const monday = [{ weekday: 1, startMinute: hm(9), endMinute: hm(12) }];
  const base = makeQuery({ timeZone: 'UTC', rules: monday, durationMinutes: 30, from: at('2026-06-15T00:00Z'), to: at('2026-06-16T00:00Z') });
  const times = (slots: Interval[]): string[] => slots.map((slot) => slot.start.toISOString().slice(11, 16));
  const booked = (start: string, end: string): Interval => ({ start: at(`2026-06-15T${start}Z`), end: at(`2026-06-15T${end}Z`) });

  it('offers the whole window when nothing is booked', () => {
    expect(times(expandSlots(base))).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
  });

  it.each([
    [0, ['09:00', '09:30', '10:30', '11:00', '11:30']],
    [15, ['09:00', '11:00', '11:30']],
    [30, ['09:00', '11:00', '11:30']], // 09:00-09:30 ends exactly at 10:00 - 30: allowed
    [31, ['11:30']],
  ])('a 10:00-10:30 session with a %i minute buffer', (bufferMinutes, expected) => {
    const q = { ...base, busy: [booked('10:00', '10:30')], bufferMinutes };
    expect(times(expandSlots(q))).toEqual(expected);
    for (const time of ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']) {
      expect(isOfferedSlot(q, at(`2026-06-15T${time}Z`))).toBe(expected.includes(time));
    }
  });

  it('handles unsorted, overlapping and empty busy intervals', () => {
    const busy = [booked('11:40', '11:50'), booked('09:10', '09:20'), booked('09:15', '09:40'), booked('10:45', '10:45'), booked('10:30', '10:30')];
    // 09:10-09:40 hits 09:00 and 09:30; the empty 10:45 is inside 10:30-11:00; the empty 10:30 is inside no slot.
    expect(times(expandSlots({ ...base, busy }))).toEqual(['10:00', '11:00']);
  });

  it('cuts at the horizon (inclusive) and the notice (inclusive)', () => {
    expect(times(expandSlots({ ...base, now: at('2026-06-14T10:00Z'), horizonDays: 1 }))).toEqual(['09:00', '09:30', '10:00']);
    expect(times(expandSlots({ ...base, now: at('2026-06-15T08:00Z'), minimumNoticeMinutes: 60 }))).toHaveLength(6);
    expect(times(expandSlots({ ...base, now: at('2026-06-15T08:00Z'), minimumNoticeMinutes: 61 }))[0]).toBe('09:30');
    expect(expandSlots({ ...base, now: at('2026-06-15T12:00Z') })).toEqual([]);
  });

  it('offers starts in [from, to)', () => {
    const q = { ...base, from: at('2026-06-15T09:00Z'), to: at('2026-06-15T11:00Z') };
    expect(times(expandSlots(q))).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(isOfferedSlot(q, at('2026-06-15T11:00Z'))).toBe(false);
    expect(isOfferedSlot({ ...q, to: at('2026-06-15T11:00:00.001Z') }, at('2026-06-15T11:00Z'))).toBe(true);
    expect(expandSlots({ ...q, to: q.from })).toEqual([]);
  });

  it.each([
    [30, ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']],
    [45, ['09:00', '09:45', '10:30', '11:15']],
    [90, ['09:00', '10:30']],
    [180, ['09:00']],
    [240, []],
  ])('steps by the duration (%i minutes) from the window start', (durationMinutes, expected) => {
    const slots = expandSlots({ ...base, durationMinutes });
    expect(times(slots)).toEqual(expected);
    for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(durationMinutes * MINUTE_MS);
  });

  it.each([0, 10, 14, 20, 250, 255, 300, -15, 15.5, NaN, Infinity])('rejects duration %p', (durationMinutes) => {
    expect(() => expandSlots({ ...base, durationMinutes })).toThrow(RangeError);
    expect(() => isOfferedSlot({ ...base, durationMinutes }, at('2026-06-15T09:00Z'))).toThrow(RangeError);
  });

  it('accepts durations 15 and 240', () => {
    expect(expandSlots({ ...base, durationMinutes: 15 })).toHaveLength(12);
    expect(expandSlots({ ...base, rules: [{ weekday: 1, startMinute: hm(8), endMinute: hm(12) }], durationMinutes: 240 })).toHaveLength(1);
  });

  it('rejects bad zones, rules, settings and instants', () => {
    expect(() => expandSlots({ ...base, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => expandSlots({ ...base, timeZone: 'local' })).toThrow(RangeError);
    expect(() => expandSlots({ ...base, rules: [{ weekday: 0, startMinute: 0, endMinute: 60 }] })).toThrow(RangeError);
    expect(() => expandSlots({ ...base, rules: [{ weekday: 1, startMinute: 60, endMinute: 60 }] })).toThrow(RangeError);
    expect(() => expandSlots({ ...base, rules: [{ weekday: 1, startMinute: 0, endMinute: 1441 }] })).toThrow(RangeError);
    expect(() => expandSlots({ ...base, bufferMinutes: -1 })).toThrow(RangeError);
    expect(() => expandSlots({ ...base, from: new Date(NaN) })).toThrow(RangeError);
    expect(() => expandSlots({ ...base, busy: [booked('10:30', '10:00')] })).toThrow(RangeError);
    expect(() => formatInZone(new Date(NaN), 'UTC')).toThrow(RangeError);
  });

  it('dedupes overlapping and duplicate rules by start instant', () => {
    const overlapping = [
      { weekday: 1, startMinute: hm(9), endMinute: hm(11) },
      { weekday: 1, startMinute: hm(10), endMinute: hm(12) },
      { weekday: 1, startMinute: hm(9), endMinute: hm(11) },
    ];
    expect(times(expandSlots({ ...base, rules: overlapping, durationMinutes: 60 }))).toEqual(['09:00', '10:00', '11:00']);
    const staggered = [
      { weekday: 1, startMinute: hm(9), endMinute: hm(11) },
      { weekday: 1, startMinute: hm(9, 30), endMinute: hm(11, 30) },
    ];
    expect(times(expandSlots({ ...base, rules: staggered, durationMinutes: 60 }))).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });

  it('endMinute 1440 runs to midnight', () => {
    const q = makeQuery({
      timeZone: 'Europe/Berlin',
      rules: [{ weekday: 1, startMinute: hm(22), endMinute: 1440 }],
      from: at('2026-06-15T00:00Z'),
      to: at('2026-06-16T00:00Z'),
    });
    expect(rendered(expandSlots(q), 'Europe/Berlin')).toEqual(['2026-06-15T22:00:00.000+02:00', '2026-06-15T23:00:00.000+02:00']);
    expect(expandSlots({ ...q, durationMinutes: 120 })).toEqual([{ start: at('2026-06-15T20:00Z'), end: at('2026-06-15T22:00Z') }]);
  });

  it('zones whose midnight is skipped or repeated (America/Santiago 2026)', () => {
    const SANTIAGO = 'America/Santiago';
    const rules = [
      { weekday: 6, startMinute: hm(23), endMinute: 1440 }, // Saturday to midnight
      { weekday: 7, startMinute: hm(0), endMinute: hm(2) }, // Sunday from midnight
    ];
    // 2026-09-06 00:00 does not exist (clocks jump to 01:00): Saturday's 24:00 is the jump instant.
    const spring = expandSlots(makeQuery({ timeZone: SANTIAGO, rules, from: at('2026-09-05T12:00Z'), to: at('2026-09-06T12:00Z') }));
    expect(rendered(spring, SANTIAGO)).toEqual(['2026-09-05T23:00:00.000-04:00', '2026-09-06T01:00:00.000-03:00']);
    expect(starts(spring)).toEqual(['2026-09-06T03:00:00.000Z', '2026-09-06T04:00:00.000Z']);
    // 2026-04-04 23:00-24:00 happens twice (24:00 -03 becomes 23:00 -04): 23:00 once, at -03.
    const fall = expandSlots(
      makeQuery({ timeZone: SANTIAGO, rules, durationMinutes: 30, from: at('2026-04-04T12:00Z'), to: at('2026-04-05T12:00Z') }),
    );
    expect(rendered(fall, SANTIAGO)).toEqual([
      '2026-04-04T23:00:00.000-03:00',
      '2026-04-04T23:30:00.000-03:00',
      '2026-04-05T00:00:00.000-04:00',
      '2026-04-05T00:30:00.000-04:00',
      '2026-04-05T01:00:00.000-04:00',
      '2026-04-05T01:30:00.000-04:00',
    ]);
  });

  it('formatInZone uses the zone offset, +00:00 for UTC', () => {
    const instant = at('2026-03-08T06:00Z');
    expect(formatInZone(instant, 'UTC')).toBe('2026-03-08T06:00:00.000+00:00');
    expect(formatInZone(instant, 'America/New_York')).toBe('2026-03-08T01:00:00.000-05:00');
    expect(formatInZone(instant, 'Asia/Kathmandu')).toBe('2026-03-08T11:45:00.000+05:45');
    expect(formatInZone(instant, 'Pacific/Chatham')).toBe('2026-03-08T19:45:00.000+13:45');
  });
});

// ---------------------------------------------------------------------------
// 8. Properties, and agreement with a per-candidate reference
// ---------------------------------------------------------------------------

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Auckland',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'America/Santiago',
  'Australia/Lord_Howe', // 30-minute DST shift
  'Pacific/Chatham', // +12:45 / +13:45
  'UTC',
];

/**
 * The policy written the slow, obvious way: Luxon calendar days in the zone, one
 * Luxon conversion per candidate, brute-force busy check. The engine's per-date
 * shortcut and sweep must agree with it.
 */
function referenceSlots(q: SlotQuery): number[] {
  const d = q.durationMinutes;
  const lo = Math.max(q.from.getTime(), q.now.getTime() + q.minimumNoticeMinutes * MINUTE_MS);
  const horizon = q.now.getTime() + q.horizonDays * 24 * 60 * MINUTE_MS;
  const convert = (date: DateTime, minute: number): { ms: number; exists: boolean } => {
    const day = date.plus({ days: Math.floor(minute / 1440) });
    const wanted = { year: day.year, month: day.month, day: day.day, hour: Math.floor((minute % 1440) / 60), minute: minute % 60 };
    const dt = DateTime.fromObject(wanted, { zone: q.timeZone });
    const exists = dt.year === wanted.year && dt.month === wanted.month && dt.day === wanted.day && dt.hour === wanted.hour && dt.minute === wanted.minute;
    return { ms: exists ? Math.min(...dt.getPossibleOffsets().map((x) => x.toMillis())) : dt.toMillis(), exists };
  };
  const found = new Set<number>();
  const first = DateTime.fromJSDate(q.from, { zone: q.timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(q.to, { zone: q.timeZone }).startOf('day').plus({ days: 1 });
  for (let date = DateTime.fromObject({ year: first.year, month: first.month, day: first.day }, { zone: 'UTC' }); ; date = date.plus({ days: 1 })) {
    if (date.toISODate()! > last.toISODate()!) break;
    const overrides = q.overrides.filter((o) => o.date === date.toISODate());
    let windows: { startMinute: number; endMinute: number }[];
    if (overrides.some((o) => !o.available)) windows = [];
    else if (overrides.some((o) => o.startMinute != null)) windows = overrides.filter((o) => o.startMinute != null).map((o) => ({ startMinute: o.startMinute!, endMinute: o.endMinute! }));
    else windows = q.rules.filter((r) => r.weekday === date.weekday);
    for (const w of windows) {
      const windowEnd = convert(date, w.endMinute).ms;
      for (let m = w.startMinute; m + d <= w.endMinute; m += d) {
        const start = convert(date, m);
        const end = start.ms + d * MINUTE_MS;
        if (!start.exists || end > windowEnd) continue;
        if (start.ms < lo || start.ms >= q.to.getTime() || start.ms > horizon) continue;
        const buffer = q.bufferMinutes * MINUTE_MS;
        if (q.busy.some((b) => start.ms < b.end.getTime() + buffer && end > b.start.getTime() - buffer)) continue;
        found.add(start.ms);
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** Dates around the 2026 transitions of the zones above, and two quiet ones. */
const ANCHORS = [
  '2026-03-08T07:00Z', // US spring
  '2026-03-29T01:00Z', // EU spring
  '2026-04-04T15:00Z', // AU/NZ fall, Santiago fall
  '2026-09-06T04:00Z', // Santiago spring
  '2026-09-26T14:00Z', // NZ spring
  '2026-10-03T16:00Z', // AU spring
  '2026-10-25T01:00Z', // EU fall
  '2026-11-01T06:00Z', // US fall
  '2026-06-15T12:00Z',
  '2026-12-31T12:00Z',
].map((iso) => Date.parse(iso));

const ruleArb = fc
  .record({ weekday: fc.integer({ min: 1, max: 7 }), startQuarter: fc.integer({ min: 0, max: 95 }), quarters: fc.integer({ min: 1, max: 96 }) })
  .map(({ weekday, startQuarter, quarters }) => ({ weekday, startMinute: startQuarter * 15, endMinute: Math.min(1440, (startQuarter + quarters) * 15) }));

const queryArb = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    anchor: fc.constantFrom(...ANCHORS),
    fromShift: fc.integer({ min: -48 * 60, max: 48 * 60 }), // minutes
    rangeMinutes: fc.integer({ min: 0, max: 4 * 1440 }),
    rules: fc.array(ruleArb, { maxLength: 6 }),
    overrides: fc.array(
      fc.record({
        dayShift: fc.integer({ min: -3, max: 5 }),
        available: fc.boolean(),
        hours: fc.option(ruleArb, { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    durationMinutes: fc.integer({ min: 1, max: 16 }).map((n) => n * 15),
    nowShift: fc.integer({ min: -3 * 1440, max: 1440 }), // minutes, relative to from
    minimumNoticeMinutes: fc.integer({ min: 0, max: 2880 }),
    horizonDays: fc.integer({ min: 0, max: 10 }),
    bufferMinutes: fc.integer({ min: 0, max: 60 }),
    busy: fc.array(fc.record({ startShift: fc.integer({ min: -600, max: 6000 }), minutes: fc.integer({ min: 0, max: 240 }) }), { maxLength: 5 }),
  })
  .map((g): SlotQuery => {
    const from = g.anchor + g.fromShift * MINUTE_MS;
    return {
      timeZone: g.timeZone,
      rules: g.rules,
      overrides: g.overrides.map((o) => ({
        date: new Date(g.anchor + o.dayShift * 24 * 60 * MINUTE_MS).toISOString().slice(0, 10),
        available: o.available,
        startMinute: o.hours?.startMinute ?? null,
        endMinute: o.hours?.endMinute ?? null,
      })),
      busy: g.busy.map((b) => ({ start: new Date(from + b.startShift * MINUTE_MS), end: new Date(from + (b.startShift + b.minutes) * MINUTE_MS) })),
      from: new Date(from),
      to: new Date(from + g.rangeMinutes * MINUTE_MS),
      durationMinutes: g.durationMinutes,
      now: new Date(from + g.nowShift * MINUTE_MS),
      minimumNoticeMinutes: g.minimumNoticeMinutes,
      horizonDays: g.horizonDays,
      bufferMinutes: g.bufferMinutes,
    };
  });

describe('properties', () => {
  it('every offered slot is in range, has the duration, is unique, avoids busy + buffer, and isOfferedSlot agrees', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const slots = expandSlots(q);
        const d = q.durationMinutes * MINUTE_MS;
        const buffer = q.bufferMinutes * MINUTE_MS;
        for (let i = 0; i < slots.length; i++) {
          const s = slots[i].start.getTime();
          const e = slots[i].end.getTime();
          expect(s).toBeGreaterThanOrEqual(q.from.getTime());
          expect(s).toBeLessThan(q.to.getTime());
          expect(s).toBeGreaterThanOrEqual(q.now.getTime() + q.minimumNoticeMinutes * MINUTE_MS);
          expect(s).toBeLessThanOrEqual(q.now.getTime() + q.horizonDays * 24 * 60 * MINUTE_MS);
          expect(e - s).toBe(d);
          if (i > 0) expect(s).toBeGreaterThan(slots[i - 1].start.getTime());
          for (const b of q.busy) expect(s < b.end.getTime() + buffer && e > b.start.getTime() - buffer).toBe(false);
          expect(isOfferedSlot(q, slots[i].start)).toBe(true);
          expect(isOfferedSlot(q, new Date(s + MINUTE_MS))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the per-candidate reference, and isOfferedSlot with expandSlots on a 15-minute grid', () => {
    fc.assert(
      fc.property(queryArb, fc.integer({ min: -96, max: 4 * 96 }), (q, probe) => {
        const slots = expandSlots(q);
        expect(slots.map((s) => s.start.getTime())).toEqual(referenceSlots(q));
        const t = new Date(Math.floor(q.from.getTime() / (15 * MINUTE_MS)) * 15 * MINUTE_MS + probe * 15 * MINUTE_MS);
        expect(isOfferedSlot(q, t)).toBe(slots.some((s) => s.start.getTime() === t.getTime()));
      }),
      { numRuns: 300 },
    );
  });

  // Every date of a year, so each zone's transition days and their neighbours go through
  // both the per-date shortcut and the per-candidate path. 02:00 start: most transitions
  // happen at 02:00 or 03:00; 180-minute steps keep the slow reference affordable.
  it.each(ZONES)('daily 02:00-24:00 rules over all of 2026 match the reference in %s', (timeZone) => {
    const q = makeQuery({
      timeZone,
      rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: hm(2), endMinute: 1440 })),
      from: at('2026-01-01T00:00Z'),
      to: at('2027-01-01T00:00Z'),
      now: at('2025-12-31T00:00Z'),
      horizonDays: 400,
      durationMinutes: 180,
    });
    const slots = expandSlots(q);
    expect(slots.map((s) => s.start.getTime())).toEqual(referenceSlots(q));
    expect(slots.length).toBeGreaterThan(364 * 7 - 10);
  });
});
