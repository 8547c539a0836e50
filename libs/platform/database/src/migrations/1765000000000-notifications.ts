import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification preferences and the email outbox. A user without a
 * preferences row has the defaults (everything on, digests Monday 09:00 in
 * their own zone), so the table only holds people who changed something.
 * Outbox rows are written in the same transaction as the notification they
 * mail, and a worker relays them; `next_attempt_at` doubles as the lease of a
 * row being sent, so a killed worker's rows become due again by themselves.
 */
export class Notifications1765000000000 implements MigrationInterface {
  name = 'Notifications1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY CONSTRAINT notification_preferences_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        referral_digest boolean NOT NULL DEFAULT true,
        meetup_digest boolean NOT NULL DEFAULT true,
        session_reminders boolean NOT NULL DEFAULT true,
        email_notifications boolean NOT NULL DEFAULT true,
        digest_weekday smallint NOT NULL DEFAULT 1 CONSTRAINT notification_preferences_weekday_check CHECK (digest_weekday BETWEEN 1 AND 7),
        digest_hour smallint NOT NULL DEFAULT 9 CONSTRAINT notification_preferences_hour_check CHECK (digest_hour BETWEEN 0 AND 23),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT email_outbox_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        notification_id uuid CONSTRAINT email_outbox_notification_fkey REFERENCES notifications(id) ON DELETE CASCADE,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING'
          CONSTRAINT email_outbox_status_check CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
        attempts integer NOT NULL DEFAULT 0,
        -- PENDING: when to try (again); SENDING: when the claim lapses.
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claim_id uuid,
        message_id text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz
      )`);
    await q.query(`CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status IN ('PENDING', 'SENDING')`);
    await q.query('CREATE INDEX email_outbox_notification_idx ON email_outbox (notification_id)');
    await q.query('CREATE INDEX email_outbox_user_idx ON email_outbox (user_id, created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE email_outbox');
    await q.query('DROP TABLE notification_preferences');
  }
}
