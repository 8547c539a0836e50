import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@switchyard/graphql';
import { AuthUser, Role } from '@switchyard/identity';
import { MentorChanges } from '@switchyard/profiles';
import { returning } from '@switchyard/database';
import { QUEUES } from '@switchyard/queue';
import { assignmentMetrics, solveGreedy, solveOptimalCertified, solveStable, type CohortInstance } from '../cohort';
import { FeaturesRepository } from '../features.repository';
import { RecommendationsService } from '../recommendations.service';
import { RecommendationIndex } from '../index/recommendation-index';
import { CohortType, MatchMode, MatchPairType, MatchRunStatus, MatchRunType } from './cohort-runs.types';

/** Candidates listed per switcher: enough that the optimum rarely needs more (OPTIMAL widens the lists when it does), sparse enough to be fast. */
const CANDIDATES_PER_SWITCHER = 100;

interface RunRow {
  id: string;
  cohort_id: string;
  mode: MatchMode;
  status: MatchRunStatus;
  min_score: number | null;
  metrics: Record<string, unknown> | null;
  error: string | null;
  duration_ms: number | null;
  created_at: Date;
}

function toRun(row: RunRow): MatchRunType {
  const m = (row.metrics ?? {}) as Record<string, never>;
  return Object.assign(new MatchRunType(), {
    id: row.id,
    cohortId: row.cohort_id,
    mode: row.mode,
    status: row.status,
    minScoreThreshold: row.min_score,
    totalScore: m.totalScore ?? null,
    meanScore: m.meanScore ?? null,
    minScore: m.minScore ?? null,
    p10Score: m.p10Score ?? null,
    unmatchedSwitchers: m.unmatchedSwitchers ?? null,
    blockingPairs: m.blockingPairs ?? null,
    mentorLoadSpread: m.mentorLoadSpread ?? null,
    greedyTotalScore: m.greedyTotalScore ?? null,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: row.created_at,
  });
}

/**
 * Cohort-wide matching: the worker scores every admitted switcher against every
 * admitted mentor with the recommendation scorer, solves the assignment
 * (OPTIMAL or STABLE), and stores the pairs for organizers to review; publishing
 * creates all the mentorships in one transaction.
 */
@Injectable()
export class CohortRunsService {
  private readonly logger = new Logger(CohortRunsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
    @InjectQueue(QUEUES.scheduling) private readonly scheduling: Queue,
    private readonly features: FeaturesRepository,
    private readonly recommendations: RecommendationsService,
    private readonly mentorChanges: MentorChanges,
  ) {}

  async cohort(id: string): Promise<CohortType | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, community_id, name, target_field_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
         FROM cohorts WHERE id = $1`,
      [id],
    );
    return row
      ? Object.assign(new CohortType(), {
          id: row.id,
          communityId: row.community_id,
          name: row.name,
          targetFieldId: row.target_field_id,
          startsOn: row.starts_on,
          endsOn: row.ends_on,
        })
      : null;
  }

  async start(viewer: AuthUser, cohortId: string, mode: MatchMode, minScore: number | null | undefined): Promise<MatchRunType> {
    if (!/^[0-9a-f-]{36}$/i.test(cohortId)) throw BadUserInputError.field('cohortId', 'is not an id');
    if (minScore !== null && minScore !== undefined && !(minScore >= 0 && minScore <= 100)) {
      throw BadUserInputError.field('minScore', 'must be between 0 and 100');
    }
    await this.assertOrganizer(viewer, cohortId);
    const [row] = await this.dataSource.query<RunRow[]>(
      `INSERT INTO match_runs (cohort_id, mode, min_score, requested_by) VALUES ($1, $2, $3, $4) RETURNING *`,
      [cohortId, mode, minScore ?? null, viewer.id],
    );
    await this.queue.add('run-cohort-matching', { runId: row.id }, { jobId: `run-${row.id}` });
    return toRun(row);
  }

  async get(viewer: AuthUser, runId: string): Promise<MatchRunType | null> {
    if (!/^[0-9a-f-]{36}$/i.test(runId)) throw BadUserInputError.field('id', 'is not an id');
    const [row] = await this.dataSource.query<RunRow[]>('SELECT * FROM match_runs WHERE id = $1', [runId]);
    if (!row) return null;
    await this.assertOrganizer(viewer, row.cohort_id);
    return toRun(row);
  }

  async pairs(runId: string): Promise<MatchPairType[]> {
    const rows = await this.dataSource.query('SELECT switcher_id, mentor_id, score FROM match_pairs WHERE run_id = $1 ORDER BY score DESC, switcher_id', [runId]);
    return rows.map((r: { switcher_id: string; mentor_id: string; score: number }) =>
      Object.assign(new MatchPairType(), { switcherId: r.switcher_id, mentorId: r.mentor_id, score: r.score }),
    );
  }

  /** The worker's part. Safe to run twice: only a QUEUED run is claimed. */
  async execute(runId: string): Promise<void> {
    const [run] = await returning<RunRow>(
      this.dataSource,
      `UPDATE match_runs SET status = 'RUNNING' WHERE id = $1 AND status = 'QUEUED' RETURNING *`,
      [runId],
    );
    if (!run) return;
    const started = performance.now();
    try {
      const { instance, greedyTotal, assignment, solveOptions } = await this.solve(run);
      // Same threshold as the solve, so below-threshold candidates are not counted as blocking pairs.
      const metrics = { ...assignmentMetrics(instance, assignment, solveOptions), greedyTotalScore: greedyTotal };
      const durationMs = Math.round(performance.now() - started);
      await this.dataSource.transaction(async (manager) => {
        if (assignment.pairs.length > 0) {
          await manager.query(
            `INSERT INTO match_pairs (run_id, switcher_id, mentor_id, score) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::real[])`,
            [
              runId,
              assignment.pairs.map((p) => instance.switchers[p.switcher]),
              assignment.pairs.map((p) => instance.mentors[p.mentor].id),
              assignment.pairs.map((p) => p.score),
            ],
          );
        }
        await manager.query(
          `UPDATE match_runs SET status = 'SUCCEEDED', metrics = $2, duration_ms = $3, finished_at = now() WHERE id = $1`,
          [runId, JSON.stringify(metrics), durationMs],
        );
      });
      this.logger.log(`match run ${runId}: ${assignment.pairs.length} pairs in ${durationMs} ms`);
    } catch (error) {
      await this.dataSource.query(`UPDATE match_runs SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1`, [
        runId,
        (error as Error).message.slice(0, 500),
      ]);
      throw error;
    }
  }

  /** Creates every mentorship of the run, or none. */
  async publish(viewer: AuthUser, runId: string): Promise<MatchRunType> {
    if (!/^[0-9a-f-]{36}$/i.test(runId)) throw BadUserInputError.field('matchRunId', 'is not an id');
    const [peek] = await this.dataSource.query<RunRow[]>('SELECT * FROM match_runs WHERE id = $1', [runId]);
    if (!peek) throw new NotFoundError('Match run', runId);
    await this.assertOrganizer(viewer, peek.cohort_id);
    const { row, mentorIds, mentorshipIds } = await this.dataSource.transaction(async (manager) => {
      const [run] = await manager.query<RunRow[]>('SELECT * FROM match_runs WHERE id = $1 FOR UPDATE', [runId]);
      if (run.status !== MatchRunStatus.SUCCEEDED) {
        throw new ConflictError(`Only a finished run can be published; this one is ${run.status.toLowerCase()}.`, { reason: run.status });
      }
      const pairs: { switcher_id: string; mentor_id: string }[] = await manager.query(
        'SELECT switcher_id, mentor_id FROM match_pairs WHERE run_id = $1 ORDER BY mentor_id, switcher_id',
        [runId],
      );
      const mentors = [...new Set(pairs.map((p) => p.mentor_id))].sort();
      // Same lock as accepting a request, in a fixed order, so capacity holds against both.
      const loads = await manager.query(
        `SELECT p.user_id, p.capacity,
                (SELECT count(*)::int FROM mentorships m WHERE m.mentor_id = p.user_id AND m.status = 'ACTIVE') AS active
           FROM mentor_profiles p WHERE p.user_id = ANY($1) ORDER BY p.user_id FOR NO KEY UPDATE OF p`,
        [mentors],
      );
      const byMentor = new Map<string, { capacity: number; active: number }>(loads.map((l: { user_id: string; capacity: number; active: number }) => [l.user_id, l]));
      for (const mentorId of mentors) {
        const load = byMentor.get(mentorId);
        const adding = pairs.filter((p) => p.mentor_id === mentorId).length;
        if (!load || load.active + adding > load.capacity) {
          throw new ConflictError('A mentor in this run no longer has room for all their pairs; run the matching again.', {
            reason: 'AT_CAPACITY',
            mentorId,
          });
        }
      }
      const created = await manager.query<{ id: string }[]>(
        `INSERT INTO mentorships (mentor_id, switcher_id, cohort_id) SELECT m, s, $3 FROM unnest($1::uuid[], $2::uuid[]) AS t(m, s) RETURNING id`,
        [pairs.map((p) => p.mentor_id), pairs.map((p) => p.switcher_id), run.cohort_id],
      );
      const [published] = await returning<RunRow>(
        manager,
        `UPDATE match_runs SET status = 'PUBLISHED', published_at = now() WHERE id = $1 RETURNING *`,
        [runId],
      );
      return { row: published, mentorIds: mentors, mentorshipIds: created.map((c) => c.id) };
    });
    for (const mentorId of mentorIds) await this.mentorChanges.changed(mentorId);
    // Background scheduling books every new pair's first sessions; the daily top-up covers a lost job.
    const jobs = mentorshipIds.map((mentorshipId) => ({ name: 'schedule-mentorship', data: { mentorshipId }, opts: { jobId: `schedule-${mentorshipId}-start` } }));
    await this.scheduling.addBulk(jobs).catch((error: Error) => this.logger.warn(`could not enqueue scheduling of published run ${runId}: ${error.message}`));
    return toRun(row);
  }

  private async solve(run: RunRow) {
    const members = await this.dataSource.query<{ user_id: string; role: 'SWITCHER' | 'MENTOR' }[]>(
      `SELECT user_id, role FROM cohort_enrollments WHERE cohort_id = $1 AND status = 'ADMITTED' ORDER BY user_id`,
      [run.cohort_id],
    );
    const switcherIds = members.filter((m) => m.role === 'SWITCHER').map((m) => m.user_id);
    const mentorFeatures = await this.features.mentors(members.filter((m) => m.role === 'MENTOR').map((m) => m.user_id));
    const switchers = await this.features.switchers(switcherIds);
    const options = this.recommendations.options();
    // Each switcher's best mentors by the recommendation index (exactly the reference scores,
    // no texts). Ties go to the lower mentor id; mentors come ordered by id, so also to the
    // lower mentor index.
    const index = new RecommendationIndex({ weekStart: options.weekStart, weeks: options.weeks, skillIds: [], fieldIds: [] });
    for (const mentor of mentorFeatures) index.upsert(mentor);
    const scorer = index.cohort(options, mentorFeatures.map((m) => m.id));
    const lists: CohortInstance = {
      switchers: switchers.map((s) => s.id),
      mentors: mentorFeatures.map((m) => ({ id: m.id, capacity: Math.max(0, m.capacity - m.activeMentees) })),
      candidates: scorer.candidateRows(switchers, CANDIDATES_PER_SWITCHER),
    };
    const solveOptions = { minScore: run.min_score ?? undefined };
    // OPTIMAL is proven optimal over every pair, not only the lists: the pairs they leave
    // out are checked against the solver's prices, and added where they could improve it.
    const { instance, assignment } =
      run.mode === MatchMode.STABLE
        ? { instance: lists, assignment: solveStable(lists, solveOptions) }
        : solveOptimalCertified(
            lists,
            {
              listLength: CANDIDATES_PER_SWITCHER,
              scale: 10,
              scores: (s, mentors, floors) => scorer.scores(switchers[s], mentors, floors),
              admissible: (s) => scorer.admissible(switchers[s]),
            },
            solveOptions,
          );
    const greedyTotal = assignmentMetrics(instance, solveGreedy(instance, solveOptions), solveOptions).totalScore;
    return { instance, assignment, greedyTotal, solveOptions };
  }

  private async assertOrganizer(viewer: AuthUser, cohortId: string): Promise<void> {
    const [cohort] = await this.dataSource.query(
      `SELECT c.id, EXISTS (SELECT 1 FROM community_organizers o WHERE o.community_id = c.community_id AND o.user_id = $2) AS organizer
         FROM cohorts c WHERE c.id = $1`,
      [cohortId, viewer.id],
    );
    if (!cohort) throw new NotFoundError('Cohort', cohortId);
    if (!cohort.organizer && !viewer.roles.includes(Role.ADMIN)) throw new ForbiddenError("Only the cohort's organizers can do this.");
  }
}
