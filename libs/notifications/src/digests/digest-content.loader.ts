import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
// The pure readiness formula, imported from its file rather than through
// @switchyard/referrals: that lib's index pulls in its Nest module, which
// imports this lib, and the cycle would leave a module undefined at load time.
import { openingRequirements } from '../../../referrals/src/readiness';
import {
  LocalizedName,
  MAX_ITEMS,
  MeetupDigestContent,
  MeetupItem,
  OpeningItem,
  ReferralDigestContent,
  RsvpState,
  StatusChangeItem,
  WaitingRequestItem,
} from './digest-content.types';
import { DigestKind } from './digest-period';
import { RankedField, rankableField, topOpenings } from './opening-ranking';

/** A new subscriber (or one without a sent referral digest) gets the openings of the last week. */
export const FIRST_DIGEST_LOOKBACK_DAYS = 7;
/** Someone back after a long pause gets at most this much history. */
export const MAX_LOOKBACK_DAYS = 28;
export const MEETUP_HORIZON_DAYS = 14;
/**
 * Rows carry the time their transaction started (now()), and a transaction
 * can commit after a digest read the table: an opening stamped before the
 * digest's cut-off but committed after it would fall between two digests.
 * So a digest's content ends at its horizon: the start of the oldest
 * transaction still open in the database (nothing older can still appear),
 * but never more than this far back, so a forgotten open transaction cannot
 * hold digests back for ever.
 */
export const MAX_HORIZON_LAG_MS = 10 * 60_000;
/**
 * How long a worker reuses the list of open openings and upcoming meetups.
 * Every digest in a batch (and the batches of the next seconds) reads the same
 * few thousand rows; the price is that an opening closed or a meetup
 * cancelled in the last SNAPSHOT_TTL_MS can still be listed.
 */
const SNAPSHOT_TTL_MS = 30_000;

const DAY_MS = 86_400_000;

export interface Recipient {
  userId: string;
  email: string;
  locale: string;
  timeZone: string;
  referralOn: boolean;
  meetupOn: boolean;
  targetFieldId: string | null;
  /** Where the last sent referral digest's content ended. */
  lastReferralUntil: Date | null;
}

export interface ReferralDigest {
  content: ReferralDigestContent;
  /** Where this digest's content ends: the next one starts here. */
  contentUntil: Date;
}

interface Requirement {
  skillId: string;
  level: number;
  weight: number;
}

interface OpeningRow {
  id: string;
  referrer_id: string;
  company: string;
  title: string;
  field_id: string;
  location: string | null;
  remote: boolean;
  closes_on: string | null;
  created_at: Date;
  skill_ids: string[];
}

interface FieldOpenings {
  ranked: RankedField;
  rows: Map<string, OpeningRow>;
}

interface OpeningsSnapshot {
  /** Every opening and status change stamped up to here was committed before the rows were read. */
  horizon: Date;
  byField: Map<string, FieldOpenings>;
  fieldNames: Map<string, LocalizedName>;
}

interface MeetupRow {
  id: string;
  community_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  location: string | null;
  online: boolean;
  community: string;
  public: boolean;
  field_ids: string[];
}

interface MeetupsSnapshot {
  /** Scheduled meetups starting within the horizon (and a little beyond, for the cache's age), by start. */
  meetups: MeetupRow[];
  /** Indexes into `meetups` (ascending, so in start order) per community, and per field for public communities. */
  byCommunity: Map<string, number[]>;
  publicByField: Map<string, number[]>;
  byId: Map<string, number>;
}

/** One cached value with its age; a failed load is not kept. */
class Snapshot<T> {
  private value?: { at: number; promise: Promise<T> };

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
  ) {}

  get(): Promise<T> {
    if (!this.value || Date.now() - this.value.at > this.ttlMs) {
      const promise = this.load();
      const entry = { at: Date.now(), promise };
      this.value = entry;
      promise.catch(() => {
        if (this.value === entry) this.value = undefined;
      });
    }
    return this.value.promise;
  }
}

/**
 * Reads what digests say, for a batch of recipients at once: one query per
 * kind of fact for the whole batch, so a worker sending a digest per job does
 * not pay a round trip per fact per user. Reads the referral and community
 * tables directly (those libs depend on this one, not the other way round).
 */
@Injectable()
export class DigestContentLoader {
  private readonly openings = new Snapshot<OpeningsSnapshot>(SNAPSHOT_TTL_MS, () => this.loadOpenings());
  private readonly meetups = new Snapshot<MeetupsSnapshot>(SNAPSHOT_TTL_MS, () => this.loadMeetups());

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recipients(userIds: string[]): Promise<Map<string, Recipient>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.dataSource.query<
      {
        id: string;
        email: string;
        locale: string;
        time_zone: string;
        referral_on: boolean;
        meetup_on: boolean;
        target_field_id: string | null;
        last_referral_until: Date | null;
      }[]
    >(
      `SELECT u.id, u.email, u.locale, u.time_zone,
              coalesce(p.referral_digest, true) AS referral_on, coalesce(p.meetup_digest, true) AS meetup_on,
              sp.target_field_id,
              (SELECT d.content_until FROM digest_deliveries d
                WHERE d.user_id = u.id AND d.kind = 'REFERRAL' AND d.status = 'SENT'
                ORDER BY d.period DESC LIMIT 1) AS last_referral_until
         FROM users u
         LEFT JOIN notification_preferences p ON p.user_id = u.id
         LEFT JOIN switcher_profiles sp ON sp.user_id = u.id
        WHERE u.id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          userId: r.id,
          email: r.email,
          locale: r.locale,
          timeZone: r.time_zone,
          referralOn: r.referral_on,
          meetupOn: r.meetup_on,
          targetFieldId: r.target_field_id,
          lastReferralUntil: r.last_referral_until,
        },
      ]),
    );
  }

  /**
   * Switchers: open openings in their target field created since their last
   * referral digest (a week for the first one, at most MAX_LOOKBACK_DAYS),
   * not their own and not already requested, best readiness first (then
   * closing soonest, as the referralOpenings list ranks them); status changes
   * of their requests made by someone else in the same window. Anyone who
   * posted openings: the requests still waiting for their answer.
   */
  async referral(recipients: Recipient[]): Promise<Map<string, ReferralDigest>> {
    const result = new Map<string, ReferralDigest>();
    if (recipients.length === 0) return result;
    const snapshot = await this.openings.get();
    const until = snapshot.horizon;
    const untilMs = until.getTime();
    const since = new Map(recipients.map((r) => [r.userId, windowStart(r.lastReferralUntil, until)]));
    const ids = recipients.map((r) => r.userId);
    const switchers = recipients.filter((r) => r.targetFieldId !== null).map((r) => r.userId);

    const [ratings, requested, changes, waiting] = await Promise.all([
      switchers.length === 0
        ? []
        : this.dataSource.query<{ user_id: string; skill_id: string; level: number }[]>(
            `SELECT DISTINCT ON (user_id, skill_id) user_id, skill_id, level FROM skill_ratings
              WHERE user_id = ANY($1::uuid[]) ORDER BY user_id, skill_id, rated_at DESC, id DESC`,
            [switchers],
          ),
      switchers.length === 0
        ? []
        : this.dataSource.query<{ switcher_id: string; opening_id: string }[]>(
            'SELECT switcher_id, opening_id FROM referral_requests WHERE switcher_id = ANY($1::uuid[])',
            [switchers],
          ),
      this.dataSource.query<{ switcher_id: string; request_id: string; to_status: string; at: Date; company: string; title: string }[]>(
        `SELECT DISTINCT ON (c.request_id) r.switcher_id, c.request_id, c.to_status, c.at, o.company, o.title
           FROM unnest($1::uuid[], $2::timestamptz[]) AS s(user_id, since)
           JOIN referral_requests r ON r.switcher_id = s.user_id
           JOIN referral_status_changes c ON c.request_id = r.id AND c.at > s.since AND c.at <= $3 AND c.actor_id <> r.switcher_id
           JOIN referral_openings o ON o.id = r.opening_id
          ORDER BY c.request_id, c.id DESC`,
        [ids, ids.map((id) => since.get(id)!), until],
      ),
      this.dataSource.query<{ referrer_id: string; id: string; created_at: Date; company: string; title: string; display_name: string }[]>(
        `SELECT r.referrer_id, r.id, r.created_at, o.company, o.title, u.display_name
           FROM referral_requests r
           JOIN referral_openings o ON o.id = r.opening_id
           JOIN users u ON u.id = r.switcher_id
          WHERE r.referrer_id = ANY($1::uuid[]) AND r.status = 'REQUESTED'
          ORDER BY r.referrer_id, r.created_at, r.id`,
        [ids],
      ),
    ]);

    const levels = groupBy(ratings, (r) => r.user_id);
    const requestedBy = new Map<string, Set<string>>();
    for (const r of requested) (requestedBy.get(r.switcher_id) ?? requestedBy.set(r.switcher_id, new Set()).get(r.switcher_id)!).add(r.opening_id);
    const changesBy = groupBy(changes, (c) => c.switcher_id);
    const waitingBy = groupBy(waiting, (w) => w.referrer_id);

    for (const recipient of recipients) {
      const start = since.get(recipient.userId)!.getTime();
      let openings: OpeningItem[] = [];
      let openingCount = 0;
      if (recipient.targetFieldId) {
        const field = snapshot.byField.get(recipient.targetFieldId);
        if (field) {
          const reader = {
            userId: recipient.userId,
            levels: new Map((levels.get(recipient.userId) ?? []).map((r) => [r.skill_id, Number(r.level)])),
            requested: requestedBy.get(recipient.userId),
          };
          const { picks, count } = topOpenings(field.ranked, reader, { since: start, until: untilMs }, MAX_ITEMS);
          openingCount = count;
          openings = picks.map(({ index, readiness }) => {
            const o = field.rows.get(field.ranked.openings[index].id)!;
            return { id: o.id, company: o.company, title: o.title, location: o.location, remote: o.remote, closesOn: o.closes_on, readiness };
          });
        }
      }
      const changeItems: StatusChangeItem[] = (changesBy.get(recipient.userId) ?? [])
        .map((c) => ({ requestId: c.request_id, company: c.company, title: c.title, status: c.to_status, at: c.at }))
        .sort((a, b) => b.at.getTime() - a.at.getTime());
      const waitingItems: WaitingRequestItem[] = (waitingBy.get(recipient.userId) ?? []).map((w) => ({
        requestId: w.id,
        switcherName: w.display_name,
        company: w.company,
        title: w.title,
        requestedAt: w.created_at,
      }));
      result.set(recipient.userId, {
        contentUntil: until,
        content: {
          field: recipient.targetFieldId ? (snapshot.fieldNames.get(recipient.targetFieldId) ?? null) : null,
          openings,
          moreOpenings: openingCount - openings.length,
          changes: changeItems.slice(0, MAX_ITEMS),
          moreChanges: Math.max(0, changeItems.length - MAX_ITEMS),
          waiting: waitingItems.slice(0, MAX_ITEMS),
          moreWaiting: Math.max(0, waitingItems.length - MAX_ITEMS),
        },
      });
    }
    return result;
  }

  /**
   * Meetups starting within MEETUP_HORIZON_DAYS in the recipient's
   * communities (ACTIVE members), in public communities' meetups of their
   * fields (switcher target field, mentor fields), and any they RSVPed to;
   * with their RSVP and waitlist position. Invite-only communities' meetups
   * reach members only, as in upcomingMeetups.
   */
  async meetup(recipients: Recipient[]): Promise<Map<string, MeetupDigestContent>> {
    const result = new Map<string, MeetupDigestContent>();
    if (recipients.length === 0) return result;
    const snapshot = await this.meetups.get();
    const ids = recipients.map((r) => r.userId);
    // One statement for the three facts (a wave reads them for up to WORKER_CONCURRENCY readers).
    const facts = await this.dataSource.query<
      { user_id: string; fact: 'COMMUNITY' | 'FIELD' | 'RSVP'; id: string; status: 'GOING' | 'WAITLISTED' | null; position: number | null }[]
    >(
      `SELECT user_id, 'COMMUNITY' AS fact, community_id AS id, NULL AS status, NULL::int AS position
         FROM community_members WHERE user_id = ANY($1::uuid[]) AND status = 'ACTIVE'
       UNION ALL
       SELECT user_id, 'FIELD', target_field_id, NULL, NULL FROM switcher_profiles WHERE user_id = ANY($1::uuid[]) AND target_field_id IS NOT NULL
       UNION ALL
       SELECT user_id, 'FIELD', field_id, NULL, NULL FROM mentor_fields WHERE user_id = ANY($1::uuid[])
       UNION ALL
       SELECT r.user_id, 'RSVP', r.meetup_id, r.status,
              CASE WHEN r.status = 'WAITLISTED' THEN
                (SELECT count(*)::int FROM meetup_rsvps w
                  WHERE w.meetup_id = r.meetup_id AND w.status = 'WAITLISTED' AND w.queue_seq <= r.queue_seq) END
         FROM meetup_rsvps r
         JOIN meetups m ON m.id = r.meetup_id AND m.status = 'SCHEDULED' AND m.starts_at > now()
        WHERE r.user_id = ANY($1::uuid[]) AND r.status IN ('GOING', 'WAITLISTED')`,
      [ids],
    );
    const communitiesOf = groupBy(facts.filter((f) => f.fact === 'COMMUNITY'), (f) => f.user_id);
    const fieldsOf = groupBy(facts.filter((f) => f.fact === 'FIELD'), (f) => f.user_id);
    const rsvpsOf = groupBy(facts.filter((f) => f.fact === 'RSVP'), (f) => f.user_id);
    const now = Date.now();
    const horizon = now + MEETUP_HORIZON_DAYS * DAY_MS;

    for (const recipient of recipients) {
      // Indexes of the meetups that concern them: their communities', public ones of their fields, any they RSVPed to.
      const rsvpByMeetup = new Map<number, (typeof facts)[number]>();
      const relevant: number[] = [];
      for (const r of rsvpsOf.get(recipient.userId) ?? []) {
        const index = snapshot.byId.get(r.id);
        if (index === undefined) continue;
        rsvpByMeetup.set(index, r);
        relevant.push(index);
      }
      for (const m of communitiesOf.get(recipient.userId) ?? []) relevant.push(...(snapshot.byCommunity.get(m.id) ?? []));
      for (const f of fieldsOf.get(recipient.userId) ?? []) relevant.push(...(snapshot.publicByField.get(f.id) ?? []));
      relevant.sort((a, b) => a - b);

      const items: MeetupItem[] = [];
      let count = 0;
      for (let i = 0; i < relevant.length; i++) {
        const index = relevant[i];
        if (i > 0 && relevant[i - 1] === index) continue;
        const m = snapshot.meetups[index];
        const start = m.starts_at.getTime();
        if (start <= now) continue;
        // In start order: everything after this one is beyond the horizon too.
        if (start > horizon) break;
        count++;
        if (items.length === MAX_ITEMS) continue;
        const rsvp = rsvpByMeetup.get(index);
        items.push({
          id: m.id,
          title: m.title,
          community: m.community,
          startsAt: m.starts_at,
          endsAt: m.ends_at,
          location: m.location,
          online: m.online,
          rsvp: (rsvp?.status ?? null) as RsvpState,
          waitlistPosition: rsvp?.status === 'WAITLISTED' ? rsvp.position : null,
        });
      }
      result.set(recipient.userId, { meetups: items, more: count - items.length });
    }
    return result;
  }

  /** Whether a recipient wants a kind, as stored now (read at send time). */
  static wants(recipient: Recipient, kind: DigestKind): boolean {
    return kind === DigestKind.REFERRAL ? recipient.referralOn : recipient.meetupOn;
  }

  private async loadOpenings(): Promise<OpeningsSnapshot> {
    // Read before the rows: whatever commits later started after the horizon.
    const [{ now, horizon }] = await this.dataSource.query<{ now: Date; horizon: Date }[]>(
      `SELECT now() AS now,
              greatest(now() - $1 * interval '1 millisecond',
                       least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                                      WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL))) AS horizon`,
      [MAX_HORIZON_LAG_MS],
    );
    const [rows, requirements, fields] = await Promise.all([
      this.dataSource.query<OpeningRow[]>(
        `SELECT o.id, o.referrer_id, o.company, o.title, o.field_id, o.location, o.remote,
                to_char(o.closes_on, 'YYYY-MM-DD') AS closes_on, o.created_at,
                coalesce(array_agg(os.skill_id ORDER BY os.position) FILTER (WHERE os.skill_id IS NOT NULL), '{}') AS skill_ids
           FROM referral_openings o
           LEFT JOIN referral_opening_skills os ON os.opening_id = o.id
          WHERE o.closed_at IS NULL AND (o.closes_at IS NULL OR o.closes_at > $1)
            AND o.created_at > $1::timestamptz - make_interval(days => $2)
          GROUP BY o.id`,
        [now, MAX_LOOKBACK_DAYS + 1],
      ),
      this.dataSource.query<{ field_id: string; skill_id: string; level: number; weight: string }[]>(
        'SELECT field_id, skill_id, level, weight FROM field_requirements',
      ),
      this.dataSource.query<{ id: string; name_en: string; name_zh: string }[]>('SELECT id, name_en, name_zh FROM fields'),
    ]);
    const reqs = new Map<string, Requirement[]>();
    for (const r of requirements) {
      (reqs.get(r.field_id) ?? reqs.set(r.field_id, []).get(r.field_id)!).push({ skillId: r.skill_id, level: Number(r.level), weight: Number(r.weight) });
    }
    const byField = new Map<string, FieldOpenings>();
    for (const [fieldId, fieldRows] of groupBy(rows, (r) => r.field_id)) {
      const tieRank = new Map([...fieldRows].sort(byClosingThenId).map((row, rank) => [row, rank]));
      const ranked = rankableField(
        fieldRows.map((row) => ({
          id: row.id,
          referrerId: row.referrer_id,
          createdAt: row.created_at.getTime(),
          requirements: openingRequirements(reqs.get(fieldId) ?? [], row.skill_ids),
          tieRank: tieRank.get(row)!,
        })),
      );
      byField.set(fieldId, { ranked, rows: new Map(fieldRows.map((row) => [row.id, row])) });
    }
    return { horizon, byField, fieldNames: new Map(fields.map((f) => [f.id, { en: f.name_en, zh: f.name_zh }])) };
  }

  private async loadMeetups(): Promise<MeetupsSnapshot> {
    const rows = await this.dataSource.query<MeetupRow[]>(
      `SELECT m.id, m.community_id, m.title, m.starts_at, m.ends_at, m.location, m.online_url IS NOT NULL AS online,
              c.name AS community, c.visibility = 'PUBLIC' AS public,
              coalesce(array_agg(mf.field_id) FILTER (WHERE mf.field_id IS NOT NULL), '{}') AS field_ids
         FROM meetups m
         JOIN communities c ON c.id = m.community_id
         LEFT JOIN meetup_fields mf ON mf.meetup_id = m.id
        WHERE m.status = 'SCHEDULED' AND m.starts_at > now()
          AND m.starts_at <= now() + make_interval(days => $1, secs => $2)
        GROUP BY m.id, c.id
        ORDER BY m.starts_at, m.id`,
      [MEETUP_HORIZON_DAYS, SNAPSHOT_TTL_MS / 1000 + 60],
    );
    const byCommunity = new Map<string, number[]>();
    const publicByField = new Map<string, number[]>();
    rows.forEach((m, index) => {
      (byCommunity.get(m.community_id) ?? byCommunity.set(m.community_id, []).get(m.community_id)!).push(index);
      if (m.public) for (const f of m.field_ids) (publicByField.get(f) ?? publicByField.set(f, []).get(f)!).push(index);
    });
    return { meetups: rows, byCommunity, publicByField, byId: new Map(rows.map((m, index) => [m.id, index])) };
  }
}

function windowStart(lastUntil: Date | null, until: Date): Date {
  const floor = until.getTime() - MAX_LOOKBACK_DAYS * DAY_MS;
  const start = lastUntil ? lastUntil.getTime() : until.getTime() - FIRST_DIGEST_LOOKBACK_DAYS * DAY_MS;
  return new Date(Math.max(start, floor));
}

/** The referralOpenings order among equally ready openings: closing soonest (open-ended last), then id. */
function byClosingThenId(a: OpeningRow, b: OpeningRow): number {
  const ca = a.closes_on ?? '9999-12-31';
  const cb = b.closes_on ?? '9999-12-31';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
