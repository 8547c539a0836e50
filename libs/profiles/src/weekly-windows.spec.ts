import { formatClock, normalizeWindows, parseClock } from './weekly-windows';

describe('weekly windows', () => {
  it('parses HH:mm, with 24:00 only as an end', () => {
    expect(parseClock('00:00', false)).toBe(0);
    expect(parseClock('19:30', false)).toBe(1170);
    expect(parseClock('24:00', true)).toBe(1440);
    expect(parseClock('24:00', false)).toBeUndefined();
    for (const bad of ['7:00', '24:30', '12:60', '1200', '', '12:00:00']) expect(parseClock(bad, true)).toBeUndefined();
    expect(formatClock(1170)).toBe('19:30');
  });

  it('sorts and merges overlapping or touching windows per weekday', () => {
    expect(
      normalizeWindows([
        { weekday: 3, start: '20:00', end: '22:00' },
        { weekday: 1, start: '09:00', end: '10:00' },
        { weekday: 3, start: '19:00', end: '21:00' },
        { weekday: 3, start: '22:00', end: '23:00' },
        { weekday: 4, start: '19:00', end: '20:00' },
      ]),
    ).toEqual([
      { weekday: 1, start: '09:00', end: '10:00' },
      { weekday: 3, start: '19:00', end: '23:00' },
      { weekday: 4, start: '19:00', end: '20:00' },
    ]);
  });
});
