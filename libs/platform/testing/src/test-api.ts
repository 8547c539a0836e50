import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { AppConfig, loadConfig } from '@switchyard/config';
import { NestFactory } from '@nestjs/core';
import { createApiApp } from '../../../../apps/api/src/app';
import { WorkerModule } from '../../../../apps/worker/src/worker.module';
import { createLogger } from '@switchyard/observability';
import { testEnvironment } from './env';
import { TestDatabase, createTestDatabase, createTestRedisPrefix } from './test-database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; fields?: string[]; [key: string]: unknown } }[];
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  app: NestFastifyApplication;
  /** Environment the API was started with (to start a matching worker). */
  env: Record<string, string>;
  config: AppConfig;
  db: TestDatabase;
  baseUrl: string;
  /** POSTs a GraphQL operation over real HTTP, as a client would. */
  gql<T = Record<string, any>>(query: string, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * Boots the real API (Fastify, Mercurius, PostgreSQL, Redis) on a free port,
 * with a private database and Redis prefix. `env` overrides settings, e.g.
 * `{ NODE_ENV: 'production' }` or a lower rate limit.
 */
export async function startTestApi(
  env: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApi> {
  const testEnv = testEnvironment();
  const db = await createTestDatabase();
  const redis = createTestRedisPrefix();
  const fullEnv: Record<string, string> = {
    NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: testEnv.redisUrl,
      REDIS_PREFIX: redis.prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      // Test files register and sign in many users from one address; the
      // rate-limit tests set these back to the production defaults.
      RATE_LIMIT_REGISTER_PER_IP_PER_HOUR: '100000',
      RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '100000',
      ...env,
  };
  const config = loadConfig(fullEnv, 'api');
  const app = await createApiApp(config, createLogger(config, 'api-test', options.logDestination));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    app,
    env: fullEnv,
    config,
    db,
    baseUrl,
    gql: async (query, options = {}) => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLResponse['errors'] };
      return { status: response.status, headers: response.headers, data: (body.data ?? null) as never, errors: body.errors };
    },
    close: async () => {
      try {
        await app.close();
      } finally {
        await db.drop();
        await redis.clear();
      }
    },
  };
}

/**
 * Runs the real worker (BullMQ processors and schedulers) in this process,
 * against the same database and Redis prefix as `api`.
 */
export async function startTestWorker(api: TestApi): Promise<{ close(): Promise<void> }> {
  const config = loadConfig(api.env, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: process.env.TEST_LOG_LEVEL ? undefined : false });
  await app.init();
  return { close: () => app.close() };
}
