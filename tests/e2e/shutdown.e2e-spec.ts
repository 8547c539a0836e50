import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUES } from '@switchyard/queue';
import net from 'node:net';
import { TestDatabase, createTestDatabase, createTestRedisPrefix, makeRegistration, REGISTER, runCompiled, testEnvironment } from '@switchyard/testing';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('worker graceful shutdown', () => {
  let db: TestDatabase;
  const redis = createTestRedisPrefix();
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = new Queue(QUEUES.maintenance, { connection: { url: testEnvironment().redisUrl }, prefix: `${redis.prefix}:bull` });
  });
  afterAll(async () => {
    await queue.close();
    await db.drop();
    await redis.clear();
  });

  it('finishes the active job on SIGTERM, then exits 0', async () => {
    const [user] = await db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, time_zone, roles)
       VALUES ('old@example.org', 'x', 'Old', 'UTC', '{SWITCHER}') RETURNING id`,
    );
    await db.query(
      `INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at)
       SELECT gen_random_uuid(), gen_random_uuid(), $1, '\\x00', now() - interval '30 days' FROM generate_series(1, 3)`,
      [user.id],
    );

    const worker = runCompiled('apps/worker/src/main.js', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      REDIS_URL: testEnvironment().redisUrl,
      REDIS_PREFIX: redis.prefix,
    });
    try {
      await worker.waitFor(/worker ready/);

      // Hold the table so the job stays active until the test lets go.
      const blocker = new Client({ connectionString: db.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE refresh_tokens IN ACCESS EXCLUSIVE MODE');

      const job = await queue.add('purge-refresh-tokens', { graceDays: 7 });
      for (let i = 0; i < 100 && (await job.getState()) !== 'active'; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await job.getState()).toBe('active');

      const signalledAt = Date.now();
      worker.child.kill('SIGTERM');
      await worker.waitFor(/shutting down/);
      await new Promise((r) => setTimeout(r, 300));
      expect(worker.child.exitCode).toBeNull(); // still finishing the job

      await blocker.query('COMMIT');
      await blocker.end();

      const exit = await worker.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      const finished = await queue.getJob(job.id!);
      expect(await finished!.getState()).toBe('completed');
      expect(finished!.returnvalue).toEqual({ deleted: 3 });
      expect(worker.output()).toMatch(/shut down cleanly/);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    }
  });
});

describe('API graceful shutdown', () => {
  let db: TestDatabase;
  const redis = createTestRedisPrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
    await redis.clear();
  });

  it('answers the request in flight on SIGTERM, refuses new connections, then exits 0', async () => {
    const port = await freePort();
    const api = runCompiled('apps/api/src/main.js', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      REDIS_URL: testEnvironment().redisUrl,
      REDIS_PREFIX: redis.prefix,
      JWT_SECRET: 'a'.repeat(40),
    });
    const graphql = (body: unknown, token?: string) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    try {
      await api.waitFor(/GraphQL API ready/);
      const registered = (await (await graphql({ query: REGISTER, variables: { input: makeRegistration() } })).json()) as any;
      const token = registered.data.register.accessToken as string;

      const blocker = new Client({ connectionString: db.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const inFlight = graphql({ query: '{ me { id } }' }, token);
      await new Promise((r) => setTimeout(r, 200));

      api.child.kill('SIGTERM');
      await api.waitFor(/shutting down/);
      await new Promise((r) => setTimeout(r, 200));
      expect(api.child.exitCode).toBeNull();
      await blocker.query('COMMIT');
      await blocker.end();

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).data.me.id).toBe(registered.data.register.user.id);
      const exit = await api.exited;
      if (exit.code !== 0) throw new Error(`API did not exit cleanly:\n${api.output()}`);
      expect(exit).toEqual({ code: 0, signal: null });
      await expect(graphql({ query: '{ __typename }' })).rejects.toThrow();
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  });
});
