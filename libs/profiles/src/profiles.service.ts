import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import {
  BadUserInputError,
  Connection,
  FieldProblem,
  ForbiddenError,
  NotFoundError,
  decodeCursor,
  pageSize,
  requestScoped,
  toConnection,
} from '@switchyard/graphql';
import { AuthUser, Role, UsersService } from '@switchyard/identity';
import { MentorProfileInput, SkillRatingInput, SwitcherProfileInput } from './dto/profile.inputs';
import { MentorProfileType, Stage, SwitcherProfileType } from './profile.types';
import { MentorChanges } from './mentor-changes';
import { TaxonomyService } from './taxonomy/taxonomy.service';
import { TaxonomySnapshot, TaxonomyView } from './taxonomy/taxonomy.types';
import { normalizeWindows } from './weekly-windows';

export interface RatedLevel {
  level: number;
  ratedAt: Date;
}

interface MentorRow {
  user_id: string;
  headline: string;
  bio: string | null;
  switched_from_field_id: string | null;
  years_experience: number | null;
  capacity: number;
  accepting_mentees: boolean;
  created_at: Date;
  updated_at: Date;
  field_ids: string[] | null;
  skills: [string, number][] | null;
  active_mentees: number;
  rating: number | null;
}

/**
 * One statement for a mentor profile with everything a listing shows, so 100
 * mentors cost one query, not 1 + 3 x 100. Correlated subqueries use the
 * primary keys of mentor_fields / mentor_skills and the partial index on
 * active mentorships.
 */
const MENTOR_SELECT = `
  SELECT mp.user_id, mp.headline, mp.bio, mp.switched_from_field_id, mp.years_experience, mp.capacity,
         mp.accepting_mentees, mp.created_at, mp.updated_at,
         ARRAY(SELECT mf.field_id FROM mentor_fields mf WHERE mf.user_id = mp.user_id) AS field_ids,
         (SELECT jsonb_agg(jsonb_build_array(ms.skill_id, ms.level)) FROM mentor_skills ms WHERE ms.user_id = mp.user_id) AS skills,
         (SELECT count(*)::int FROM mentorships m WHERE m.mentor_id = mp.user_id AND m.status = 'ACTIVE') AS active_mentees,
         -- Mean of the ratings switchers gave this mentor's sessions.
         (SELECT round(avg(f.rating), 2)::float8 FROM session_feedback f JOIN mentoring_sessions s ON s.id = f.session_id
           WHERE s.mentor_id = mp.user_id AND f.author_id = s.switcher_id) AS rating
    FROM mentor_profiles mp`;

function toMentorProfile(row: MentorRow): MentorProfileType {
  return Object.assign(new MentorProfileType(), {
    userId: row.user_id,
    headline: row.headline,
    bio: row.bio,
    switchedFromFieldId: row.switched_from_field_id,
    yearsExperience: row.years_experience,
    capacity: row.capacity,
    acceptingMentees: row.accepting_mentees,
    updatedAt: row.updated_at,
    fieldIds: row.field_ids ?? [],
    skillLevels: (row.skills ?? []).map(([skillId, level]) => ({ skillId, level })),
    activeMentees: row.active_mentees,
    rating: row.rating,
  });
}

interface SwitcherRow {
  user_id: string;
  current_field_id: string | null;
  target_field_id: string;
  stage: Stage;
  goals: string | null;
  weekly_hours: number | null;
  preferred_windows: { weekday: number; start: string; end: string }[];
  updated_at: Date;
}

function toSwitcherProfile(row: SwitcherRow): SwitcherProfileType {
  return Object.assign(new SwitcherProfileType(), {
    userId: row.user_id,
    currentFieldId: row.current_field_id,
    targetFieldId: row.target_field_id,
    stage: row.stage,
    goals: row.goals,
    weeklyHours: row.weekly_hours,
    preferredWindows: row.preferred_windows,
    updatedAt: row.updated_at,
  });
}

@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    private readonly users: UsersService,
    private readonly mentorChanges: MentorChanges,
  ) {}

  /** The taxonomy with names in the viewer's language, once per request. */
  view(request: FastifyRequest, options: { fresh?: boolean } = {}): Promise<TaxonomyView> {
    const build = async () => {
      const [snapshot, locale] = await Promise.all([this.taxonomy.snapshot(), this.users.viewerLocale(request)]);
      return new TaxonomyView(snapshot, locale);
    };
    return options.fresh ? build() : requestScoped(request, 'profiles.taxonomyView', build);
  }

  // ---------------------------------------------------------------- switchers

  switcherProfileLoader(request: FastifyRequest): DataLoader<string, SwitcherProfileType | null> {
    return requestScoped(request, 'profiles.switcherById', () =>
      new DataLoader<string, SwitcherProfileType | null>(async (ids) => {
        const rows = await this.dataSource.query<SwitcherRow[]>(
          `SELECT user_id, current_field_id, target_field_id, stage, goals, weekly_hours, preferred_windows, updated_at
             FROM switcher_profiles WHERE user_id = ANY($1)`,
          [ids],
        );
        const byId = new Map(rows.map((r) => [r.user_id, toSwitcherProfile(r)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** Latest rating per skill, by user. */
  latestRatingsLoader(request: FastifyRequest): DataLoader<string, Map<string, RatedLevel>> {
    return requestScoped(request, 'profiles.latestRatings', () =>
      new DataLoader<string, Map<string, RatedLevel>>(async (ids) => {
        const rows = await this.dataSource.query<{ user_id: string; skill_id: string; level: number; rated_at: Date }[]>(
          `SELECT DISTINCT ON (user_id, skill_id) user_id, skill_id, level, rated_at
             FROM skill_ratings WHERE user_id = ANY($1)
            ORDER BY user_id, skill_id, rated_at DESC, id DESC`,
          [ids],
        );
        const byUser = new Map<string, Map<string, RatedLevel>>(ids.map((id) => [id, new Map()]));
        for (const r of rows) byUser.get(r.user_id)!.set(r.skill_id, { level: r.level, ratedAt: r.rated_at });
        return ids.map((id) => byUser.get(id)!);
      }),
    );
  }

  async ratingHistory(userId: string, skillId?: string): Promise<{ skillId: string; level: number; ratedAt: Date }[]> {
    const rows = await this.dataSource.query<{ skill_id: string; level: number; rated_at: Date }[]>(
      `SELECT skill_id, level, rated_at FROM skill_ratings
        WHERE user_id = $1 AND ($2::uuid IS NULL OR skill_id = $2)
        ORDER BY rated_at, id`,
      [userId, skillId ?? null],
    );
    return rows.map((r) => ({ skillId: r.skill_id, level: r.level, ratedAt: r.rated_at }));
  }

  /**
   * Who may see a switcher's skills, goals, gap and radar: the switcher,
   * administrators, mentors they asked (pending or accepted request) or are
   * matched with (active or paused mentorship; cohort mentorships included),
   * and organizers of a community whose cohort they applied to or were
   * admitted in. Batched per request.
   */
  async canViewSwitcherProfile(request: FastifyRequest, viewer: AuthUser, switcherId: string): Promise<boolean> {
    if (viewer.id === switcherId || viewer.roles.includes(Role.ADMIN)) return true;
    const mentor = viewer.roles.includes(Role.MENTOR);
    const organizer = viewer.roles.includes(Role.ORGANIZER);
    if (!mentor && !organizer) return false;
    const loader = requestScoped(request, 'profiles.visibleSwitchers', () =>
      new DataLoader<string, boolean>(async (ids) => {
        const rows = await this.dataSource.query<{ switcher_id: string }[]>(
          `SELECT switcher_id FROM mentorship_requests
            WHERE $3 AND mentor_id = $1 AND switcher_id = ANY($2) AND status IN ('PENDING', 'ACCEPTED')
           UNION
           SELECT switcher_id FROM mentorships
            WHERE $3 AND mentor_id = $1 AND switcher_id = ANY($2) AND status IN ('ACTIVE', 'PAUSED')
           UNION
           SELECT e.user_id FROM cohort_enrollments e
             JOIN cohorts c ON c.id = e.cohort_id
             JOIN community_organizers o ON o.community_id = c.community_id AND o.user_id = $1
            WHERE $4 AND e.user_id = ANY($2) AND e.role = 'SWITCHER' AND e.status IN ('APPLIED', 'ADMITTED')`,
          [viewer.id, ids, mentor, organizer],
        );
        const visible = new Set(rows.map((r) => r.switcher_id));
        return ids.map((id) => visible.has(id));
      }),
    );
    return loader.load(switcherId);
  }

  /** A switcher profile the viewer may see; FORBIDDEN otherwise, null when there is none. */
  async visibleSwitcherProfile(request: FastifyRequest, viewer: AuthUser, userId: string): Promise<SwitcherProfileType | null> {
    const profile = await this.switcherProfileLoader(request).load(userId);
    if (!profile) return null;
    if (!(await this.canViewSwitcherProfile(request, viewer, userId))) {
      throw new ForbiddenError("Only the switcher, mentors they asked or work with, and administrators can see this profile.");
    }
    return profile;
  }

  async upsertSwitcherProfile(viewer: AuthUser, input: SwitcherProfileInput): Promise<string> {
    requireRole(viewer, Role.SWITCHER, 'keep a switcher profile');
    const taxonomy = await this.taxonomy.snapshot();
    const problems: FieldProblem[] = [];
    const target = fieldOrProblem(taxonomy, input.targetFieldSlug, 'input.targetFieldSlug', problems);
    const current = input.currentFieldSlug ? fieldOrProblem(taxonomy, input.currentFieldSlug, 'input.currentFieldSlug', problems) : null;
    if (problems.length) throw new BadUserInputError(problems);

    const windows = input.preferredWindows ? normalizeWindows(input.preferredWindows) : undefined;
    await this.dataSource.transaction(async (manager) => {
      if (input.timeZone) await manager.query('UPDATE users SET time_zone = $2, updated_at = now() WHERE id = $1', [viewer.id, input.timeZone]);
      // Omitted optional fields keep their stored value; explicit nulls clear them.
      await manager.query(
        `INSERT INTO switcher_profiles AS p (user_id, current_field_id, target_field_id, stage, goals, weekly_hours, preferred_windows)
         VALUES ($1, $2, $3, COALESCE($4, 'KNOWLEDGE'), $5, $6, COALESCE($7::jsonb, '[]'))
         ON CONFLICT (user_id) DO UPDATE SET
           current_field_id = CASE WHEN $8 THEN EXCLUDED.current_field_id ELSE p.current_field_id END,
           target_field_id = EXCLUDED.target_field_id,
           stage = COALESCE($4, p.stage),
           goals = CASE WHEN $9 THEN EXCLUDED.goals ELSE p.goals END,
           weekly_hours = CASE WHEN $10 THEN EXCLUDED.weekly_hours ELSE p.weekly_hours END,
           preferred_windows = COALESCE($7::jsonb, p.preferred_windows),
           updated_at = now()`,
        [
          viewer.id,
          current?.id ?? null,
          target!.id,
          input.stage ?? null,
          input.goals ?? null,
          input.weeklyHours ?? null,
          windows ? JSON.stringify(windows) : null,
          input.currentFieldSlug !== undefined,
          input.goals !== undefined,
          input.weeklyHours !== undefined,
        ],
      );
    });
    return viewer.id;
  }

  /** Appends ratings (history is kept); all or nothing. */
  async rateSkills(viewer: AuthUser, ratings: SkillRatingInput[]): Promise<string> {
    requireRole(viewer, Role.SWITCHER, 'rate skills');
    const taxonomy = await this.taxonomy.snapshot();
    const problems: FieldProblem[] = [];
    if (ratings.length === 0) problems.push({ field: 'ratings', message: 'must rate at least one skill' });
    if (ratings.length > 200) problems.push({ field: 'ratings', message: 'must rate at most 200 skills at once' });
    const skillIds = resolveSkillLevels(taxonomy, ratings, 'ratings', problems);
    if (problems.length) throw new BadUserInputError(problems);

    await this.dataSource.transaction(async (manager) => {
      const [profile] = await manager.query('SELECT 1 FROM switcher_profiles WHERE user_id = $1 FOR UPDATE', [viewer.id]);
      if (!profile) throw new NotFoundError('Your switcher profile (create it with upsertSwitcherProfile first)');
      await manager.query(
        `INSERT INTO skill_ratings (user_id, skill_id, level, rated_at)
         SELECT $1, skill_id, level, clock_timestamp() FROM unnest($2::uuid[], $3::smallint[]) AS r(skill_id, level)`,
        [viewer.id, skillIds, ratings.map((r) => r.level)],
      );
      await manager.query('UPDATE switcher_profiles SET updated_at = now() WHERE user_id = $1', [viewer.id]);
    });
    return viewer.id;
  }

  // ------------------------------------------------------------------ mentors

  mentorProfileLoader(request: FastifyRequest): DataLoader<string, MentorProfileType | null> {
    return requestScoped(request, 'profiles.mentorById', () =>
      new DataLoader<string, MentorProfileType | null>(async (ids) => {
        const rows = await this.dataSource.query<MentorRow[]>(`${MENTOR_SELECT} WHERE mp.user_id = ANY($1)`, [ids]);
        const byId = new Map(rows.map((r) => [r.user_id, toMentorProfile(r)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** Mentors oldest profile first, optionally in one field; keyset-paginated. */
  async listMentors(
    request: FastifyRequest,
    options: { fieldSlug?: string | null; first?: number | null; after?: string | null },
  ): Promise<Connection<MentorProfileType>> {
    const limit = pageSize(options.first);
    const after = decodeCursor(options.after);
    let fieldId: string | null = null;
    if (options.fieldSlug) {
      const field = (await this.taxonomy.snapshot()).field(options.fieldSlug);
      if (!field) throw BadUserInputError.field('fieldSlug', `"${options.fieldSlug}" is not a known field; see the fields query`);
      fieldId = field.id;
    }
    const rows = await this.dataSource.query<MentorRow[]>(
      `${MENTOR_SELECT}
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM mentor_fields f WHERE f.user_id = mp.user_id AND f.field_id = $1))
          AND ($2::timestamptz IS NULL OR (mp.created_at, mp.user_id) > ($2, $3::uuid))
        ORDER BY mp.created_at, mp.user_id
        LIMIT $4`,
      [fieldId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    const profiles = rows.map(toMentorProfile);
    const loader = this.mentorProfileLoader(request);
    for (const p of profiles) loader.prime(p.userId, p);
    return toConnection(profiles, limit, (p) => [rows.find((r) => r.user_id === p.userId)!.created_at.toISOString(), p.userId]);
  }

  async upsertMentorProfile(viewer: AuthUser, input: MentorProfileInput): Promise<string> {
    requireRole(viewer, Role.MENTOR, 'keep a mentor profile');
    const taxonomy = await this.taxonomy.snapshot();
    const problems: FieldProblem[] = [];
    if (input.fieldSlugs.length === 0) problems.push({ field: 'input.fieldSlugs', message: 'must name at least one field' });
    const fieldIds = [
      ...new Set(
        input.fieldSlugs.map((slug, i) => fieldOrProblem(taxonomy, slug, `input.fieldSlugs.${i}`, problems)?.id).filter((id): id is string => !!id),
      ),
    ];
    const switchedFrom = input.switchedFromFieldSlug
      ? fieldOrProblem(taxonomy, input.switchedFromFieldSlug, 'input.switchedFromFieldSlug', problems)
      : null;
    const skillIds = resolveSkillLevels(taxonomy, input.skills, 'input.skills', problems);
    if (problems.length) throw new BadUserInputError(problems);

    await this.dataSource.transaction(async (manager: EntityManager) => {
      if (input.timeZone) await manager.query('UPDATE users SET time_zone = $2, updated_at = now() WHERE id = $1', [viewer.id, input.timeZone]);
      await manager.query(
        `INSERT INTO mentor_profiles AS p (user_id, headline, bio, switched_from_field_id, years_experience, capacity, accepting_mentees)
         VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, true))
         ON CONFLICT (user_id) DO UPDATE SET
           headline = EXCLUDED.headline,
           bio = CASE WHEN $8 THEN EXCLUDED.bio ELSE p.bio END,
           switched_from_field_id = CASE WHEN $9 THEN EXCLUDED.switched_from_field_id ELSE p.switched_from_field_id END,
           years_experience = CASE WHEN $10 THEN EXCLUDED.years_experience ELSE p.years_experience END,
           capacity = EXCLUDED.capacity,
           accepting_mentees = COALESCE($7, p.accepting_mentees),
           updated_at = now()`,
        [
          viewer.id,
          input.headline,
          input.bio ?? null,
          switchedFrom?.id ?? null,
          input.yearsExperience ?? null,
          input.capacity,
          input.acceptingMentees ?? null,
          input.bio !== undefined,
          input.switchedFromFieldSlug !== undefined,
          input.yearsExperience !== undefined,
        ],
      );
      await manager.query('DELETE FROM mentor_fields WHERE user_id = $1', [viewer.id]);
      await manager.query('INSERT INTO mentor_fields (user_id, field_id) SELECT $1, unnest($2::uuid[])', [viewer.id, fieldIds]);
      await manager.query('DELETE FROM mentor_skills WHERE user_id = $1', [viewer.id]);
      await manager.query(
        'INSERT INTO mentor_skills (user_id, skill_id, level) SELECT $1, * FROM unnest($2::uuid[], $3::smallint[])',
        [viewer.id, skillIds, input.skills.map((s) => s.level)],
      );
    });
    await this.mentorChanges.changed(viewer.id);
    return viewer.id;
  }
}

function requireRole(viewer: AuthUser, role: Role, what: string): void {
  if (!viewer.roles.includes(role)) throw new ForbiddenError(`Only users with the ${role} role can ${what}.`);
}

function fieldOrProblem(taxonomy: TaxonomySnapshot, slug: string, path: string, problems: FieldProblem[]) {
  const field = taxonomy.field(slug);
  if (!field) problems.push({ field: path, message: `"${slug}" is not a known field; see the fields query` });
  return field;
}

/** Skill ids for slug/level pairs, reporting unknown, duplicate and out-of-range entries by path. */
function resolveSkillLevels(
  taxonomy: TaxonomySnapshot,
  entries: readonly { skillSlug: string; level: number }[],
  path: string,
  problems: FieldProblem[],
): string[] {
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    if (!Number.isInteger(entry.level) || entry.level < 0 || entry.level > 5) {
      problems.push({ field: `${path}.${i}.level`, message: 'must be between 0 and 5' });
    }
    const skill = taxonomy.skill(entry.skillSlug);
    if (!skill) {
      problems.push({ field: `${path}.${i}.skillSlug`, message: `"${entry.skillSlug}" is not a known skill; see the skills query` });
      return '';
    }
    if (seen.has(skill.id)) problems.push({ field: `${path}.${i}.skillSlug`, message: `"${entry.skillSlug}" appears more than once` });
    seen.add(skill.id);
    return skill.id;
  });
}
