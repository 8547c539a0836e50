import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { returning } from '@switchyard/database';
import { assertId, BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@switchyard/graphql';
import { AuthUser } from '@switchyard/identity';
import { NotificationsService } from '@switchyard/notifications';
import { Stage } from '@switchyard/profiles';
import { CommunityAccess } from '../community-access';
import { CohortsService, MILESTONE_COLUMNS, MILESTONE_ORDER, toMilestone } from './cohorts.service';
import { MilestoneProgressType, MilestoneStatus } from './cohort.types';
import { evidenceUrlProblem } from './evidence';

interface ProgressRow {
  id: string;
  cohort_id: string;
  stage: Stage;
  position: number;
  slug: string | null;
  title: string;
  title_zh: string | null;
  description: string | null;
  status: MilestoneStatus | null;
  evidence_url: string | null;
  completed_at: Date | null;
  updated_at: Date | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
}

const COMPLETION_COLUMNS = 'mc.status, mc.evidence_url, mc.completed_at, mc.updated_at, mc.reviewed_at, mc.reviewed_by';

function toProgress(row: ProgressRow, switcherId: string): MilestoneProgressType {
  return Object.assign(new MilestoneProgressType(), {
    milestone: toMilestone(row),
    switcherId,
    status: row.status ?? MilestoneStatus.NOT_STARTED,
    evidenceUrl: row.evidence_url,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
    reviewedAt: row.reviewed_at,
    reviewedById: row.reviewed_by,
  });
}

interface MilestoneContext {
  id: string;
  cohort_id: string;
  community_id: string;
  cohort_name: string;
  title: string;
  title_zh: string | null;
}

/**
 * Switchers admitted to a cohort mark its milestones done with an evidence
 * link; their mentor in the cohort or an organizer verifies or rejects it.
 * Evidence can be replaced until it is verified (a rejected milestone is
 * submitted again with new evidence).
 */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CommunityAccess,
    private readonly cohorts: CohortsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Every milestone of the cohort with the switcher's state; yours, or a switcher you organize or mentor in it. */
  async progress(request: FastifyRequest, viewer: AuthUser, cohortId: string, switcherId: string | null | undefined, field = 'cohortId') {
    assertId(cohortId, field);
    const subject = switcherId ?? viewer.id;
    assertId(subject, 'switcherId');
    const cohort = await this.cohorts.info(request, cohortId);
    if (subject !== viewer.id && !(await this.mayReview(this.dataSource.manager, viewer, cohort.communityId, cohortId, subject))) {
      throw new ForbiddenError("Only the switcher, their mentor in this cohort and the cohort's organizers can see this progress.");
    }
    const rows = await this.dataSource.query<ProgressRow[]>(
      `SELECT ${MILESTONE_COLUMNS}, ${COMPLETION_COLUMNS}
         FROM cohort_milestones m LEFT JOIN milestone_completions mc ON mc.milestone_id = m.id AND mc.switcher_id = $2
        WHERE m.cohort_id = $1 ORDER BY ${MILESTONE_ORDER}`,
      [cohortId, subject],
    );
    return rows.map((r) => toProgress(r, subject));
  }

  async complete(viewer: AuthUser, milestoneId: string, evidenceUrl: string): Promise<MilestoneProgressType> {
    assertId(milestoneId, 'milestoneId');
    const url = evidenceUrl.trim();
    const problem = evidenceUrlProblem(url);
    if (problem) throw BadUserInputError.field('evidenceUrl', problem);
    const row = await this.dataSource.transaction(async (manager) => {
      const milestone = await this.milestone(manager, milestoneId);
      const [admitted] = await manager.query(
        `SELECT 1 FROM cohort_enrollments WHERE cohort_id = $1 AND user_id = $2 AND role = 'SWITCHER' AND status = 'ADMITTED'`,
        [milestone.cohort_id, viewer.id],
      );
      if (!admitted) throw new ForbiddenError('Only switchers admitted to this cohort can complete its milestones.');
      const [existing] = await manager.query<{ status: MilestoneStatus }[]>(
        'SELECT status FROM milestone_completions WHERE milestone_id = $1 AND switcher_id = $2 FOR UPDATE',
        [milestoneId, viewer.id],
      );
      if (existing?.status === MilestoneStatus.VERIFIED) {
        throw new ConflictError('This milestone is already verified; its evidence can no longer change.', { reason: 'ALREADY_VERIFIED' });
      }
      await manager.query(
        `INSERT INTO milestone_completions (milestone_id, switcher_id, evidence_url) VALUES ($1, $2, $3)
         ON CONFLICT (milestone_id, switcher_id) DO UPDATE
           SET evidence_url = EXCLUDED.evidence_url, status = 'SUBMITTED', updated_at = now(), reviewed_by = NULL, reviewed_at = NULL`,
        [milestoneId, viewer.id, url],
      );
      // Mentors hear about new work to review, not about every edit of a link they were already told about.
      if (existing?.status !== MilestoneStatus.SUBMITTED) await this.tellMentors(manager, milestone, viewer.id);
      return this.progressRow(manager, milestoneId, viewer.id);
    });
    return toProgress(row, viewer.id);
  }

  async verify(viewer: AuthUser, milestoneId: string, switcherId: string, verified: boolean): Promise<MilestoneProgressType> {
    assertId(milestoneId, 'milestoneId');
    assertId(switcherId, 'switcherId');
    const row = await this.dataSource.transaction(async (manager) => {
      const milestone = await this.milestone(manager, milestoneId);
      if (!(await this.mayReview(manager, viewer, milestone.community_id, milestone.cohort_id, switcherId))) {
        throw new ForbiddenError("Only the switcher's mentor in this cohort and the cohort's organizers can verify milestones.");
      }
      const [completion] = await manager.query<{ status: MilestoneStatus }[]>(
        'SELECT status FROM milestone_completions WHERE milestone_id = $1 AND switcher_id = $2 FOR UPDATE',
        [milestoneId, switcherId],
      );
      if (!completion) {
        throw new ConflictError('The switcher has not completed this milestone yet; there is nothing to verify.', { reason: 'NOT_COMPLETED' });
      }
      const status = verified ? MilestoneStatus.VERIFIED : MilestoneStatus.REJECTED;
      if (completion.status !== status) {
        await returning(
          manager,
          `UPDATE milestone_completions SET status = $3, reviewed_by = $4, reviewed_at = now(), updated_at = now()
            WHERE milestone_id = $1 AND switcher_id = $2 RETURNING milestone_id`,
          [milestoneId, switcherId, status, viewer.id],
        );
        await this.notifications.notifyText(
          manager,
          switcherId,
          verified ? 'cohort.milestone_verified' : 'cohort.milestone_rejected',
          { cohortId: milestone.cohort_id, milestoneId },
          (locale) => {
            if (locale === 'zh-CN') {
              const title = milestone.title_zh ?? milestone.title;
              return verified
                ? { title: `里程碑已确认：${title}`, body: `你在「${milestone.cohort_name}」的这个里程碑已通过确认。` }
                : { title: `里程碑未通过：${title}`, body: '请补充或更换证明链接后重新提交。' };
            }
            return verified
              ? { title: `Milestone verified: ${milestone.title}`, body: `Your milestone in ${milestone.cohort_name} was verified.` }
              : { title: `Milestone not accepted: ${milestone.title}`, body: 'Add to your evidence or replace the link, then submit it again.' };
          },
        );
      }
      return this.progressRow(manager, milestoneId, switcherId);
    });
    return toProgress(row, switcherId);
  }

  /** Organizers of the cohort's community (and administrators), and the switcher's mentor in this cohort. */
  private async mayReview(manager: EntityManager, viewer: AuthUser, communityId: string, cohortId: string, switcherId: string): Promise<boolean> {
    if (await this.access.canManage(viewer, communityId, manager)) return true;
    const [mentorship] = await manager.query('SELECT 1 FROM mentorships WHERE cohort_id = $1 AND mentor_id = $2 AND switcher_id = $3', [
      cohortId,
      viewer.id,
      switcherId,
    ]);
    return Boolean(mentorship);
  }

  private async milestone(manager: EntityManager, milestoneId: string): Promise<MilestoneContext> {
    const [milestone] = await manager.query<MilestoneContext[]>(
      `SELECT m.id, m.cohort_id, c.community_id, c.name AS cohort_name, m.title, m.title_zh
         FROM cohort_milestones m JOIN cohorts c ON c.id = m.cohort_id WHERE m.id = $1`,
      [milestoneId],
    );
    if (!milestone) throw new NotFoundError('Milestone', milestoneId);
    return milestone;
  }

  private async progressRow(manager: EntityManager, milestoneId: string, switcherId: string): Promise<ProgressRow> {
    const [row] = await manager.query<ProgressRow[]>(
      `SELECT ${MILESTONE_COLUMNS}, ${COMPLETION_COLUMNS}
         FROM cohort_milestones m LEFT JOIN milestone_completions mc ON mc.milestone_id = m.id AND mc.switcher_id = $2
        WHERE m.id = $1`,
      [milestoneId, switcherId],
    );
    return row;
  }

  private async tellMentors(manager: EntityManager, milestone: MilestoneContext, switcherId: string): Promise<void> {
    const mentors = await manager.query<{ mentor_id: string; switcher_name: string }[]>(
      `SELECT m.mentor_id, u.display_name AS switcher_name FROM mentorships m JOIN users u ON u.id = m.switcher_id
        WHERE m.cohort_id = $1 AND m.switcher_id = $2 AND m.status IN ('ACTIVE', 'PAUSED')`,
      [milestone.cohort_id, switcherId],
    );
    for (const mentor of mentors) {
      await this.notifications.notifyText(
        manager,
        mentor.mentor_id,
        'cohort.milestone_submitted',
        { cohortId: milestone.cohort_id, milestoneId: milestone.id, switcherId },
        (locale) =>
          locale === 'zh-CN'
            ? { title: `${mentor.switcher_name} 完成了里程碑：${milestone.title_zh ?? milestone.title}`, body: '请查看证明链接并确认。' }
            : { title: `${mentor.switcher_name} completed a milestone: ${milestone.title}`, body: 'Review the evidence link and verify it.' },
      );
    }
  }
}
