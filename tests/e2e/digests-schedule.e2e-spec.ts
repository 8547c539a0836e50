import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { TestDatabase, createTestDatabase } from '@switchyard/testing';
import { DIGEST_KINDS, DigestKind, digestBatchJobId } from '../../libs/notifications/src/digests/digest-period';
import { DigestLedger } from '../../libs/notifications/src/digests/digest-ledger';
import { Clock, DigestScheduler } from '../../libs/notifications/src/digests/digest-scheduler.service';

const QUARTER_HOUR = 15 * 60_000;

/**
 * The scheduler's due-user SQL against real PostgreSQL with a fake clock:
 * ticks every 15 minutes through weeks with DST changes; each queued digest
 * is "delivered" (a SENT ledger row) before the next tick, as the worker
 * would. Every user must get exactly one digest of each kind per local week,
 * at the first tick at or after their slot.
 */
describe('digest schedule in SQL, with a fake clock', () => {
  let db: TestDatabase;
  let clock: Date;
  const added: { name: string; data: { kind: DigestKind; period: string; userIds: string[] }; opts: { jobId: string } }[] = [];
  let scheduler: DigestScheduler;

  beforeAll(async () => {
    db = await createTestDatabase();
    const dataSource = { query: (sql: string, params?: unknown[]) => db.query(sql, params) } as unknown as DataSource;
    const queue = { addBulk: async (jobs: typeof added) => void added.push(...jobs) } as unknown as Queue;
    const fake: Clock = { now: () => clock };
    scheduler = new DigestScheduler(dataSource, queue, fake);
  });
  afterAll(() => db.drop());

  async function user(name: string, timeZone: string, slot?: { weekday: number; hour: number }): Promise<string> {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, time_zone, roles) VALUES ($1, 'x', $2, $3, '{SWITCHER}') RETURNING id`,
      [`${name}@clock.example.org`, name, timeZone],
    );
    if (slot) {
      await db.query('INSERT INTO notification_preferences (user_id, digest_weekday, digest_hour) VALUES ($1, $2, $3)', [row.id, slot.weekday, slot.hour]);
    }
    return row.id;
  }

  /** Runs the ticks in [from, to), delivering what each queues; returns the deliveries per user. */
  async function run(from: string, to: string, between?: (now: Date) => Promise<void>) {
    const sent = new Map<string, { at: string; kind: string; period: string }[]>();
    for (let t = Date.parse(from); t < Date.parse(to); t += QUARTER_HOUR) {
      clock = new Date(t);
      await between?.(clock);
      added.length = 0;
      await scheduler.tick();
      for (const job of added) {
        expect(job.opts.jobId).toBe(digestBatchJobId(job.data.kind, job.data.period, job.data.userIds));
        for (const userId of job.data.userIds) {
          await db.query(`INSERT INTO digest_deliveries (user_id, kind, period, status) VALUES ($1, $2, $3, 'SENT')`, [userId, job.data.kind, job.data.period]);
          sent.set(userId, [...(sent.get(userId) ?? []), { at: clock.toISOString(), kind: job.data.kind, period: job.data.period }]);
        }
      }
    }
    return sent;
  }

  it('sends one of each kind per local week across DST changes and a move to another zone', async () => {
    // Had last week's digests already, so the run starts clean.
    const springForward = await user('ny-spring', 'America/New_York', { weekday: 7, hour: 2 }); // 02:00 does not exist on 8 March
    const berlin = await user('berlin-default', 'Europe/Berlin'); // Monday 09:00 (defaults), DST on 29 March
    const mover = await user('mover', 'Asia/Tokyo'); // moves to Los Angeles on Wednesday
    const optedOut = await user('opted-out', 'UTC');
    await db.query(`INSERT INTO notification_preferences (user_id, referral_digest) VALUES ($1, false) ON CONFLICT (user_id) DO UPDATE SET referral_digest = false`, [
      optedOut,
    ]);
    // The week before the run is done for everyone; for the spring-forward user that is W09, so W10 (ending on the DST Sunday) is due.
    const had = new Map([[springForward, '2026-W09'], [berlin, '2026-W10'], [mover, '2026-W10'], [optedOut, '2026-W10']]);
    for (const [id, period] of had) {
      for (const kind of DIGEST_KINDS) {
        await db.query(`INSERT INTO digest_deliveries (user_id, kind, period, status) VALUES ($1, $2, $3, 'SENT')`, [id, kind, period]);
      }
    }

    const sent = await run('2026-03-08T00:00:00Z', '2026-03-16T00:00:00Z', async (now) => {
      if (now.toISOString() === '2026-03-11T00:00:00.000Z') await db.query(`UPDATE users SET time_zone = 'America/Los_Angeles' WHERE id = $1`, [mover]);
    });

    const both = (at: string, period: string) => [
      { at, kind: 'REFERRAL', period },
      { at, kind: 'MEETUP', period },
    ];
    // Sunday 8 March (W10): 02:00 does not exist; the first tick past it is 03:00 EDT = 07:00 UTC.
    // Sunday 15 March (W11): 02:00 EDT = 06:00 UTC.
    expect(sent.get(springForward)).toEqual([...both('2026-03-08T07:00:00.000Z', '2026-W10'), ...both('2026-03-15T06:00:00.000Z', '2026-W11')]);
    expect(sent.get(berlin)).toEqual(both('2026-03-09T08:00:00.000Z', '2026-W11'));
    // Monday 09:00 in Tokyo (00:00 UTC); after the move it is still W11 in Los Angeles: nothing more.
    expect(sent.get(mover)).toEqual(both('2026-03-09T00:00:00.000Z', '2026-W11'));
    expect(sent.get(optedOut)).toEqual([{ at: '2026-03-09T09:00:00.000Z', kind: 'MEETUP', period: '2026-W11' }]);
  });

  it('sends in the week Sunday falls back, once, at the first of the two 01:00s', async () => {
    const fallBack = await user('ny-fall', 'America/New_York', { weekday: 7, hour: 1 });
    for (const kind of DIGEST_KINDS) {
      await db.query(`INSERT INTO digest_deliveries (user_id, kind, period, status) VALUES ($1, $2, '2026-W43', 'SENT')`, [fallBack, kind]);
    }
    const sent = await run('2026-10-31T12:00:00Z', '2026-11-02T00:00:00Z');
    expect(sent.get(fallBack)).toEqual([
      { at: '2026-11-01T05:00:00.000Z', kind: 'REFERRAL', period: '2026-W44' },
      { at: '2026-11-01T05:00:00.000Z', kind: 'MEETUP', period: '2026-W44' },
    ]);
  });

  it('queues the digests of a CLAIMED row again (its job may be lost) but not of a final one, and runNow ignores the slot', async () => {
    const id = await user('claimed', 'UTC', { weekday: 5, hour: 12 });
    clock = new Date('2026-06-03T08:00:00Z'); // Wednesday, before the Friday slot
    await db.query(
      `INSERT INTO digest_deliveries (user_id, kind, period, status, claimed_until) VALUES ($1, 'REFERRAL', '2026-W23', 'CLAIMED', now())`,
      [id],
    );
    const due = async (kinds: DigestKind[], ignoreSlot: boolean) => {
      const out: string[] = [];
      for await (const page of scheduler.due(kinds, { ignoreSlot })) out.push(...page.filter((d) => d.userId === id).map((d) => `${d.kind} ${d.period}`));
      return out;
    };
    expect(await due([...DIGEST_KINDS], false)).toEqual([]);
    expect(await due([...DIGEST_KINDS], true)).toEqual(['REFERRAL 2026-W23', 'MEETUP 2026-W23']);
    await db.query(`INSERT INTO digest_deliveries (user_id, kind, period, status, skip_reason) VALUES ($1, 'MEETUP', '2026-W23', 'SKIPPED', 'EMPTY')`, [id]);
    expect(await due([DigestKind.MEETUP], true)).toEqual([]);
    clock = new Date('2026-06-05T12:00:00Z');
    expect(await due([...DIGEST_KINDS], false)).toEqual(['REFERRAL 2026-W23']);
  });

  it('lets exactly one of two workers claim a digest, and only after the lease lapses another', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await user(`claim-${i}`, 'UTC'));
    const keys = ids.map((userId) => ({ userId, kind: DigestKind.REFERRAL, period: '2026-W30' }));
    const clients = [new Client({ connectionString: db.url }), new Client({ connectionString: db.url })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const ledgers = clients.map(
        (c) => new DigestLedger({ query: async (sql: string, params?: unknown[]) => (await c.query(sql, params)).rows } as unknown as DataSource),
      );
      const [a, b] = await Promise.all([ledgers[0].claim(keys, randomUUID(), 60_000), ledgers[1].claim([...keys].reverse(), randomUUID(), 60_000)]);
      const bInOrder = [...b].reverse();
      for (let i = 0; i < keys.length; i++) {
        expect([a[i].state, bInOrder[i].state].sort()).toEqual(['busy', 'claimed']);
      }

      // A lapsed lease (a killed worker) is claimed again; the old claim can no longer record anything.
      const stale = randomUUID();
      const [key] = keys;
      await db.query(`UPDATE digest_deliveries SET claim_id = $2, claimed_until = now() - interval '1 second' WHERE user_id = $1`, [key.userId, stale]);
      const fresh = randomUUID();
      expect(await ledgers[0].claim([key], fresh, 60_000)).toEqual([{ state: 'claimed', attempts: 2 }]);
      await ledgers[1].record([{ ...key, claimId: stale, messageId: '<old@x>', items: 1, contentUntil: null }]);
      expect((await db.query('SELECT status FROM digest_deliveries WHERE user_id = $1', [key.userId]))[0].status).toBe('CLAIMED');
      await ledgers[0].record([{ ...key, claimId: fresh, messageId: '<new@x>', items: 1, contentUntil: null }]);
      expect(await db.query('SELECT status, message_id, attempts FROM digest_deliveries WHERE user_id = $1', [key.userId])).toEqual([
        { status: 'SENT', message_id: '<new@x>', attempts: 2 },
      ]);
      expect(await ledgers[1].claim([key], randomUUID(), 60_000)).toEqual([{ state: 'final', status: 'SENT' }]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});
