import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral openings, requests and their status history. One request per
 * switcher and opening is a unique constraint, so no race can make two.
 * Whether a status move is allowed depends on who makes it, so the table of
 * moves lives in code (libs/referrals/src/transitions.ts); the database only
 * knows the states.
 */
export class Referrals1764900000200 implements MigrationInterface {
  name = 'Referrals1764900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_openings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referrer_id uuid NOT NULL CONSTRAINT referral_openings_referrer_fkey REFERENCES users(id) ON DELETE CASCADE,
        company text NOT NULL CONSTRAINT referral_openings_company_check CHECK (char_length(company) BETWEEN 1 AND 120),
        title text NOT NULL CONSTRAINT referral_openings_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
        field_id uuid NOT NULL CONSTRAINT referral_openings_field_fkey REFERENCES fields(id),
        location text CONSTRAINT referral_openings_location_check CHECK (char_length(location) BETWEEN 1 AND 120),
        remote boolean NOT NULL,
        description text CONSTRAINT referral_openings_description_check CHECK (char_length(description) <= 5000),
        -- The last day requests are taken, in the referrer's calendar; closes_at is the
        -- instant that day ends in their zone at creation, so "expired" is one comparison.
        closes_on date,
        closes_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referral_openings_closes_check CHECK ((closes_on IS NULL) = (closes_at IS NULL))
      )`);
    await q.query('CREATE INDEX referral_openings_listing_idx ON referral_openings (created_at DESC, id DESC) WHERE closed_at IS NULL');
    await q.query('CREATE INDEX referral_openings_field_idx ON referral_openings (field_id, created_at DESC, id DESC) WHERE closed_at IS NULL');
    await q.query('CREATE INDEX referral_openings_referrer_idx ON referral_openings (referrer_id, created_at DESC)');
    await q.query(`
      CREATE TABLE referral_opening_skills (
        opening_id uuid NOT NULL CONSTRAINT referral_opening_skills_opening_fkey REFERENCES referral_openings(id) ON DELETE CASCADE,
        skill_id uuid NOT NULL CONSTRAINT referral_opening_skills_skill_fkey REFERENCES skills(id),
        position smallint NOT NULL,
        PRIMARY KEY (opening_id, skill_id)
      )`);
    await q.query(`
      CREATE TABLE referral_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opening_id uuid NOT NULL CONSTRAINT referral_requests_opening_fkey REFERENCES referral_openings(id) ON DELETE CASCADE,
        switcher_id uuid NOT NULL CONSTRAINT referral_requests_switcher_fkey REFERENCES users(id) ON DELETE CASCADE,
        -- The opening's referrer, copied so "requests on my openings" needs no join.
        referrer_id uuid NOT NULL CONSTRAINT referral_requests_referrer_fkey REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'REQUESTED' CONSTRAINT referral_requests_status_check CHECK (
          status IN ('REQUESTED', 'ACCEPTED', 'DECLINED', 'SUBMITTED', 'INTERVIEWING', 'OFFER', 'HIRED', 'REJECTED', 'WITHDRAWN')),
        note text CONSTRAINT referral_requests_note_check CHECK (char_length(note) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referral_requests_one_per_opening UNIQUE (opening_id, switcher_id)
      )`);
    // The weekly limit counts a switcher's recent requests; listings go newest first.
    await q.query('CREATE INDEX referral_requests_switcher_idx ON referral_requests (switcher_id, created_at DESC)');
    await q.query('CREATE INDEX referral_requests_referrer_idx ON referral_requests (referrer_id, created_at DESC)');
    await q.query(`
      CREATE TABLE referral_status_changes (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL CONSTRAINT referral_status_changes_request_fkey REFERENCES referral_requests(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid NOT NULL CONSTRAINT referral_status_changes_actor_fkey REFERENCES users(id) ON DELETE CASCADE,
        note text CONSTRAINT referral_status_changes_note_check CHECK (char_length(note) <= 1000),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX referral_status_changes_request_idx ON referral_status_changes (request_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE referral_status_changes');
    await q.query('DROP TABLE referral_requests');
    await q.query('DROP TABLE referral_opening_skills');
    await q.query('DROP TABLE referral_openings');
  }
}
