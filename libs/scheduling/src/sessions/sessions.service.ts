import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode, returning } from '@switchyard/database';
import { assertId, BadUserInputError, ConflictError, NotFoundError } from '@switchyard/graphql';
import { AuthUser } from '@switchyard/identity';
import { NotificationKind, NotificationsService, SchedulingProblem } from '@switchyard/notifications';
import { MentorChanges, parseClock } from '@switchyard/profiles';
import { JobName, JobPayload, QUEUES } from '@switchyard/queue';
import { AvailabilityService, MentorCalendar, validDuration } from '../availability/availability.service';
import { Interval, expandSlots } from '../slots/slots';
import { CADENCE_DAYS, CadenceName, planSessions } from './planner';
import { MentoringSessionType, SESSION_COLUMNS, SessionRow, SessionStatus, toSession } from './session.types';

const DAY_MS = 24 * 3600 * 1000;
const MAX_RANGE_DAYS = 366;
/** Background scheduling books sessions of this length. */
export const AUTO_SESSION_MINUTES = 60;
/** A mentor's cancel this close to the start counts against their reliability. */
export const LATE_CANCEL_HOURS = 24;

interface MentorshipRow {
  id: string;
  mentor_id: string;
  switcher_id: string;
  status: string;
  cadence: CadenceName;
  scheduling_problem: string | null;
}

/**
 * Booking, rescheduling and cancelling sessions, background scheduling at a
 * mentorship's cadence, reminders and feedback.
 *
 * Double bookings are impossible twice over: bookings of a mentor are
 * serialised by an advisory lock (so the slot check sees every earlier
 * booking), and PostgreSQL's exclusion constraints refuse overlapping
 * scheduled sessions of the mentor and of the switcher whatever the code does.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.scheduling) private readonly queue: Queue,
    private readonly availability: AvailabilityService,
    private readonly notifications: NotificationsService,
    private readonly mentorChanges: MentorChanges,
  ) {}

  // ------------------------------------------------------------------ reads

  async get(viewer: AuthUser, sessionId: string): Promise<MentoringSessionType> {
    assertId(sessionId, 'sessionId');
    return toSession(await this.participantSession(this.dataSource.manager, viewer, sessionId));
  }

  async mySessions(viewer: AuthUser, from: Date, to: Date): Promise<MentoringSessionType[]> {
    if (to.getTime() <= from.getTime()) throw BadUserInputError.field('to', 'must be after from');
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw BadUserInputError.field('to', `must be at most ${MAX_RANGE_DAYS} days after from`);
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM mentoring_sessions
        WHERE (mentor_id = $1 OR switcher_id = $1) AND starts_at < $3 AND ends_at > $2
        ORDER BY starts_at, id LIMIT 1000`,
      [viewer.id, from, to],
    );
    return rows.map(toSession);
  }

  /** Sessions of many mentorships at once (the Mentorship.sessions loader). */
  async byMentorships(ids: readonly string[]): Promise<MentoringSessionType[][]> {
    const rows = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM mentoring_sessions WHERE mentorship_id = ANY($1) ORDER BY starts_at, id`,
      [[...ids]],
    );
    const grouped = new Map<string, MentoringSessionType[]>(ids.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.mentorship_id)?.push(toSession(row));
    return ids.map((id) => grouped.get(id) ?? []);
  }

  // ---------------------------------------------------------------- booking

  async book(
    viewer: AuthUser,
    args: { mentorshipId: string; start: Date; durationMinutes: number; idempotencyKey?: string | null },
  ): Promise<MentoringSessionType> {
    assertId(args.mentorshipId, 'mentorshipId');
    validDuration(args.durationMinutes);
    const key = args.idempotencyKey?.trim() || null;
    if (key !== null && key.length > 100) throw BadUserInputError.field('idempotencyKey', 'must be at most 100 characters');
    if (key) {
      const replay = await this.replay(viewer, key, args.mentorshipId);
      if (replay) return replay;
    }
    try {
      const row = await this.dataSource.transaction(async (manager) => {
        const mentorship = await this.participantMentorship(manager, viewer, args.mentorshipId);
        await this.lockMentor(manager, mentorship.mentor_id);
        const calendar = await this.availability.calendar(manager, mentorship.mentor_id, isoDate(args.start.getTime() - 2 * DAY_MS));
        await this.assertBookable(manager, calendar, args.start, args.durationMinutes, null);
        const [created] = await manager.query<SessionRow[]>(
          `INSERT INTO mentoring_sessions (mentorship_id, mentor_id, switcher_id, starts_at, ends_at, mentor_time_zone, booked_by, idempotency_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SESSION_COLUMNS}`,
          [
            mentorship.id,
            mentorship.mentor_id,
            mentorship.switcher_id,
            args.start,
            new Date(args.start.getTime() + args.durationMinutes * 60_000),
            calendar.timeZone,
            viewer.id,
            key,
          ],
        );
        await this.tellOther(manager, viewer.id, created, 'session.booked', { start: created.starts_at.toISOString() });
        return created;
      });
      await this.scheduleReminders(row);
      return toSession(row);
    } catch (error) {
      if (key && pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        // A concurrent request with the same key won the race: answer like a replay.
        const replay = await this.replay(viewer, key, args.mentorshipId);
        if (replay) return replay;
      }
      throw this.overlapError(error);
    }
  }

  async reschedule(viewer: AuthUser, sessionId: string, start: Date): Promise<MentoringSessionType> {
    assertId(sessionId, 'sessionId');
    try {
      const row = await this.dataSource.transaction(async (manager) => {
        const session = await this.participantSession(manager, viewer, sessionId);
        await this.lockMentor(manager, session.mentor_id);
        const [current] = await manager.query<SessionRow[]>(`SELECT ${SESSION_COLUMNS} FROM mentoring_sessions WHERE id = $1 FOR UPDATE`, [sessionId]);
        this.assertChangeable(current);
        const duration = Math.round((current.ends_at.getTime() - current.starts_at.getTime()) / 60_000);
        if (start.getTime() === current.starts_at.getTime()) throw BadUserInputError.field('start', 'is the session’s current start');
        const calendar = await this.availability.calendar(manager, current.mentor_id, isoDate(start.getTime() - 2 * DAY_MS));
        await this.assertBookable(manager, calendar, start, duration, current.id);
        const [updated] = await returning<SessionRow>(
          manager,
          `UPDATE mentoring_sessions SET starts_at = $2, ends_at = $3, sequence = sequence + 1, mentor_time_zone = $4, updated_at = now()
            WHERE id = $1 RETURNING ${SESSION_COLUMNS}`,
          [sessionId, start, new Date(start.getTime() + duration * 60_000), calendar.timeZone],
        );
        await this.tellOther(manager, viewer.id, updated, 'session.rescheduled', {
          start: updated.starts_at.toISOString(),
          previousStart: current.starts_at.toISOString(),
        });
        return { updated, previous: current };
      });
      await this.removeReminders(row.previous);
      await this.scheduleReminders(row.updated);
      return toSession(row.updated);
    } catch (error) {
      throw this.overlapError(error);
    }
  }

  async cancel(viewer: AuthUser, sessionId: string, reason: string | null | undefined): Promise<MentoringSessionType> {
    assertId(sessionId, 'sessionId');
    const text = reason?.trim() || null;
    if (text && text.length > 500) throw BadUserInputError.field('reason', 'must be at most 500 characters');
    const row = await this.dataSource.transaction(async (manager) => {
      const current = await this.participantSession(manager, viewer, sessionId, true);
      this.assertChangeable(current);
      const [updated] = await returning<SessionRow>(
        manager,
        `UPDATE mentoring_sessions SET status = 'CANCELLED', sequence = sequence + 1, cancelled_by = $2, cancelled_at = now(),
                cancel_reason = $3, updated_at = now()
          WHERE id = $1 RETURNING ${SESSION_COLUMNS}`,
        [sessionId, viewer.id, text],
      );
      await this.tellOther(manager, viewer.id, updated, 'session.cancelled', { start: updated.starts_at.toISOString(), reason: text });
      return updated;
    });
    await this.removeReminders(row);
    // A mentor's late cancel counts in their reliability.
    if (row.cancelled_by === row.mentor_id) await this.mentorChanges.changed(row.mentor_id);
    return toSession(row);
  }

  async submitFeedback(
    viewer: AuthUser,
    args: { sessionId: string; rating: number; comment?: string | null; noShow?: boolean | null },
  ): Promise<boolean> {
    assertId(args.sessionId, 'sessionId');
    if (!Number.isInteger(args.rating) || args.rating < 1 || args.rating > 5) throw BadUserInputError.field('rating', 'must be a whole number from 1 to 5');
    const comment = args.comment?.trim() || null;
    if (comment && comment.length > 2000) throw BadUserInputError.field('comment', 'must be at most 2000 characters');
    const mentorId = await this.dataSource.transaction(async (manager) => {
      const session = await this.participantSession(manager, viewer, args.sessionId, true);
      if (session.status === SessionStatus.CANCELLED) throw new ConflictError('This session was cancelled; there is nothing to rate.', { reason: 'CANCELLED' });
      if (session.ends_at.getTime() > Date.now()) throw new ConflictError('Feedback opens when the session has ended.', { reason: 'NOT_ENDED' });
      const inserted = await manager.query(
        `INSERT INTO session_feedback (session_id, author_id, rating, comment, no_show) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id, author_id) DO NOTHING RETURNING session_id`,
        [args.sessionId, viewer.id, args.rating, comment, args.noShow ?? false],
      );
      if (inserted.length === 0) throw new ConflictError('You already gave feedback on this session.', { reason: 'ALREADY_SUBMITTED' });
      // "The other person did not come": the session did not take place.
      const status = args.noShow ? SessionStatus.NO_SHOW : session.status === SessionStatus.SCHEDULED ? SessionStatus.COMPLETED : session.status;
      if (status !== session.status) {
        await manager.query('UPDATE mentoring_sessions SET status = $2, updated_at = now() WHERE id = $1', [args.sessionId, status]);
      }
      return session.mentor_id;
    });
    await this.mentorChanges.changed(mentorId);
    return true;
  }

  // ---------------------------------------------------- background scheduling

  async setCadence(viewer: AuthUser, mentorshipId: string, cadence: CadenceName): Promise<void> {
    assertId(mentorshipId, 'mentorshipId');
    const changed = await this.dataSource.transaction(async (manager) => {
      const mentorship = await this.participantMentorship(manager, viewer, mentorshipId);
      if (mentorship.cadence === cadence) return null;
      await manager.query('UPDATE mentorships SET cadence = $2 WHERE id = $1', [mentorshipId, cadence]);
      // Sessions the scheduler booked at the old rhythm make way for the new one; hand-booked ones stay.
      const cancelled = await manager.query<SessionRow[]>(
        `UPDATE mentoring_sessions SET status = 'CANCELLED', sequence = sequence + 1, cancelled_at = now(), cancelled_by = $2,
                cancel_reason = 'cadence changed', updated_at = now()
          WHERE mentorship_id = $1 AND status = 'SCHEDULED' AND source = 'AUTO' AND starts_at > now()
          RETURNING ${SESSION_COLUMNS}`,
        [mentorshipId, viewer.id],
      );
      return cancelled;
    });
    if (changed) {
      for (const row of changed) await this.removeReminders(row);
      await this.enqueueScheduling(mentorshipId);
    }
  }

  /** Asks the worker to (re)fill a mentorship's upcoming sessions. Idempotent, so callers need not coordinate. */
  async enqueueScheduling(mentorshipId: string): Promise<void> {
    await this.add('schedule-mentorship', { mentorshipId }, { jobId: `schedule-${mentorshipId}-${Date.now()}` }).catch((error: Error) =>
      // The daily top-up books it anyway.
      this.logger.warn(`could not enqueue scheduling of mentorship ${mentorshipId}: ${error.message}`),
    );
  }

  /**
   * Books sessions until the mentorship has `sessionsAhead` upcoming ones, at
   * its cadence, in time both can make. The mentorship row lock and the count
   * of upcoming sessions make a second run (retry, duplicate job, the daily
   * top-up racing a cadence change) book nothing twice.
   */
  async scheduleMentorship(mentorshipId: string, now = new Date()): Promise<{ booked: number; problem: SchedulingProblem | null }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const [mentorship] = await manager.query<MentorshipRow[]>(
        `SELECT id, mentor_id, switcher_id, status, cadence, scheduling_problem FROM mentorships WHERE id = $1 FOR UPDATE`,
        [mentorshipId],
      );
      if (!mentorship || mentorship.status !== 'ACTIVE') return { booked: [] as SessionRow[], problem: null, mentorship, changed: false };
      await this.lockMentor(manager, mentorship.mentor_id);
      const upcoming = await manager.query<{ starts_at: Date }[]>(
        `SELECT starts_at FROM mentoring_sessions WHERE mentorship_id = $1 AND status = 'SCHEDULED' AND starts_at > $2 ORDER BY starts_at`,
        [mentorshipId, now],
      );
      const needed = this.config.scheduling.sessionsAhead - upcoming.length;
      if (needed <= 0) return { booked: [], problem: null, mentorship, changed: mentorship.scheduling_problem !== null };
      const [latest] = await manager.query<{ starts_at: Date }[]>(
        `SELECT max(starts_at) AS starts_at FROM mentoring_sessions WHERE mentorship_id = $1 AND status IN ('SCHEDULED', 'COMPLETED')`,
        [mentorshipId],
      );
      const calendar = await this.availability.calendar(manager, mentorship.mentor_id, isoDate(now.getTime() - 2 * DAY_MS));
      const { candidates, problem } = await this.mutualSlots(manager, mentorship, calendar, now);
      const starts = planSessions({
        candidates,
        needed,
        periodDays: CADENCE_DAYS[mentorship.cadence],
        anchor: latest?.starts_at ?? null,
        zone: calendar.timeZone,
      });
      const booked: SessionRow[] = [];
      for (const start of starts) {
        const [row] = await manager.query<SessionRow[]>(
          `INSERT INTO mentoring_sessions (mentorship_id, mentor_id, switcher_id, starts_at, ends_at, mentor_time_zone, source)
           VALUES ($1, $2, $3, $4, $5, $6, 'AUTO') RETURNING ${SESSION_COLUMNS}`,
          [mentorship.id, mentorship.mentor_id, mentorship.switcher_id, start, new Date(start.getTime() + AUTO_SESSION_MINUTES * 60_000), calendar.timeZone],
        );
        booked.push(row);
      }
      const found: SchedulingProblem | null = booked.length > 0 || upcoming.length > 0 ? null : (problem ?? 'FULLY_BOOKED');
      const changed = found !== mentorship.scheduling_problem;
      if (changed) await manager.query('UPDATE mentorships SET scheduling_problem = $2 WHERE id = $1', [mentorshipId, found]);
      const names = await this.names(manager, mentorship.mentor_id, mentorship.switcher_id);
      if (booked.length > 0) {
        const starts = booked.map((b) => b.starts_at.toISOString());
        await this.notifications.notify(manager, mentorship.mentor_id, 'sessions.scheduled', { mentorshipId, otherName: names.switcher, starts });
        await this.notifications.notify(manager, mentorship.switcher_id, 'sessions.scheduled', { mentorshipId, otherName: names.mentor, starts });
      } else if (found && changed) {
        // Told once per new problem, not on every daily top-up.
        await this.notifications.notify(manager, mentorship.mentor_id, 'scheduling.no-mutual-time', { mentorshipId, otherName: names.switcher, problem: found });
        await this.notifications.notify(manager, mentorship.switcher_id, 'scheduling.no-mutual-time', { mentorshipId, otherName: names.mentor, problem: found });
      }
      return { booked, problem: found, mentorship, changed };
    });
    for (const row of result.booked) await this.scheduleReminders(row);
    return { booked: result.booked.length, problem: result.problem };
  }

  /** Daily: every active mentorship gets a scheduling job (deduplicated per day). */
  async topUp(now = new Date()): Promise<number> {
    const day = isoDate(now.getTime());
    let after = '00000000-0000-0000-0000-000000000000';
    let count = 0;
    for (;;) {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT id FROM mentorships WHERE status = 'ACTIVE' AND id > $1 ORDER BY id LIMIT 500`,
        [after],
      );
      if (rows.length === 0) return count;
      await this.queue.addBulk(
        rows.map(({ id }) => ({ name: 'schedule-mentorship', data: { mentorshipId: id }, opts: { jobId: `schedule-${id}-${day}` } })),
      );
      count += rows.length;
      after = rows[rows.length - 1].id;
    }
  }

  /**
   * Mentor slots of the default length over the horizon, minus the
   * switcher's own sessions, inside the switcher's preferred windows (in
   * their zone) when they set any.
   */
  private async mutualSlots(
    manager: EntityManager,
    mentorship: MentorshipRow,
    calendar: MentorCalendar,
    now: Date,
  ): Promise<{ candidates: Interval[]; problem: SchedulingProblem | null }> {
    const to = new Date(now.getTime() + calendar.settings.horizonDays * DAY_MS + DAY_MS);
    const mentorBusy = await this.availability.busy(manager, 'mentor_id', mentorship.mentor_id, now, to, calendar.settings.bufferMinutes);
    const switcherBusy = await this.availability.busy(manager, 'switcher_id', mentorship.switcher_id, now, to, 0);
    const query = this.availability.query(calendar, { busy: mentorBusy, from: now, to, durationMinutes: AUTO_SESSION_MINUTES, now });
    const free = expandSlots(query).filter((s) => !switcherBusy.some((b) => s.start < b.end && s.end > b.start));
    if (free.length === 0) {
      const any = expandSlots({ ...query, busy: [] });
      return { candidates: [], problem: any.length === 0 ? 'NO_AVAILABILITY' : 'FULLY_BOOKED' };
    }
    const [profile] = await manager.query<{ time_zone: string; preferred_windows: { weekday: number; start: string; end: string }[] | null }[]>(
      `SELECT u.time_zone, p.preferred_windows FROM users u LEFT JOIN switcher_profiles p ON p.user_id = u.id WHERE u.id = $1`,
      [mentorship.switcher_id],
    );
    const windows = (profile?.preferred_windows ?? []).map((w) => ({
      weekday: w.weekday,
      start: parseClock(w.start, false) ?? 0,
      end: parseClock(w.end, true) ?? 1440,
    }));
    if (windows.length === 0) return { candidates: free, problem: null };
    const zone = profile!.time_zone;
    const candidates = free.filter((slot) => {
      const local = DateTime.fromJSDate(slot.start, { zone });
      const startMinute = local.hour * 60 + local.minute;
      const endMinute = startMinute + Math.round((slot.end.getTime() - slot.start.getTime()) / 60_000);
      return windows.some((w) => w.weekday === local.weekday && w.start <= startMinute && endMinute <= w.end);
    });
    return { candidates, problem: candidates.length === 0 ? 'NO_OVERLAP' : null };
  }

  // -------------------------------------------------------------- reminders

  /** One delayed job per reminder offset, keyed by session, version and offset; offsets already past are skipped. */
  async scheduleReminders(row: Pick<SessionRow, 'id' | 'sequence' | 'starts_at' | 'status'>, now = Date.now()): Promise<number> {
    if (row.status !== SessionStatus.SCHEDULED) return 0;
    let added = 0;
    for (const minutesBefore of this.config.scheduling.reminderMinutes) {
      const due = row.starts_at.getTime() - minutesBefore * 60_000;
      if (due <= now) continue;
      try {
        await this.add(
          'session-reminder',
          { sessionId: row.id, sequence: row.sequence, minutesBefore },
          { delay: due - now, jobId: reminderJobId(row.id, row.sequence, minutesBefore) },
        );
        added += 1;
      } catch (error) {
        // The sweeper re-creates it; the session itself is committed.
        this.logger.warn(`could not schedule a reminder of session ${row.id}: ${(error as Error).message}`);
      }
    }
    return added;
  }

  private async removeReminders(row: Pick<SessionRow, 'id' | 'sequence'>): Promise<void> {
    // Best effort: a reminder that still runs re-reads the session and sends nothing.
    await Promise.all(
      this.config.scheduling.reminderMinutes.map((m) => this.queue.remove(reminderJobId(row.id, row.sequence, m)).catch(() => 0)),
    );
  }

  /**
   * Sends one reminder if the session still stands as it was when the
   * reminder was planned (same version, not cancelled, not started) and the
   * ledger has no row for it yet; the ledger row is the claim, so a second
   * run of the same job sends nothing.
   */
  async remind(sessionId: string, sequence: number, minutesBefore: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [session] = await manager.query<SessionRow[]>(`SELECT ${SESSION_COLUMNS} FROM mentoring_sessions WHERE id = $1`, [sessionId]);
      if (!session || session.status !== SessionStatus.SCHEDULED || session.sequence !== sequence) return false;
      if (session.starts_at.getTime() <= Date.now()) return false;
      const claimed = await manager.query(
        `INSERT INTO session_reminders (session_id, sequence, minutes_before) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING session_id`,
        [sessionId, sequence, minutesBefore],
      );
      if (claimed.length === 0) return false;
      const names = await this.names(manager, session.mentor_id, session.switcher_id);
      const data = { sessionId, start: session.starts_at.toISOString(), minutesBefore, sequence };
      // Checked when the reminder is due, not when it was scheduled, so turning reminders off silences queued ones too.
      if (await this.notifications.allows(manager, session.mentor_id, 'sessionReminders')) {
        await this.notifications.notify(manager, session.mentor_id, 'session.reminder', { ...data, otherName: names.switcher });
      }
      if (await this.notifications.allows(manager, session.switcher_id, 'sessionReminders')) {
        await this.notifications.notify(manager, session.switcher_id, 'session.reminder', { ...data, otherName: names.mentor });
      }
      return true;
    });
  }

  /**
   * The safety net, every few minutes: ended sessions become COMPLETED, and
   * reminders of the next day whose jobs were lost from Redis are re-created
   * (same job ids, so existing ones are not duplicated; the ledger stops a
   * second send).
   */
  async sweep(now = new Date()): Promise<{ completed: number; reminders: number }> {
    const completed = await this.dataSource.query(
      `UPDATE mentoring_sessions SET status = 'COMPLETED', updated_at = now() WHERE status = 'SCHEDULED' AND ends_at <= $1`,
      [now],
    );
    const longest = Math.max(...this.config.scheduling.reminderMinutes);
    const due = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM mentoring_sessions s
        WHERE status = 'SCHEDULED' AND starts_at > $1 AND starts_at <= $1 + $2 * interval '1 minute'
          AND (SELECT count(*) FROM session_reminders r WHERE r.session_id = s.id AND r.sequence = s.sequence) < $3
        ORDER BY starts_at LIMIT 5000`,
      [now, longest + 60, this.config.scheduling.reminderMinutes.length],
    );
    let reminders = 0;
    for (const row of due) reminders += await this.scheduleReminders(row, now.getTime());
    return { completed: completed[1] as number, reminders };
  }

  // ----------------------------------------------------------------- helpers

  private async replay(viewer: AuthUser, key: string, mentorshipId: string): Promise<MentoringSessionType | null> {
    const [row] = await this.dataSource.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM mentoring_sessions WHERE booked_by = $1 AND idempotency_key = $2`,
      [viewer.id, key],
    );
    if (!row) return null;
    if (row.mentorship_id !== mentorshipId) {
      throw new ConflictError('This idempotencyKey was already used for another booking; use a new key.', { reason: 'IDEMPOTENCY_KEY_REUSED' });
    }
    return toSession(row);
  }

  private async participantMentorship(manager: EntityManager, viewer: AuthUser, mentorshipId: string): Promise<MentorshipRow> {
    const [mentorship] = await manager.query<MentorshipRow[]>(
      'SELECT id, mentor_id, switcher_id, status, cadence, scheduling_problem FROM mentorships WHERE id = $1 FOR SHARE',
      [mentorshipId],
    );
    if (!mentorship || (mentorship.mentor_id !== viewer.id && mentorship.switcher_id !== viewer.id)) {
      throw new NotFoundError('Mentorship', mentorshipId);
    }
    if (mentorship.status !== 'ACTIVE') {
      throw new ConflictError(`This mentorship is ${mentorship.status.toLowerCase()}; sessions need an active one.`, { reason: 'MENTORSHIP_NOT_ACTIVE' });
    }
    return mentorship;
  }

  private async participantSession(manager: EntityManager, viewer: AuthUser, sessionId: string, forUpdate = false): Promise<SessionRow> {
    const [row] = await manager.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM mentoring_sessions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [sessionId],
    );
    if (!row || (row.mentor_id !== viewer.id && row.switcher_id !== viewer.id)) throw new NotFoundError('Session', sessionId);
    return row;
  }

  private assertChangeable(session: SessionRow): void {
    if (session.status !== SessionStatus.SCHEDULED) {
      throw new ConflictError(`This session is already ${session.status.toLowerCase().replace('_', '-')}.`, { reason: session.status });
    }
    if (session.starts_at.getTime() <= Date.now()) throw new ConflictError('This session has already started.', { reason: 'STARTED' });
  }

  /** Serialises bookings of one mentor for the rest of the transaction. */
  private async lockMentor(manager: EntityManager, mentorId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('sessions:' || $1, 0))`, [mentorId]);
  }

  /** Refuses a start that is not an offered slot, saying why: taken (CONFLICT) or never offered (BAD_USER_INPUT). */
  private async assertBookable(manager: EntityManager, calendar: MentorCalendar, start: Date, durationMinutes: number, exceptId: string | null) {
    const now = new Date();
    const end = new Date(start.getTime() + durationMinutes * 60_000);
    const busy = await this.availability.busy(manager, 'mentor_id', calendar.mentorId, start, end, calendar.settings.bufferMinutes, exceptId);
    if (this.availability.isOffered(calendar, busy, start, durationMinutes, now)) return;
    if (start.getTime() <= now.getTime()) throw BadUserInputError.field('start', 'is in the past');
    const { minimumNoticeMinutes, horizonDays } = calendar.settings;
    if (start.getTime() < now.getTime() + minimumNoticeMinutes * 60_000) {
      throw BadUserInputError.field('start', `is sooner than the mentor's minimum notice of ${formatMinutes(minimumNoticeMinutes)}`);
    }
    if (start.getTime() > now.getTime() + horizonDays * DAY_MS) {
      throw BadUserInputError.field('start', `is further ahead than the mentor's booking horizon of ${horizonDays} days`);
    }
    if (this.availability.isOffered(calendar, [], start, durationMinutes, now)) {
      throw new ConflictError('That time is already taken; pick another slot.', { reason: 'SLOT_TAKEN' });
    }
    throw BadUserInputError.field('start', "is not one of the mentor's available slots for this duration (see availableSlots)");
  }

  private overlapError(error: unknown): unknown {
    if (pgErrorCode(error) !== PG_EXCLUSION_VIOLATION) return error;
    const constraint = (error as { driverError?: { constraint?: string }; constraint?: string }).driverError?.constraint ?? '';
    if (constraint.includes('switcher')) {
      return new ConflictError('The switcher already has another session at that time.', { reason: 'SWITCHER_BUSY' });
    }
    return new ConflictError('That time is already taken; pick another slot.', { reason: 'SLOT_TAKEN' });
  }

  private async tellOther(
    manager: EntityManager,
    actorId: string,
    session: SessionRow,
    kind: NotificationKind,
    data: Record<string, unknown>,
  ): Promise<void> {
    const names = await this.names(manager, session.mentor_id, session.switcher_id);
    const toMentor = actorId !== session.mentor_id;
    await this.notifications.notify(manager, toMentor ? session.mentor_id : session.switcher_id, kind, {
      ...data,
      sessionId: session.id,
      mentorshipId: session.mentorship_id,
      otherName: toMentor ? names.switcher : names.mentor,
    });
  }

  private async names(manager: EntityManager, mentorId: string, switcherId: string): Promise<{ mentor: string; switcher: string }> {
    const rows = await manager.query<{ id: string; display_name: string }[]>('SELECT id, display_name FROM users WHERE id = ANY($1)', [
      [mentorId, switcherId],
    ]);
    const byId = new Map(rows.map((r) => [r.id, r.display_name]));
    return { mentor: byId.get(mentorId) ?? '', switcher: byId.get(switcherId) ?? '' };
  }

  private add<N extends JobName<'scheduling'>>(name: N, data: JobPayload<'scheduling', N>, opts: { delay?: number; jobId: string }) {
    return this.queue.add(name, data, opts);
  }
}

export function reminderJobId(sessionId: string, sequence: number, minutesBefore: number): string {
  // BullMQ job ids must not contain ':'; fractional minutes keep their '.'.
  return `reminder-${sessionId}-${sequence}-${minutesBefore}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
