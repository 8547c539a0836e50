import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUES } from '@switchyard/queue';
import { TestDatabase, createTestDatabase, createTestRedisPrefix, runCompiled, testEnvironment } from '@switchyard/testing';

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
