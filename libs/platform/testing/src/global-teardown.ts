import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const { SY_TEST_PG_SERVER, SY_TEST_TEMPLATE } = process.env;
  if (SY_TEST_PG_SERVER && SY_TEST_TEMPLATE) {
    const admin = new Client({ connectionString: SY_TEST_PG_SERVER });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${SY_TEST_TEMPLATE} WITH (FORCE)`);
    await admin.end();
  }
  for (const stop of (globalThis as { __switchyardStop?: (() => Promise<void>)[] }).__switchyardStop ?? []) await stop();
}
