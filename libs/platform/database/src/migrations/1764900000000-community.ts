import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community membership and focus fields. Organizers are members too; an
 * invite-only community's members are PENDING until an organizer approves.
 */
export class Community1764900000000 implements MigrationInterface {
  name = 'Community1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE community_members (
        community_id uuid NOT NULL CONSTRAINT community_members_community_fkey REFERENCES communities(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT community_members_user_fkey REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'ACTIVE' CONSTRAINT community_members_status_check CHECK (status IN ('PENDING', 'ACTIVE')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, user_id)
      )`);
    await q.query('CREATE INDEX community_members_user_idx ON community_members (user_id)');
    await q.query(`
      CREATE TABLE community_fields (
        community_id uuid NOT NULL CONSTRAINT community_fields_community_fkey REFERENCES communities(id) ON DELETE CASCADE,
        field_id uuid NOT NULL CONSTRAINT community_fields_field_fkey REFERENCES fields(id) ON DELETE CASCADE,
        PRIMARY KEY (community_id, field_id)
      )`);
    // Organizers of communities created before membership existed are members.
    await q.query(`INSERT INTO community_members (community_id, user_id) SELECT community_id, user_id FROM community_organizers ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE community_fields');
    await q.query('DROP TABLE community_members');
  }
}
