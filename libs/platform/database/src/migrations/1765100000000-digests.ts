import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly digests' delivery ledger: one row per user, kind and period (the
 * ISO week in the user's zone, "2026-W49"). A worker inserts the row as
 * CLAIMED before it builds and sends a digest, so whoever holds the row is
 * the only one who may send; `claimed_until` is the lease a killed worker's
 * claim lapses after. SENT, SKIPPED (nothing to say, or the user opted out at
 * send time) and FAILED (the mail server refused it for good) are final.
 * `content_until` is the instant the sent digest's content runs to: the next
 * referral digest lists what is new since then.
 */
export class Digests1765100000000 implements MigrationInterface {
  name = 'Digests1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE digest_deliveries (
        user_id uuid NOT NULL CONSTRAINT digest_deliveries_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT digest_deliveries_kind_check CHECK (kind IN ('REFERRAL', 'MEETUP')),
        period text NOT NULL CONSTRAINT digest_deliveries_period_check CHECK (period ~ '^[0-9]{4}-W[0-9]{2}$'),
        status text NOT NULL CONSTRAINT digest_deliveries_status_check CHECK (status IN ('CLAIMED', 'SENT', 'SKIPPED', 'FAILED')),
        -- Claims made, including ones that lapsed (a killed worker) or were released for a retry.
        attempts integer NOT NULL DEFAULT 1,
        claim_id uuid,
        claimed_until timestamptz,
        skip_reason text CONSTRAINT digest_deliveries_skip_reason_check CHECK (skip_reason IN ('EMPTY', 'OPTED_OUT')),
        items integer,
        content_until timestamptz,
        message_id text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT digest_deliveries_pkey PRIMARY KEY (user_id, kind, period),
        CONSTRAINT digest_deliveries_claim_check CHECK ((status = 'CLAIMED') = (claimed_until IS NOT NULL)),
        CONSTRAINT digest_deliveries_skip_check CHECK ((status = 'SKIPPED') = (skip_reason IS NOT NULL))
      )`);
    // Operations: claims in flight or left behind by a killed worker.
    await q.query(`CREATE INDEX digest_deliveries_claimed_idx ON digest_deliveries (claimed_until) WHERE status = 'CLAIMED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE digest_deliveries');
  }
}
