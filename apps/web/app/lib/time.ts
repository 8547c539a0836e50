import { DateTime, IANAZone } from 'luxon';

/** Time zones offered in pickers: the browser's list when it has one. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** "Tue, 3 Mar 2026, 18:00 CET" in the given locale and zone. */
export function formatDateTime(iso: string, locale: string, timeZone: string, withZone = true): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    ...(withZone ? { timeZoneName: 'short' } : {}),
  }).format(new Date(iso));
}

export function formatTime(iso: string, locale: string, timeZone: string, withZone = false): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    ...(withZone ? { timeZoneName: 'short' } : {}),
  }).format(new Date(iso));
}

export function formatDay(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(new Date(iso));
}

/** A 'YYYY-MM-DD' calendar date, formatted without moving it through any zone. */
export function formatDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** ISO weekday 1 (Monday) .. 7 in the locale, e.g. "Tue" / "周二". */
export function weekdayName(weekday: number, locale: string, style: 'short' | 'long' = 'short'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** The calendar day key (YYYY-MM-DD) of an instant in a zone, for grouping. */
export function dayKey(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).toISODate() ?? iso.slice(0, 10);
}

export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

export interface ShiftedWindow {
  /** Where the window starts and ends in the other zone (the end may fall on the next day). */
  startWeekday: number;
  start: string;
  endWeekday: number;
  end: string;
}

/**
 * Where a weekly window written in one zone falls in another, on its next
 * occurrence on or after `from` (offsets change with DST, so the answer is
 * for a real week, not a fixed offset). `end` "24:00" means midnight.
 */
export function shiftWindow(window: WeeklyWindow, fromZone: string, toZone: string, from: Date = new Date()): ShiftedWindow | null {
  const base = DateTime.fromJSDate(from, { zone: fromZone }).startOf('day');
  if (!base.isValid) return null;
  const day = base.plus({ days: (window.weekday - base.weekday + 7) % 7 });
  const at = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return day.plus({ hours: h, minutes: m });
  };
  const start = at(window.start).setZone(toZone);
  const end = at(window.end).setZone(toZone);
  if (!start.isValid || !end.isValid) return null;
  const endsAtMidnight = end.hour === 0 && end.minute === 0 && end > start;
  return {
    startWeekday: start.weekday,
    start: start.toFormat('HH:mm'),
    endWeekday: endsAtMidnight ? end.minus({ days: 1 }).weekday : end.weekday,
    end: endsAtMidnight ? '24:00' : end.toFormat('HH:mm'),
  };
}

/** [from, to) covering the next `days` days from now, as ISO instants. */
export function upcomingRange(days: number, now: Date = new Date()): { from: string; to: string } {
  return { from: now.toISOString(), to: new Date(now.getTime() + days * 86_400_000).toISOString() };
}
