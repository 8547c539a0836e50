import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';

/** The two weekly digests; the values are stored in the ledger and carried by jobs. */
export enum DigestKind {
  REFERRAL = 'REFERRAL',
  MEETUP = 'MEETUP',
}

export const DIGEST_KINDS: readonly DigestKind[] = [DigestKind.REFERRAL, DigestKind.MEETUP];

/** What the clock says about one time zone at one instant. */
export interface ZoneClock {
  /** The zone as stored on users (also when it is unknown here). */
  zone: string;
  /** ISO week of the local date, e.g. "2026-W49" (the ISO week-year, so 2027-01-01 may be "2026-W53"). */
  period: string;
  /** ISO weekday of the local date, 1 = Monday. */
  weekday: number;
  /** Local wall-clock hour, 0-23. */
  hour: number;
}

/**
 * The local week, weekday and hour of `now` in `zone`. A zone this runtime
 * does not know (tz data differ between machines) counts as UTC, so one odd
 * account cannot stop everyone's digests.
 */
export function zoneClock(now: Date, zone: string): ZoneClock {
  let local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) local = DateTime.fromJSDate(now, { zone: 'UTC' });
  return { zone, period: isoWeekKey(local.weekYear, local.weekNumber), weekday: local.weekday, hour: local.hour };
}

export function isoWeekKey(weekYear: number, week: number): string {
  return `${String(weekYear).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/**
 * Whether the user's chosen slot (weekday and hour, in their zone) has come
 * in the current local week. Compared on wall-clock fields, not instants, so
 * DST needs no special case: on a spring-forward day an hour that does not
 * exist (02:00) is reached when the clock jumps past it (03:00), and an hour
 * that happens twice is reached the first time; the ledger makes the second
 * time a no-op. A slot missed while no worker ran is still "reached" later in
 * the same week, so the digest goes out late rather than not at all.
 */
export function slotReached(clock: Pick<ZoneClock, 'weekday' | 'hour'>, slot: { weekday: number; hour: number }): boolean {
  return clock.weekday > slot.weekday || (clock.weekday === slot.weekday && clock.hour >= slot.hour);
}

/**
 * The BullMQ job id of a batch of digests: deterministic, so enqueueing the
 * same batch twice (a tick retried, two ticks at once) adds one job (BullMQ
 * ignores a second add with a live id), and free of ':' (BullMQ's key
 * separator). Batches that differ get different ids; the ledger keeps their
 * common digests to one each.
 */
export function digestBatchJobId(kind: DigestKind, period: string, userIds: readonly string[]): string {
  const digest = createHash('sha256').update(userIds.join(',')).digest('hex').slice(0, 32);
  return `digests-${kind}-${period}-${userIds.length}-${digest}`;
}
