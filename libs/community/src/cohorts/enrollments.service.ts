import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { returning } from '@switchyard/database';
import { assertId, ConflictError, ForbiddenError, NotFoundError, requestScoped } from '@switchyard/graphql';
import { AuthUser, Role } from '@switchyard/identity';
import { NotificationsService } from '@switchyard/notifications';
import { CommunityAccess } from '../community-access';
import { CohortsService } from './cohorts.service';
import { CohortEnrollmentType, EnrollmentRole, EnrollmentStatus } from './cohort.types';

interface EnrollmentRow {
  id: string;
  cohort_id: string;
  user_id: string;
  role: EnrollmentRole;
  status: EnrollmentStatus;
  created_at: Date;
  decided_at: Date | null;
}

const ENROLLMENT_COLUMNS = 'e.id, e.cohort_id, e.user_id, e.role, e.status, e.created_at, e.decided_at';
/** Bounds Cohort.enrollments; far above the largest cohort (1,000 seats) plus its applicants. */
const ENROLLMENTS_LISTED_MAX = 5000;

function toEnrollment(row: EnrollmentRow): CohortEnrollmentType {
  return Object.assign(new CohortEnrollmentType(), {
    id: row.id,
    cohortId: row.cohort_id,
    userId: row.user_id,
    role: row.role,
    status: row.status,
    appliedAt: row.created_at,
    decidedAt: row.decided_at,
  });
}

/** A calendar date in the reader's language, e.g. "Mar 1, 2027" or "2027年3月1日". */
export function formatDate(date: string, locale: 'en' | 'zh-CN'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

const ACTIVE: readonly EnrollmentStatus[] = [EnrollmentStatus.APPLIED, EnrollmentStatus.ADMITTED];

/**
 * Switchers and mentors apply to a cohort, organizers admit or reject. Seats
 * count ADMITTED switchers only: mentors take no seats (their own capacity
 * limits them when matching publishes mentorships). Admissions of a cohort
 * are serialised on its row, so the seat limit holds under concurrency.
 */
@Injectable()
export class EnrollmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CommunityAccess,
    private readonly cohorts: CohortsService,
    private readonly notifications: NotificationsService,
  ) {}

  // ------------------------------------------------------------------ reads

  /** Your enrollments, newest first. */
  async mine(viewer: AuthUser): Promise<CohortEnrollmentType[]> {
    const rows = await this.dataSource.query<EnrollmentRow[]>(
      `SELECT ${ENROLLMENT_COLUMNS} FROM cohort_enrollments e WHERE e.user_id = $1 ORDER BY e.created_at DESC, e.id LIMIT 500`,
      [viewer.id],
    );
    return rows.map(toEnrollment);
  }

  /**
   * Enrollments of cohorts as the viewer may see them: organizers (and
   * administrators) see everyone's, others only their own.
   */
  visibleLoader(request: FastifyRequest, viewer: AuthUser): DataLoader<string, CohortEnrollmentType[]> {
    return requestScoped(request, 'cohort.visibleEnrollments', () =>
      new DataLoader<string, CohortEnrollmentType[]>(async (ids) => {
        const rows = await this.dataSource.query<EnrollmentRow[]>(
          `SELECT ${ENROLLMENT_COLUMNS} FROM cohort_enrollments e JOIN cohorts c ON c.id = e.cohort_id
            WHERE e.cohort_id = ANY($1)
              AND (e.user_id = $2 OR $3 OR EXISTS (SELECT 1 FROM community_organizers o WHERE o.community_id = c.community_id AND o.user_id = $2))
            ORDER BY e.created_at, e.id LIMIT ${ENROLLMENTS_LISTED_MAX * ids.length}`,
          [ids, viewer.id, viewer.roles.includes(Role.ADMIN)],
        );
        const byCohort = new Map<string, CohortEnrollmentType[]>(ids.map((id) => [id, []]));
        for (const row of rows) {
          const list = byCohort.get(row.cohort_id)!;
          if (list.length < ENROLLMENTS_LISTED_MAX) list.push(toEnrollment(row));
        }
        return ids.map((id) => byCohort.get(id)!);
      }),
    );
  }

  /**
   * The viewer's own enrollment in each cohort: an open one (APPLIED or
   * ADMITTED) if any, else the latest.
   */
  viewerLoader(request: FastifyRequest, viewer: AuthUser): DataLoader<string, CohortEnrollmentType | null> {
    return requestScoped(request, 'cohort.viewerEnrollment', () =>
      new DataLoader<string, CohortEnrollmentType | null>(async (ids) => {
        const rows = await this.dataSource.query<EnrollmentRow[]>(
          `SELECT DISTINCT ON (e.cohort_id) ${ENROLLMENT_COLUMNS} FROM cohort_enrollments e
            WHERE e.user_id = $1 AND e.cohort_id = ANY($2)
            ORDER BY e.cohort_id, (e.status IN ('APPLIED', 'ADMITTED')) DESC, e.created_at DESC`,
          [viewer.id, ids],
        );
        const byCohort = new Map(rows.map((r) => [r.cohort_id, toEnrollment(r)]));
        return ids.map((id) => byCohort.get(id) ?? null);
      }),
    );
  }

  // ---------------------------------------------------------------- changes

  /**
   * Applies to a cohort as a switcher or a mentor. In a PUBLIC community the
   * applicant becomes a member on the way; an INVITE_ONLY one needs an ACTIVE
   * membership first. Applying while APPLIED or ADMITTED returns the
   * enrollment unchanged; after WITHDRAWN it applies again; after REJECTED it
   * is CONFLICT (the organizers' decision stands; they can be asked directly).
   */
  async enroll(viewer: AuthUser, cohortId: string, as: EnrollmentRole): Promise<CohortEnrollmentType> {
    assertId(cohortId, 'cohortId');
    const role = as === EnrollmentRole.SWITCHER ? Role.SWITCHER : Role.MENTOR;
    if (!viewer.roles.includes(role)) throw new ForbiddenError(`Only people with the ${role} role can enroll as a ${as.toLowerCase()}.`);
    const row = await this.dataSource.transaction(async (manager) => {
      const [cohort] = await manager.query<{ id: string; community_id: string; visibility: string; ended: boolean }[]>(
        `SELECT c.id, c.community_id, co.visibility, c.ends_on < (now() AT TIME ZONE 'UTC')::date AS ended
           FROM cohorts c JOIN communities co ON co.id = c.community_id WHERE c.id = $1`,
        [cohortId],
      );
      if (!cohort) throw new NotFoundError('Cohort', cohortId);
      const profileTable = as === EnrollmentRole.SWITCHER ? 'switcher_profiles' : 'mentor_profiles';
      const [profile] = await manager.query(`SELECT 1 FROM ${profileTable} WHERE user_id = $1`, [viewer.id]);
      if (!profile) {
        throw new NotFoundError(
          as === EnrollmentRole.SWITCHER
            ? 'Your switcher profile (create it with upsertSwitcherProfile before enrolling)'
            : 'Your mentor profile (create it with upsertMentorProfile before enrolling)',
        );
      }
      const [member] = await manager.query<{ status: string }[]>('SELECT status FROM community_members WHERE community_id = $1 AND user_id = $2', [
        cohort.community_id,
        viewer.id,
      ]);
      if (member?.status !== 'ACTIVE') {
        if (cohort.visibility !== 'PUBLIC') {
          throw new ForbiddenError("This community is invite-only: join it and wait for an organizer's approval before enrolling.");
        }
        await manager.query(
          `INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'ACTIVE')
           ON CONFLICT (community_id, user_id) DO UPDATE SET status = 'ACTIVE'`,
          [cohort.community_id, viewer.id],
        );
      }
      const [existing] = await manager.query<EnrollmentRow[]>(
        `SELECT ${ENROLLMENT_COLUMNS} FROM cohort_enrollments e WHERE e.cohort_id = $1 AND e.user_id = $2 AND e.role = $3 FOR UPDATE`,
        [cohortId, viewer.id, as],
      );
      if (existing && ACTIVE.includes(existing.status)) return existing;
      if (existing?.status === EnrollmentStatus.REJECTED) {
        throw new ConflictError('The organizers did not admit you to this cohort; ask them directly if things have changed.', { reason: 'REJECTED' });
      }
      if (cohort.ended) throw new ConflictError('This cohort has ended.', { reason: 'COHORT_ENDED' });
      const [other] = await manager.query<{ role: string }[]>(
        `SELECT role FROM cohort_enrollments WHERE cohort_id = $1 AND user_id = $2 AND role <> $3 AND status IN ('APPLIED', 'ADMITTED')`,
        [cohortId, viewer.id, as],
      );
      if (other) {
        throw new ConflictError(`You are already enrolled in this cohort as a ${other.role.toLowerCase()}; withdraw that first.`, { reason: 'OTHER_ROLE' });
      }
      if (existing) {
        const [reapplied] = await returning<EnrollmentRow>(
          manager,
          `UPDATE cohort_enrollments e SET status = 'APPLIED', created_at = now(), decided_at = NULL WHERE e.id = $1 RETURNING ${ENROLLMENT_COLUMNS}`,
          [existing.id],
        );
        return reapplied;
      }
      const [created] = await manager.query<EnrollmentRow[]>(
        `INSERT INTO cohort_enrollments AS e (cohort_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (cohort_id, user_id, role) DO NOTHING RETURNING ${ENROLLMENT_COLUMNS}`,
        [cohortId, viewer.id, as],
      );
      if (created) return created;
      // The same application arrived twice at once: the other one made it.
      const [concurrent] = await manager.query<EnrollmentRow[]>(
        `SELECT ${ENROLLMENT_COLUMNS} FROM cohort_enrollments e WHERE e.cohort_id = $1 AND e.user_id = $2 AND e.role = $3`,
        [cohortId, viewer.id, as],
      );
      return concurrent;
    });
    return toEnrollment(row);
  }

  /** The applicant withdraws an application or gives up an admitted seat. Withdrawing twice changes nothing. */
  async withdraw(viewer: AuthUser, enrollmentId: string): Promise<CohortEnrollmentType> {
    assertId(enrollmentId, 'enrollmentId');
    const row = await this.dataSource.transaction(async (manager) => {
      const [enrollment] = await manager.query<EnrollmentRow[]>(`SELECT ${ENROLLMENT_COLUMNS} FROM cohort_enrollments e WHERE e.id = $1 FOR UPDATE`, [
        enrollmentId,
      ]);
      if (!enrollment) throw new NotFoundError('Enrollment', enrollmentId);
      if (enrollment.user_id !== viewer.id) throw new ForbiddenError('Only the applicant can withdraw an enrollment.');
      if (enrollment.status === EnrollmentStatus.WITHDRAWN) return enrollment;
      if (enrollment.status === EnrollmentStatus.REJECTED) {
        throw new ConflictError('This application was rejected; there is nothing to withdraw.', { reason: 'REJECTED' });
      }
      const [withdrawn] = await returning<EnrollmentRow>(
        manager,
        `UPDATE cohort_enrollments e SET status = 'WITHDRAWN' WHERE e.id = $1 RETURNING ${ENROLLMENT_COLUMNS}`,
        [enrollmentId],
      );
      return withdrawn;
    });
    return toEnrollment(row);
  }

  /** Organizers admit or reject an APPLIED enrollment; the applicant is told. */
  async decide(viewer: AuthUser, enrollmentId: string, admit: boolean): Promise<CohortEnrollmentType> {
    assertId(enrollmentId, 'enrollmentId');
    const [peek] = await this.dataSource.query<{ cohort_id: string; community_id: string }[]>(
      'SELECT e.cohort_id, c.community_id FROM cohort_enrollments e JOIN cohorts c ON c.id = e.cohort_id WHERE e.id = $1',
      [enrollmentId],
    );
    if (!peek) throw new NotFoundError('Enrollment', enrollmentId);
    await this.access.assertOrganizer(viewer, peek.community_id);
    const row = await this.dataSource.transaction(async (manager) => {
      const cohort = await this.cohorts.lockCohort(manager, peek.cohort_id);
      const [enrollment] = await manager.query<EnrollmentRow[]>(`SELECT ${ENROLLMENT_COLUMNS} FROM cohort_enrollments e WHERE e.id = $1 FOR UPDATE`, [
        enrollmentId,
      ]);
      if (enrollment.status !== EnrollmentStatus.APPLIED) {
        throw new ConflictError(`Only an open application can be decided; this one is ${enrollment.status.toLowerCase()}.`, {
          reason: 'NOT_APPLIED',
          status: enrollment.status,
        });
      }
      if (admit && enrollment.role === EnrollmentRole.SWITCHER && cohort.seats !== null) {
        const [{ taken }] = await manager.query<{ taken: number }[]>(
          `SELECT count(*)::int AS taken FROM cohort_enrollments WHERE cohort_id = $1 AND role = 'SWITCHER' AND status = 'ADMITTED'`,
          [cohort.id],
        );
        if (taken >= cohort.seats) {
          throw new ConflictError(`All ${cohort.seats} seats of this cohort are taken.`, { reason: 'COHORT_FULL', seats: cohort.seats });
        }
      }
      const [decided] = await returning<EnrollmentRow>(
        manager,
        `UPDATE cohort_enrollments e SET status = $2, decided_at = now() WHERE e.id = $1 RETURNING ${ENROLLMENT_COLUMNS}`,
        [enrollmentId, admit ? EnrollmentStatus.ADMITTED : EnrollmentStatus.REJECTED],
      );
      await this.notifications.notifyText(
        manager,
        decided.user_id,
        admit ? 'cohort.admitted' : 'cohort.rejected',
        { cohortId: cohort.id, enrollmentId, role: decided.role },
        (locale) => {
          const starts = formatDate(cohort.starts_on, locale);
          if (locale === 'zh-CN') {
            return admit
              ? { title: `你已被「${cohort.name}」录取`, body: `队列将于 ${starts} 开始。` }
              : { title: `「${cohort.name}」未录取你的申请`, body: '组织者这次没有录取你，欢迎申请以后的队列。' };
          }
          return admit
            ? { title: `You are admitted to ${cohort.name}`, body: `The cohort starts on ${starts}.` }
            : { title: `Your application to ${cohort.name} was not accepted`, body: 'The organizers did not admit you this time; later cohorts are open to you.' };
        },
      );
      return decided;
    });
    return toEnrollment(row);
  }
}
