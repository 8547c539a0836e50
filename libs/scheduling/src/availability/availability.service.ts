import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { assertId, BadUserInputError, FieldProblem, ForbiddenError, NotFoundError } from '@switchyard/graphql';
import { AuthUser, Role, timeZoneProblem } from '@switchyard/identity';
import { MentorChanges, formatClock, normalizeWindows, parseClock } from '@switchyard/profiles';
import { DateOverride, Interval, SlotQuery, WeeklyRule, expandSlots, formatInZone, isOfferedSlot } from '../slots/slots';
import {
  AvailabilityOverrideInput,
  AvailabilityOverrideType,
  AvailabilityRuleInput,
  AvailabilityRuleType,
  AvailabilityType,
  SchedulingSettingsInput,
  SchedulingSettingsType,
  SlotType,
} from './availability.types';

export const DEFAULT_SETTINGS: Readonly<SchedulingSettingsType> = Object.freeze({ minimumNoticeMinutes: 720, horizonDays: 60, bufferMinutes: 0 });
export const MAX_RULES = 50;
/** Longest availableSlots range: a quarter of a year is plenty for a calendar view and bounds the answer. */
export const MAX_SLOT_RANGE_DAYS = 100;
const DAY_MS = 24 * 3600 * 1000;

/** Everything the slot engine needs about one mentor, except the range and the clock. */
export interface MentorCalendar {
  mentorId: string;
  timeZone: string;
  rules: WeeklyRule[];
  overrides: DateOverride[];
  settings: SchedulingSettingsType;
}

export function validDuration(durationMinutes: number, field = 'durationMinutes'): void {
  if (!Number.isInteger(durationMinutes) || durationMinutes < 15 || durationMinutes > 240 || durationMinutes % 15 !== 0) {
    throw BadUserInputError.field(field, 'must be a multiple of 15 minutes between 15 and 240');
  }
}

/**
 * Mentors' weekly hours, date overrides and booking settings, and the slots
 * they produce. Rules are wall-clock times in the mentor's zone, so "Tuesdays
 * 19:00" stays 19:00 for the mentor through DST changes; the slot engine turns
 * them into instants day by day.
 */
/** The zone availability is written in (over users u and their scheduling_settings s): the rules' zone, else the mentor's own. */
const MENTOR_ZONE_SQL = `COALESCE(s.time_zone, (SELECT time_zone FROM availability_rules WHERE mentor_id = u.id LIMIT 1), u.time_zone)`;

@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mentorChanges: MentorChanges,
  ) {}

  async setWeeklyAvailability(viewer: AuthUser, timeZone: string, rules: AvailabilityRuleInput[]): Promise<AvailabilityRuleType[]> {
    assertMentor(viewer);
    // A list argument skips the validation pipe (it sees an Array): every rule is checked here, all problems at once.
    const problems: FieldProblem[] = [];
    const problem = timeZoneProblem(timeZone);
    if (problem) problems.push({ field: 'timeZone', message: problem });
    if (rules.length > MAX_RULES) problems.push({ field: 'rules', message: `must list at most ${MAX_RULES} windows` });
    for (const [i, rule] of rules.entries()) {
      const errors = await validate(plainToInstance(AvailabilityRuleInput, rule), { validationError: { target: false, value: false } });
      for (const error of errors) {
        for (const message of Object.values(error.constraints ?? {})) problems.push({ field: `rules.${i}.${error.property}`, message });
      }
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
    // Overlapping or touching windows of a day are merged, so slots are never offered twice.
    const windows = normalizeWindows(rules);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE', [viewer.id]);
      await manager.query('DELETE FROM availability_rules WHERE mentor_id = $1', [viewer.id]);
      if (windows.length > 0) {
        await manager.query(
          `INSERT INTO availability_rules (mentor_id, weekday, start_minute, end_minute, time_zone)
           SELECT $1, w, s, e, $5 FROM unnest($2::smallint[], $3::smallint[], $4::smallint[]) AS t(w, s, e)`,
          [
            viewer.id,
            windows.map((w) => w.weekday),
            windows.map((w) => parseClock(w.start, false)),
            windows.map((w) => parseClock(w.end, true)),
            timeZone,
          ],
        );
      }
      // Kept apart from the rules so the zone survives an empty week and overrides keep their meaning.
      await manager.query(
        `INSERT INTO scheduling_settings (mentor_id, time_zone) VALUES ($1, $2)
         ON CONFLICT (mentor_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = now()`,
        [viewer.id, timeZone],
      );
    });
    await this.mentorChanges.changed(viewer.id);
    return this.rules(viewer.id);
  }

  async setOverride(viewer: AuthUser, input: AvailabilityOverrideInput): Promise<boolean> {
    assertMentor(viewer);
    const zone = await this.zoneOf(this.dataSource.manager, viewer.id);
    const today = DateTime.now().setZone(zone).toISODate()!;
    if (input.date < today) throw BadUserInputError.field('input.date', `is in the past (today is ${today} in ${zone})`);
    const latest = DateTime.now().setZone(zone).plus({ days: 366 }).toISODate()!;
    if (input.date > latest) throw BadUserInputError.field('input.date', 'must be within a year from today');
    const hasStart = input.start != null;
    const hasEnd = input.end != null;
    if (!input.available && (hasStart || hasEnd)) {
      throw BadUserInputError.field(hasStart ? 'input.start' : 'input.end', 'must be empty when available is false (a day off)');
    }
    if (hasStart !== hasEnd) throw BadUserInputError.field(hasStart ? 'input.end' : 'input.start', 'is required together with the other end of the window');
    if (input.available && !hasStart) {
      await this.dataSource.query('DELETE FROM availability_overrides WHERE mentor_id = $1 AND date = $2', [viewer.id, input.date]);
    } else {
      await this.dataSource.query(
        `INSERT INTO availability_overrides (mentor_id, date, available, start_minute, end_minute) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (mentor_id, date) DO UPDATE SET available = EXCLUDED.available, start_minute = EXCLUDED.start_minute, end_minute = EXCLUDED.end_minute`,
        [viewer.id, input.date, input.available, hasStart ? parseClock(input.start!, false) : null, hasEnd ? parseClock(input.end!, true) : null],
      );
    }
    return true;
  }

  async setSettings(viewer: AuthUser, input: SchedulingSettingsInput): Promise<boolean> {
    assertMentor(viewer);
    await this.dataSource.query(
      `INSERT INTO scheduling_settings (mentor_id, minimum_notice_minutes, horizon_days, buffer_minutes)
       VALUES ($1, COALESCE($2::int, $5::int), COALESCE($3::int, $6::int), COALESCE($4::int, $7::int))
       ON CONFLICT (mentor_id) DO UPDATE SET
         minimum_notice_minutes = COALESCE($2::int, scheduling_settings.minimum_notice_minutes),
         horizon_days = COALESCE($3::int, scheduling_settings.horizon_days),
         buffer_minutes = COALESCE($4::int, scheduling_settings.buffer_minutes),
         updated_at = now()`,
      [
        viewer.id,
        input.minimumNoticeMinutes ?? null,
        input.horizonDays ?? null,
        input.bufferMinutes ?? null,
        DEFAULT_SETTINGS.minimumNoticeMinutes,
        DEFAULT_SETTINGS.horizonDays,
        DEFAULT_SETTINGS.bufferMinutes,
      ],
    );
    return true;
  }

  async availability(mentorId: string): Promise<AvailabilityType> {
    const calendar = await this.calendar(this.dataSource.manager, mentorId, DateTime.now().setZone('UTC').minus({ days: 1 }).toISODate()!);
    const rules = await this.rules(mentorId);
    return Object.assign(new AvailabilityType(), {
      timeZone: calendar.timeZone,
      rules,
      overrides: calendar.overrides.map((o) =>
        Object.assign(new AvailabilityOverrideType(), {
          date: o.date,
          available: o.available,
          start: o.startMinute == null ? null : formatClock(o.startMinute),
          end: o.endMinute == null ? null : formatClock(o.endMinute),
        }),
      ),
      settings: calendar.settings,
    });
  }

  async rules(mentorId: string): Promise<AvailabilityRuleType[]> {
    const rows = await this.dataSource.query<{ id: string; weekday: number; start_minute: number; end_minute: number; time_zone: string }[]>(
      'SELECT id, weekday, start_minute, end_minute, time_zone FROM availability_rules WHERE mentor_id = $1 ORDER BY weekday, start_minute',
      [mentorId],
    );
    return rows.map((r) =>
      Object.assign(new AvailabilityRuleType(), {
        id: r.id,
        weekday: r.weekday,
        start: formatClock(r.start_minute),
        end: formatClock(r.end_minute),
        timeZone: r.time_zone,
      }),
    );
  }

  /** Slots for anyone signed in; the viewer's own booked sessions are left out too, so what is shown can be booked. */
  async availableSlots(
    viewer: AuthUser,
    args: { mentorId: string; from: Date; to: Date; durationMinutes: number; timeZone?: string | null },
    viewerZone: string,
  ): Promise<SlotType[]> {
    assertId(args.mentorId, 'mentorId');
    validDuration(args.durationMinutes);
    if (args.to.getTime() <= args.from.getTime()) throw BadUserInputError.field('to', 'must be after from');
    if (args.to.getTime() - args.from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS) {
      throw BadUserInputError.field('to', `must be at most ${MAX_SLOT_RANGE_DAYS} days after from`);
    }
    const zone = args.timeZone ?? viewerZone;
    const problem = timeZoneProblem(zone);
    if (problem) throw BadUserInputError.field('timeZone', problem);
    const [mentor] = await this.dataSource.query(`SELECT 'MENTOR' = ANY(roles) AS mentor FROM users WHERE id = $1`, [args.mentorId]);
    if (!mentor?.mentor) throw new NotFoundError('Mentor', args.mentorId);

    const manager = this.dataSource.manager;
    const calendar = await this.calendar(manager, args.mentorId, isoDate(args.from.getTime() - 2 * DAY_MS));
    const busy = await this.busy(manager, 'mentor_id', args.mentorId, args.from, args.to, calendar.settings.bufferMinutes);
    const own = viewer.id === args.mentorId ? [] : await this.busy(manager, 'switcher_id', viewer.id, args.from, args.to, 0);
    const slots = expandSlots(this.query(calendar, { busy, from: args.from, to: args.to, durationMinutes: args.durationMinutes, now: new Date() }));
    return slots
      .filter((slot) => !own.some((b) => slot.start < b.end && slot.end > b.start))
      .map((slot) => Object.assign(new SlotType(), { start: formatInZone(slot.start, zone), end: formatInZone(slot.end, zone) }));
  }

  /** The slot engine's input for a mentor at a moment. */
  query(calendar: MentorCalendar, at: { busy: Interval[]; from: Date; to: Date; durationMinutes: number; now: Date }): SlotQuery {
    return {
      timeZone: calendar.timeZone,
      rules: calendar.rules,
      overrides: calendar.overrides,
      busy: at.busy,
      from: at.from,
      to: at.to,
      durationMinutes: at.durationMinutes,
      now: at.now,
      minimumNoticeMinutes: calendar.settings.minimumNoticeMinutes,
      horizonDays: calendar.settings.horizonDays,
      bufferMinutes: calendar.settings.bufferMinutes,
    };
  }

  isOffered(calendar: MentorCalendar, busy: Interval[], start: Date, durationMinutes: number, now: Date): boolean {
    return isOfferedSlot(
      this.query(calendar, { busy, from: start, to: new Date(start.getTime() + 1), durationMinutes, now }),
      start,
    );
  }

  /**
   * Rules, overrides from `fromDate` (a date, in any zone's terms, a day early is fine), settings
   * and zone, in one statement: bookings read this inside their transaction, whose one
   * connection would run separate reads one after the other.
   */
  async calendar(manager: EntityManager, mentorId: string, fromDate: string): Promise<MentorCalendar> {
    const [row] = await manager.query<
      {
        rules: [number, number, number][];
        overrides: [string, boolean, number | null, number | null][];
        minimum_notice_minutes: number | null;
        horizon_days: number | null;
        buffer_minutes: number | null;
        zone: string;
      }[]
    >(
      `SELECT (SELECT COALESCE(json_agg(json_build_array(r.weekday, r.start_minute, r.end_minute) ORDER BY r.weekday, r.start_minute), '[]')
                 FROM availability_rules r WHERE r.mentor_id = u.id) AS rules,
              (SELECT COALESCE(json_agg(json_build_array(o.date, o.available, o.start_minute, o.end_minute) ORDER BY o.date), '[]')
                 FROM (SELECT to_char(date, 'YYYY-MM-DD') AS date, available, start_minute, end_minute FROM availability_overrides
                        WHERE mentor_id = u.id AND date >= $2::date ORDER BY date LIMIT 1000) o) AS overrides,
              s.minimum_notice_minutes, s.horizon_days, s.buffer_minutes,
              ${MENTOR_ZONE_SQL} AS zone
         FROM users u LEFT JOIN scheduling_settings s ON s.mentor_id = u.id
        WHERE u.id = $1`,
      [mentorId, fromDate],
    );
    if (!row) throw new NotFoundError('User', mentorId);
    return {
      mentorId,
      timeZone: row.zone,
      rules: row.rules.map(([weekday, startMinute, endMinute]) => ({ weekday, startMinute, endMinute })),
      overrides: row.overrides.map(([date, available, startMinute, endMinute]) => ({ date, available, startMinute, endMinute })),
      settings:
        row.minimum_notice_minutes !== null
          ? { minimumNoticeMinutes: row.minimum_notice_minutes, horizonDays: row.horizon_days!, bufferMinutes: row.buffer_minutes! }
          : { ...DEFAULT_SETTINGS },
    };
  }

  /** Scheduled sessions of a participant that can touch [from, to] (widened by the buffer and a day for zone spans). */
  async busy(
    manager: EntityManager,
    column: 'mentor_id' | 'switcher_id',
    userId: string,
    from: Date,
    to: Date,
    bufferMinutes: number,
    exceptSessionId: string | null = null,
  ): Promise<Interval[]> {
    const margin = DAY_MS + bufferMinutes * 60_000;
    const rows = await manager.query<{ starts_at: Date; ends_at: Date }[]>(
      `SELECT starts_at, ends_at FROM mentoring_sessions
        WHERE ${column} = $1 AND status = 'SCHEDULED' AND starts_at < $3 AND ends_at > $2 AND ($4::uuid IS NULL OR id <> $4)
        ORDER BY starts_at`,
      [userId, new Date(from.getTime() - margin), new Date(to.getTime() + margin), exceptSessionId],
    );
    return rows.map((r) => ({ start: r.starts_at, end: r.ends_at }));
  }

  /** The zone availability is written in: the rules' zone, else the mentor's own. */
  async zoneOf(manager: EntityManager, mentorId: string): Promise<string> {
    const [row] = await manager.query<{ zone: string }[]>(
      `SELECT ${MENTOR_ZONE_SQL} AS zone FROM users u LEFT JOIN scheduling_settings s ON s.mentor_id = u.id WHERE u.id = $1`,
      [mentorId],
    );
    if (!row) throw new NotFoundError('User', mentorId);
    return row.zone;
  }
}

function assertMentor(viewer: AuthUser): void {
  if (!viewer.roles.includes(Role.MENTOR)) throw new ForbiddenError('Only mentors have availability.');
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
