import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TaxonomyService, computeSkillGap, parseClock, type RequirementInfo } from '@switchyard/profiles';
import { MentorFeatures, SwitcherFeatures, WeeklyWindow } from './score/features';

export interface MentorFeatureRow {
  id: string;
  display_name: string;
  languages: string[];
  time_zone: string;
  capacity: number;
  accepting_mentees: boolean;
  switched_from_field_id: string | null;
  field_ids: string[];
  skills: Record<string, number> | null;
  active: number;
  windows: [number, number, number][] | null;
  availability_zone: string | null;
  reliability: { sessions: number; lateCancels: number; noShows: number; meanRating: number | null } | null;
}

export interface SwitcherFeatureRow {
  id: string;
  languages: string[];
  time_zone: string;
  current_field_id: string | null;
  target_field_id: string;
  preferred_windows: { weekday: number; start: string; end: string }[];
  ratings: Record<string, number> | null;
  excluded: string[];
}

/** Every mentor profile ($1 null), or the mentors with the given ids ($1 uuid[]). */
export const MENTOR_FEATURES_SQL = `
  SELECT mp.user_id AS id, u.display_name, u.languages, u.time_zone, mp.capacity, mp.accepting_mentees, mp.switched_from_field_id,
         ARRAY(SELECT mf.field_id FROM mentor_fields mf WHERE mf.user_id = mp.user_id ORDER BY mf.field_id) AS field_ids,
         (SELECT jsonb_object_agg(ms.skill_id, ms.level) FROM mentor_skills ms WHERE ms.user_id = mp.user_id) AS skills,
         (SELECT count(*)::int FROM mentorships m WHERE m.mentor_id = mp.user_id AND m.status = 'ACTIVE') AS active,
         (SELECT jsonb_agg(jsonb_build_array(a.weekday, a.start_minute, a.end_minute) ORDER BY a.weekday, a.start_minute)
            FROM availability_rules a WHERE a.mentor_id = mp.user_id) AS windows,
         (SELECT a.time_zone FROM availability_rules a WHERE a.mentor_id = mp.user_id LIMIT 1) AS availability_zone,
         -- Held sessions and the mentor's late cancels (under 24 h before the start) count; no-shows
         -- and ratings only as reported by their switchers.
         (SELECT jsonb_build_object(
                   'sessions', count(*) FILTER (WHERE s.status IN ('COMPLETED', 'NO_SHOW') OR late),
                   'lateCancels', count(*) FILTER (WHERE late),
                   'noShows', count(*) FILTER (WHERE f.no_show),
                   'meanRating', avg(f.rating)::float8)
            FROM (SELECT s.*, s.status = 'CANCELLED' AND s.cancelled_by = s.mentor_id AND s.cancelled_at > s.starts_at - interval '24 hours' AS late
                    FROM mentoring_sessions s WHERE s.mentor_id = mp.user_id AND s.status <> 'SCHEDULED') s
            LEFT JOIN session_feedback f ON f.session_id = s.id AND f.author_id = s.switcher_id) AS reliability
    FROM mentor_profiles mp JOIN users u ON u.id = mp.user_id
   WHERE $1::uuid[] IS NULL OR mp.user_id = ANY($1)
   ORDER BY mp.user_id`;

/** One switcher ($1) with latest ratings and the mentors they already asked or work with. */
export const SWITCHER_FEATURES_SQL = `
  SELECT u.id, u.languages, u.time_zone, p.current_field_id, p.target_field_id, p.preferred_windows,
         (SELECT jsonb_object_agg(r.skill_id, r.level) FROM (
            SELECT DISTINCT ON (skill_id) skill_id, level FROM skill_ratings WHERE user_id = u.id ORDER BY skill_id, rated_at DESC, id DESC
          ) r) AS ratings,
         ARRAY(SELECT mentor_id FROM mentorship_requests WHERE switcher_id = u.id AND status = 'PENDING'
               UNION SELECT mentor_id FROM mentorships WHERE switcher_id = u.id AND status IN ('ACTIVE', 'PAUSED')) AS excluded
    FROM users u JOIN switcher_profiles p ON p.user_id = u.id WHERE u.id = ANY($1::uuid[])`;

export function toMentorFeatures(r: MentorFeatureRow): MentorFeatures {
  return {
    id: r.id,
    displayName: r.display_name,
    fieldIds: r.field_ids,
    switchedFromFieldId: r.switched_from_field_id,
    languages: r.languages,
    capacity: r.capacity,
    activeMentees: r.active,
    acceptingMentees: r.accepting_mentees,
    skillLevels: r.skills ?? {},
    // Availability is kept in the zone the mentor set it in.
    timeZone: r.availability_zone ?? r.time_zone,
    availability: (r.windows ?? []).map(([weekday, startMinute, endMinute]) => ({ weekday, startMinute, endMinute })),
    // Neutral until there is history.
    reliability:
      r.reliability && r.reliability.sessions > 0
        ? { sessions: r.reliability.sessions, meanRating: r.reliability.meanRating, noShows: r.reliability.noShows + r.reliability.lateCancels }
        : null,
  };
}

/** `requirements`: the target field's requirement profile (unrated skills count as 0). */
export function toSwitcherFeatures(row: SwitcherFeatureRow, requirements: readonly RequirementInfo[]): SwitcherFeatures {
  const gap = computeSkillGap(requirements, new Map(Object.entries(row.ratings ?? {})));
  return {
    id: row.id,
    currentFieldId: row.current_field_id,
    targetFieldId: row.target_field_id,
    languages: row.languages,
    timeZone: row.time_zone,
    preferredWindows: row.preferred_windows.map(
      (w): WeeklyWindow => ({ weekday: w.weekday, startMinute: parseClock(w.start, false)!, endMinute: parseClock(w.end, true)! }),
    ),
    gap: gap.items.map((i) => ({ skillId: i.skillId, required: i.required, current: i.current, weight: i.weight })),
    excludedMentorIds: row.excluded,
  };
}

/** Loads what the scorer needs from PostgreSQL in a few set-based queries. */
@Injectable()
export class FeaturesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
  ) {}

  /** Every mentor profile, or only `ids` (missing ones are simply absent). */
  async mentors(ids?: string[]): Promise<MentorFeatures[]> {
    const rows = await this.dataSource.query<MentorFeatureRow[]>(MENTOR_FEATURES_SQL, [ids ?? null]);
    return rows.map(toMentorFeatures);
  }

  /** The switcher as the scorer sees them, or null without a switcher profile. */
  async switcher(userId: string): Promise<SwitcherFeatures | null> {
    return (await this.switchers([userId]))[0] ?? null;
  }

  /**
   * The switchers among `userIds` (those with a switcher profile), in the order given: one
   * statement for a whole cohort instead of one per switcher.
   */
  async switchers(userIds: readonly string[]): Promise<SwitcherFeatures[]> {
    if (userIds.length === 0) return [];
    const rows = await this.dataSource.query<SwitcherFeatureRow[]>(SWITCHER_FEATURES_SQL, [userIds]);
    const fieldById = (await this.taxonomy.snapshot()).fieldById;
    const byId = new Map(rows.map((row) => [row.id, row]));
    return userIds.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [toSwitcherFeatures(row, fieldById.get(row.target_field_id)?.requirements ?? [])];
    });
  }
}
