import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Availability overrides and settings, mentoring sessions, feedback, the
 * reminder ledger and calendar feed versions. Overlapping scheduled sessions
 * are impossible at the database level: one exclusion constraint per
 * participant, so neither a race nor a bug in the slot code can double-book.
 */
export class Scheduling1764800000000 implements MigrationInterface {
  name = 'Scheduling1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduling_settings (
        mentor_id uuid PRIMARY KEY CONSTRAINT scheduling_settings_mentor_fkey REFERENCES users(id) ON DELETE CASCADE,
        minimum_notice_minutes integer NOT NULL DEFAULT 720 CONSTRAINT scheduling_settings_notice_check CHECK (minimum_notice_minutes BETWEEN 0 AND 43200),
        horizon_days integer NOT NULL DEFAULT 60 CONSTRAINT scheduling_settings_horizon_check CHECK (horizon_days BETWEEN 1 AND 365),
        buffer_minutes integer NOT NULL DEFAULT 0 CONSTRAINT scheduling_settings_buffer_check CHECK (buffer_minutes BETWEEN 0 AND 240),
        -- The zone of the weekly rules and overrides, kept even when no rule is left.
        time_zone text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE availability_overrides (
        mentor_id uuid NOT NULL CONSTRAINT availability_overrides_mentor_fkey REFERENCES users(id) ON DELETE CASCADE,
        date date NOT NULL,
        available boolean NOT NULL,
        start_minute smallint,
        end_minute smallint,
        PRIMARY KEY (mentor_id, date),
        CONSTRAINT availability_overrides_window_check CHECK (
          (NOT available AND start_minute IS NULL AND end_minute IS NULL)
          OR (available AND start_minute >= 0 AND end_minute <= 1440 AND end_minute > start_minute))
      )`);
    await q.query(`
      CREATE TABLE mentoring_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mentorship_id uuid NOT NULL CONSTRAINT mentoring_sessions_mentorship_fkey REFERENCES mentorships(id) ON DELETE CASCADE,
        mentor_id uuid NOT NULL CONSTRAINT mentoring_sessions_mentor_fkey REFERENCES users(id) ON DELETE CASCADE,
        switcher_id uuid NOT NULL CONSTRAINT mentoring_sessions_switcher_fkey REFERENCES users(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED'
          CONSTRAINT mentoring_sessions_status_check CHECK (status IN ('SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
        sequence integer NOT NULL DEFAULT 0,
        source text NOT NULL DEFAULT 'MANUAL' CONSTRAINT mentoring_sessions_source_check CHECK (source IN ('MANUAL', 'AUTO')),
        mentor_time_zone text NOT NULL,
        booked_by uuid CONSTRAINT mentoring_sessions_booked_by_fkey REFERENCES users(id) ON DELETE SET NULL,
        idempotency_key text,
        cancelled_by uuid CONSTRAINT mentoring_sessions_cancelled_by_fkey REFERENCES users(id) ON DELETE SET NULL,
        cancelled_at timestamptz,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mentoring_sessions_time_check CHECK (ends_at > starts_at),
        CONSTRAINT mentoring_sessions_mentor_overlap EXCLUDE USING gist (mentor_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status = 'SCHEDULED'),
        CONSTRAINT mentoring_sessions_switcher_overlap EXCLUDE USING gist (switcher_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status = 'SCHEDULED')
      )`);
    await q.query(
      'CREATE UNIQUE INDEX mentoring_sessions_idempotency ON mentoring_sessions (booked_by, idempotency_key) WHERE idempotency_key IS NOT NULL',
    );
    await q.query('CREATE INDEX mentoring_sessions_mentorship_idx ON mentoring_sessions (mentorship_id, starts_at)');
    await q.query('CREATE INDEX mentoring_sessions_mentor_idx ON mentoring_sessions (mentor_id, starts_at)');
    await q.query('CREATE INDEX mentoring_sessions_switcher_idx ON mentoring_sessions (switcher_id, starts_at)');
    await q.query(`CREATE INDEX mentoring_sessions_scheduled_idx ON mentoring_sessions (starts_at) WHERE status = 'SCHEDULED'`);

    await q.query(`
      CREATE TABLE session_feedback (
        session_id uuid NOT NULL CONSTRAINT session_feedback_session_fkey REFERENCES mentoring_sessions(id) ON DELETE CASCADE,
        author_id uuid NOT NULL CONSTRAINT session_feedback_author_fkey REFERENCES users(id) ON DELETE CASCADE,
        rating smallint NOT NULL CONSTRAINT session_feedback_rating_check CHECK (rating BETWEEN 1 AND 5),
        comment text,
        no_show boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, author_id)
      )`);
    // A reminder is claimed here before it is sent, so a job that runs twice sends once.
    await q.query(`
      CREATE TABLE session_reminders (
        session_id uuid NOT NULL CONSTRAINT session_reminders_session_fkey REFERENCES mentoring_sessions(id) ON DELETE CASCADE,
        sequence integer NOT NULL,
        minutes_before double precision NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, sequence, minutes_before)
      )`);
    // The feed token is derived from the secret and this version; bumping it revokes the old URL.
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id uuid PRIMARY KEY CONSTRAINT calendar_feeds_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        version integer NOT NULL DEFAULT 1,
        rotated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Why background scheduling could not book (told once per change, not daily).
    await q.query('ALTER TABLE mentorships ADD COLUMN scheduling_problem text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE mentorships DROP COLUMN scheduling_problem');
    for (const table of ['calendar_feeds', 'session_reminders', 'session_feedback', 'mentoring_sessions', 'availability_overrides', 'scheduling_settings']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
