import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764400000001 implements MigrationInterface {
  name = 'Identity1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL,
        password_hash text NOT NULL,
        display_name varchar(80) NOT NULL,
        time_zone text NOT NULL,
        locale text NOT NULL DEFAULT 'en',
        languages text[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL,
        -- Millisecond precision so keyset cursors round-trip through JS Dates.
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_unique UNIQUE (email),
        CONSTRAINT users_locale_check CHECK (locale IN ('en', 'zh-CN')),
        CONSTRAINT users_roles_check CHECK (
          cardinality(roles) >= 1 AND roles <@ ARRAY['SWITCHER', 'MENTOR', 'ORGANIZER', 'ADMIN']::text[]
        )
      )`);
    // Role filters in the admin listing (`users(role: MENTOR)`).
    await q.query('CREATE INDEX users_roles_idx ON users USING gin (roles)');

    // One row per issued refresh token; a login starts a family, each rotation
    // adds a row. Only a SHA-256 of the token's secret is stored.
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query('CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)');
    await q.query('CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)');
    await q.query('CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE refresh_tokens');
    await q.query('DROP TABLE users');
  }
}
