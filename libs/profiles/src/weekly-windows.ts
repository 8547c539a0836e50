import type { WeeklyWindow } from './profile.types';

/** Minutes since midnight for "HH:mm"; "24:00" only where a window may end at midnight. */
export function parseClock(value: string, allowEndOfDay: boolean): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440 || (minutes === 1440 && !allowEndOfDay)) return undefined;
  return minutes;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Sorts windows and merges those that overlap or touch on the same weekday,
 * so "19:00-21:00" and "20:00-22:00" are stored as one "19:00-22:00".
 */
export function normalizeWindows(windows: readonly WeeklyWindow[]): WeeklyWindow[] {
  const spans = windows
    .map((w) => ({ weekday: w.weekday, start: parseClock(w.start, false)!, end: parseClock(w.end, true)! }))
    .sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && last.weekday === span.weekday && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged.map((s) => ({ weekday: s.weekday, start: formatClock(s.start), end: formatClock(s.end) }));
}
