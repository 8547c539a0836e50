import { DateTime } from 'luxon';
import type { WeeklyWindow } from './features';
import { expandWindows, horizonOf, isoWeekdayOfDay, SLOT_MS, type Horizon } from './overlap';

const DAY_MS = 86_400_000;

/** expandWindows written plainly: one Luxon fromObject per (window, date) and end. */
function reference(zone: string, windows: readonly WeeklyWindow[], horizon: Horizon): number[] {
  const out: number[] = [];
  const first = DateTime.fromMillis(horizon.startMs, { zone });
  const last = DateTime.fromMillis(horizon.endMs, { zone });
  if (!first.isValid || !last.isValid) return out;
  const at = (day: number, minute: number): number => {
    const date = new Date(day + Math.floor(minute / 1440) * DAY_MS);
    const rest = minute % 1440;
    return DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: Math.floor(rest / 60), minute: rest % 60 },
      { zone },
    ).toMillis();
  };
  for (const window of windows) {
    for (let day = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS; day <= Date.UTC(last.year, last.month - 1, last.day) + DAY_MS; day += DAY_MS) {
      if (isoWeekdayOfDay(day / DAY_MS) !== window.weekday) continue;
      const start = at(day, window.startMinute);
      const end = at(day, window.endMinute);
      if (!(end > horizon.startMs) || !(start < horizon.endMs)) continue;
      const a = Math.ceil((Math.max(start, horizon.startMs) - horizon.startMs) / SLOT_MS);
      const b = Math.floor((Math.min(end, horizon.endMs) - horizon.startMs) / SLOT_MS);
      if (b > a) out.push(a, b);
    }
  }
  return out;
}

describe('expandWindows', () => {
  const zones = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Australia/Lord_Howe', // 30-minute DST
    'Pacific/Chatham', // +12:45 / +13:45
    'Asia/Kathmandu',
    'Pacific/Kiritimati', // +14
    'Pacific/Pago_Pago', // -11
    'Not/AZone',
  ];
  const horizons = [
    horizonOf(new Date('2025-03-03T00:00:00Z'), 4), // US, then EU DST starts
    horizonOf(new Date('2025-10-20T00:00:00Z'), 3), // fall back, EU then US
    horizonOf(new Date('2025-09-22T13:07:00Z'), 2), // off-grid start; Lord Howe, Chatham spring forward
    horizonOf(new Date('2025-03-31T00:00:00Z'), 1), // Santiago falls back (April)
  ];
  // Every weekday, starts every 15 minutes through the night (where changes happen) and a few through the day.
  const windows: WeeklyWindow[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let start = 0; start < 300; start += 15) windows.push({ weekday, startMinute: start, endMinute: start + 45 });
    windows.push({ weekday, startMinute: 600, endMinute: 1440 }, { weekday, startMinute: 1380, endMinute: 1440 });
  }

  it.each(zones)('in %s equals one Luxon fromObject per wall time, DST changes included', (zone) => {
    for (const horizon of horizons) expect(expandWindows(zone, windows, horizon)).toEqual(reference(zone, windows, horizon));
  });
});
