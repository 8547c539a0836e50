import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { assertId, BadUserInputError, ConflictError, FieldProblem, NotFoundError, requestScoped } from '@switchyard/graphql';
import { AuthUser } from '@switchyard/identity';
import { Stage, TaxonomyService } from '@switchyard/profiles';
import { CommunityAccess } from '../community-access';
import { DEFAULT_MILESTONES } from './default-milestones';
import { PhaseDates, cohortDateProblems, phaseProblems, splitPhases } from './phases';
import {
  AddCohortMilestoneInput,
  CohortInfo,
  CohortMilestoneType,
  CohortPhaseType,
  CohortType,
  CreateCohortInput,
  MILESTONES_PER_COHORT_MAX,
} from './cohort.types';

export interface CohortRow {
  id: string;
  community_id: string;
  name: string;
  target_field_id: string;
  starts_on: string;
  ends_on: string;
  seats: number | null;
  created_at: Date;
}

export const COHORT_COLUMNS = `c.id, c.community_id, c.name, c.target_field_id, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.seats, c.created_at`;

export function toCohort(row: CohortRow): CohortType {
  return Object.assign(new CohortType(), {
    id: row.id,
    communityId: row.community_id,
    name: row.name,
    targetFieldId: row.target_field_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  });
}

interface MilestoneRow {
  id: string;
  cohort_id: string;
  stage: Stage;
  position: number;
  slug: string | null;
  title: string;
  title_zh: string | null;
  description: string | null;
}

export const MILESTONE_COLUMNS = 'm.id, m.cohort_id, m.stage, m.position, m.slug, m.title, m.title_zh, m.description';
/** Milestones in program order: by phase, then position. */
export const MILESTONE_ORDER = `array_position(ARRAY['KNOWLEDGE', 'VALIDATION', 'LEAP'], m.stage), m.position`;

export function toMilestone(row: MilestoneRow): CohortMilestoneType {
  return Object.assign(new CohortMilestoneType(), {
    id: row.id,
    cohortId: row.cohort_id,
    stage: row.stage,
    position: row.position,
    slug: row.slug,
    titleEn: row.title,
    titleZh: row.title_zh,
    description: row.description,
  });
}

function grouped<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(key(row))?.push(row);
  return ids.map((id) => byId.get(id) ?? []);
}

/**
 * Cohorts of a community: dates, the three phases and the milestones of each
 * phase. Enrollment lives in EnrollmentsService, progress in MilestonesService.
 */
@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CommunityAccess,
    private readonly taxonomy: TaxonomyService,
  ) {}

  // ------------------------------------------------------------------ reads

  rowLoader(request: FastifyRequest): DataLoader<string, CohortRow | null> {
    return requestScoped(request, 'cohort.byId', () =>
      new DataLoader<string, CohortRow | null>(async (ids) => {
        const rows = await this.dataSource.query<CohortRow[]>(`SELECT ${COHORT_COLUMNS} FROM cohorts c WHERE c.id = ANY($1)`, [ids]);
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  async info(request: FastifyRequest, cohortId: string): Promise<CohortInfo> {
    const row = await this.rowLoader(request).load(cohortId);
    if (!row) throw new NotFoundError('Cohort', cohortId);
    return { id: row.id, communityId: row.community_id, seats: row.seats, createdAt: row.created_at };
  }

  async get(request: FastifyRequest, cohortId: string, field = 'id'): Promise<CohortType> {
    assertId(cohortId, field);
    const row = await this.rowLoader(request).load(cohortId);
    if (!row) throw new NotFoundError('Cohort', cohortId);
    return toCohort(row);
  }

  /** Cohorts per community, by start date. */
  byCommunityLoader(request: FastifyRequest): DataLoader<string, CohortType[]> {
    return requestScoped(request, 'cohort.byCommunity', () =>
      new DataLoader<string, CohortType[]>(async (ids) => {
        const rows = await this.dataSource.query<CohortRow[]>(
          `SELECT ${COHORT_COLUMNS} FROM cohorts c WHERE c.community_id = ANY($1) ORDER BY c.starts_on, c.id`,
          [ids],
        );
        for (const row of rows) this.rowLoader(request).prime(row.id, row);
        return grouped(ids, rows, (r) => r.community_id).map((group) => group.map(toCohort));
      }),
    );
  }

  /**
   * Stored phases in program order. Cohorts created before phases existed (or
   * directly in the database) have none: they get the default split.
   */
  phasesLoader(request: FastifyRequest): DataLoader<string, CohortPhaseType[]> {
    return requestScoped(request, 'cohort.phases', () =>
      new DataLoader<string, CohortPhaseType[]>(async (ids) => {
        const rows = await this.dataSource.query<{ cohort_id: string; stage: Stage; starts_on: string; ends_on: string }[]>(
          `SELECT cohort_id, stage, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
             FROM cohort_phases WHERE cohort_id = ANY($1) ORDER BY starts_on`,
          [ids],
        );
        const cohorts = await this.rowLoader(request).loadMany(ids);
        return grouped(ids, rows, (r) => r.cohort_id).map((group, i) => {
          const cohort = cohorts[i];
          const phases: PhaseDates[] =
            group.length > 0
              ? group.map((r) => ({ stage: r.stage, startsOn: r.starts_on, endsOn: r.ends_on }))
              : cohort && !(cohort instanceof Error)
                ? splitPhases(cohort.starts_on, cohort.ends_on)
                : [];
          return phases.map((p) => Object.assign(new CohortPhaseType(), { stage: p.stage as Stage, startsOn: p.startsOn, endsOn: p.endsOn }));
        });
      }),
    );
  }

  milestonesLoader(request: FastifyRequest): DataLoader<string, CohortMilestoneType[]> {
    return requestScoped(request, 'cohort.milestones', () =>
      new DataLoader<string, CohortMilestoneType[]>(async (ids) => {
        const rows = await this.dataSource.query<MilestoneRow[]>(
          `SELECT ${MILESTONE_COLUMNS} FROM cohort_milestones m WHERE m.cohort_id = ANY($1) ORDER BY ${MILESTONE_ORDER}`,
          [ids],
        );
        return grouped(ids, rows, (r) => r.cohort_id).map((group) => group.map(toMilestone));
      }),
    );
  }

  seatsTakenLoader(request: FastifyRequest): DataLoader<string, number> {
    return requestScoped(request, 'cohort.seatsTaken', () =>
      new DataLoader<string, number>(async (ids) => {
        const rows = await this.dataSource.query<{ cohort_id: string; n: number }[]>(
          `SELECT cohort_id, count(*)::int AS n FROM cohort_enrollments
            WHERE cohort_id = ANY($1) AND role = 'SWITCHER' AND status = 'ADMITTED' GROUP BY cohort_id`,
          [ids],
        );
        const byId = new Map(rows.map((r) => [r.cohort_id, r.n]));
        return ids.map((id) => byId.get(id) ?? 0);
      }),
    );
  }

  // ---------------------------------------------------------------- changes

  async create(viewer: AuthUser, input: CreateCohortInput): Promise<CohortType> {
    assertId(input.communityId, 'input.communityId');
    // Who may do it comes before what is wrong with the input, so outsiders learn nothing from the answers.
    await this.access.assertOrganizer(viewer, input.communityId);
    const taxonomy = await this.taxonomy.snapshot();
    const problems: FieldProblem[] = [];
    const field = taxonomy.field(input.targetFieldSlug);
    if (!field) problems.push({ field: 'input.targetFieldSlug', message: `"${input.targetFieldSlug}" is not a known field; see the fields query` });
    const dateProblems = cohortDateProblems(input.startsOn, input.endsOn);
    problems.push(...dateProblems.map((p) => ({ field: `input.${p.field}`, message: p.message })));
    let phases: PhaseDates[] = [];
    if (dateProblems.length === 0) {
      if (input.phases) {
        phases = input.phases.map((p) => ({ stage: p.stage, startsOn: p.startsOn, endsOn: p.endsOn }));
        problems.push(...phaseProblems(input.startsOn, input.endsOn, phases).map((p) => ({ field: `input.${p.field}`, message: p.message })));
      } else {
        phases = splitPhases(input.startsOn, input.endsOn);
      }
    }
    if (problems.length > 0) throw new BadUserInputError(problems);

    const row = await this.dataSource.transaction(async (manager) => {
      const [created] = await manager.query<CohortRow[]>(
        `INSERT INTO cohorts AS c (community_id, name, target_field_id, starts_on, ends_on, seats)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COHORT_COLUMNS}`,
        [input.communityId, input.name, field!.id, input.startsOn, input.endsOn, input.seats ?? null],
      );
      await manager.query(
        `INSERT INTO cohort_phases (cohort_id, stage, starts_on, ends_on)
         SELECT $1, * FROM unnest($2::text[], $3::date[], $4::date[])`,
        [created.id, phases.map((p) => p.stage), phases.map((p) => p.startsOn), phases.map((p) => p.endsOn)],
      );
      const positions = new Map<string, number>();
      const defaults = DEFAULT_MILESTONES.map((m) => {
        const position = (positions.get(m.stage) ?? 0) + 1;
        positions.set(m.stage, position);
        return { ...m, position };
      });
      await manager.query(
        `INSERT INTO cohort_milestones (cohort_id, stage, position, slug, title, title_zh)
         SELECT $1, * FROM unnest($2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[])`,
        [
          created.id,
          defaults.map((m) => m.stage),
          defaults.map((m) => m.position),
          defaults.map((m) => m.slug),
          defaults.map((m) => m.title),
          defaults.map((m) => m.titleZh),
        ],
      );
      return created;
    });
    return toCohort(row);
  }

  /** Organizers add milestones at the end of a phase. */
  async addMilestone(viewer: AuthUser, input: AddCohortMilestoneInput): Promise<CohortMilestoneType> {
    assertId(input.cohortId, 'input.cohortId');
    const [peek] = await this.dataSource.query<{ community_id: string }[]>('SELECT community_id FROM cohorts WHERE id = $1', [input.cohortId]);
    if (!peek) throw new NotFoundError('Cohort', input.cohortId);
    await this.access.assertOrganizer(viewer, peek.community_id);
    return this.dataSource.transaction(async (manager) => {
      // Positions and the milestone limit are counted under the cohort's lock.
      const cohort = await this.lockCohort(manager, input.cohortId);
      const [{ n }] = await manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM cohort_milestones WHERE cohort_id = $1', [cohort.id]);
      if (n >= MILESTONES_PER_COHORT_MAX) {
        throw new ConflictError(`A cohort has at most ${MILESTONES_PER_COHORT_MAX} milestones.`, { reason: 'TOO_MANY_MILESTONES' });
      }
      const [row] = await manager.query<MilestoneRow[]>(
        `INSERT INTO cohort_milestones AS m (cohort_id, stage, position, title, title_zh, description, created_by)
         SELECT $1, $2, COALESCE(max(position), 0) + 1, $3, $4, $5, $6 FROM cohort_milestones WHERE cohort_id = $1 AND stage = $2
         RETURNING ${MILESTONE_COLUMNS}`,
        [cohort.id, input.stage, input.title, input.titleZh ?? null, input.description ?? null, viewer.id],
      );
      return toMilestone(row);
    });
  }

  /**
   * The cohort row is the lock every change of its seats and program takes,
   * so concurrent admissions see each other's result (FOR NO KEY UPDATE: it
   * still lets enrollments and completions reference the row meanwhile).
   */
  async lockCohort(manager: EntityManager, cohortId: string): Promise<CohortRow> {
    const [cohort] = await manager.query<CohortRow[]>(`SELECT ${COHORT_COLUMNS} FROM cohorts c WHERE c.id = $1 FOR NO KEY UPDATE`, [cohortId]);
    if (!cohort) throw new NotFoundError('Cohort', cohortId);
    return cohort;
  }
}
