import { Client } from 'pg';
import { runMigrations } from '../../database/src/migrate';
import { seedTaxonomy } from '../../../profiles/src/taxonomy/taxonomy.seed';
import { ensureEmbeddedPostgres, ensureLocalRedis } from '../../../../tools/provision';
import { withDatabase } from './env';

/**
 * Runs once per `jest` run: finds or starts PostgreSQL and Redis (the same
 * provisioning as `npm start`), migrates a template database, and exports its
 * name; each test file then clones it (see test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  const runId = String(process.pid);
  let pgServerUrl = process.env.DATABASE_URL;
  if (!pgServerUrl) {
    const pg = await ensureEmbeddedPostgres({ dirName: 'test-postgres', port: 54330, database: 'postgres' });
    pgServerUrl = pg.url;
    (globalThis as { __switchyardStop?: (() => Promise<void>)[] }).__switchyardStop = [pg.stop];
  }
  const redisUrl = process.env.REDIS_URL ?? (await ensureLocalRedis()).url;

  const admin = new Client({ connectionString: pgServerUrl });
  await admin.connect();
  try {
    await dropDatabasesOfDeadRuns(admin);
    const template = `sy_tpl_${runId}`;
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await runMigrations(withDatabase(pgServerUrl, template));
    await seedTaxonomy(withDatabase(pgServerUrl, template));
    Object.assign(process.env, {
      SY_TEST_PG_SERVER: pgServerUrl,
      SY_TEST_TEMPLATE: template,
      SY_TEST_REDIS_URL: redisUrl,
      SY_TEST_RUN: runId,
    });
  } finally {
    await admin.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Databases left behind by runs that were killed before their teardown. */
async function dropDatabasesOfDeadRuns(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'sy\\_tpl\\_%' OR datname LIKE 'sy\\_t\\_%'",
  );
  for (const { datname } of rows) {
    const pid = Number(datname.split('_')[2]);
    if (Number.isInteger(pid) && !alive(pid)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
