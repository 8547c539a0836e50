import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parts of communities and cohorts that cohort matching needs: who
 * organises, who is admitted as switcher or mentor, and the matching runs with
 * their pairs. The community feature adds phases, milestones, meetups and
 * the rest of the enrollment workflow.
 */
export class Cohorts1764700000000 implements MigrationInterface {
  name = 'Cohorts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE communities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        description text,
        visibility text NOT NULL DEFAULT 'PUBLIC' CONSTRAINT communities_visibility_check CHECK (visibility IN ('PUBLIC', 'INVITE_ONLY')),
        created_by uuid NOT NULL CONSTRAINT communities_created_by_fkey REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE community_organizers (
        community_id uuid NOT NULL CONSTRAINT community_organizers_community_fkey REFERENCES communities(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT community_organizers_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (community_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL CONSTRAINT cohorts_community_fkey REFERENCES communities(id) ON DELETE CASCADE,
        name varchar(120) NOT NULL,
        target_field_id uuid NOT NULL CONSTRAINT cohorts_target_field_fkey REFERENCES fields(id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        seats int CONSTRAINT cohorts_seats_check CHECK (seats IS NULL OR seats > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cohorts_dates_check CHECK (ends_on > starts_on)
      )`);
    await q.query(`
      CREATE TABLE cohort_enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL CONSTRAINT cohort_enrollments_cohort_fkey REFERENCES cohorts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT cohort_enrollments_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT cohort_enrollments_role_check CHECK (role IN ('SWITCHER', 'MENTOR')),
        status text NOT NULL DEFAULT 'APPLIED' CONSTRAINT cohort_enrollments_status_check CHECK (status IN ('APPLIED', 'ADMITTED', 'REJECTED', 'WITHDRAWN')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CONSTRAINT cohort_enrollments_once UNIQUE (cohort_id, user_id, role)
      )`);
    await q.query('CREATE INDEX cohort_enrollments_user_idx ON cohort_enrollments (user_id)');
    await q.query(`
      CREATE TABLE match_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL CONSTRAINT match_runs_cohort_fkey REFERENCES cohorts(id) ON DELETE CASCADE,
        mode text NOT NULL CONSTRAINT match_runs_mode_check CHECK (mode IN ('OPTIMAL', 'STABLE')),
        status text NOT NULL DEFAULT 'QUEUED' CONSTRAINT match_runs_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PUBLISHED')),
        min_score real,
        metrics jsonb,
        error text,
        duration_ms int,
        requested_by uuid CONSTRAINT match_runs_requested_by_fkey REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        published_at timestamptz
      )`);
    await q.query('CREATE INDEX match_runs_cohort_idx ON match_runs (cohort_id, created_at DESC)');
    // A cohort is published once.
    await q.query(`CREATE UNIQUE INDEX match_runs_one_published ON match_runs (cohort_id) WHERE status = 'PUBLISHED'`);
    await q.query(`
      CREATE TABLE match_pairs (
        run_id uuid NOT NULL CONSTRAINT match_pairs_run_fkey REFERENCES match_runs(id) ON DELETE CASCADE,
        switcher_id uuid NOT NULL CONSTRAINT match_pairs_switcher_fkey REFERENCES users(id) ON DELETE CASCADE,
        mentor_id uuid NOT NULL CONSTRAINT match_pairs_mentor_fkey REFERENCES users(id) ON DELETE CASCADE,
        score real NOT NULL,
        PRIMARY KEY (run_id, switcher_id)
      )`);
    await q.query('ALTER TABLE mentorships ADD COLUMN cohort_id uuid CONSTRAINT mentorships_cohort_fkey REFERENCES cohorts(id) ON DELETE SET NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE mentorships DROP COLUMN cohort_id');
    for (const table of ['match_pairs', 'match_runs', 'cohort_enrollments', 'cohorts', 'community_organizers', 'communities']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
