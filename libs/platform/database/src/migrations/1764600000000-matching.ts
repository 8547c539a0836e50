import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mentorship request lifecycle and in-app notifications (the
 * notifications feature later adds email delivery on top of these rows).
 */
export class Matching1764600000000 implements MigrationInterface {
  name = 'Matching1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE mentorship_requests ADD COLUMN response_note text');
    await q.query('ALTER TABLE mentorship_requests ADD COLUMN reminded_at timestamptz');
    await q.query(
      'ALTER TABLE mentorship_requests ADD COLUMN mentorship_id uuid CONSTRAINT mentorship_requests_mentorship_fkey REFERENCES mentorships(id) ON DELETE SET NULL',
    );
    // One open request per pair; one live mentorship per pair.
    await q.query(`CREATE UNIQUE INDEX mentorship_requests_one_pending ON mentorship_requests (switcher_id, mentor_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE UNIQUE INDEX mentorships_one_live ON mentorships (switcher_id, mentor_id) WHERE status IN ('ACTIVE', 'PAUSED')`);
    await q.query(`CREATE INDEX mentorship_requests_pending_expiry_idx ON mentorship_requests (expires_at) WHERE status = 'PENDING'`);
    await q.query('CREATE INDEX mentorship_requests_switcher_idx ON mentorship_requests (switcher_id, created_at DESC)');

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT notifications_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query('CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notifications');
    await q.query('DROP INDEX mentorship_requests_switcher_idx');
    await q.query('DROP INDEX mentorship_requests_pending_expiry_idx');
    await q.query('DROP INDEX mentorships_one_live');
    await q.query('DROP INDEX mentorship_requests_one_pending');
    await q.query('ALTER TABLE mentorship_requests DROP COLUMN mentorship_id');
    await q.query('ALTER TABLE mentorship_requests DROP COLUMN reminded_at');
    await q.query('ALTER TABLE mentorship_requests DROP COLUMN response_note');
  }
}
