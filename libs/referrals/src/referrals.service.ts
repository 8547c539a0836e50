import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { PG_UNIQUE_VIOLATION, pgErrorCode, returning } from '@switchyard/database';
import { assertId, BadUserInputError, ConflictError, Connection, decodeCursor, FieldProblem, ForbiddenError, isId, NotFoundError, pageSize, RateLimitedError, requestScoped, toConnection } from '@switchyard/graphql';
import { AuthUser, Role } from '@switchyard/identity';
import { NotificationsService } from '@switchyard/notifications';
import { TaxonomyService } from '@switchyard/profiles';
import { DEFAULT_REQUIRED_LEVEL, DEFAULT_WEIGHT } from './readiness';
import { CreateReferralOpeningInput } from './referral.inputs';
import { statusText } from './referral-texts';
import {
  OPENING_COLUMNS,
  OpeningRow,
  REQUEST_COLUMNS,
  ReferralOpeningType,
  ReferralRequestType,
  ReferralStatusChangeType,
  RequestRow,
  toOpening,
  toRequest,
} from './referral.types';
import { OPEN_STATUSES, ReferralActor, ReferralStatus, transitionProblem } from './transitions';

/** Open requests a switcher may have made in any rolling window of this length. */
export const REQUEST_WINDOW_DAYS = 7;
export const MAX_OPEN_REQUESTS_PER_WINDOW = 5;
export const MAX_NOTE_LENGTH = 1000;
/** Plain lists (my requests, my openings, an opening's requests) stop here. */
const LIST_LIMIT = 200;
const MAX_CLOSES_AHEAD_DAYS = 366;


function cleanNote(note: string | null | undefined, field = 'note'): string | null {
  const text = note?.trim() || null;
  if (text && text.length > MAX_NOTE_LENGTH) throw BadUserInputError.field(field, `must be at most ${MAX_NOTE_LENGTH} characters`);
  return text;
}

/** Open: not closed by the referrer and its last day has not ended. */
const OPEN = 'o.closed_at IS NULL AND (o.closes_at IS NULL OR o.closes_at > now())';

/** Microsecond-exact, so rows created within one millisecond still page correctly. */
const CREATED_KEY = `to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

type ListRow = OpeningRow & { created_key: string; readiness_key?: string; closes_key?: string };

/** Keyset cursors of the two orders; the first element says which order made it. */
type OpeningCursor = { order: 'NEWEST'; created: string; id: string } | { order: 'READINESS'; readiness: string; closes: string; id: string };

function parseOpeningCursor(after: string | null | undefined): OpeningCursor | undefined {
  const key = decodeCursor(after);
  if (!key) return undefined;
  const [order, a, b, c] = key;
  if (order === 'N' && key.length === 3 && typeof a === 'string' && !Number.isNaN(Date.parse(a)) && isId(b)) {
    return { order: 'NEWEST', created: a, id: b };
  }
  if (
    order === 'R' &&
    key.length === 4 &&
    typeof a === 'string' &&
    /^[01](\.\d{1,4})?$/.test(a) &&
    typeof b === 'string' &&
    (b === 'infinity' || /^\d{4}-\d{2}-\d{2}$/.test(b)) &&
    typeof c === 'string' &&
    isId(c)
  ) {
    return { order: 'READINESS', readiness: a, closes: b, id: c };
  }
  throw BadUserInputError.field('after', 'is not a cursor returned by this API');
}

/**
 * Referral openings and the request pipeline. Requests of one switcher are
 * serialised on their user row (the weekly limit), a request and the closing
 * of its opening on the opening row, and status changes on the request row;
 * every change writes its history row and tells the other party in the same
 * transaction.
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    private readonly notifications: NotificationsService,
  ) {}

  // --------------------------------------------------------------- openings

  async createOpening(viewer: AuthUser, input: CreateReferralOpeningInput): Promise<ReferralOpeningType> {
    if (!viewer.roles.includes(Role.MENTOR)) throw new ForbiddenError('Only mentors can post referral openings.');
    const snapshot = await this.taxonomy.snapshot();
    const problems: FieldProblem[] = [];
    const field = snapshot.field(input.fieldSlug);
    if (!field) problems.push({ field: 'input.fieldSlug', message: `"${input.fieldSlug}" is not a known field; see the fields query` });
    const skillIds: string[] = [];
    for (const [i, slug] of input.skillSlugs.entries()) {
      const skill = snapshot.skill(slug);
      if (!skill) problems.push({ field: `input.skillSlugs.${i}`, message: `"${slug}" is not a known skill; see the skills query` });
      else if (!skillIds.includes(skill.id)) skillIds.push(skill.id);
    }
    const [user] = await this.dataSource.query<{ time_zone: string }[]>('SELECT time_zone FROM users WHERE id = $1', [viewer.id]);
    if (!user) throw new NotFoundError('Your account');
    const closesAt = input.closesOn ? this.closingInstant(input.closesOn, user.time_zone, problems) : null;
    if (problems.length > 0) throw new BadUserInputError(problems);

    return this.dataSource.transaction(async (manager) => {
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO referral_openings (referrer_id, company, title, field_id, location, remote, description, closes_on, closes_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          viewer.id,
          input.company,
          input.title,
          field!.id,
          input.location?.trim() || null,
          input.remote,
          input.description?.trim() || null,
          input.closesOn ?? null,
          closesAt,
        ],
      );
      await manager.query(
        `INSERT INTO referral_opening_skills (opening_id, skill_id, position)
         SELECT $1, skill_id, position - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(skill_id, position)`,
        [created.id, skillIds],
      );
      return this.opening(manager, created.id);
    });
  }

  /**
   * The end of `closesOn` in the referrer's zone: requests are taken through
   * that whole day wherever the switcher is. "Today or later" is judged in the
   * same calendar.
   */
  private closingInstant(closesOn: string, timeZone: string, problems: FieldProblem[]): Date | null {
    const day = DateTime.fromISO(closesOn, { zone: timeZone });
    const today = DateTime.now().setZone(timeZone).startOf('day');
    if (day < today) {
      problems.push({ field: 'input.closesOn', message: `must be today or later (today is ${today.toISODate()} in your time zone, ${timeZone})` });
      return null;
    }
    if (day.diff(today, 'days').days > MAX_CLOSES_AHEAD_DAYS) {
      problems.push({ field: 'input.closesOn', message: `must be at most ${MAX_CLOSES_AHEAD_DAYS} days ahead` });
      return null;
    }
    return day.plus({ days: 1 }).startOf('day').toJSDate();
  }

  async closeOpening(viewer: AuthUser, openingId: string): Promise<ReferralOpeningType> {
    assertId(openingId, 'openingId');
    return this.dataSource.transaction(async (manager) => {
      // Waits for requests being made on this opening (they hold it FOR SHARE), so none slips in after the close.
      const [row] = await manager.query<{ referrer_id: string; closed_at: Date | null }[]>(
        'SELECT referrer_id, closed_at FROM referral_openings WHERE id = $1 FOR UPDATE',
        [openingId],
      );
      if (!row) throw new NotFoundError('Referral opening', openingId);
      if (row.referrer_id !== viewer.id && !viewer.roles.includes(Role.ADMIN)) {
        throw new ForbiddenError('Only the mentor who posted this opening can close it.');
      }
      if (row.closed_at) throw new ConflictError('This opening is already closed.', { reason: 'ALREADY_CLOSED' });
      await manager.query('UPDATE referral_openings SET closed_at = now() WHERE id = $1', [openingId]);
      return this.opening(manager, openingId);
    });
  }

  async getOpening(openingId: string): Promise<ReferralOpeningType> {
    assertId(openingId, 'id');
    return this.opening(this.dataSource.manager, openingId);
  }

  private async opening(manager: EntityManager, openingId: string, lock = ''): Promise<ReferralOpeningType> {
    const [row] = await manager.query<OpeningRow[]>(`SELECT ${OPENING_COLUMNS} FROM referral_openings o WHERE o.id = $1 ${lock}`, [openingId]);
    if (!row) throw new NotFoundError('Referral opening', openingId);
    return toOpening(row);
  }

  openingLoader(request: FastifyRequest): DataLoader<string, ReferralOpeningType | null> {
    return requestScoped(request, 'referrals.openingById', () =>
      new DataLoader<string, ReferralOpeningType | null>(async (ids) => {
        const rows = await this.dataSource.query<OpeningRow[]>(`SELECT ${OPENING_COLUMNS} FROM referral_openings o WHERE o.id = ANY($1)`, [[...ids]]);
        const byId = new Map(rows.map((r) => [r.id, toOpening(r)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  async myOpenings(viewer: AuthUser): Promise<ReferralOpeningType[]> {
    const rows = await this.dataSource.query<OpeningRow[]>(
      `SELECT ${OPENING_COLUMNS} FROM referral_openings o WHERE o.referrer_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT ${LIST_LIMIT}`,
      [viewer.id],
    );
    return rows.map(toOpening);
  }

  /** Whether openings are ranked for this viewer: a switcher with a profile. */
  async ranksFor(viewer: AuthUser): Promise<boolean> {
    if (!viewer.roles.includes(Role.SWITCHER)) return false;
    const rows = await this.dataSource.query('SELECT 1 FROM switcher_profiles WHERE user_id = $1', [viewer.id]);
    return rows.length > 0;
  }

  /**
   * Open openings, optionally of one field. A switcher with a profile gets
   * them by readiness (highest first), then closing date (soonest first,
   * open-ended last), then id; anyone else newest first. Readiness is
   * computed here in SQL with the same formula and rounding as
   * referralReadiness(), so the ranks, the cursors and the viewerReadiness
   * field agree.
   */
  async listOpenings(
    request: FastifyRequest,
    viewer: AuthUser,
    options: { fieldSlug?: string | null; first?: number | null; after?: string | null },
  ): Promise<Connection<ReferralOpeningType>> {
    const limit = pageSize(options.first);
    const cursor = parseOpeningCursor(options.after);
    let fieldId: string | null = null;
    if (options.fieldSlug) {
      const field = (await this.taxonomy.snapshot()).field(options.fieldSlug);
      if (!field) throw BadUserInputError.field('fieldSlug', `"${options.fieldSlug}" is not a known field; see the fields query`);
      fieldId = field.id;
    }
    const ranked = await this.ranksFor(viewer);
    if (cursor && (cursor.order === 'READINESS') !== ranked) {
      // The order depends on the viewer (e.g. they created a switcher profile between pages).
      throw BadUserInputError.field('after', 'belongs to a list in another order; start again without it');
    }
    let rows: ListRow[];
    if (ranked) {
      const after = cursor?.order === 'READINESS' ? cursor : null;
      rows = await this.dataSource.query<ListRow[]>(
        `WITH mine AS (
           SELECT DISTINCT ON (skill_id) skill_id, level FROM skill_ratings WHERE user_id = $1 ORDER BY skill_id, rated_at DESC, id DESC
         ), scored AS (
           SELECT o.*, coalesce(o.closes_on, 'infinity'::date) AS closes_sort,
                  (SELECT CASE WHEN coalesce(sum(x.w * x.req), 0) = 0 THEN 1::numeric
                               ELSE round(sum(x.w * least(x.cur, x.req)) / sum(x.w * x.req), 4) END
                     FROM (SELECT coalesce(fr.level, $7)::numeric AS req, coalesce(fr.weight, $8)::numeric AS w, coalesce(m.level, 0)::numeric AS cur
                             FROM referral_opening_skills os
                             LEFT JOIN field_requirements fr ON fr.field_id = o.field_id AND fr.skill_id = os.skill_id
                             LEFT JOIN mine m ON m.skill_id = os.skill_id
                            WHERE os.opening_id = o.id) x) AS readiness
             FROM referral_openings o
            WHERE ${OPEN} AND ($2::uuid IS NULL OR o.field_id = $2)
         )
         SELECT ${OPENING_COLUMNS}, ${CREATED_KEY} AS created_key, o.readiness::text AS readiness_key,
                CASE WHEN o.closes_on IS NULL THEN 'infinity' ELSE to_char(o.closes_on, 'YYYY-MM-DD') END AS closes_key
           FROM scored o
          WHERE $3::numeric IS NULL OR o.readiness < $3
             OR (o.readiness = $3 AND (o.closes_sort > $4::date OR (o.closes_sort = $4::date AND o.id > $5::uuid)))
          ORDER BY o.readiness DESC, o.closes_sort, o.id
          LIMIT $6`,
        [viewer.id, fieldId, after?.readiness ?? null, after?.closes ?? null, after?.id ?? null, limit + 1, DEFAULT_REQUIRED_LEVEL, DEFAULT_WEIGHT],
      );
    } else {
      const after = cursor?.order === 'NEWEST' ? cursor : null;
      rows = await this.dataSource.query<ListRow[]>(
        `SELECT ${OPENING_COLUMNS}, ${CREATED_KEY} AS created_key
           FROM referral_openings o
          WHERE ${OPEN} AND ($1::uuid IS NULL OR o.field_id = $1)
            AND ($2::timestamptz IS NULL OR (o.created_at, o.id) < ($2::timestamptz, $3::uuid))
          ORDER BY o.created_at DESC, o.id DESC
          LIMIT $4`,
        [fieldId, after?.created ?? null, after?.id ?? null, limit + 1],
      );
    }
    const keys = new Map(rows.map((r) => [r.id, ranked ? ['R', normalizeReadiness(r.readiness_key!), r.closes_key!, r.id] : ['N', r.created_key, r.id]]));
    const openings = rows.map(toOpening);
    const loader = this.openingLoader(request);
    for (const opening of openings) loader.prime(opening.id, opening);
    return toConnection(openings, limit, (o) => keys.get(o.id)!);
  }

  // --------------------------------------------------------------- requests

  async requestReferral(viewer: AuthUser, openingId: string, note: string | null | undefined): Promise<ReferralRequestType> {
    if (!viewer.roles.includes(Role.SWITCHER)) throw new ForbiddenError('Only switchers can ask for referrals.');
    assertId(openingId, 'openingId');
    const text = cleanNote(note);
    try {
      const row = await this.dataSource.transaction(async (manager) => {
        // Lock order: the switcher, then the opening. The switcher's row serialises
        // their requests, so the weekly count below cannot be raced past.
        const [me] = await manager.query<{ display_name: string; profile: string | null }[]>(
          `SELECT u.display_name, p.user_id AS profile FROM users u LEFT JOIN switcher_profiles p ON p.user_id = u.id
            WHERE u.id = $1 FOR NO KEY UPDATE OF u`,
          [viewer.id],
        );
        if (!me?.profile) throw new NotFoundError('Your switcher profile (create it with upsertSwitcherProfile before asking for a referral)');
        const opening = await this.opening(manager, openingId, 'FOR SHARE OF o');
        if (opening.referrerId === viewer.id) throw BadUserInputError.field('openingId', 'is your own opening');
        if (opening.closed) {
          throw new ConflictError(
            opening.closedAt ? 'This opening is closed and takes no more requests.' : 'This opening passed its closing date and takes no more requests.',
            { reason: 'OPENING_CLOSED' },
          );
        }
        const existing = await manager.query('SELECT 1 FROM referral_requests WHERE opening_id = $1 AND switcher_id = $2', [openingId, viewer.id]);
        if (existing.length > 0) throw alreadyRequested();
        await this.assertWithinWeeklyLimit(manager, viewer.id);
        const [created] = await manager.query<RequestRow[]>(
          `INSERT INTO referral_requests (opening_id, switcher_id, referrer_id, note) VALUES ($1, $2, $3, $4) RETURNING ${REQUEST_COLUMNS}`,
          [openingId, viewer.id, opening.referrerId, text],
        );
        await this.record(manager, created.id, null, ReferralStatus.REQUESTED, viewer.id, text);
        const data = { company: opening.company, title: opening.title, actorName: me.display_name, note: text };
        await this.notifications.notifyText(
          manager,
          opening.referrerId,
          'referral.requested',
          { requestId: created.id, openingId, status: ReferralStatus.REQUESTED },
          (locale) => statusText(ReferralStatus.REQUESTED, data, locale),
        );
        return created;
      });
      return toRequest(row);
    } catch (error) {
      // Only reachable if the per-switcher lock were bypassed; the constraint still holds.
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw alreadyRequested();
      throw error;
    }
  }

  /**
   * At most MAX_OPEN_REQUESTS_PER_WINDOW requests made in the last
   * REQUEST_WINDOW_DAYS that are still in the pipeline. The caller holds the
   * switcher's row lock. Retry-after: when enough of them have aged out of
   * the window to leave a place (with exactly the limit, the oldest one).
   */
  private async assertWithinWeeklyLimit(manager: EntityManager, switcherId: string): Promise<void> {
    const recent = await manager.query<{ free_in: number }[]>(
      `SELECT ceil(extract(epoch FROM created_at + make_interval(days => $3) - now()))::int AS free_in
         FROM referral_requests
        WHERE switcher_id = $1 AND status = ANY($2) AND created_at > now() - make_interval(days => $3)
        ORDER BY created_at`,
      [switcherId, OPEN_STATUSES, REQUEST_WINDOW_DAYS],
    );
    if (recent.length < MAX_OPEN_REQUESTS_PER_WINDOW) return;
    const retryAfter = Math.max(1, recent[recent.length - MAX_OPEN_REQUESTS_PER_WINDOW].free_in);
    throw new RateLimitedError(retryAfter, `open referral requests (at most ${MAX_OPEN_REQUESTS_PER_WINDOW} in ${REQUEST_WINDOW_DAYS} days)`);
  }

  async updateRequest(viewer: AuthUser, requestId: string, status: ReferralStatus, note: string | null | undefined): Promise<ReferralRequestType> {
    assertId(requestId, 'requestId');
    const text = cleanNote(note);
    const row = await this.dataSource.transaction(async (manager) => {
      // The row lock serialises concurrent moves: the second sees the first's state.
      const [request] = await manager.query<RequestRow[]>(`SELECT ${REQUEST_COLUMNS} FROM referral_requests WHERE id = $1 FOR UPDATE`, [requestId]);
      if (!request || (request.switcher_id !== viewer.id && request.referrer_id !== viewer.id)) throw new NotFoundError('Referral request', requestId);
      const actor: ReferralActor = request.referrer_id === viewer.id ? 'REFERRER' : 'SWITCHER';
      const problem = transitionProblem(request.status, status, actor);
      if (problem) throw BadUserInputError.field('status', problem);
      const [updated] = await returning<RequestRow>(
        manager,
        `UPDATE referral_requests SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
        [requestId, status],
      );
      await this.record(manager, requestId, request.status, status, viewer.id, text);
      const [context] = await manager.query<{ company: string; title: string; display_name: string }[]>(
        `SELECT o.company, o.title, u.display_name FROM referral_openings o, users u WHERE o.id = $1 AND u.id = $2`,
        [request.opening_id, viewer.id],
      );
      const other = actor === 'REFERRER' ? request.switcher_id : request.referrer_id;
      const data = { company: context.company, title: context.title, actorName: context.display_name, note: text };
      await this.notifications.notifyText(
        manager,
        other,
        `referral.${status.toLowerCase()}`,
        { requestId, openingId: request.opening_id, from: request.status, status },
        (locale) => statusText(status, data, locale),
      );
      return updated;
    });
    return toRequest(row);
  }

  private async record(manager: EntityManager, requestId: string, from: ReferralStatus | null, to: ReferralStatus, actorId: string, note: string | null) {
    await manager.query('INSERT INTO referral_status_changes (request_id, from_status, to_status, actor_id, note) VALUES ($1, $2, $3, $4, $5)', [
      requestId,
      from,
      to,
      actorId,
      note,
    ]);
  }

  /** One request, for its switcher or referrer only. */
  async getRequest(viewer: AuthUser, requestId: string): Promise<ReferralRequestType> {
    assertId(requestId, 'id');
    const [row] = await this.dataSource.query<RequestRow[]>(`SELECT ${REQUEST_COLUMNS} FROM referral_requests WHERE id = $1`, [requestId]);
    if (!row || (row.switcher_id !== viewer.id && row.referrer_id !== viewer.id)) throw new NotFoundError('Referral request', requestId);
    return toRequest(row);
  }

  /** Requests the viewer made and requests on the viewer's openings, newest first. */
  async myRequests(viewer: AuthUser, status: ReferralStatus | null | undefined): Promise<ReferralRequestType[]> {
    const rows = await this.dataSource.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM referral_requests
        WHERE (switcher_id = $1 OR referrer_id = $1) AND ($2::text IS NULL OR status = $2)
        ORDER BY created_at DESC, id DESC LIMIT ${LIST_LIMIT}`,
      [viewer.id, status ?? null],
    );
    return rows.map(toRequest);
  }

  /** Requests on each opening, newest first (the opening's `requests` field). */
  requestsByOpeningLoader(request: FastifyRequest): DataLoader<string, ReferralRequestType[]> {
    return requestScoped(request, 'referrals.requestsByOpening', () =>
      new DataLoader<string, ReferralRequestType[]>(async (ids) => {
        const rows = await this.dataSource.query<RequestRow[]>(
          `SELECT r.* FROM unnest($1::uuid[]) AS o(id)
             CROSS JOIN LATERAL (SELECT ${REQUEST_COLUMNS} FROM referral_requests WHERE opening_id = o.id
                                  ORDER BY created_at DESC, id DESC LIMIT ${LIST_LIMIT}) r`,
          [[...ids]],
        );
        return group(ids, rows.map(toRequest), (r) => r.openingId);
      }),
    );
  }

  /** The viewer's own request on each opening, if any. */
  viewerRequestLoader(request: FastifyRequest, viewer: AuthUser): DataLoader<string, ReferralRequestType | null> {
    return requestScoped(request, 'referrals.viewerRequestByOpening', () =>
      new DataLoader<string, ReferralRequestType | null>(async (ids) => {
        const rows = await this.dataSource.query<RequestRow[]>(
          `SELECT ${REQUEST_COLUMNS} FROM referral_requests WHERE switcher_id = $1 AND opening_id = ANY($2)`,
          [viewer.id, [...ids]],
        );
        const byOpening = new Map(rows.map((r) => [r.opening_id, toRequest(r)]));
        return ids.map((id) => byOpening.get(id) ?? null);
      }),
    );
  }

  historyLoader(request: FastifyRequest): DataLoader<string, ReferralStatusChangeType[]> {
    return requestScoped(request, 'referrals.historyByRequest', () =>
      new DataLoader<string, ReferralStatusChangeType[]>(async (ids) => {
        const rows = await this.dataSource.query<
          { request_id: string; from_status: ReferralStatus | null; to_status: ReferralStatus; actor_id: string; note: string | null; at: Date }[]
        >(
          `SELECT request_id, from_status, to_status, actor_id, note, at FROM referral_status_changes WHERE request_id = ANY($1) ORDER BY id`,
          [[...ids]],
        );
        const changes = rows.map((r) =>
          Object.assign(new ReferralStatusChangeType(), {
            requestId: r.request_id,
            from: r.from_status,
            to: r.to_status,
            actorId: r.actor_id,
            note: r.note,
            at: r.at,
          }),
        );
        return group(ids, changes, (c) => c.requestId);
      }),
    );
  }
}

function alreadyRequested(): ConflictError {
  return new ConflictError('You already asked for a referral to this opening.', { reason: 'ALREADY_REQUESTED' });
}

/** numeric::text keeps trailing zeros ("0.5000"); cursors compare as numbers anyway, so keep them short. */
function normalizeReadiness(value: string): string {
  return String(Number(value));
}

function group<T>(ids: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const item of items) grouped.get(keyOf(item))?.push(item);
  return ids.map((id) => grouped.get(id) ?? []);
}
