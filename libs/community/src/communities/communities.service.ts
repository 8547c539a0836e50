import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { assertId, BadUserInputError, ConflictError, Connection, decodeCursor, FieldProblem, ForbiddenError, NotFoundError, pageSize, requestScoped, toConnection } from '@switchyard/graphql';
import { AuthUser, Role } from '@switchyard/identity';
import { NotificationsService } from '@switchyard/notifications';
import { TaxonomyService } from '@switchyard/profiles';
import { CommunityAccess } from '../community-access';
import { CommunityType, CreateCommunityInput, MembershipStatus, Visibility } from './community.types';

interface CommunityRow {
  id: string;
  name: string;
  description: string | null;
  visibility: Visibility;
  created_by: string;
  created_at: Date;
}

const COMMUNITY_COLUMNS = 'c.id, c.name, c.description, c.visibility, c.created_by, c.created_at';
/** Enough for any real person; bounds the answer of myCommunities. */
const MY_COMMUNITIES_MAX = 500;

export function toCommunity(row: CommunityRow): CommunityType {
  return Object.assign(new CommunityType(), {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    createdAt: row.created_at,
    ownerId: row.created_by,
  });
}

/** Keys a DataLoader answers for, grouped: one query for a whole list of communities. */
function grouped<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(key(row))?.push(row);
  return ids.map((id) => byId.get(id) ?? []);
}

/**
 * Communities: created by organizers (the creator owns it and stays an
 * organizer), public or invite-only, with focus fields. Everyone signed in can
 * list and read communities; membership, organizers and approvals are here.
 */
@Injectable()
export class CommunitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CommunityAccess,
    private readonly taxonomy: TaxonomyService,
    private readonly notifications: NotificationsService,
  ) {}

  // ------------------------------------------------------------------ reads

  loader(request: FastifyRequest): DataLoader<string, CommunityType | null> {
    return requestScoped(request, 'community.byId', () =>
      new DataLoader<string, CommunityType | null>(async (ids) => {
        const rows = await this.dataSource.query<CommunityRow[]>(`SELECT ${COMMUNITY_COLUMNS} FROM communities c WHERE c.id = ANY($1)`, [ids]);
        const byId = new Map(rows.map((r) => [r.id, toCommunity(r)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  async get(request: FastifyRequest, id: string, field = 'id'): Promise<CommunityType> {
    assertId(id, field);
    const community = await this.loader(request).load(id);
    if (!community) throw new NotFoundError('Community', id);
    return community;
  }

  /** Every community, oldest first; invite-only ones are listed too so people can ask to join. */
  async list(options: { first?: number | null; after?: string | null }): Promise<Connection<CommunityType>> {
    const limit = pageSize(options.first);
    const after = decodeCursor(options.after);
    if (after && (after.length !== 2 || typeof after[0] !== 'string' || Number.isNaN(Date.parse(after[0])) || typeof after[1] !== 'string')) {
      throw BadUserInputError.field('after', 'is not a cursor returned by this API');
    }
    if (after) assertId(after[1] as string, 'after');
    // The cursor keeps created_at to the microsecond: a JavaScript Date would round it to the
    // millisecond and the next page would repeat rows created in the same millisecond.
    const rows = await this.dataSource.query<(CommunityRow & { created_key: string })[]>(
      `SELECT ${COMMUNITY_COLUMNS}, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
         FROM communities c
        WHERE $2::timestamptz IS NULL OR (c.created_at, c.id) > ($2::timestamptz, $3::uuid)
        ORDER BY c.created_at, c.id LIMIT $1`,
      [limit + 1, after?.[0] ?? null, after?.[1] ?? null],
    );
    const page = toConnection(rows, limit, (r) => [r.created_key, r.id]);
    return { pageInfo: page.pageInfo, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toCommunity(e.node) })) };
  }

  /** Communities the viewer belongs to or asked to join, by name. */
  async mine(viewer: AuthUser): Promise<CommunityType[]> {
    const rows = await this.dataSource.query<CommunityRow[]>(
      `SELECT ${COMMUNITY_COLUMNS} FROM communities c JOIN community_members m ON m.community_id = c.id AND m.user_id = $1
        ORDER BY lower(c.name), c.id LIMIT ${MY_COMMUNITIES_MAX}`,
      [viewer.id],
    );
    return rows.map(toCommunity);
  }

  organizerIdsLoader(request: FastifyRequest): DataLoader<string, string[]> {
    return requestScoped(request, 'community.organizerIds', () =>
      new DataLoader<string, string[]>(async (ids) => {
        // The owner first, then co-organizers by id, so the list is stable.
        const rows = await this.dataSource.query<{ community_id: string; user_id: string }[]>(
          `SELECT o.community_id, o.user_id FROM community_organizers o JOIN communities c ON c.id = o.community_id
            WHERE o.community_id = ANY($1) ORDER BY (o.user_id = c.created_by) DESC, o.user_id`,
          [ids],
        );
        return grouped(ids, rows, (r) => r.community_id).map((group) => group.map((r) => r.user_id));
      }),
    );
  }

  memberCountLoader(request: FastifyRequest): DataLoader<string, number> {
    return requestScoped(request, 'community.memberCount', () =>
      new DataLoader<string, number>(async (ids) => {
        const rows = await this.dataSource.query<{ community_id: string; n: number }[]>(
          `SELECT community_id, count(*)::int AS n FROM community_members WHERE community_id = ANY($1) AND status = 'ACTIVE' GROUP BY community_id`,
          [ids],
        );
        const byId = new Map(rows.map((r) => [r.community_id, r.n]));
        return ids.map((id) => byId.get(id) ?? 0);
      }),
    );
  }

  fieldIdsLoader(request: FastifyRequest): DataLoader<string, string[]> {
    return requestScoped(request, 'community.fieldIds', () =>
      new DataLoader<string, string[]>(async (ids) => {
        const rows = await this.dataSource.query<{ community_id: string; field_id: string }[]>(
          `SELECT community_id, field_id FROM community_fields WHERE community_id = ANY($1)`,
          [ids],
        );
        return grouped(ids, rows, (r) => r.community_id).map((group) => group.map((r) => r.field_id));
      }),
    );
  }

  /** The viewer's membership status per community (null: not a member). */
  viewerMembershipLoader(request: FastifyRequest, viewer: AuthUser): DataLoader<string, MembershipStatus | null> {
    return requestScoped(request, 'community.viewerMembership', () =>
      new DataLoader<string, MembershipStatus | null>(async (ids) => {
        const rows = await this.dataSource.query<{ community_id: string; status: MembershipStatus }[]>(
          'SELECT community_id, status FROM community_members WHERE user_id = $1 AND community_id = ANY($2)',
          [viewer.id, ids],
        );
        const byId = new Map(rows.map((r) => [r.community_id, r.status]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** Whether the viewer may manage each community: its organizers, and administrators everywhere. */
  viewerManagesLoader(request: FastifyRequest, viewer: AuthUser): DataLoader<string, boolean> {
    return requestScoped(request, 'community.viewerManages', () =>
      new DataLoader<string, boolean>(async (ids) => {
        if (viewer.roles.includes(Role.ADMIN)) return ids.map(() => true);
        const rows = await this.dataSource.query<{ community_id: string }[]>(
          'SELECT community_id FROM community_organizers WHERE user_id = $1 AND community_id = ANY($2)',
          [viewer.id, ids],
        );
        const mine = new Set(rows.map((r) => r.community_id));
        return ids.map((id) => mine.has(id));
      }),
    );
  }

  /** People waiting for approval, oldest request first. */
  async pendingMemberIds(communityId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ user_id: string }[]>(
      `SELECT user_id FROM community_members WHERE community_id = $1 AND status = 'PENDING' ORDER BY joined_at, user_id LIMIT 1000`,
      [communityId],
    );
    return rows.map((r) => r.user_id);
  }

  // ---------------------------------------------------------------- changes

  async create(viewer: AuthUser, input: CreateCommunityInput): Promise<CommunityType> {
    if (!viewer.roles.includes(Role.ORGANIZER) && !viewer.roles.includes(Role.ADMIN)) {
      throw new ForbiddenError('Only organizers can create communities.');
    }
    const taxonomy = await this.taxonomy.snapshot();
    const problems: FieldProblem[] = [];
    const fieldIds: string[] = [];
    for (const [i, slug] of (input.fieldSlugs ?? []).entries()) {
      const field = taxonomy.field(slug);
      if (!field) problems.push({ field: `input.fieldSlugs.${i}`, message: `"${slug}" is not a known field; see the fields query` });
      else if (fieldIds.includes(field.id)) problems.push({ field: `input.fieldSlugs.${i}`, message: `"${slug}" is listed twice` });
      else fieldIds.push(field.id);
    }
    if (problems.length > 0) throw new BadUserInputError(problems);

    const row = await this.dataSource.transaction(async (manager) => {
      const [created] = await manager.query<CommunityRow[]>(
        `INSERT INTO communities AS c (name, description, visibility, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COMMUNITY_COLUMNS}`,
        [input.name, input.description ?? null, input.visibility ?? Visibility.PUBLIC, viewer.id],
      );
      await manager.query('INSERT INTO community_organizers (community_id, user_id) VALUES ($1, $2)', [created.id, viewer.id]);
      await manager.query(`INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'ACTIVE')`, [created.id, viewer.id]);
      if (fieldIds.length > 0) {
        await manager.query('INSERT INTO community_fields (community_id, field_id) SELECT $1, unnest($2::uuid[])', [created.id, fieldIds]);
      }
      return created;
    });
    return toCommunity(row);
  }

  /** Organizers make co-organizers; the new one must hold the ORGANIZER role and becomes a member too. */
  async addOrganizer(viewer: AuthUser, communityId: string, userId: string): Promise<CommunityType> {
    assertId(communityId, 'communityId');
    assertId(userId, 'userId');
    const row = await this.dataSource.transaction(async (manager) => {
      await this.access.assertOrganizer(viewer, communityId, manager);
      const community = await this.lock(manager, communityId);
      const [user] = await manager.query<{ roles: string[] }[]>('SELECT roles FROM users WHERE id = $1', [userId]);
      if (!user) throw new NotFoundError('User', userId);
      if (!user.roles.includes(Role.ORGANIZER)) throw BadUserInputError.field('userId', 'must be a user with the ORGANIZER role');
      const added = await manager.query<unknown[]>(
        'INSERT INTO community_organizers (community_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id',
        [communityId, userId],
      );
      await manager.query(
        `INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'ACTIVE')
         ON CONFLICT (community_id, user_id) DO UPDATE SET status = 'ACTIVE'`,
        [communityId, userId],
      );
      if (added.length > 0) {
        await this.notifications.notifyText(manager, userId, 'community.organizer_added', { communityId }, (locale) =>
          locale === 'zh-CN'
            ? { title: `你已成为「${community.name}」的组织者`, body: `你现在可以管理「${community.name}」的成员、队列和活动。` }
            : { title: `You are now an organizer of ${community.name}`, body: `You can now manage the members, cohorts and meetups of ${community.name}.` },
        );
      }
      return community;
    });
    return toCommunity(row);
  }

  /**
   * PUBLIC: an ACTIVE member at once; INVITE_ONLY: PENDING until an organizer
   * approves, and the organizers are told. Joining again changes nothing.
   */
  async join(viewer: AuthUser, communityId: string): Promise<CommunityType> {
    assertId(communityId, 'communityId');
    const row = await this.dataSource.transaction(async (manager) => {
      const [community] = await manager.query<CommunityRow[]>(`SELECT ${COMMUNITY_COLUMNS} FROM communities c WHERE c.id = $1 FOR KEY SHARE`, [
        communityId,
      ]);
      if (!community) throw new NotFoundError('Community', communityId);
      const status = community.visibility === Visibility.PUBLIC ? MembershipStatus.ACTIVE : MembershipStatus.PENDING;
      const inserted = await manager.query<unknown[]>(
        'INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id',
        [communityId, viewer.id, status],
      );
      if (inserted.length > 0 && status === MembershipStatus.PENDING) {
        const [applicant] = await manager.query<{ display_name: string }[]>('SELECT display_name FROM users WHERE id = $1', [viewer.id]);
        const organizers = await manager.query<{ user_id: string }[]>('SELECT user_id FROM community_organizers WHERE community_id = $1', [
          communityId,
        ]);
        for (const { user_id } of organizers) {
          await this.notifications.notifyText(manager, user_id, 'community.join_requested', { communityId, userId: viewer.id }, (locale) =>
            locale === 'zh-CN'
              ? { title: `${applicant.display_name} 申请加入「${community.name}」`, body: '请在社区成员页面批准或拒绝这个申请。' }
              : { title: `${applicant.display_name} asked to join ${community.name}`, body: 'Approve or decline the request on the community’s members page.' },
          );
        }
      }
      return community;
    });
    return toCommunity(row);
  }

  /** Approving makes a PENDING member ACTIVE; declining removes the request (they may ask again). */
  async decideMember(viewer: AuthUser, communityId: string, userId: string, approve: boolean): Promise<CommunityType> {
    assertId(communityId, 'communityId');
    assertId(userId, 'userId');
    const row = await this.dataSource.transaction(async (manager) => {
      await this.access.assertOrganizer(viewer, communityId, manager);
      const community = await this.lock(manager, communityId);
      const [member] = await manager.query<{ status: MembershipStatus }[]>(
        'SELECT status FROM community_members WHERE community_id = $1 AND user_id = $2 FOR UPDATE',
        [communityId, userId],
      );
      if (!member) throw new NotFoundError('Membership request of user', userId);
      if (member.status !== MembershipStatus.PENDING) {
        throw new ConflictError('This person is already a member.', { reason: 'ALREADY_MEMBER' });
      }
      if (approve) {
        await manager.query(`UPDATE community_members SET status = 'ACTIVE' WHERE community_id = $1 AND user_id = $2`, [communityId, userId]);
      } else {
        await manager.query('DELETE FROM community_members WHERE community_id = $1 AND user_id = $2', [communityId, userId]);
      }
      await this.notifications.notifyText(manager, userId, approve ? 'community.member_approved' : 'community.member_declined', { communityId }, (locale) => {
        if (locale === 'zh-CN') {
          return approve
            ? { title: `欢迎加入「${community.name}」`, body: '你的加入申请已通过。' }
            : { title: `「${community.name}」未通过你的加入申请`, body: '组织者拒绝了这次申请。' };
        }
        return approve
          ? { title: `Welcome to ${community.name}`, body: 'Your request to join was approved.' }
          : { title: `Your request to join ${community.name} was declined`, body: 'An organizer declined the request.' };
      });
      return community;
    });
    return toCommunity(row);
  }

  /**
   * Leaves a community (or withdraws a pending request); an organizer who
   * leaves stops organizing. The owner cannot leave: the community would be
   * left without the person responsible for it. Cohort enrollments stay as
   * they are. Leaving when not a member changes nothing.
   */
  async leave(viewer: AuthUser, communityId: string): Promise<CommunityType> {
    assertId(communityId, 'communityId');
    const row = await this.dataSource.transaction(async (manager) => {
      const community = await this.lock(manager, communityId);
      if (community.created_by === viewer.id) {
        throw new ConflictError('The owner of a community cannot leave it.', { reason: 'OWNER_CANNOT_LEAVE' });
      }
      await manager.query('DELETE FROM community_organizers WHERE community_id = $1 AND user_id = $2', [communityId, viewer.id]);
      await manager.query('DELETE FROM community_members WHERE community_id = $1 AND user_id = $2', [communityId, viewer.id]);
      return community;
    });
    return toCommunity(row);
  }

  /** Serialises changes to one community's organizers and members. */
  private async lock(manager: EntityManager, communityId: string): Promise<CommunityRow> {
    const [community] = await manager.query<CommunityRow[]>(`SELECT ${COMMUNITY_COLUMNS} FROM communities c WHERE c.id = $1 FOR NO KEY UPDATE`, [
      communityId,
    ]);
    if (!community) throw new NotFoundError('Community', communityId);
    return community;
  }
}
