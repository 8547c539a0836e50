import { DateTime } from 'luxon';
import type { Interval } from '../slots/slots';

export type CadenceName = 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY';

/** MONTHLY is every four weeks: it keeps the weekday, which calendar months would not. */
export const CADENCE_DAYS: Record<CadenceName, number> = { WEEKLY: 7, BIWEEKLY: 14, MONTHLY: 28 };

const DAY_MS = 24 * 3600 * 1000;

export interface PlanInput {
  /** Free slots both participants can make, sorted by start. */
  candidates: readonly Interval[];
  /** How many sessions to pick. */
  needed: number;
  periodDays: number;
  /** Start of the latest kept session: the next one comes a period after it. */
  anchor: Date | null;
  /** Where "the same weekday and hour" is judged (the mentor's availability zone). */
  zone: string;
}

function keyOf(start: Date, zone: string): string {
  const local = DateTime.fromJSDate(start, { zone });
  return `${local.weekday}-${local.hour * 60 + local.minute}`;
}

/**
 * Picks session starts at a cadence, preferring one stable weekday and hour:
 * the local weekday/time free in the most periods wins (the anchor's own
 * weekday/time when it is still free), then each period takes that time, or
 * the free slot closest to the period's target when it is taken that week.
 * A period with no free slot is skipped rather than crowding the next one.
 */
export function planSessions(input: PlanInput): Date[] {
  const { candidates, needed, zone } = input;
  if (needed <= 0 || candidates.length === 0) return [];
  const period = input.periodDays * DAY_MS;
  const first = candidates[0].start.getTime();
  const keys = candidates.map((c) => keyOf(c.start, zone));

  // Periods (counted from the first candidate) in which each weekday/time is free.
  const periodsByKey = new Map<string, Set<number>>();
  keys.forEach((key, i) => {
    const periods = periodsByKey.get(key) ?? new Set<number>();
    periods.add(Math.floor((candidates[i].start.getTime() - first) / period));
    periodsByKey.set(key, periods);
  });
  let preferred = input.anchor ? keyOf(input.anchor, zone) : '';
  if (!periodsByKey.has(preferred)) {
    let best = -1;
    // Candidates are sorted, so on a tie the earliest weekday/time wins.
    for (const key of keys) {
      const count = periodsByKey.get(key)!.size;
      if (count > best) {
        best = count;
        preferred = key;
      }
    }
  }

  let target: number;
  if (input.anchor && input.anchor.getTime() + period >= first) target = input.anchor.getTime() + period;
  else target = candidates[keys.indexOf(preferred)].start.getTime();

  const chosen: Date[] = [];
  let last = input.anchor?.getTime() ?? -Infinity;
  const lastStart = candidates[candidates.length - 1].start.getTime();
  while (chosen.length < needed && target - period / 2 <= lastStart) {
    let pick = -1;
    let pickDistance = Infinity;
    let pickPreferred = false;
    for (let i = 0; i < candidates.length; i += 1) {
      const start = candidates[i].start.getTime();
      if (start < target - period / 2) continue;
      if (start >= target + period / 2) break;
      // Keep at least half a period between sessions.
      if (start - last < period / 2) continue;
      const isPreferred = keys[i] === preferred;
      const distance = Math.abs(start - target);
      if ((isPreferred && !pickPreferred) || (isPreferred === pickPreferred && distance < pickDistance)) {
        pick = i;
        pickDistance = distance;
        pickPreferred = isPreferred;
      }
    }
    if (pick >= 0) {
      chosen.push(candidates[pick].start);
      last = candidates[pick].start.getTime();
    }
    target += period;
  }
  return chosen;
}
