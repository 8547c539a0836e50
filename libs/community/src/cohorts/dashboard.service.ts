import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertId, NotFoundError } from '@switchyard/graphql';
import { AuthUser } from '@switchyard/identity';
import { Stage } from '@switchyard/profiles';
import { CommunityAccess } from '../community-access';
import { STAGE_ORDER } from './phases';
import {
  CohortDashboardType,
  CohortMatchSummaryType,
  EnrollmentCountType,
  EnrollmentRole,
  EnrollmentStatus,
  MatchMode,
  MatchRunStatus,
  PhaseMilestoneProgressType,
} from './cohort.types';

/** A switcher without a session for this long needs an organizer's look. */
export const QUIET_SWITCHER_DAYS = 14;
/** Bounds the list; the count is exact. */
const QUIET_SWITCHERS_LISTED_MAX = 1000;

interface RunRow {
  id: string;
  mode: MatchMode;
  status: MatchRunStatus;
  metrics: Record<string, number | null> | null;
  created_at: Date;
  finished_at: Date | null;
  published_at: Date | null;
  pairs: number;
  published: boolean;
}

/**
 * The organizer's view of one cohort: who applied and was admitted, the
 * matching, milestone completion per phase, and whether sessions happen.
 * Everything counts from the cohort's own rows: its enrollments, its match
 * runs, and the mentorships publishing created for it (mentorships.cohort_id).
 */
@Injectable()
export class CohortDashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CommunityAccess,
  ) {}

  async dashboard(viewer: AuthUser, cohortId: string): Promise<CohortDashboardType> {
    assertId(cohortId, 'cohortId');
    const [cohort] = await this.dataSource.query<{ id: string; community_id: string; seats: number | null }[]>(
      'SELECT id, community_id, seats FROM cohorts WHERE id = $1',
      [cohortId],
    );
    if (!cohort) throw new NotFoundError('Cohort', cohortId);
    await this.access.assertOrganizer(viewer, cohort.community_id);

    const [counts, [run], phases, [sessions], quiet] = await Promise.all([
      this.dataSource.query<{ role: EnrollmentRole; status: EnrollmentStatus; n: number }[]>(
        'SELECT role, status, count(*)::int AS n FROM cohort_enrollments WHERE cohort_id = $1 GROUP BY role, status',
        [cohortId],
      ),
      this.dataSource.query<RunRow[]>(
        `SELECT r.id, r.mode, r.status, r.metrics, r.created_at, r.finished_at, r.published_at,
                (SELECT count(*)::int FROM match_pairs p WHERE p.run_id = r.id) AS pairs,
                EXISTS (SELECT 1 FROM match_runs x WHERE x.cohort_id = r.cohort_id AND x.status = 'PUBLISHED') AS published
           FROM match_runs r WHERE r.cohort_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
        [cohortId],
      ),
      // Completions count only for switchers admitted now: a withdrawn switcher's work leaves the totals with them.
      this.dataSource.query<{ stage: Stage; milestones: number; completed: number; verified: number }[]>(
        `SELECT m.stage, count(DISTINCT m.id)::int AS milestones,
                count(mc.milestone_id) FILTER (WHERE mc.status IN ('SUBMITTED', 'VERIFIED'))::int AS completed,
                count(mc.milestone_id) FILTER (WHERE mc.status = 'VERIFIED')::int AS verified
           FROM cohort_milestones m
           LEFT JOIN milestone_completions mc ON mc.milestone_id = m.id AND mc.switcher_id IN (
             SELECT user_id FROM cohort_enrollments WHERE cohort_id = $1 AND role = 'SWITCHER' AND status = 'ADMITTED')
          WHERE m.cohort_id = $1 GROUP BY m.stage`,
        [cohortId],
      ),
      this.dataSource.query<{ mentorships: number; held: number; planned: number }[]>(
        `SELECT (SELECT count(*)::int FROM mentorships WHERE cohort_id = $1) AS mentorships,
                count(s.id) FILTER (WHERE s.status = 'COMPLETED')::int AS held,
                count(s.id) FILTER (WHERE s.status <> 'CANCELLED')::int AS planned
           FROM mentorships m JOIN mentoring_sessions s ON s.mentorship_id = m.id WHERE m.cohort_id = $1`,
        [cohortId],
      ),
      // A session "happened" when it was completed, or was scheduled and its time has passed (not yet marked).
      this.dataSource.query<{ user_id: string; total: number }[]>(
        `SELECT e.user_id, count(*) OVER ()::int AS total FROM cohort_enrollments e
          WHERE e.cohort_id = $1 AND e.role = 'SWITCHER' AND e.status = 'ADMITTED'
            AND NOT EXISTS (
              SELECT 1 FROM mentoring_sessions s JOIN mentorships m ON m.id = s.mentorship_id
               WHERE m.cohort_id = $1 AND s.switcher_id = e.user_id AND s.status IN ('COMPLETED', 'SCHEDULED')
                 AND s.starts_at <= now() AND s.starts_at > now() - make_interval(days => $2))
          ORDER BY e.decided_at, e.user_id LIMIT ${QUIET_SWITCHERS_LISTED_MAX}`,
        [cohortId, QUIET_SWITCHER_DAYS],
      ),
    ]);

    const count = (role: EnrollmentRole, status: EnrollmentStatus) => counts.find((c) => c.role === role && c.status === status)?.n ?? 0;
    const enrollments: EnrollmentCountType[] = [];
    for (const role of [EnrollmentRole.SWITCHER, EnrollmentRole.MENTOR]) {
      for (const status of Object.values(EnrollmentStatus)) enrollments.push({ role, status, count: count(role, status) });
    }
    const admittedSwitchers = count(EnrollmentRole.SWITCHER, EnrollmentStatus.ADMITTED);
    const milestones: PhaseMilestoneProgressType[] = STAGE_ORDER.map((stage) => {
      const row = phases.find((p) => p.stage === stage);
      const n = row?.milestones ?? 0;
      return { stage: stage as Stage, milestones: n, expected: n * admittedSwitchers, completed: row?.completed ?? 0, verified: row?.verified ?? 0 };
    });
    return Object.assign(new CohortDashboardType(), {
      cohortId,
      seats: cohort.seats,
      seatsTaken: admittedSwitchers,
      enrollments,
      match: run ? toSummary(run) : null,
      mentorships: sessions?.mentorships ?? 0,
      milestones,
      sessionsHeld: sessions?.held ?? 0,
      sessionsPlanned: sessions?.planned ?? 0,
      switchersWithoutRecentSessionIds: quiet.map((q) => q.user_id),
      switchersWithoutRecentSessionCount: quiet[0]?.total ?? 0,
    });
  }
}

function toSummary(run: RunRow): CohortMatchSummaryType {
  const metrics = run.metrics ?? {};
  return Object.assign(new CohortMatchSummaryType(), {
    runId: run.id,
    mode: run.mode,
    status: run.status,
    totalScore: metrics.totalScore ?? null,
    meanScore: metrics.meanScore ?? null,
    minScore: metrics.minScore ?? null,
    pairs: run.status === MatchRunStatus.SUCCEEDED || run.status === MatchRunStatus.PUBLISHED ? run.pairs : null,
    unmatchedSwitchers: metrics.unmatchedSwitchers ?? null,
    published: run.published,
    createdAt: run.created_at,
    finishedAt: run.finished_at,
    publishedAt: run.published_at,
  });
}
