import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * citext: case-insensitive emails and slugs with ordinary unique indexes.
 * btree_gist: exclusion constraints that mix equality (a mentor id) with
 * range overlap (a session's time range), so double bookings are impossible.
 */
export class Extensions1764400000000 implements MigrationInterface {
  name = 'Extensions1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS citext');
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP EXTENSION IF EXISTS btree_gist');
    await q.query('DROP EXTENSION IF EXISTS citext');
  }
}
