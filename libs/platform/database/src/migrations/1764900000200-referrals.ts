import { MigrationInterface, QueryRunner } from 'typeorm';

/** Referral openings, requests and their status history (filled in by the referrals work). */
export class Referrals1764900000200 implements MigrationInterface {
  name = 'Referrals1764900000200';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
