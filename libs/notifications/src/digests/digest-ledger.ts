import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DigestKind } from './digest-period';

export interface DigestKey {
  userId: string;
  kind: DigestKind;
  period: string;
}

export type ClaimResult =
  /** This claim holds the row: build and send. `attempts` counts this claim. */
  | { state: 'claimed'; attempts: number }
  /** Already SENT, SKIPPED or FAILED. */
  | { state: 'final'; status: 'SENT' | 'SKIPPED' | 'FAILED' }
  /** Another worker holds it until `until` (or held it and was killed). */
  | { state: 'busy'; until: Date }
  /** The user no longer exists. */
  | { state: 'gone' };

export interface SentRecord extends DigestKey {
  claimId: string;
  messageId: string;
  items: number;
  contentUntil: Date | null;
}

export interface SkipRecord extends DigestKey {
  claimId: string;
  reason: 'EMPTY' | 'OPTED_OUT';
}

export type OutcomeRecord = SentRecord | SkipRecord;

/** The columns of several keys as parallel arrays, for `unnest`. */
function columns(keys: readonly DigestKey[]): [string[], string[], string[]] {
  return [keys.map((k) => k.userId), keys.map((k) => k.kind), keys.map((k) => k.period)];
}

/**
 * The delivery ledger (digest_deliveries): claims a (user, kind, period)
 * before anything is sent and records how it ended. Every write of a claimed
 * row names the claim, so a worker whose lease lapsed (and whose row another
 * worker re-claimed) changes nothing. Each method takes many keys: a worker
 * records a batch of digests in one statement.
 */
@Injectable()
export class DigestLedger {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims each key for `leaseMs`: a new row, or a CLAIMED row whose lease
   * lapsed. ON CONFLICT locks the row and re-checks the condition on its
   * newest version, so of two workers claiming at once exactly one wins.
   */
  async claim(keys: readonly DigestKey[], claimId: string, leaseMs: number): Promise<ClaimResult[]> {
    const rows = await this.dataSource.query<
      { user_id: string; kind: string; period: string; claimed_attempts: number | null; status: string | null; claimed_until: Date | null; user_exists: boolean }[]
    >(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(user_id, kind, period)
       ), claimed AS (
         INSERT INTO digest_deliveries AS d (user_id, kind, period, status, claim_id, claimed_until)
         SELECT i.user_id, i.kind, i.period, 'CLAIMED', $4, now() + $5 * interval '1 millisecond'
           FROM input i WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = i.user_id)
         ON CONFLICT (user_id, kind, period) DO UPDATE
           SET claim_id = EXCLUDED.claim_id, claimed_until = EXCLUDED.claimed_until,
               attempts = d.attempts + 1, updated_at = now()
         WHERE d.status = 'CLAIMED' AND d.claimed_until <= now()
         RETURNING d.user_id, d.kind, d.period, d.attempts
       )
       SELECT i.user_id, i.kind, i.period, c.attempts AS claimed_attempts, d.status, d.claimed_until,
              EXISTS (SELECT 1 FROM users u WHERE u.id = i.user_id) AS user_exists
         FROM input i
         LEFT JOIN claimed c ON c.user_id = i.user_id AND c.kind = i.kind AND c.period = i.period
         -- The statement's snapshot: the row as it was before this claim (none if new).
         LEFT JOIN digest_deliveries d ON d.user_id = i.user_id AND d.kind = i.kind AND d.period = i.period`,
      [...columns(keys), claimId, leaseMs],
    );
    const byKey = new Map(rows.map((r) => [`${r.user_id}/${r.kind}/${r.period}`, r]));
    return keys.map((key) => {
      const row = byKey.get(`${key.userId}/${key.kind}/${key.period}`);
      if (!row || !row.user_exists) return { state: 'gone' };
      if (row.claimed_attempts !== null) return { state: 'claimed', attempts: row.claimed_attempts };
      if (row.status === 'SENT' || row.status === 'SKIPPED' || row.status === 'FAILED') return { state: 'final', status: row.status };
      // Claimed by someone else; or inserted by a concurrent claim after our snapshot (no row seen): wait a lease.
      return { state: 'busy', until: row.claimed_until ?? new Date(Date.now() + leaseMs) };
    });
  }

  /**
   * Records final outcomes, sent and skipped alike, in one statement. Sent
   * ones are recorded right after the mail server accepted them: the shorter
   * this takes, the smaller the duplicate window.
   */
  async record(records: readonly OutcomeRecord[]): Promise<void> {
    if (records.length === 0) return;
    const sent = (r: OutcomeRecord): r is SentRecord => !('reason' in r);
    await this.dataSource.query(
      `UPDATE digest_deliveries d
          SET status = r.status, updated_at = now(), claimed_until = NULL, claim_id = NULL,
              sent_at = CASE WHEN r.status = 'SENT' THEN now() ELSE d.sent_at END,
              message_id = coalesce(r.message_id, d.message_id), items = coalesce(r.items, d.items),
              content_until = coalesce(r.content_until, d.content_until), skip_reason = r.reason,
              last_error = CASE WHEN r.status = 'SENT' THEN NULL ELSE d.last_error END
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::timestamptz[], $9::text[])
              AS r(user_id, kind, period, claim_id, status, message_id, items, content_until, reason)
        WHERE d.user_id = r.user_id AND d.kind = r.kind AND d.period = r.period AND d.claim_id = r.claim_id`,
      [
        ...columns(records),
        records.map((r) => r.claimId),
        records.map((r) => (sent(r) ? 'SENT' : 'SKIPPED')),
        records.map((r) => (sent(r) ? r.messageId : null)),
        records.map((r) => (sent(r) ? r.items : null)),
        records.map((r) => (sent(r) ? r.contentUntil : null)),
        records.map((r) => (sent(r) ? null : r.reason)),
      ],
    );
  }

  async markFailed(key: DigestKey, claimId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE digest_deliveries SET status = 'FAILED', last_error = $5, updated_at = now(), claimed_until = NULL, claim_id = NULL
        WHERE user_id = $1 AND kind = $2 AND period = $3 AND claim_id = $4`,
      [key.userId, key.kind, key.period, claimId, error],
    );
  }

  /** Gives claims back at once (a transient failure): the retry may claim them without waiting for the lease. */
  async release(keys: readonly DigestKey[], claimId: string, error: string | null): Promise<void> {
    if (keys.length === 0) return;
    await this.dataSource.query(
      `UPDATE digest_deliveries d SET claimed_until = now(), last_error = coalesce($5, d.last_error), updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(user_id, kind, period)
        WHERE d.user_id = r.user_id AND d.kind = r.kind AND d.period = r.period AND d.claim_id = $4 AND d.status = 'CLAIMED'`,
      [...columns(keys), claimId, error],
    );
  }
}
