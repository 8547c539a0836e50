/**
 * Slot expansion: a mentor's weekly hours and date overrides, written in the
 * mentor's own wall-clock time, turned into bookable instants. Pure functions
 * over plain data (no Nest, no database); the availability service wires them up.
 *
 * DST POLICY (the platform's promise to mentors and mentees)
 *
 * - Rules and overrides are wall-clock times in the mentor's IANA zone: "Tuesdays
 *   19:00-21:00" stays 19:00 for the mentor through every DST change, so its UTC
 *   instant moves with the offset. Overrides name a date of the mentor's own
 *   calendar, never the viewer's.
 * - Days are expanded one local date at a time. Every zone's local date is within
 *   one day of the UTC date, so the local dates from the day before the range's
 *   first UTC date to the day after its last UTC date cover every possible slot.
 * - Windows of a date: if the date has overrides, they replace the weekly rules.
 *   Any `available: false` override makes it a day off; otherwise each override
 *   with both hours is one window. An `available: true` override without hours
 *   means "back to the weekly hours" (the rules apply). Without overrides, every
 *   rule whose ISO weekday is the date's weekday is a window; windows may overlap,
 *   and a start instant is offered at most once.
 * - Candidate starts step by the duration in WALL-CLOCK minutes from the window
 *   start (windowStart, windowStart + d, ...) while wallStart + d <= windowEnd.
 *   endMinute 1440 is midnight at the end of the date (00:00 of the next date).
 * - A wall time that does not exist (spring-forward gap) is not offered: mentors
 *   said "02:00", and 03:00 is not what they said. A wall time that happens twice
 *   (fall-back) is offered once, at its first occurrence (the earlier instant).
 * - A slot lasts exactly `durationMinutes` of real time, and must end by the
 *   instant of the window end (converted the same way; a window end inside a gap
 *   is moved forward by the gap, which is the instant the mentor's clock jumps).
 *   So a 90-minute slot at 01:30 in a 01:30-03:00 window is refused on a
 *   spring-forward night: only 30 real minutes exist.
 * - Notice and horizon are real elapsed time: start >= now + notice and
 *   start <= now + horizonDays * 24 h. Slots start in [from, to).
 * - Busy sessions are instants; a slot [s, e) is refused when
 *   s < busy.end + buffer && e > busy.start - buffer.
 *
 * Wall-clock to instant conversion is Luxon's (DateTime.fromObject in the zone);
 * the code never computes offsets itself. Luxon silently moves a gap time forward
 * and resolves a repeated time depending on the current date, so every conversion
 * checks that the wall time came back unchanged and takes the earliest of
 * `getPossibleOffsets()`.
 *
 * Performance: most local dates have no offset transition. For those, the wall
 * time m minutes after midnight is the midnight instant + m minutes, so only the
 * midnight of each (zone, date) is converted (and memoised: tzdata does not change
 * while the process runs). On a transition date each window is checked the same
 * way (both ends exist once, real length = wall length); only a window holding the
 * transition takes the per-candidate path. This assumes no zone has two transitions
 * that cancel out inside one local day (a 24 h day with another offset in its
 * middle); tzdb has none in the dates the platform serves, and the spec checks the
 * shortcut against per-candidate conversion for every 2026 date of the tested zones.
 */
import { DateTime, IANAZone } from 'luxon';

/** ISO weekday 1 = Monday ... 7 = Sunday; minutes of the mentor's local day, 0 <= start < end <= 1440. */
export interface WeeklyRule {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/**
 * `date` (YYYY-MM-DD) is a date of the mentor's calendar. available = false: day off;
 * available = true with both minutes: those hours replace the weekly rules for the date;
 * available = true without minutes: the weekly rules apply.
 */
export interface DateOverride {
  date: string;
  available: boolean;
  startMinute?: number | null;
  endMinute?: number | null;
}

/** Half-open [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

export interface SlotQuery {
  /** The mentor's IANA zone, in which rules and overrides are written. */
  timeZone: string;
  rules: readonly WeeklyRule[];
  overrides: readonly DateOverride[];
  /** Booked sessions (instants); the buffer applies around each. */
  busy: readonly Interval[];
  /** Offered slots start in [from, to). */
  from: Date;
  to: Date;
  /** A multiple of 15 from 15 to 240. */
  durationMinutes: number;
  now: Date;
  /** start >= now + notice. */
  minimumNoticeMinutes: number;
  /** start <= now + horizonDays * 24 h. */
  horizonDays: number;
  /** Slot [s, e) is refused when s < busy.end + buffer && e > busy.start - buffer. */
  bufferMinutes: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const MINUTES_PER_DAY = 1440;

/** Offered slots, sorted by start, one per start instant. */
export function expandSlots(q: SlotQuery): Interval[] {
  const plan = planQuery(q);
  if (plan === null) return [];
  const durationMs = q.durationMinutes * MINUTE_MS;
  return offeredStarts(plan, plan.lo, plan.hi).map((start) => ({ start: new Date(start), end: new Date(start + durationMs) }));
}

/**
 * True iff expandSlots(q) offers a slot starting exactly at `start`. Expands only
 * the local dates around `start` (the slot's own date and its neighbours), so it is
 * cheap enough to re-check a booking request against a mentor's calendar.
 */
export function isOfferedSlot(q: SlotQuery, start: Date): boolean {
  const plan = planQuery(q);
  const at = start.getTime();
  if (plan === null || !Number.isFinite(at) || at < plan.lo || at >= plan.hi) return false;
  return offeredStarts(plan, at, at + 1).length === 1;
}

/** ISO-8601 with the zone's offset ("+00:00" for UTC, never "Z"), e.g. 2026-03-08T01:00:00.000-05:00. */
export function formatInZone(instant: Date, zone: string): string {
  const dateTime = DateTime.fromJSDate(instant, { zone: ianaZone(zone) });
  if (!dateTime.isValid) throw new RangeError(`formatInZone: invalid instant ${String(instant)}`);
  return dateTime.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
}

// ---------------------------------------------------------------------------
// Query validation and preparation
// ---------------------------------------------------------------------------

interface Window {
  startMinute: number;
  endMinute: number;
}

/** A validated query, with rules and overrides indexed for day-by-day lookup. */
interface QueryPlan {
  zone: IANAZone;
  durationMinutes: number;
  /** Rule windows by ISO weekday (index 1..7). */
  rulesByWeekday: Window[][];
  /** Windows by epoch day of the mentor's local date; [] is a day off, undefined: no override. */
  overrideWindows: Map<number, Window[]>;
  /** Busy intervals widened by the buffer, merged and sorted: [lo0, hi0, lo1, hi1, ...]. */
  blocked: number[];
  /** Offered starts are in [lo, hi): from/notice below, to/horizon above. */
  lo: number;
  hi: number;
}

/** Validates the query (RangeError on bad input); null when no start can satisfy the bounds. */
function planQuery(q: SlotQuery): QueryPlan | null {
  validateDuration(q.durationMinutes);
  const zone = ianaZone(q.timeZone);
  const from = instant(q.from, 'from');
  const to = instant(q.to, 'to');
  const now = instant(q.now, 'now');
  const notice = nonNegative(q.minimumNoticeMinutes, 'minimumNoticeMinutes') * MINUTE_MS;
  const horizon = nonNegative(q.horizonDays, 'horizonDays') * DAY_MS;
  const buffer = nonNegative(q.bufferMinutes, 'bufferMinutes') * MINUTE_MS;
  const plan: QueryPlan = {
    zone,
    durationMinutes: q.durationMinutes,
    rulesByWeekday: indexRules(q.rules),
    overrideWindows: indexOverrides(q.overrides),
    blocked: blockedIntervals(q.busy, buffer),
    lo: Math.max(from, now + notice),
    // start <= now + horizon; instants are whole milliseconds, so "< horizon + 1 ms".
    hi: Math.min(to, Math.floor(now + horizon) + 1),
  };
  return plan.lo < plan.hi ? plan : null;
}

function validateDuration(durationMinutes: number): void {
  if (!Number.isInteger(durationMinutes) || durationMinutes < 15 || durationMinutes > 240 || durationMinutes % 15 !== 0) {
    throw new RangeError(`durationMinutes must be a multiple of 15 from 15 to 240, got ${durationMinutes}`);
  }
}

function ianaZone(name: string): IANAZone {
  // IANAZone rather than Luxon's general zone parsing: "local" or "UTC+3" would make
  // slots depend on the server's zone or ignore DST. IANAZone.create is memoised and
  // carries its validity; IANAZone.isValidZone builds an Intl formatter on every call.
  const zone = typeof name === 'string' && name !== '' ? IANAZone.create(name) : null;
  if (zone === null || !zone.isValid) throw new RangeError(`not an IANA time zone: ${String(name)}`);
  return zone;
}

function instant(date: Date, field: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${field} must be a valid Date`);
  return ms;
}

function nonNegative(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${field} must be a finite number >= 0, got ${value}`);
  return value;
}

function validWindow(startMinute: number, endMinute: number, what: string): Window {
  if (!Number.isInteger(startMinute) || !Number.isInteger(endMinute) || startMinute < 0 || endMinute > MINUTES_PER_DAY || startMinute >= endMinute) {
    throw new RangeError(`${what}: need integer minutes 0 <= start < end <= 1440, got ${startMinute}-${endMinute}`);
  }
  return { startMinute, endMinute };
}

function indexRules(rules: readonly WeeklyRule[]): Window[][] {
  const byWeekday: Window[][] = Array.from({ length: 8 }, () => []);
  for (const rule of rules) {
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      throw new RangeError(`rule weekday must be an ISO weekday 1..7, got ${rule.weekday}`);
    }
    byWeekday[rule.weekday].push(validWindow(rule.startMinute, rule.endMinute, 'rule'));
  }
  return byWeekday;
}

function indexOverrides(overrides: readonly DateOverride[]): Map<number, Window[]> {
  const dayOff = new Set<number>();
  const windows = new Map<number, Window[]>();
  for (const override of overrides) {
    const day = parseLocalDate(override.date);
    const start = override.startMinute ?? null;
    const end = override.endMinute ?? null;
    if (!override.available) dayOff.add(day);
    else if (start !== null && end !== null) {
      const list = windows.get(day) ?? [];
      list.push(validWindow(start, end, `override ${override.date}`));
      windows.set(day, list);
    } else if (start !== null || end !== null) {
      throw new RangeError(`override ${override.date}: startMinute and endMinute go together`);
    }
    // available = true without hours: the weekly rules apply, nothing to index.
  }
  // A day off wins over hours given for the same date: refusing is the safe reading.
  for (const day of dayOff) windows.set(day, []);
  return windows;
}

/** Epoch day (days since 1970-01-01) of a YYYY-MM-DD calendar date. */
function parseLocalDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  const day = ms / DAY_MS;
  if (!match || !Number.isInteger(day) || formatEpochDay(day) !== date) throw new RangeError(`override date must be YYYY-MM-DD, got ${date}`);
  return day;
}

function formatEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Busy intervals widened by the buffer, merged, as a flat sorted list. The refusal
 * rule s < end + buffer && e > start - buffer is overlap with [start - b, end + b),
 * and overlap with a union of touching intervals is overlap with one of them.
 */
function blockedIntervals(busy: readonly Interval[], buffer: number): number[] {
  const widened = busy
    .map((b) => {
      const start = instant(b.start, 'busy.start');
      const end = instant(b.end, 'busy.end');
      if (end < start) throw new RangeError(`busy interval ends before it starts: ${b.start.toISOString()}`);
      return [start - buffer, end + buffer] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [lo, hi] of widened) {
    const last = merged.length - 1;
    if (merged.length > 0 && lo <= merged[last]) merged[last] = Math.max(merged[last], hi);
    else merged.push(lo, hi);
  }
  return merged;
}

// ---------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------

/** Offered start instants in [lo, hi) (a sub-range of plan.lo..plan.hi), sorted and unique. */
function offeredStarts(plan: QueryPlan, lo: number, hi: number): number[] {
  const starts: number[] = [];
  const firstDay = Math.floor(lo / DAY_MS) - 1;
  const lastDay = Math.floor((hi - 1) / DAY_MS) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    for (const window of windowsOf(plan, day)) collectWindow(plan, day, window, lo, hi, starts);
  }
  starts.sort((a, b) => a - b);
  return withoutBlocked(uniqueSorted(starts), plan.blocked, plan.durationMinutes * MINUTE_MS);
}

function windowsOf(plan: QueryPlan, day: number): readonly Window[] {
  return plan.overrideWindows.get(day) ?? plan.rulesByWeekday[isoWeekday(day)];
}

/** 1970-01-01 was a Thursday (ISO 4). */
function isoWeekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7 + 1;
}

/** Pushes the window's candidate starts that exist, fit before the window end and fall in [lo, hi). */
function collectWindow(plan: QueryPlan, day: number, window: Window, lo: number, hi: number, out: number[]): void {
  const step = plan.durationMinutes;
  const windowStart = windowStartIfLinear(plan.zone, day, window);
  if (windowStart !== null) {
    // No transition inside the window: wall minutes are real minutes from its start.
    for (let minute = window.startMinute; minute + step <= window.endMinute; minute += step) {
      const start = windowStart + (minute - window.startMinute) * MINUTE_MS;
      if (start >= lo && start < hi) out.push(start);
    }
    return;
  }
  const windowEnd = wallInstant(plan.zone, day, window.endMinute).ms;
  for (let minute = window.startMinute; minute + step <= window.endMinute; minute += step) {
    const start = wallInstant(plan.zone, day, minute);
    if (start.exists && start.ms + step * MINUTE_MS <= windowEnd && start.ms >= lo && start.ms < hi) out.push(start.ms);
  }
}

/**
 * The window start's instant when the window holds no offset transition, else null.
 * On most dates the memoised midnights answer that for the whole date; on a
 * transition date, a window away from the transition (13:00-15:00 on a 02:00
 * change) is still linear when both ends exist and are as far apart in real time
 * as on the wall. (A repeated end is fine: its first occurrence comes before the
 * repeat, so the window stops before it; a repeated start makes the real length
 * an hour longer.)
 */
function windowStartIfLinear(zone: IANAZone, day: number, window: Window): number | null {
  const midnight = uniformMidnight(zone, day);
  if (midnight !== null) return midnight + window.startMinute * MINUTE_MS;
  const start = wallInstant(zone, day, window.startMinute);
  const end = wallInstant(zone, day, window.endMinute);
  const linear = start.exists && end.exists && end.ms - start.ms === (window.endMinute - window.startMinute) * MINUTE_MS;
  return linear ? start.ms : null;
}

function uniqueSorted(sorted: number[]): number[] {
  return sorted.filter((value, i) => i === 0 || value !== sorted[i - 1]);
}

/** Drops starts whose slot overlaps a blocked interval; both lists are sorted, so one sweep. */
function withoutBlocked(starts: number[], blocked: number[], durationMs: number): number[] {
  if (blocked.length === 0) return starts;
  const kept: number[] = [];
  let i = 0;
  for (const start of starts) {
    while (i < blocked.length && blocked[i + 1] <= start) i += 2;
    if (i >= blocked.length || blocked[i] >= start + durationMs) kept.push(start);
  }
  return kept;
}

// ---------------------------------------------------------------------------
// Wall clock -> instant (Luxon), with a per (zone, date) memo for midnights
// ---------------------------------------------------------------------------

interface WallInstant {
  /** Earliest instant showing that wall time; for a gap, Luxon's forward-shifted instant. */
  ms: number;
  /** False in a spring-forward gap. */
  exists: boolean;
}

/** The instant of `minute` minutes after the start of local date `day` (1440: next midnight). */
function wallInstant(zone: IANAZone, day: number, minute: number): WallInstant {
  const date = new Date((day + Math.floor(minute / MINUTES_PER_DAY)) * DAY_MS);
  const wanted = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: Math.floor((minute % MINUTES_PER_DAY) / 60),
    minute: minute % 60,
  };
  const dateTime = DateTime.fromObject(wanted, { zone });
  const exists =
    dateTime.year === wanted.year &&
    dateTime.month === wanted.month &&
    dateTime.day === wanted.day &&
    dateTime.hour === wanted.hour &&
    dateTime.minute === wanted.minute;
  if (!exists) return { ms: dateTime.toMillis(), exists };
  // Luxon picks one of a repeated time's instants based on today's offset; we want the first.
  return { ms: Math.min(...dateTime.getPossibleOffsets().map((candidate) => candidate.toMillis())), exists };
}

/** Bounded memo of midnight conversions, per zone name then epoch day. */
const midnights = new Map<string, Map<number, WallInstant>>();
const MIDNIGHT_MEMO_LIMIT = 200_000;
let memoSize = 0;

function midnight(zone: IANAZone, day: number): WallInstant {
  let byDay = midnights.get(zone.name);
  if (byDay === undefined) {
    byDay = new Map();
    midnights.set(zone.name, byDay);
  }
  let found = byDay.get(day);
  if (found === undefined) {
    if (memoSize >= MIDNIGHT_MEMO_LIMIT) {
      // Crude but bounded; real traffic touches a few zones x a few hundred dates.
      midnights.clear();
      memoSize = 0;
      byDay = new Map();
      midnights.set(zone.name, byDay);
    }
    found = wallInstant(zone, day, 0);
    byDay.set(day, found);
    memoSize++;
  }
  return found;
}

/**
 * The midnight instant of `day` when the whole date has one offset (both midnights
 * exist and are exactly 24 h apart), else null (a transition happens that day).
 */
function uniformMidnight(zone: IANAZone, day: number): number | null {
  const start = midnight(zone, day);
  const end = midnight(zone, day + 1);
  return start.exists && end.exists && end.ms - start.ms === DAY_MS ? start.ms : null;
}
