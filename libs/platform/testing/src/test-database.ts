import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { testEnvironment, withDatabase } from './env';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL against the test database (for arranging and inspecting state). */
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A private, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const env = testEnvironment();
  const name = `sy_t_${env.runId}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: env.pgServerUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${env.template}`);
        break;
      } catch (error) {
        // Two files cloning the same template at the same instant can collide.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(env.pgServerUrl, name);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    name,
    url,
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    drop: async () => {
      await client.end();
      const dropper = new Client({ connectionString: env.pgServerUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** A Redis key prefix no other test file uses; `clear` deletes its keys. */
export function createTestRedisPrefix(): { prefix: string; clear(): Promise<void> } {
  const env = testEnvironment();
  const prefix = `syt_${env.runId}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  return {
    prefix,
    clear: async () => {
      const redis = new Redis(env.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } catch {
        // A test that stopped its own Redis has nothing left to clear.
      } finally {
        redis.disconnect();
      }
    },
  };
}
