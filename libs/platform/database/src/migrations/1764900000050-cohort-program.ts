import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The program of a cohort: its three phases with their own dates, the
 * milestones of each phase, and each switcher's progress on them (evidence
 * link, then a mentor's or organizer's verification).
 */
export class CohortProgram1764900000050 implements MigrationInterface {
  name = 'CohortProgram1764900000050';

  async up(q: QueryRunner): Promise<void> {
    // Contiguity and "within the cohort" are checked by the service, which reports them per input field;
    // the constraints here only keep single rows sane.
    await q.query(`
      CREATE TABLE cohort_phases (
        cohort_id uuid NOT NULL CONSTRAINT cohort_phases_cohort_fkey REFERENCES cohorts(id) ON DELETE CASCADE,
        stage text NOT NULL CONSTRAINT cohort_phases_stage_check CHECK (stage IN ('KNOWLEDGE', 'VALIDATION', 'LEAP')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        PRIMARY KEY (cohort_id, stage),
        CONSTRAINT cohort_phases_dates_check CHECK (ends_on >= starts_on)
      )`);
    await q.query(`
      CREATE TABLE cohort_milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL CONSTRAINT cohort_milestones_cohort_fkey REFERENCES cohorts(id) ON DELETE CASCADE,
        stage text NOT NULL CONSTRAINT cohort_milestones_stage_check CHECK (stage IN ('KNOWLEDGE', 'VALIDATION', 'LEAP')),
        position smallint NOT NULL,
        -- Defaults from the domain brief carry a slug; milestones organizers add have none.
        slug text,
        title varchar(200) NOT NULL,
        title_zh varchar(200),
        description text,
        created_by uuid CONSTRAINT cohort_milestones_created_by_fkey REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cohort_milestones_position UNIQUE (cohort_id, stage, position)
      )`);
    await q.query(`
      CREATE TABLE milestone_completions (
        milestone_id uuid NOT NULL CONSTRAINT milestone_completions_milestone_fkey REFERENCES cohort_milestones(id) ON DELETE CASCADE,
        switcher_id uuid NOT NULL CONSTRAINT milestone_completions_switcher_fkey REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'SUBMITTED' CONSTRAINT milestone_completions_status_check CHECK (status IN ('SUBMITTED', 'VERIFIED', 'REJECTED')),
        evidence_url varchar(2000) NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        reviewed_by uuid CONSTRAINT milestone_completions_reviewed_by_fkey REFERENCES users(id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        PRIMARY KEY (milestone_id, switcher_id)
      )`);
    await q.query('CREATE INDEX milestone_completions_switcher_idx ON milestone_completions (switcher_id)');
    // The dashboard and "enrollments of a cohort" read by cohort and status.
    await q.query('CREATE INDEX cohort_enrollments_cohort_idx ON cohort_enrollments (cohort_id, role, status)');
    await q.query('CREATE INDEX mentorships_cohort_idx ON mentorships (cohort_id) WHERE cohort_id IS NOT NULL');
    await q.query('CREATE INDEX cohorts_community_idx ON cohorts (community_id, starts_on)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX cohorts_community_idx');
    await q.query('DROP INDEX mentorships_cohort_idx');
    await q.query('DROP INDEX cohort_enrollments_cohort_idx');
    await q.query('DROP TABLE milestone_completions');
    await q.query('DROP TABLE cohort_milestones');
    await q.query('DROP TABLE cohort_phases');
  }
}
