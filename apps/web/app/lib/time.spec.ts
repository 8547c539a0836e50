import { formatDate, shiftWindow, weekdayName } from './time';

describe('shiftWindow', () => {
  // Monday 2 March 2026, before any DST change in Europe or the US.
  const winter = new Date('2026-03-02T12:00:00Z');

  it('moves a Berlin evening into the next morning in Shanghai', () => {
    expect(shiftWindow({ weekday: 2, start: '18:00', end: '21:00' }, 'Europe/Berlin', 'Asia/Shanghai', winter)).toEqual({
      startWeekday: 3,
      start: '01:00',
      endWeekday: 3,
      end: '04:00',
    });
  });

  it('follows DST: the same Berlin window is an hour earlier in New York once the US has changed and Europe has not', () => {
    // 10 March 2026: New York is on EDT (-4), Berlin still on CET (+1): 5 hours apart, not 6.
    const between = new Date('2026-03-10T12:00:00Z');
    expect(shiftWindow({ weekday: 3, start: '18:00', end: '20:00' }, 'Europe/Berlin', 'America/New_York', between)).toMatchObject({
      startWeekday: 3,
      start: '13:00',
      end: '15:00',
    });
    expect(shiftWindow({ weekday: 3, start: '18:00', end: '20:00' }, 'Europe/Berlin', 'America/New_York', winter)).toMatchObject({
      start: '12:00',
      end: '14:00',
    });
  });

  it('keeps a window that ends at midnight on its own day', () => {
    expect(shiftWindow({ weekday: 5, start: '20:00', end: '24:00' }, 'UTC', 'UTC', winter)).toEqual({
      startWeekday: 5,
      start: '20:00',
      endWeekday: 5,
      end: '24:00',
    });
  });

  it('crosses the week boundary backwards (Monday morning in Tokyo is Sunday in London)', () => {
    expect(shiftWindow({ weekday: 1, start: '08:00', end: '09:00' }, 'Asia/Tokyo', 'Europe/London', winter)).toMatchObject({
      startWeekday: 7,
      start: '23:00',
      endWeekday: 7,
      end: '24:00',
    });
  });
});

describe('calendar formatting', () => {
  it('names ISO weekdays in the locale', () => {
    expect(weekdayName(1, 'en')).toBe('Mon');
    expect(weekdayName(7, 'en', 'long')).toBe('Sunday');
    expect(weekdayName(2, 'zh-CN')).toBe('周二');
  });

  it('formats a calendar date without shifting it through the local zone', () => {
    expect(formatDate('2027-03-01', 'en-GB')).toBe('1 Mar 2027');
  });
});
