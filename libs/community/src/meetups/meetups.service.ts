import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { assertId, BadUserInputError, ConflictError, Connection, decodeCursor, FieldProblem, ForbiddenError, isId, NotFoundError, pageSize, requestScoped, toConnection } from '@switchyard/graphql';
import { returning } from '@switchyard/database';
import { AuthUser, Role } from '@switchyard/identity';
import { NotificationsService } from '@switchyard/notifications';
import { TaxonomyService } from '@switchyard/profiles';
import { CommunityAccess } from '../community-access';
import { CreateMeetupInput } from './meetup.inputs';
import { MeetupRemindersService } from './meetup-reminders.service';
import { meetupTexts } from './meetup-texts';
import {
  MEETUP_COLUMNS,
  MeetupKind,
  MeetupRow,
  MeetupStatus,
  MeetupType,
  RSVP_SELECT,
  RsvpRow,
  RsvpStatus,
  RsvpType,
  meetupColumns,
  toMeetup,
  toRsvp,
} from './meetup.types';

export const CANCEL_REASON_MAX = 500;
/** myRsvps is a plain list: bounded so a very active member cannot ask for an unbounded answer. */
const MY_RSVPS_LIMIT = 500;

/** A meetup row with what the viewer may do in its community. */
interface AccessRow extends MeetupRow {
  visibility: 'PUBLIC' | 'INVITE_ONLY';
  is_member: boolean;
  is_organizer: boolean;
}

export interface MeetupCounts {
  going: number;
  waitlisted: number;
}

export interface MeetupTopics {
  fieldIds: string[];
  skillIds: string[];
}

/**
 * Meetups of a community, RSVPs and the waitlist.
 *
 * Capacity and waitlist order hold under any number of concurrent requests
 * because every change to a meetup's RSVPs (rsvp, cancelRsvp, cancelMeetup)
 * first locks the meetup row: within one meetup they run one at a time, each
 * seeing every earlier one's seats and queue.
 */
@Injectable()
export class MeetupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CommunityAccess,
    private readonly taxonomy: TaxonomyService,
    private readonly notifications: NotificationsService,
    private readonly reminders: MeetupRemindersService,
  ) {}

  // ------------------------------------------------------------ organizers

  async create(viewer: AuthUser, input: CreateMeetupInput): Promise<MeetupType> {
    const topics = await this.topicIds(input);
    const row = await this.dataSource.transaction(async (manager) => {
      await this.access.assertOrganizer(viewer, input.communityId, manager);
      const [created] = await manager.query<MeetupRow[]>(
        `INSERT INTO meetups (community_id, kind, title, description, starts_at, ends_at, time_zone, location, online_url, capacity, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${MEETUP_COLUMNS}`,
        [
          input.communityId,
          input.kind ?? MeetupKind.OTHER,
          input.title,
          input.description || null,
          input.startsAt,
          input.endsAt,
          input.timeZone,
          input.location || null,
          input.onlineUrl || null,
          input.capacity,
          viewer.id,
        ],
      );
      if (topics.fieldIds.length > 0) {
        await manager.query('INSERT INTO meetup_fields (meetup_id, field_id) SELECT $1, unnest($2::uuid[])', [created.id, topics.fieldIds]);
      }
      if (topics.skillIds.length > 0) {
        await manager.query('INSERT INTO meetup_skills (meetup_id, skill_id) SELECT $1, unnest($2::uuid[])', [created.id, topics.skillIds]);
      }
      return created;
    });
    await this.reminders.schedule(row);
    return toMeetup(row);
  }

  async cancel(viewer: AuthUser, meetupId: string, reason: string | null | undefined): Promise<MeetupType> {
    assertId(meetupId, 'meetupId');
    const text = reason?.trim() || null;
    if (text && text.length > CANCEL_REASON_MAX) throw BadUserInputError.field('reason', `must be at most ${CANCEL_REASON_MAX} characters`);
    const { updated, previous } = await this.dataSource.transaction(async (manager) => {
      const meetup = await this.accessRow(manager, viewer, meetupId, true);
      if (!meetup.is_organizer && !isAdmin(viewer)) throw new ForbiddenError('Only the organizers of this community can cancel its meetups.');
      if (meetup.status === MeetupStatus.CANCELLED) throw new ConflictError('This meetup is already cancelled.', { reason: 'ALREADY_CANCELLED' });
      assertNotStarted(meetup);
      const [row] = await returning<MeetupRow>(
        manager,
        `UPDATE meetups SET status = 'CANCELLED', version = version + 1, cancel_reason = $2, cancelled_at = now(), updated_at = now()
          WHERE id = $1 RETURNING ${MEETUP_COLUMNS}`,
        [meetupId, text],
      );
      // RSVPs stay as they were (GOING attendees keep their calendar link, which now says CANCEL); the meetup's status closes them.
      const told = await manager.query<{ user_id: string }[]>(
        `SELECT user_id FROM meetup_rsvps WHERE meetup_id = $1 AND status IN ('GOING', 'WAITLISTED') ORDER BY queue_seq`,
        [meetupId],
      );
      const render = meetupTexts.cancelled({ title: row.title, startsAt: row.starts_at }, text);
      const data = { meetupId, communityId: row.community_id, startsAt: row.starts_at.toISOString(), reason: text };
      for (const { user_id } of told) await this.notifications.notifyText(manager, user_id, 'meetup.cancelled', data, render);
      return { updated: row, previous: meetup };
    });
    await this.reminders.unschedule(previous);
    return toMeetup(updated);
  }

  // ----------------------------------------------------------------- RSVPs

  /**
   * GOING while seats remain and nobody waits, else WAITLISTED at the end of
   * the queue. Asking again returns the current RSVP unchanged; someone who
   * left and comes back queues afresh.
   */
  async rsvp(viewer: AuthUser, meetupId: string): Promise<RsvpType> {
    assertId(meetupId, 'meetupId');
    const row = await this.dataSource.transaction(async (manager) => {
      const meetup = await this.accessRow(manager, viewer, meetupId, true);
      assertOpen(meetup);
      const [current] = await manager.query<{ status: RsvpStatus }[]>(
        'SELECT status FROM meetup_rsvps WHERE meetup_id = $1 AND user_id = $2 FOR UPDATE',
        [meetupId, viewer.id],
      );
      if (current && current.status !== RsvpStatus.CANCELLED) return this.rsvpRow(manager, meetupId, viewer.id);
      if (!meetup.is_member && !meetup.is_organizer) {
        if (meetup.visibility !== 'PUBLIC') {
          throw new ForbiddenError('This community is invite-only: only its members can RSVP. Ask to join it first.');
        }
        // Coming to a public community's meetup makes you a member of it.
        await manager.query(
          `INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'ACTIVE')
           ON CONFLICT (community_id, user_id) DO UPDATE SET status = 'ACTIVE'`,
          [meetup.community_id, viewer.id],
        );
      }
      const [counts] = await manager.query<MeetupCounts[]>(
        `SELECT count(*) FILTER (WHERE status = 'GOING')::int AS going, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted
           FROM meetup_rsvps WHERE meetup_id = $1`,
        [meetupId],
      );
      // Nobody jumps the queue: a free seat with people waiting belongs to the first of them.
      const status = counts.going < meetup.capacity && counts.waitlisted === 0 ? RsvpStatus.GOING : RsvpStatus.WAITLISTED;
      await manager.query(
        `INSERT INTO meetup_rsvps (meetup_id, user_id, status) VALUES ($1, $2, $3)
         ON CONFLICT (meetup_id, user_id) DO UPDATE
           SET status = EXCLUDED.status, queue_seq = nextval('meetup_rsvps_queue_seq'), joined_at = now(),
               promoted_at = NULL, cancelled_at = NULL, updated_at = now()`,
        [meetupId, viewer.id, status],
      );
      return this.rsvpRow(manager, meetupId, viewer.id);
    });
    return toRsvp(row);
  }

  /**
   * Leaves the meetup. A GOING person's seat goes to the first person on the
   * waitlist in the same transaction, and they are told. Leaving twice
   * returns the cancelled RSVP unchanged.
   */
  async cancelRsvp(viewer: AuthUser, meetupId: string): Promise<RsvpType> {
    assertId(meetupId, 'meetupId');
    const row = await this.dataSource.transaction(async (manager) => {
      const meetup = await this.accessRow(manager, viewer, meetupId, true);
      const [current] = await manager.query<{ status: RsvpStatus }[]>(
        'SELECT status FROM meetup_rsvps WHERE meetup_id = $1 AND user_id = $2 FOR UPDATE',
        [meetupId, viewer.id],
      );
      if (!current) throw new NotFoundError(`Your RSVP to meetup ${meetupId}`);
      if (current.status === RsvpStatus.CANCELLED) return this.rsvpRow(manager, meetupId, viewer.id);
      assertOpen(meetup);
      await manager.query(
        `UPDATE meetup_rsvps SET status = 'CANCELLED', cancelled_at = now(), updated_at = now() WHERE meetup_id = $1 AND user_id = $2`,
        [meetupId, viewer.id],
      );
      if (current.status === RsvpStatus.GOING) await this.promote(manager, meetup);
      return this.rsvpRow(manager, meetupId, viewer.id);
    });
    return toRsvp(row);
  }

  /** Fills free seats from the head of the waitlist (the caller holds the meetup lock). */
  private async promote(manager: EntityManager, meetup: MeetupRow): Promise<void> {
    const promoted = await returning<{ user_id: string }>(
      manager,
      `WITH free AS (
         SELECT GREATEST($2 - count(*), 0)::int AS seats FROM meetup_rsvps WHERE meetup_id = $1 AND status = 'GOING'
       ), head AS (
         SELECT user_id FROM meetup_rsvps WHERE meetup_id = $1 AND status = 'WAITLISTED'
          ORDER BY queue_seq LIMIT (SELECT seats FROM free)
       )
       UPDATE meetup_rsvps r SET status = 'GOING', promoted_at = now(), updated_at = now()
         FROM head WHERE r.meetup_id = $1 AND r.user_id = head.user_id
       RETURNING r.user_id`,
      [meetup.id, meetup.capacity],
    );
    const render = meetupTexts.promoted({ title: meetup.title, startsAt: meetup.starts_at });
    const data = { meetupId: meetup.id, communityId: meetup.community_id, startsAt: meetup.starts_at.toISOString() };
    for (const { user_id } of promoted) await this.notifications.notifyText(manager, user_id, 'meetup.promoted', data, render);
  }

  private async rsvpRow(manager: EntityManager, meetupId: string, userId: string): Promise<RsvpRow> {
    const [row] = await manager.query<RsvpRow[]>(`SELECT ${RSVP_SELECT} FROM meetup_rsvps r WHERE r.meetup_id = $1 AND r.user_id = $2`, [
      meetupId,
      userId,
    ]);
    return row;
  }

  // ----------------------------------------------------------------- reads

  /** NOT_FOUND for a missing meetup; FORBIDDEN for an invite-only community's meetup unless you belong to it. */
  async get(viewer: AuthUser, meetupId: string): Promise<MeetupType> {
    assertId(meetupId, 'id');
    return toMeetup(await this.accessRow(this.dataSource.manager, viewer, meetupId, false));
  }

  /**
   * Meetups not yet started, soonest first: of one community, or of every
   * community the viewer can see (public ones and those they belong to).
   */
  async upcoming(
    viewer: AuthUser,
    args: { communityId?: string | null; first?: number | null; after?: string | null },
  ): Promise<Connection<MeetupType>> {
    const limit = pageSize(args.first);
    const after = decodeMeetupCursor(args.after);
    const communityId = args.communityId ?? null;
    if (communityId !== null) {
      assertId(communityId, 'communityId');
      const [community] = await this.dataSource.query<{ visibility: string }[]>('SELECT visibility FROM communities WHERE id = $1', [communityId]);
      if (!community) throw new NotFoundError('Community', communityId);
      if (community.visibility !== 'PUBLIC' && !isAdmin(viewer) && !(await this.belongs(communityId, viewer.id))) {
        throw new ForbiddenError('This community is invite-only: its meetups are for its members.');
      }
    }
    const rows = await this.dataSource.query<MeetupRow[]>(
      `SELECT ${meetupColumns('m')} FROM meetups m JOIN communities c ON c.id = m.community_id
        WHERE m.status = 'SCHEDULED' AND m.starts_at > now()
          AND ($1::uuid IS NULL OR m.community_id = $1)
          AND ($2 OR c.visibility = 'PUBLIC'
               OR EXISTS (SELECT 1 FROM community_members cm WHERE cm.community_id = m.community_id AND cm.user_id = $3 AND cm.status = 'ACTIVE')
               OR EXISTS (SELECT 1 FROM community_organizers co WHERE co.community_id = m.community_id AND co.user_id = $3))
          AND ($4::timestamptz IS NULL OR (m.starts_at, m.id) > ($4::timestamptz, $5::uuid))
        ORDER BY m.starts_at, m.id LIMIT $6`,
      [communityId, isAdmin(viewer), viewer.id, after?.startsAt ?? null, after?.id ?? null, limit + 1],
    );
    return toConnection(rows.map(toMeetup), limit, (m) => [m.startsAt.toISOString(), m.id]);
  }

  /** Your GOING and WAITLISTED RSVPs to meetups that have not ended (cancelled meetups included, so you see it), soonest first. */
  async myRsvps(viewer: AuthUser): Promise<RsvpType[]> {
    const rows = await this.dataSource.query<RsvpRow[]>(
      `SELECT ${RSVP_SELECT} FROM meetup_rsvps r JOIN meetups m ON m.id = r.meetup_id
        WHERE r.user_id = $1 AND r.status <> 'CANCELLED' AND m.ends_at > now()
        ORDER BY m.starts_at, m.id LIMIT ${MY_RSVPS_LIMIT}`,
      [viewer.id],
    );
    return rows.map(toRsvp);
  }

  // -------------------------------------------------------------- loaders

  meetupLoader(request: FastifyRequest): DataLoader<string, MeetupType | null> {
    return requestScoped(request, 'meetups.byId', () =>
      new DataLoader<string, MeetupType | null>(async (ids) => {
        const rows = await this.dataSource.query<MeetupRow[]>(`SELECT ${MEETUP_COLUMNS} FROM meetups WHERE id = ANY($1)`, [[...ids]]);
        const byId = new Map(rows.map((r) => [r.id, toMeetup(r)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  countsLoader(request: FastifyRequest): DataLoader<string, MeetupCounts> {
    return requestScoped(request, 'meetups.counts', () =>
      new DataLoader<string, MeetupCounts>(async (ids) => {
        const rows = await this.dataSource.query<(MeetupCounts & { meetup_id: string })[]>(
          `SELECT meetup_id, count(*) FILTER (WHERE status = 'GOING')::int AS going, count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted
             FROM meetup_rsvps WHERE meetup_id = ANY($1) AND status <> 'CANCELLED' GROUP BY meetup_id`,
          [[...ids]],
        );
        const byId = new Map(rows.map((r) => [r.meetup_id, { going: r.going, waitlisted: r.waitlisted }]));
        return ids.map((id) => byId.get(id) ?? { going: 0, waitlisted: 0 });
      }),
    );
  }

  viewerRsvpLoader(request: FastifyRequest, viewerId: string): DataLoader<string, RsvpType | null> {
    return requestScoped(request, `meetups.viewerRsvp.${viewerId}`, () =>
      new DataLoader<string, RsvpType | null>(async (ids) => {
        const rows = await this.dataSource.query<RsvpRow[]>(`SELECT ${RSVP_SELECT} FROM meetup_rsvps r WHERE r.meetup_id = ANY($1) AND r.user_id = $2`, [
          [...ids],
          viewerId,
        ]);
        const byId = new Map(rows.map((r) => [r.meetup_id, toRsvp(r)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** Whether the viewer organizes a community (administrators count as organizers everywhere). */
  organizesLoader(request: FastifyRequest, viewer: AuthUser): DataLoader<string, boolean> {
    return requestScoped(request, `meetups.organizes.${viewer.id}`, () =>
      new DataLoader<string, boolean>(async (communityIds) => {
        if (isAdmin(viewer)) return communityIds.map(() => true);
        const rows = await this.dataSource.query<{ community_id: string }[]>(
          'SELECT community_id FROM community_organizers WHERE community_id = ANY($1) AND user_id = $2',
          [[...communityIds], viewer.id],
        );
        const mine = new Set(rows.map((r) => r.community_id));
        return communityIds.map((id) => mine.has(id));
      }),
    );
  }

  topicsLoader(request: FastifyRequest): DataLoader<string, MeetupTopics> {
    return requestScoped(request, 'meetups.topics', () =>
      new DataLoader<string, MeetupTopics>(async (ids) => {
        const rows = await this.dataSource.query<{ meetup_id: string; kind: 'field' | 'skill'; id: string }[]>(
          `SELECT meetup_id, 'field' AS kind, field_id AS id FROM meetup_fields WHERE meetup_id = ANY($1)
           UNION ALL SELECT meetup_id, 'skill', skill_id FROM meetup_skills WHERE meetup_id = ANY($1)`,
          [[...ids]],
        );
        const byId = new Map<string, MeetupTopics>(ids.map((id) => [id, { fieldIds: [], skillIds: [] }]));
        for (const r of rows) byId.get(r.meetup_id)?.[r.kind === 'field' ? 'fieldIds' : 'skillIds'].push(r.id);
        return ids.map((id) => byId.get(id)!);
      }),
    );
  }

  /** GOING attendees in the order they joined, then the waitlist in order, for the organizers. */
  attendeesLoader(request: FastifyRequest): DataLoader<string, RsvpType[]> {
    return requestScoped(request, 'meetups.attendees', () =>
      new DataLoader<string, RsvpType[]>(async (ids) => {
        const rows = await this.dataSource.query<RsvpRow[]>(
          `SELECT r.meetup_id, r.user_id, r.status, r.queue_seq, r.joined_at, r.promoted_at, r.cancelled_at,
                  (row_number() OVER (PARTITION BY r.meetup_id, r.status ORDER BY r.queue_seq))::int AS position
             FROM meetup_rsvps r WHERE r.meetup_id = ANY($1) AND r.status IN ('GOING', 'WAITLISTED')
            ORDER BY r.meetup_id, r.status = 'WAITLISTED', r.queue_seq`,
          [[...ids]],
        );
        const byId = new Map<string, RsvpType[]>(ids.map((id) => [id, []]));
        for (const r of rows) byId.get(r.meetup_id)?.push(toRsvp(r));
        return ids.map((id) => byId.get(id)!);
      }),
    );
  }

  // --------------------------------------------------------------- helpers

  /**
   * The meetup with the viewer's standing in its community; with `lock`, the
   * meetup row is locked for the rest of the transaction (the serialisation
   * point of its RSVPs). NOT_FOUND when missing; FORBIDDEN when its community
   * is invite-only and the viewer is neither a member, an organizer nor an
   * administrator.
   */
  private async accessRow(manager: EntityManager, viewer: AuthUser, meetupId: string, lock: boolean): Promise<AccessRow> {
    const [row] = await manager.query<AccessRow[]>(
      `SELECT ${meetupColumns('m')}, c.visibility,
              EXISTS (SELECT 1 FROM community_members cm WHERE cm.community_id = m.community_id AND cm.user_id = $2 AND cm.status = 'ACTIVE') AS is_member,
              EXISTS (SELECT 1 FROM community_organizers co WHERE co.community_id = m.community_id AND co.user_id = $2) AS is_organizer
         FROM meetups m JOIN communities c ON c.id = m.community_id
        WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`,
      [meetupId, viewer.id],
    );
    if (!row) throw new NotFoundError('Meetup', meetupId);
    if (row.visibility !== 'PUBLIC' && !row.is_member && !row.is_organizer && !isAdmin(viewer)) {
      throw new ForbiddenError('This community is invite-only: its meetups are for its members.');
    }
    return row;
  }

  private async belongs(communityId: string, userId: string): Promise<boolean> {
    return (await this.access.isMember(communityId, userId)) || (await this.access.isOrganizer(communityId, userId));
  }

  /** Field and skill ids for the input's slugs, naming every unknown or repeated one. */
  private async topicIds(input: CreateMeetupInput): Promise<MeetupTopics> {
    const taxonomy = await this.taxonomy.snapshot();
    const problems: FieldProblem[] = [];
    const resolve = (slugs: string[] | null | undefined, path: string, lookup: (slug: string) => { id: string } | undefined, what: string) => {
      const ids = new Set<string>();
      (slugs ?? []).forEach((slug, i) => {
        const found = lookup(slug);
        if (!found) problems.push({ field: `${path}.${i}`, message: `"${slug}" is not a known ${what}; see the ${what}s query` });
        else if (ids.has(found.id)) problems.push({ field: `${path}.${i}`, message: `"${slug}" appears more than once` });
        else ids.add(found.id);
      });
      return [...ids];
    };
    const fieldIds = resolve(input.fieldSlugs, 'input.fieldSlugs', (s) => taxonomy.field(s), 'field');
    const skillIds = resolve(input.skillSlugs, 'input.skillSlugs', (s) => taxonomy.skill(s), 'skill');
    if (problems.length > 0) throw new BadUserInputError(problems);
    return { fieldIds, skillIds };
  }
}

function isAdmin(viewer: AuthUser): boolean {
  return viewer.roles.includes(Role.ADMIN);
}

function assertNotStarted(meetup: MeetupRow): void {
  if (meetup.starts_at.getTime() <= Date.now()) {
    throw new ConflictError(`This meetup ${meetup.ends_at.getTime() <= Date.now() ? 'is over' : 'has already started'}.`, { reason: 'MEETUP_STARTED' });
  }
}

/** RSVPs change only while the meetup is scheduled and has not started. */
function assertOpen(meetup: MeetupRow): void {
  if (meetup.status === MeetupStatus.CANCELLED) throw new ConflictError('This meetup was cancelled.', { reason: 'MEETUP_CANCELLED' });
  assertNotStarted(meetup);
}

function decodeMeetupCursor(after: string | null | undefined): { startsAt: string; id: string } | undefined {
  const key = decodeCursor(after);
  if (!key) return undefined;
  const [startsAt, id] = key;
  if (typeof startsAt !== 'string' || Number.isNaN(Date.parse(startsAt)) || !isId(id)) {
    throw BadUserInputError.field('after', 'is not a cursor returned by this API');
  }
  return { startsAt, id };
}
