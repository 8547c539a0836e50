import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetups, RSVPs and the waitlist.
 *
 * The waitlist order is `queue_seq`, drawn from a sequence when someone joins
 * (or re-joins) a meetup; RSVPs of one meetup are serialised by a lock on the
 * meetup row, so the sequence order is the order people arrived in. Waitlist
 * positions are not stored: a position is the rank among the WAITLISTED rows,
 * so it is always 1..n whoever leaves.
 */
export class Meetups1764900000100 implements MigrationInterface {
  name = 'Meetups1764900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL CONSTRAINT meetups_community_fkey REFERENCES communities(id) ON DELETE CASCADE,
        kind text NOT NULL DEFAULT 'OTHER' CONSTRAINT meetups_kind_check CHECK (kind IN ('WORKSHOP', 'TALK', 'HACKATHON', 'OTHER')),
        title varchar(200) NOT NULL,
        description varchar(5000),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        time_zone text NOT NULL,
        location varchar(300),
        online_url varchar(2000),
        capacity integer NOT NULL CONSTRAINT meetups_capacity_check CHECK (capacity BETWEEN 1 AND 10000),
        status text NOT NULL DEFAULT 'SCHEDULED' CONSTRAINT meetups_status_check CHECK (status IN ('SCHEDULED', 'CANCELLED')),
        version integer NOT NULL DEFAULT 0,
        cancel_reason varchar(500),
        cancelled_at timestamptz,
        created_by uuid NOT NULL CONSTRAINT meetups_created_by_fkey REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meetups_times_check CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '7 days'),
        CONSTRAINT meetups_place_check CHECK (location IS NOT NULL OR online_url IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX meetups_upcoming_idx ON meetups (starts_at, id) WHERE status = 'SCHEDULED'`);
    await q.query('CREATE INDEX meetups_community_idx ON meetups (community_id, starts_at, id)');
    await q.query(`
      CREATE TABLE meetup_fields (
        meetup_id uuid NOT NULL CONSTRAINT meetup_fields_meetup_fkey REFERENCES meetups(id) ON DELETE CASCADE,
        field_id uuid NOT NULL CONSTRAINT meetup_fields_field_fkey REFERENCES fields(id) ON DELETE CASCADE,
        PRIMARY KEY (meetup_id, field_id)
      )`);
    await q.query(`
      CREATE TABLE meetup_skills (
        meetup_id uuid NOT NULL CONSTRAINT meetup_skills_meetup_fkey REFERENCES meetups(id) ON DELETE CASCADE,
        skill_id uuid NOT NULL CONSTRAINT meetup_skills_skill_fkey REFERENCES skills(id) ON DELETE CASCADE,
        PRIMARY KEY (meetup_id, skill_id)
      )`);
    await q.query('CREATE SEQUENCE meetup_rsvps_queue_seq');
    await q.query(`
      CREATE TABLE meetup_rsvps (
        meetup_id uuid NOT NULL CONSTRAINT meetup_rsvps_meetup_fkey REFERENCES meetups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT meetup_rsvps_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL CONSTRAINT meetup_rsvps_status_check CHECK (status IN ('GOING', 'WAITLISTED', 'CANCELLED')),
        queue_seq bigint NOT NULL DEFAULT nextval('meetup_rsvps_queue_seq'),
        joined_at timestamptz NOT NULL DEFAULT now(),
        promoted_at timestamptz,
        cancelled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meetup_id, user_id)
      )`);
    await q.query(`ALTER SEQUENCE meetup_rsvps_queue_seq OWNED BY meetup_rsvps.queue_seq`);
    // The waitlist head (promotion) and positions (rank) read this index in order.
    await q.query(`CREATE INDEX meetup_rsvps_waitlist_idx ON meetup_rsvps (meetup_id, queue_seq) WHERE status = 'WAITLISTED'`);
    await q.query(`CREATE INDEX meetup_rsvps_going_idx ON meetup_rsvps (meetup_id) WHERE status = 'GOING'`);
    await q.query('CREATE INDEX meetup_rsvps_user_idx ON meetup_rsvps (user_id)');
    // One row per reminder sent: the claim that stops a duplicate job from sending twice.
    await q.query(`
      CREATE TABLE meetup_reminders (
        meetup_id uuid NOT NULL CONSTRAINT meetup_reminders_meetup_fkey REFERENCES meetups(id) ON DELETE CASCADE,
        version integer NOT NULL,
        minutes_before double precision NOT NULL,
        recipients integer NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meetup_id, version, minutes_before)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['meetup_reminders', 'meetup_rsvps', 'meetup_skills', 'meetup_fields', 'meetups']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
