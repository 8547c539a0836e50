import { Client } from 'pg';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(): Promise<void> {
  const { SY_TEST_PG_SERVER, SY_TEST_TEMPLATE } = process.env;
  let othersRunning = false;
  if (SY_TEST_PG_SERVER && SY_TEST_TEMPLATE) {
    const admin = new Client({ connectionString: SY_TEST_PG_SERVER });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${SY_TEST_TEMPLATE} WITH (FORCE)`);
      // Another jest run (a second terminal, an editor's runner) may be using the same
      // embedded server: its template is named after its live pid. Leave the server to it.
      const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'sy\\_tpl\\_%'");
      othersRunning = rows.some(({ datname }) => {
        const pid = Number(datname.split('_')[2]);
        return Number.isInteger(pid) && pid !== process.pid && alive(pid);
      });
    } finally {
      await admin.end();
    }
  }
  if (othersRunning) return;
  for (const stop of (globalThis as { __switchyardStop?: (() => Promise<void>)[] }).__switchyardStop ?? []) await stop();
}
