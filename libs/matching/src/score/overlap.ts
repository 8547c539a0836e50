/**
 * Weekly availability on real instants, shared by the reference scorer and
 * the recommendation index (which must agree to the minute).
 *
 * Semantics
 * - The horizon is `weeks` x 7 x 24 h of real time starting at `weekStart`,
 *   floored to the 15-minute UTC grid (a `weekStart` already on the grid, such
 *   as a Monday 00:00 UTC, is used as is).
 * - A weekly window ("Tuesday 19:00-21:00" in an IANA zone) is expanded for
 *   every local date of its weekday around the horizon with Luxon
 *   `DateTime.fromObject({ year, month, day, hour, minute }, { zone })`, so
 *   offsets and DST are those of that date. An end of 1440 is the next
 *   local date's 00:00.
 * - Wall times that do not exist (spring forward) are shifted the way Luxon
 *   does: forward by the size of the gap (02:30 on the day New York jumps from
 *   02:00 to 03:00 becomes 03:30 EDT). A window lying entirely in the gap
 *   (02:00-03:00) therefore becomes empty that day. Ambiguous wall times (fall
 *   back) resolve to the instant Luxon picks (the later, standard-time one in
 *   Luxon 3.7; 01:30 on New York's fall-back day is 01:30 EST).
 * - Each expanded window is clipped to the horizon and quantised on its own to
 *   the 15-minute UTC grid: start rounded up, end rounded down. The
 *   availability of a person is the union of their quantised windows; the
 *   overlap of two people is the intersection of the two unions.
 * - Windows that break the contract of `WeeklyWindow` (weekday outside 1-7,
 *   non-integer minutes, end <= start, end > 1440) are ignored, and so are all
 *   windows of an unknown time zone.
 *
 * Slot indexes: slot i covers [startMs + i x 15 min, startMs + (i + 1) x 15 min).
 * Ranges are half-open [a, b) pairs of slot indexes, flattened into number arrays.
 */
import { DateTime } from 'luxon';
import type { WeeklyWindow } from './features';

export const SLOT_MINUTES = 15;
export const SLOT_MS = SLOT_MINUTES * 60_000;
export const SLOTS_PER_DAY = 96;
export const SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY;
/** 672 slots a week are exactly 21 32-bit words, so weeks never share a word. */
export const WORDS_PER_WEEK = SLOTS_PER_WEEK / 32;
export const MAX_WEEKS = 52;
const DAY_MS = 86_400_000;

export interface Horizon {
  /** On the 15-minute UTC grid. */
  readonly startMs: number;
  readonly endMs: number;
  readonly weeks: number;
  readonly slots: number;
  /** Uint32 words of an availability bitset over the horizon. */
  readonly words: number;
}

export function horizonOf(weekStart: Date, weeks: number): Horizon {
  const time = weekStart instanceof Date ? weekStart.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new RangeError('weekStart must be a valid Date');
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) {
    throw new RangeError(`weeks must be an integer from 1 to ${MAX_WEEKS}, got ${weeks}`);
  }
  const startMs = Math.floor(time / SLOT_MS) * SLOT_MS;
  return { startMs, endMs: startMs + weeks * 7 * DAY_MS, weeks, slots: weeks * SLOTS_PER_WEEK, words: weeks * WORDS_PER_WEEK };
}

export function isValidWindow(window: WeeklyWindow): boolean {
  const { weekday, startMinute, endMinute } = window;
  return (
    Number.isInteger(weekday) &&
    weekday >= 1 &&
    weekday <= 7 &&
    Number.isInteger(startMinute) &&
    Number.isInteger(endMinute) &&
    startMinute >= 0 &&
    endMinute > startMinute &&
    endMinute <= 1440
  );
}

/**
 * The local dates of one zone around one horizon, with memoised Luxon
 * conversions: `DateTime.fromObject` costs ~14 us, and 100k mentors with a few
 * windows each would need millions of calls; in practice they share a few
 * hundred (zone, date, minute) triples. The memo returns exactly what Luxon
 * returned, so it changes nothing but speed.
 */
class ZoneCalendar {
  /** Local calendar dates as [year, month, day], one day before to one day after the horizon, plus one extra for end-of-day. */
  private readonly dates: [number, number, number][] = [];
  /** Date indexes per ISO weekday (1-7); never the extra last date. */
  readonly byWeekday: number[][] = [[], [], [], [], [], [], [], []];
  /** Per local date, its 00:00 as if it were UTC (Luxon's "local timestamp"). */
  private readonly localDay: number[] = [];
  private readonly instants: Map<number, number>[] = [];
  /** Per local date: see steadyOffset (undefined: not computed yet). */
  private readonly steady: (number | null | undefined)[] = [];
  private readonly valid: boolean;
  /**
   * UTC offsets over the horizon and a day either side ([from, to]): offsets[j]
   * (minutes) holds from changes[j] (changes[0] = -Infinity).
   */
  private offsetTable?: { changes: number[]; offsets: number[]; from: number; to: number };

  constructor(
    private readonly zone: string,
    private readonly horizon: Horizon,
  ) {
    const first = DateTime.fromMillis(horizon.startMs, { zone });
    const last = DateTime.fromMillis(horizon.endMs, { zone });
    this.valid = first.isValid && last.isValid;
    if (!this.valid) return; // unknown zone: no dates, no availability
    // Walk calendar dates in UTC arithmetic (dates are zone-free).
    let day = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS;
    const lastDay = Date.UTC(last.year, last.month - 1, last.day) + DAY_MS;
    for (; day <= lastDay + DAY_MS; day += DAY_MS) {
      const date = new Date(day);
      const index = this.dates.length;
      this.dates.push([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
      this.localDay.push(day);
      this.instants.push(new Map());
      if (day <= lastDay) this.byWeekday[isoWeekdayOfDay(day / DAY_MS)].push(index);
    }
  }

  /** The instant of `minute` (0-1440) on local date `index`, as Luxon computes it; NaN if Luxon cannot. */
  instant(index: number, minute: number): number {
    if (minute === 1440) return this.instant(index + 1, 0);
    const steady = this.steadyOffset(index);
    if (steady !== null) return this.localDay[index] + minute * 60_000 - steady * 60 * 1000; // Luxon's arithmetic
    const memo = this.instants[index];
    let value = memo.get(minute);
    if (value === undefined) {
      const [year, month, day] = this.dates[index];
      value = DateTime.fromObject({ year, month, day, hour: Math.floor(minute / 60), minute: minute % 60 }, { zone: this.zone }).toMillis();
      memo.set(minute, value);
    }
    return value;
  }

  /**
   * The zone's offset on local date `index` when it holds from a day before to a day
   * after that date, else null. Then Luxon's fromObject (a guess from the offset now,
   * corrected by the offset at the guess, at most twice, all within that range) returns
   * local time - offset: so does `instant`, without asking Luxon. Dates near an offset
   * change, or beyond the offset table, go to Luxon.
   */
  private steadyOffset(index: number): number | null {
    let offset = this.steady[index];
    if (offset === undefined) {
      offset = null;
      if (this.valid) {
        const table = (this.offsetTable ??= this.buildOffsetTable());
        const from = this.localDay[index] - DAY_MS;
        const to = this.localDay[index] + 2 * DAY_MS;
        if (from >= table.from && to <= table.to) {
          let j = table.changes.length - 1;
          while (to < table.changes[j]) j--;
          if (table.changes[j] <= from) offset = table.offsets[j];
        }
      }
      this.steady[index] = offset;
    }
    return offset;
  }

  /**
   * The zone's UTC offset in minutes at `ms` (within a day of the horizon), as
   * Luxon reports it; null for an unknown zone. Offsets are sampled every 6
   * hours and each change is located to the minute by bisection, once per
   * calendar: about 130 Luxon calls instead of one per lookup.
   */
  offsetAt(ms: number): number | null {
    if (!this.valid) return null;
    const table = (this.offsetTable ??= this.buildOffsetTable());
    let j = table.changes.length - 1;
    while (ms < table.changes[j]) j--;
    return table.offsets[j];
  }

  private buildOffsetTable(): { changes: number[]; offsets: number[]; from: number; to: number } {
    const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: this.zone }).offset;
    const step = 6 * 3_600_000;
    const changes = [-Infinity];
    let previousMs = this.horizon.startMs - DAY_MS;
    let previous = offsetAt(previousMs);
    const offsets = [previous];
    for (let ms = previousMs + step; ms <= this.horizon.endMs + DAY_MS; ms += step) {
      const offset = offsetAt(ms);
      if (offset !== previous) {
        // The offset changes in (previousMs, ms]: bisect to the first minute of the new offset.
        let low = previousMs;
        let high = ms;
        while (high - low > 60_000) {
          const middle = low + Math.floor((high - low) / 120_000) * 60_000;
          if (offsetAt(middle) === previous) low = middle;
          else high = middle;
        }
        changes.push(high);
        offsets.push(offset);
      }
      previousMs = ms;
      previous = offset;
    }
    return { changes, offsets, from: this.horizon.startMs - DAY_MS, to: previousMs };
  }
}

const MAX_CALENDARS = 256;
const calendars = new Map<string, ZoneCalendar>();

function calendarOf(zone: string, horizon: Horizon): ZoneCalendar {
  const key = `${horizon.startMs}|${horizon.weeks}|${zone}`;
  let calendar = calendars.get(key);
  if (calendar) {
    // Refresh LRU position only when the map is near its cap (delete+set is not free).
    if (calendars.size > MAX_CALENDARS / 2) {
      calendars.delete(key);
      calendars.set(key, calendar);
    }
    return calendar;
  }
  calendar = new ZoneCalendar(zone, horizon);
  calendars.set(key, calendar);
  if (calendars.size > MAX_CALENDARS) calendars.delete(calendars.keys().next().value as string);
  return calendar;
}

/**
 * The quantised slot ranges of weekly windows over the horizon, one per
 * (window, date) that leaves a non-empty range, flattened as [a0, b0, a1, b1, ...].
 * Not merged: ranges of overlapping windows may overlap.
 */
export function expandWindows(zone: string, windows: readonly WeeklyWindow[], horizon: Horizon): number[] {
  const out: number[] = [];
  if (windows.length === 0) return out;
  const calendar = calendarOf(zone, horizon);
  for (const window of windows) {
    if (!isValidWindow(window)) continue;
    for (const index of calendar.byWeekday[window.weekday]) {
      const start = calendar.instant(index, window.startMinute);
      const end = calendar.instant(index, window.endMinute);
      if (!(end > horizon.startMs) || !(start < horizon.endMs)) continue; // also drops NaN
      const a = Math.ceil((Math.max(start, horizon.startMs) - horizon.startMs) / SLOT_MS);
      const b = Math.floor((Math.min(end, horizon.endMs) - horizon.startMs) / SLOT_MS);
      if (b > a) out.push(a, b);
    }
  }
  return out;
}

/** Sorted, disjoint, non-adjacent union of flat ranges. */
export function mergeRanges(ranges: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i], ranges[i + 1]]);
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: number[] = [];
  for (const [a, b] of pairs) {
    const last = out.length - 1;
    if (last >= 0 && a <= out[last]) out[last] = Math.max(out[last], b);
    else out.push(a, b);
  }
  return out;
}

/** Intersection of two merged range lists (two-pointer sweep). */
export function intersectRanges(x: readonly number[], y: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const a = Math.max(x[i], y[j]);
    const b = Math.min(x[i + 1], y[j + 1]);
    if (b > a) out.push(a, b);
    if (x[i + 1] < y[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

export function rangeSlots(ranges: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < ranges.length; i += 2) total += ranges[i + 1] - ranges[i];
  return total;
}

/** Sets the bits of `ranges` in `words` starting at word `offset` (bit i of the horizon = bit i % 32 of word i / 32). */
export function setRangeBits(ranges: readonly number[], words: Uint32Array, offset: number): void {
  for (let r = 0; r < ranges.length; r += 2) {
    for (let i = ranges[r]; i < ranges[r + 1]; i++) words[offset + (i >>> 5)] |= 1 << (i & 31);
  }
}

/** Mean weekly minutes of `slots` overlapping slots over the horizon, rounded down. */
export function minutesPerWeek(slots: number, weeks: number): number {
  return Math.floor((slots * SLOT_MINUTES) / weeks);
}

export function isoWeekdayOfDay(daysSinceEpoch: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((daysSinceEpoch + 3) % 7) + 7) % 7) + 1;
}

export type DayPart = 'mornings' | 'afternoons' | 'evenings' | 'nights' | 'weekends';

/**
 * How overlapping time reads in a person's local time: the part of the week
 * holding at least two thirds of the overlapping minutes (weekends = Saturday
 * and Sunday; on weekdays nights 00-05, mornings 05-12, afternoons 12-18,
 * evenings 18-24), or null when no part dominates.
 */
export function dominantDayPart(ranges: readonly number[], zone: string, horizon: Horizon): DayPart | null {
  const minutes: Record<DayPart, number> = { mornings: 0, afternoons: 0, evenings: 0, nights: 0, weekends: 0 };
  const calendar = calendarOf(zone, horizon);
  let total = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const firstMs = horizon.startMs + ranges[r] * SLOT_MS;
    const lastMs = horizon.startMs + (ranges[r + 1] - 1) * SLOT_MS;
    for (let ms = firstMs; ms <= lastMs; ms += SLOT_MS) {
      const offset = calendar.offsetAt(ms);
      if (offset === null) return null;
      const local = ms + offset * 60_000;
      const day = Math.floor(local / DAY_MS);
      const hour = Math.floor((local - day * DAY_MS) / 3_600_000);
      const part: DayPart = isoWeekdayOfDay(day) >= 6 ? 'weekends' : hour < 5 ? 'nights' : hour < 12 ? 'mornings' : hour < 18 ? 'afternoons' : 'evenings';
      minutes[part] += SLOT_MINUTES;
      total += SLOT_MINUTES;
    }
  }
  if (total === 0) return null;
  for (const part of Object.keys(minutes) as DayPart[]) if (minutes[part] * 3 >= total * 2) return part;
  return null;
}
