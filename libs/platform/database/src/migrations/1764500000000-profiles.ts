import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Taxonomy (dimensions, skills, fields and their requirement profiles, with an
 * audit log of administrators' changes), switcher and mentor profiles, skill
 * rating history, mentors' weekly availability, and the request/mentorship
 * tables that visibility and `activeMentees` are derived from.
 */
export class Profiles1764500000000 implements MigrationInterface {
  name = 'Profiles1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE skill_dimensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug citext NOT NULL CONSTRAINT skill_dimensions_slug_unique UNIQUE,
        name_en text NOT NULL,
        name_zh text NOT NULL,
        position int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE skills (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug citext NOT NULL CONSTRAINT skills_slug_unique UNIQUE,
        dimension_id uuid NOT NULL CONSTRAINT skills_dimension_fkey REFERENCES skill_dimensions(id),
        name_en text NOT NULL,
        name_zh text NOT NULL,
        position int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE fields (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug citext NOT NULL CONSTRAINT fields_slug_unique UNIQUE,
        name_en text NOT NULL,
        name_zh text NOT NULL,
        position int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE field_requirements (
        field_id uuid NOT NULL CONSTRAINT field_requirements_field_fkey REFERENCES fields(id) ON DELETE CASCADE,
        skill_id uuid NOT NULL CONSTRAINT field_requirements_skill_fkey REFERENCES skills(id),
        level smallint NOT NULL CONSTRAINT field_requirements_level_check CHECK (level BETWEEN 0 AND 5),
        weight numeric(4, 2) NOT NULL CONSTRAINT field_requirements_weight_check CHECK (weight >= 0 AND weight <= 10),
        PRIMARY KEY (field_id, skill_id)
      )`);
    await q.query(`
      CREATE TABLE taxonomy_audit (
        id bigserial PRIMARY KEY,
        actor_id uuid CONSTRAINT taxonomy_audit_actor_fkey REFERENCES users(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        subject text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query('CREATE INDEX taxonomy_audit_at_idx ON taxonomy_audit (at DESC, id DESC)');

    await q.query(`
      CREATE TABLE switcher_profiles (
        user_id uuid PRIMARY KEY CONSTRAINT switcher_profiles_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        current_field_id uuid CONSTRAINT switcher_profiles_current_field_fkey REFERENCES fields(id),
        target_field_id uuid NOT NULL CONSTRAINT switcher_profiles_target_field_fkey REFERENCES fields(id),
        stage text NOT NULL DEFAULT 'KNOWLEDGE' CONSTRAINT switcher_profiles_stage_check CHECK (stage IN ('KNOWLEDGE', 'VALIDATION', 'LEAP')),
        goals text,
        weekly_hours smallint CONSTRAINT switcher_profiles_weekly_hours_check CHECK (weekly_hours BETWEEN 0 AND 80),
        -- [{ "weekday": 1-7, "start": "HH:mm", "end": "HH:mm" }] in the user's time zone
        preferred_windows jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX switcher_profiles_target_field_idx ON switcher_profiles (target_field_id)');

    // Append-only: every rating is kept with its time; the latest per skill is the current level.
    await q.query(`
      CREATE TABLE skill_ratings (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT skill_ratings_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        skill_id uuid NOT NULL CONSTRAINT skill_ratings_skill_fkey REFERENCES skills(id),
        level smallint NOT NULL CONSTRAINT skill_ratings_level_check CHECK (level BETWEEN 0 AND 5),
        rated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX skill_ratings_latest_idx ON skill_ratings (user_id, skill_id, rated_at DESC, id DESC)');

    await q.query(`
      CREATE TABLE mentor_profiles (
        user_id uuid PRIMARY KEY CONSTRAINT mentor_profiles_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        headline varchar(140) NOT NULL,
        bio text,
        switched_from_field_id uuid CONSTRAINT mentor_profiles_switched_from_fkey REFERENCES fields(id),
        years_experience smallint CONSTRAINT mentor_profiles_years_check CHECK (years_experience BETWEEN 0 AND 60),
        capacity smallint NOT NULL CONSTRAINT mentor_profiles_capacity_check CHECK (capacity BETWEEN 0 AND 20),
        accepting_mentees boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX mentor_profiles_listing_idx ON mentor_profiles (created_at, user_id)');
    await q.query(`
      CREATE TABLE mentor_fields (
        user_id uuid NOT NULL CONSTRAINT mentor_fields_user_fkey REFERENCES mentor_profiles(user_id) ON DELETE CASCADE,
        field_id uuid NOT NULL CONSTRAINT mentor_fields_field_fkey REFERENCES fields(id),
        PRIMARY KEY (user_id, field_id)
      )`);
    await q.query('CREATE INDEX mentor_fields_field_idx ON mentor_fields (field_id, user_id)');
    await q.query(`
      CREATE TABLE mentor_skills (
        user_id uuid NOT NULL CONSTRAINT mentor_skills_user_fkey REFERENCES mentor_profiles(user_id) ON DELETE CASCADE,
        skill_id uuid NOT NULL CONSTRAINT mentor_skills_skill_fkey REFERENCES skills(id),
        level smallint NOT NULL CONSTRAINT mentor_skills_level_check CHECK (level BETWEEN 0 AND 5),
        PRIMARY KEY (user_id, skill_id)
      )`);

    // Weekly wall-clock windows in the mentor's zone (scheduling builds slots from these).
    await q.query(`
      CREATE TABLE availability_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mentor_id uuid NOT NULL CONSTRAINT availability_rules_mentor_fkey REFERENCES users(id) ON DELETE CASCADE,
        weekday smallint NOT NULL CONSTRAINT availability_rules_weekday_check CHECK (weekday BETWEEN 1 AND 7),
        start_minute smallint NOT NULL,
        end_minute smallint NOT NULL,
        time_zone text NOT NULL,
        CONSTRAINT availability_rules_window_check CHECK (start_minute >= 0 AND end_minute <= 1440 AND end_minute > start_minute)
      )`);
    await q.query('CREATE INDEX availability_rules_mentor_idx ON availability_rules (mentor_id)');

    await q.query(`
      CREATE TABLE mentorship_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        switcher_id uuid NOT NULL CONSTRAINT mentorship_requests_switcher_fkey REFERENCES users(id) ON DELETE CASCADE,
        mentor_id uuid NOT NULL CONSTRAINT mentorship_requests_mentor_fkey REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'PENDING'
          CONSTRAINT mentorship_requests_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED')),
        message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        responded_at timestamptz
      )`);
    await q.query('CREATE INDEX mentorship_requests_pair_idx ON mentorship_requests (switcher_id, mentor_id)');
    await q.query('CREATE INDEX mentorship_requests_mentor_idx ON mentorship_requests (mentor_id, status)');
    await q.query(`
      CREATE TABLE mentorships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mentor_id uuid NOT NULL CONSTRAINT mentorships_mentor_fkey REFERENCES users(id) ON DELETE CASCADE,
        switcher_id uuid NOT NULL CONSTRAINT mentorships_switcher_fkey REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'ACTIVE' CONSTRAINT mentorships_status_check CHECK (status IN ('ACTIVE', 'PAUSED', 'COMPLETED')),
        cadence text NOT NULL DEFAULT 'WEEKLY' CONSTRAINT mentorships_cadence_check CHECK (cadence IN ('WEEKLY', 'BIWEEKLY', 'MONTHLY')),
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX mentorships_mentor_idx ON mentorships (mentor_id) WHERE status IN ('ACTIVE', 'PAUSED')`);
    await q.query('CREATE INDEX mentorships_switcher_idx ON mentorships (switcher_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'mentorships',
      'mentorship_requests',
      'availability_rules',
      'mentor_skills',
      'mentor_fields',
      'mentor_profiles',
      'skill_ratings',
      'switcher_profiles',
      'taxonomy_audit',
      'field_requirements',
      'fields',
      'skills',
      'skill_dimensions',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
