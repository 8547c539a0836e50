import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cohort phases, milestones and milestone progress (filled in by the cohorts work). */
export class CohortProgram1764900000050 implements MigrationInterface {
  name = 'CohortProgram1764900000050';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
