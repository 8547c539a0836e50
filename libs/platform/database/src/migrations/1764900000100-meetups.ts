import { MigrationInterface, QueryRunner } from 'typeorm';

/** Meetups, RSVPs and the waitlist (filled in by the meetups work). */
export class Meetups1764900000100 implements MigrationInterface {
  name = 'Meetups1764900000100';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
