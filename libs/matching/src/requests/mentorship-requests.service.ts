import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { assertId, BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@switchyard/graphql';
import { AuthUser, Role } from '@switchyard/identity';
import { NotificationsService } from '@switchyard/notifications';
import { returning } from '@switchyard/database';
import { JobName, JobPayload, QUEUES } from '@switchyard/queue';
import { MentorshipRequestType, MentorshipRow, MentorshipType, RequestRow, RequestStatus, toMentorship, toRequest } from './mentorship.types';

const REQUEST_COLUMNS = 'id, switcher_id, mentor_id, status, message, response_note, created_at, expires_at, responded_at, mentorship_id';

/** Called after a mentor's load changes, so recommendation indexes can refresh that mentor. */
export const MENTOR_CHANGED = Symbol('MENTOR_CHANGED');
export type MentorChanged = (mentorId: string) => Promise<void>;

/** Fresh recommendations for a switcher whose request expired (display names, best first). */
export const RECOMMEND_NAMES = Symbol('RECOMMEND_NAMES');
export type RecommendNames = (switcherId: string, count: number) => Promise<string[]>;

/**
 * The mentorship request lifecycle. Every state change locks the rows it
 * depends on, so capacity and the pending-request limit hold under
 * concurrency; notifications are written in the same transaction. Reminder
 * and expiry run as delayed jobs keyed by request id, and re-check the state,
 * so running one twice changes nothing.
 */
@Injectable()
export class MentorshipRequestsService {
  private readonly logger = new Logger(MentorshipRequestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.mentorship) private readonly queue: Queue,
    @InjectQueue(QUEUES.scheduling) private readonly scheduling: Queue,
    private readonly notifications: NotificationsService,
    @Inject(MENTOR_CHANGED) private readonly mentorChanged: MentorChanged,
    @Inject(RECOMMEND_NAMES) private readonly recommendNames: RecommendNames,
  ) {}

  async request(viewer: AuthUser, mentorId: string, message: string | null | undefined): Promise<MentorshipRequestType> {
    if (!viewer.roles.includes(Role.SWITCHER)) throw new ForbiddenError('Only switchers can ask for a mentor.');
    assertId(mentorId, 'mentorId');
    const text = message?.trim() || null;
    if (text && text.length > 1000) throw BadUserInputError.field('message', 'must be at most 1000 characters');
    if (mentorId === viewer.id) throw BadUserInputError.field('mentorId', 'cannot be yourself');

    const row = await this.dataSource.transaction(async (manager) => {
      // Lock order everywhere: switcher, then mentor profile, then requests.
      const [switcher] = await manager.query(
        `SELECT u.display_name, p.user_id AS profile FROM users u LEFT JOIN switcher_profiles p ON p.user_id = u.id WHERE u.id = $1 FOR NO KEY UPDATE OF u`,
        [viewer.id],
      );
      if (!switcher?.profile) throw new NotFoundError('Your switcher profile (create it with upsertSwitcherProfile before asking for a mentor)');
      const [mentor] = await manager.query(
        `SELECT capacity, accepting_mentees,
                (SELECT count(*)::int FROM mentorships m WHERE m.mentor_id = p.user_id AND m.status = 'ACTIVE') AS active
           FROM mentor_profiles p WHERE p.user_id = $1 FOR NO KEY UPDATE`,
        [mentorId],
      );
      if (!mentor) throw new NotFoundError('Mentor', mentorId);
      if (!mentor.accepting_mentees) throw new ConflictError('This mentor is not taking new mentees right now.', { reason: 'NOT_ACCEPTING' });
      if (mentor.active >= mentor.capacity) throw new ConflictError('This mentor has no free place right now.', { reason: 'AT_CAPACITY' });
      const [existing] = await manager.query(
        `SELECT 'request' AS kind FROM mentorship_requests WHERE switcher_id = $1 AND mentor_id = $2 AND status = 'PENDING'
         UNION ALL
         SELECT 'mentorship' FROM mentorships WHERE switcher_id = $1 AND mentor_id = $2 AND status IN ('ACTIVE', 'PAUSED')`,
        [viewer.id, mentorId],
      );
      if (existing?.kind === 'request') throw new ConflictError('You already asked this mentor; wait for the answer.', { reason: 'ALREADY_REQUESTED' });
      if (existing?.kind === 'mentorship') throw new ConflictError('This mentor already mentors you.', { reason: 'ALREADY_MATCHED' });
      const [{ pending }] = await manager.query(
        `SELECT count(*)::int AS pending FROM mentorship_requests WHERE switcher_id = $1 AND status = 'PENDING'`,
        [viewer.id],
      );
      const limit = this.config.mentorship.maxPendingRequests;
      if (pending >= limit) {
        throw new ConflictError(`You have ${pending} open requests, the most at once; withdraw one or wait for answers.`, {
          reason: 'TOO_MANY_PENDING',
        });
      }
      const [created] = await manager.query<RequestRow[]>(
        `INSERT INTO mentorship_requests (switcher_id, mentor_id, message, expires_at)
         VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') RETURNING ${REQUEST_COLUMNS}`,
        [viewer.id, mentorId, text, this.config.mentorship.requestTtlMs],
      );
      await this.notifications.notify(manager, mentorId, 'mentorship.requested', {
        requestId: created.id,
        switcherName: switcher.display_name,
        note: text,
      });
      return created;
    });

    await this.scheduleLifecycle(row);
    return toRequest(row);
  }

  async respond(viewer: AuthUser, requestId: string, accept: boolean, note: string | null | undefined): Promise<MentorshipRequestType> {
    assertId(requestId, 'requestId');
    const text = note?.trim() || null;
    if (text && text.length > 1000) throw BadUserInputError.field('note', 'must be at most 1000 characters');
    const row = await this.dataSource.transaction(async (manager) => {
      const [peek] = await manager.query<RequestRow[]>(`SELECT ${REQUEST_COLUMNS} FROM mentorship_requests WHERE id = $1`, [requestId]);
      if (!peek || peek.mentor_id !== viewer.id) throw new NotFoundError('Mentorship request', requestId);
      // The mentor's profile row serialises accepts, so capacity holds however many arrive at once.
      const [mentor] = await manager.query(
        `SELECT p.capacity, u.display_name FROM mentor_profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = $1 FOR NO KEY UPDATE OF p`,
        [viewer.id],
      );
      const [request] = await manager.query<RequestRow[]>(`SELECT ${REQUEST_COLUMNS} FROM mentorship_requests WHERE id = $1 FOR UPDATE`, [requestId]);
      this.assertPending(request);
      if (request.expires_at.getTime() <= Date.now()) throw new ConflictError('This request has expired.', { reason: 'EXPIRED' });

      let mentorshipId: string | null = null;
      if (accept) {
        const [{ active }] = await manager.query(
          `SELECT count(*)::int AS active FROM mentorships WHERE mentor_id = $1 AND status = 'ACTIVE'`,
          [viewer.id],
        );
        if (!mentor || active >= mentor.capacity) {
          throw new ConflictError('You are at capacity; raise your capacity or finish a mentorship first.', { reason: 'AT_CAPACITY' });
        }
        const [mentorship] = await manager.query(
          `INSERT INTO mentorships (mentor_id, switcher_id) VALUES ($1, $2) RETURNING id`,
          [viewer.id, request.switcher_id],
        );
        mentorshipId = mentorship.id;
      }
      const [updated] = await returning<RequestRow>(
        manager,
        `UPDATE mentorship_requests SET status = $2, responded_at = now(), response_note = $3, mentorship_id = $4
          WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
        [requestId, accept ? RequestStatus.ACCEPTED : RequestStatus.DECLINED, text, mentorshipId],
      );
      await this.notifications.notify(manager, request.switcher_id, accept ? 'mentorship.accepted' : 'mentorship.declined', {
        requestId,
        mentorshipId: mentorshipId ?? undefined,
        mentorName: mentor?.display_name,
        note: text,
      });
      return updated;
    });
    await this.cancelLifecycle(requestId);
    if (accept) {
      await this.mentorChanged(viewer.id);
      await this.startScheduling(row.mentorship_id!);
    }
    return toRequest(row);
  }

  async withdraw(viewer: AuthUser, requestId: string): Promise<MentorshipRequestType> {
    assertId(requestId, 'requestId');
    const row = await this.dataSource.transaction(async (manager) => {
      const [request] = await manager.query<RequestRow[]>(`SELECT ${REQUEST_COLUMNS} FROM mentorship_requests WHERE id = $1 FOR UPDATE`, [requestId]);
      if (!request || request.switcher_id !== viewer.id) throw new NotFoundError('Mentorship request', requestId);
      this.assertPending(request);
      const [updated] = await returning<RequestRow>(
        manager,
        `UPDATE mentorship_requests SET status = 'WITHDRAWN', responded_at = now() WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
        [requestId],
      );
      const [switcher] = await manager.query('SELECT display_name FROM users WHERE id = $1', [viewer.id]);
      await this.notifications.notify(manager, request.mentor_id, 'mentorship.request.withdrawn', {
        requestId,
        switcherName: switcher.display_name,
      });
      return updated;
    });
    await this.cancelLifecycle(requestId);
    return toRequest(row);
  }

  async myRequests(viewer: AuthUser, status: RequestStatus | null | undefined): Promise<MentorshipRequestType[]> {
    const rows = await this.dataSource.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM mentorship_requests
        WHERE (switcher_id = $1 OR mentor_id = $1) AND ($2::text IS NULL OR status = $2)
        ORDER BY created_at DESC, id DESC LIMIT 200`,
      [viewer.id, status ?? null],
    );
    return rows.map(toRequest);
  }

  async myMentorships(viewer: AuthUser): Promise<MentorshipType[]> {
    const rows = await this.dataSource.query<MentorshipRow[]>(
      `SELECT id, mentor_id, switcher_id, status, cadence, started_at FROM mentorships
        WHERE mentor_id = $1 OR switcher_id = $1 ORDER BY started_at DESC, id DESC LIMIT 200`,
      [viewer.id],
    );
    return rows.map(toMentorship);
  }

  async mentorship(id: string): Promise<MentorshipType | null> {
    const [row] = await this.dataSource.query<MentorshipRow[]>(
      'SELECT id, mentor_id, switcher_id, status, cadence, started_at FROM mentorships WHERE id = $1',
      [id],
    );
    return row ? toMentorship(row) : null;
  }

  // ------------------------------------------------------------- background

  /** Reminds the mentor once, if the request is still pending and not yet reminded. */
  async remind(requestId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [request] = await returning<{ switcher_id: string; mentor_id: string }>(
        manager,
        `UPDATE mentorship_requests SET reminded_at = now()
          WHERE id = $1 AND status = 'PENDING' AND reminded_at IS NULL AND expires_at > now()
          RETURNING switcher_id, mentor_id`,
        [requestId],
      );
      if (!request) return false;
      const [switcher] = await manager.query('SELECT display_name FROM users WHERE id = $1', [request.switcher_id]);
      await this.notifications.notify(manager, request.mentor_id, 'mentorship.request.reminder', {
        requestId,
        switcherName: switcher.display_name,
      });
      return true;
    });
  }

  /**
   * Expires one request if it is pending and due. The conditional UPDATE is
   * the claim: a second run (a retry, a duplicate job, the sweeper) finds
   * nothing to update and tells nobody twice.
   */
  async expire(requestId: string): Promise<boolean> {
    const expired = await this.dataSource.transaction(async (manager) => this.expireInTransaction(manager, requestId));
    if (expired) await this.notifyExpired(expired);
    return expired !== null;
  }

  /** The sweeper: expires every overdue pending request (jobs lost from Redis, clock skew). */
  async expireOverdue(): Promise<number> {
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM mentorship_requests WHERE status = 'PENDING' AND expires_at <= now() ORDER BY expires_at LIMIT 1000`,
    );
    let count = 0;
    for (const { id } of due) if (await this.expire(id)) count += 1;
    return count;
  }

  private async expireInTransaction(manager: EntityManager, requestId: string) {
    const [request] = await returning<{ id: string; switcher_id: string; mentor_id: string }>(
      manager,
      `UPDATE mentorship_requests SET status = 'EXPIRED', responded_at = now()
        WHERE id = $1 AND status = 'PENDING' AND expires_at <= now()
        RETURNING id, switcher_id, mentor_id`,
      [requestId],
    );
    return request ?? null;
  }

  /**
   * Fresh recommendations need the matching index, so they are computed after
   * the expiry committed; the notification is then its own small transaction.
   */
  private async notifyExpired(request: { id: string; switcher_id: string; mentor_id: string }): Promise<void> {
    const recommendations = await this.recommendNames(request.switcher_id, 3).catch((error: Error) => {
      this.logger.warn(`no recommendations for an expired request: ${error.message}`);
      return [];
    });
    await this.dataSource.transaction(async (manager) => {
      const [mentor] = await manager.query('SELECT display_name FROM users WHERE id = $1', [request.mentor_id]);
      await this.notifications.notify(manager, request.switcher_id, 'mentorship.request.expired', {
        requestId: request.id,
        mentorName: mentor?.display_name,
        recommendations,
      });
    });
  }

  private assertPending(request: RequestRow | undefined): asserts request is RequestRow {
    if (!request) throw new NotFoundError('Mentorship request');
    if (request.status !== RequestStatus.PENDING) {
      throw new ConflictError(`This request is already ${request.status.toLowerCase()}.`, { reason: request.status });
    }
  }

  private async scheduleLifecycle(row: RequestRow): Promise<void> {
    const ttl = row.expires_at.getTime() - Date.now();
    try {
      await this.add('remind-request', { requestId: row.id }, Math.max(0, Math.floor(ttl / 2)), `remind-${row.id}`);
      await this.add('expire-request', { requestId: row.id }, Math.max(0, ttl), `expire-${row.id}`);
    } catch (error) {
      // The request is committed; the periodic sweeper expires it even without these jobs.
      this.logger.warn(`could not schedule the lifecycle jobs of request ${row.id}: ${(error as Error).message}`);
    }
  }

  private async cancelLifecycle(requestId: string): Promise<void> {
    // Best effort: the jobs re-check the state and do nothing for an answered request.
    await Promise.all([this.queue.remove(`remind-${requestId}`), this.queue.remove(`expire-${requestId}`)]).catch(() => undefined);
  }

  /** Background scheduling books the first sessions (the daily top-up catches a lost job). */
  private async startScheduling(mentorshipId: string): Promise<void> {
    const data: JobPayload<'scheduling', 'schedule-mentorship'> = { mentorshipId };
    await this.scheduling.add('schedule-mentorship', data, { jobId: `schedule-${mentorshipId}-start` }).catch((error: Error) => {
      this.logger.warn(`could not enqueue scheduling of mentorship ${mentorshipId}: ${error.message}`);
    });
  }

  private add<N extends JobName<'mentorship'>>(name: N, data: JobPayload<'mentorship', N>, delay: number, jobId: string) {
    return this.queue.add(name, data, { delay, jobId });
  }
}
