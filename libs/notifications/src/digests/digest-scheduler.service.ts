import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobPayload } from '@switchyard/queue';
import { DEFAULT_PREFERENCES } from '../preferences/preferences.service';
import { NOTIFICATIONS_QUEUE } from '../notifications.queue';
import { DIGEST_KINDS, DigestKind, digestBatchJobId, zoneClock } from './digest-period';

/** Something that tells the time: the system clock, or a fake one in tests. */
export interface Clock {
  now(): Date;
}

export const DIGEST_CLOCK = Symbol('DIGEST_CLOCK');
export const systemClock: Clock = { now: () => new Date() };

/** Users read per query when selecting who is due. */
const PAGE = 5000;
/**
 * Digests per job: large enough that BullMQ's cost per job (a few Redis round
 * trips) is small beside the digests', small enough that a retry or a
 * stalled job redoes little and several workers share a run.
 */
export const DIGEST_BATCH = 200;

export interface DueDigest {
  userId: string;
  kind: DigestKind;
  period: string;
}

/**
 * Decides who is due for a digest and queues them in batches of one kind and
 * period (DIGEST_BATCH users a job).
 *
 * The clock is read once per zone in TypeScript (zoneClock: local ISO week,
 * weekday and hour), and PostgreSQL compares each user's chosen slot against
 * their zone's row: one indexed pass over the users, page by page, without a
 * time zone conversion per user. Users who opted out or whose ledger row for
 * the period is final are left out here already; whether to send is decided
 * again at send time. A CLAIMED row counts as "not had it": its job may be
 * gone from Redis. If it is still there, the same batch again is a no-op
 * (deterministic job ids); a different batch finds the claim held and comes
 * back after the lease, when the digest is final or its claim lapsed.
 */
@Injectable()
export class DigestScheduler {
  private readonly logger = new Logger('Digests');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(DIGEST_CLOCK) private readonly clock: Clock,
  ) {}

  /** The 15-minute tick: users whose slot has come in their current local week. */
  async tick(): Promise<{ enqueued: number }> {
    const enqueued = await this.enqueue(DIGEST_KINDS, { ignoreSlot: false });
    if (enqueued > 0) this.logger.log(`enqueued ${enqueued} digest(s)`);
    return { enqueued };
  }

  /** runDigestsNow: this period's digest of `kind` for every opted-in user who has not had it, whatever their slot. */
  runNow(kind: DigestKind): Promise<number> {
    return this.enqueue([kind], { ignoreSlot: true });
  }

  async enqueue(kinds: readonly DigestKind[], options: { ignoreSlot: boolean }): Promise<number> {
    let total = 0;
    for await (const page of this.due(kinds, options)) {
      const groups = new Map<string, DueDigest[]>();
      for (const d of page) {
        const group = `${d.kind}/${d.period}`;
        (groups.get(group) ?? groups.set(group, []).get(group)!).push(d);
      }
      const jobs = [...groups.values()].flatMap((due) => {
        const { kind, period } = due[0];
        const batches: { name: 'send-digests'; data: JobPayload<'notifications', 'send-digests'>; opts: { jobId: string } }[] = [];
        for (let i = 0; i < due.length; i += DIGEST_BATCH) {
          const userIds = due.slice(i, i + DIGEST_BATCH).map((d) => d.userId);
          batches.push({ name: 'send-digests', data: { kind, period, userIds }, opts: { jobId: digestBatchJobId(kind, period, userIds) } });
        }
        return batches;
      });
      await this.queue.addBulk(jobs);
      total += page.length;
    }
    return total;
  }

  /** Due digests, a page of users at a time, at the clock's current instant. */
  async *due(kinds: readonly DigestKind[], options: { ignoreSlot: boolean }): AsyncGenerator<DueDigest[]> {
    const now = this.clock.now();
    const zones = (await this.dataSource.query<{ time_zone: string }[]>('SELECT DISTINCT time_zone FROM users')).map((r) => zoneClock(now, r.time_zone));
    if (zones.length === 0) return;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.dataSource.query<{ user_id: string; period: string | null; kinds: DigestKind[] }[]>(
        `WITH z AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS z(zone, period, weekday, hour)
         ), page AS (
           SELECT id, time_zone FROM users WHERE id > $5::uuid ORDER BY id LIMIT $6
         )
         SELECT page.id AS user_id, z.period,
                CASE WHEN z.period IS NULL OR NOT ($7::boolean OR (z.weekday, z.hour) >= (coalesce(p.digest_weekday, $8::int), coalesce(p.digest_hour, $9::int)))
                     THEN '{}'::text[]
                     ELSE array_remove(ARRAY[
                       CASE WHEN 'REFERRAL' = ANY($10::text[]) AND coalesce(p.referral_digest, true) AND NOT EXISTS (
                              SELECT 1 FROM digest_deliveries d
                               WHERE d.user_id = page.id AND d.kind = 'REFERRAL' AND d.period = z.period AND d.status <> 'CLAIMED')
                            THEN 'REFERRAL' END,
                       CASE WHEN 'MEETUP' = ANY($10::text[]) AND coalesce(p.meetup_digest, true) AND NOT EXISTS (
                              SELECT 1 FROM digest_deliveries d
                               WHERE d.user_id = page.id AND d.kind = 'MEETUP' AND d.period = z.period AND d.status <> 'CLAIMED')
                            THEN 'MEETUP' END], NULL) END AS kinds
           FROM page
           -- A zone missing from z is one set after the zones were listed: its user waits for the next tick.
           LEFT JOIN z ON z.zone = page.time_zone
           LEFT JOIN notification_preferences p ON p.user_id = page.id
          ORDER BY page.id`,
        [
          zones.map((z) => z.zone),
          zones.map((z) => z.period),
          zones.map((z) => z.weekday),
          zones.map((z) => z.hour),
          after,
          PAGE,
          options.ignoreSlot,
          DEFAULT_PREFERENCES.digestWeekday,
          DEFAULT_PREFERENCES.digestHour,
          kinds,
        ],
      );
      const due = rows.flatMap((r) => r.kinds.map((kind) => ({ userId: r.user_id, kind, period: r.period! })));
      if (due.length > 0) yield due;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].user_id;
    }
  }
}
