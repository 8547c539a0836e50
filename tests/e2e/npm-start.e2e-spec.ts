import { mkdtempSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestRedisPrefix, runCompiled, testEnvironment } from '@switchyard/testing';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * `npm start` as a new user runs it: no DATABASE_URL, no secrets, no admin
 * configured. Only Redis is given (the shared one, under a private prefix) and
 * the data directory is a scratch one, so a developer's own `npm start` is
 * left alone.
 */
describe('npm start', () => {
  const redis = createTestRedisPrefix();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-start-'));

  afterAll(async () => {
    await redis.clear();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('provisions PostgreSQL, migrates, loads demo data once, serves GraphQL, and keeps data across restarts', async () => {
    const [port, postgresPort] = [await freePort(), await freePort()];
    const start = () =>
      runCompiled(
        'tools/start.js',
        { PORT: String(port), REDIS_URL: testEnvironment().redisUrl, REDIS_PREFIX: redis.prefix, LOG_LEVEL: 'warn' },
        [`--data-dir=${dataDir}`, `--postgres-port=${postgresPort}`],
      );
    const login = async (email: string, password: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { user { displayName roles } } }',
          variables: { e: email, p: password },
        }),
      });
      return (await response.json()) as { data: { login: { user: { displayName: string; roles: string[] } } } | null };
    };

    for (const run of [1, 2]) {
      const started = Date.now();
      const app = start();
      try {
        await app.waitFor(/Switchyard is running/, 60_000);
        expect(Date.now() - started).toBeLessThan(60_000);
        const output = app.output();
        expect(output.includes('loaded demo data')).toBe(run === 1);
        expect(output.includes('applied migrations')).toBe(run === 1);

        const demo = await login('lin.wei@demo.switchyard.dev', 'switchyard-demo');
        expect(demo.data?.login.user.displayName).toBe('Lin Wei');
        const adminPassword = /Administrator: admin@switchyard\.local \/ (\S+)/.exec(output)?.[1];
        const admin = await login('admin@switchyard.local', adminPassword!);
        expect(admin.data?.login.user.roles).toEqual(['ADMIN']);

        if (run === 1) {
          const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${postgresPort}/switchyard` });
          await db.connect();
          const [counts] = (
            await db.query(`SELECT
              (SELECT count(*)::int FROM mentor_profiles) AS mentors,
              (SELECT count(*)::int FROM switcher_profiles) AS switchers,
              (SELECT count(DISTINCT time_zone)::int FROM users) AS zones,
              (SELECT count(DISTINCT mentor_id)::int FROM availability_rules) AS available,
              (SELECT count(*)::int FROM mentor_profiles WHERE switched_from_field_id IS NOT NULL) AS switched`)
          ).rows;
          await db.end();
          expect(counts.mentors).toBeGreaterThanOrEqual(300);
          expect(counts.switchers).toBeGreaterThanOrEqual(1000);
          expect(counts.zones).toBeGreaterThanOrEqual(7);
          expect(counts.available).toBe(counts.mentors);
          expect(counts.switched).toBeGreaterThan(50);
        }

        app.child.kill('SIGINT');
        expect(await app.exited).toEqual({ code: 0, signal: null });
      } finally {
        if (app.child.exitCode === null) app.child.kill('SIGKILL');
      }
    }
    // Two starts, the first with initdb and the demo data load: well over jest's default on a busy machine.
  }, 150_000);
});
