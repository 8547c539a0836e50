/**
 * HTTP benchmark of the API: `npm run bench`.
 *
 * Boots the real API in this process (Fastify + Mercurius, PostgreSQL, Redis)
 * on 127.0.0.1, loads it with autocannon and prints throughput and latency per
 * scenario. It prints numbers and asserts nothing; it is not part of `npm test`.
 *
 * Settings (environment):
 *   BENCH_SECONDS      measured seconds per scenario (default 10; each also gets a 2 s warm-up)
 *   BENCH_CONNECTIONS  concurrent keep-alive connections (default 50)
 *   DATABASE_URL       a PostgreSQL server to use instead of the embedded one; the bench
 *                      creates its own scratch database there and drops it afterwards
 *   REDIS_URL          a Redis to use instead of 127.0.0.1:6379 / a local redis-server;
 *                      the bench uses its own key prefix and deletes its keys afterwards
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { dropDatabasesOfDeadRuns, intFromEnv, withPg } from './bench-db';
import pino from 'pino';
import { loadConfig } from '@switchyard/config';
import { runMigrations } from '@switchyard/database';
import { createApiApp } from '../../apps/api/src/app';
import { withDatabase } from '../../libs/platform/testing/src/env';
import { REGISTER, makeRegistration } from '../../libs/platform/testing/src/factories';
import { ensureEmbeddedPostgres, ensureLocalRedis } from '../../tools/provision';

const WARMUP_SECONDS = 2;
const SECONDS = intFromEnv('BENCH_SECONDS', 10);
const CONNECTIONS = intFromEnv('BENCH_CONNECTIONS', 50);
const PIPELINING = 1;
/** autocannon runs in a worker thread so the load generator does not share the server's event loop. */
const LOAD_WORKERS = 1;
/** Users registered for the list scenario, besides the one for `me` and the administrator. */
const EXTRA_USERS = 30;

const RATE_LIMITS_OFF = {
  RATE_LIMIT_REQUESTS_PER_USER_PER_MINUTE: '0',
  RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '0',
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: '0',
  // Only the setup (31 registrations from one address) needs this one.
  RATE_LIMIT_REGISTER_PER_IP_PER_HOUR: '0',
};

const ME = 'query Me { me { id displayName timeZone roles } }';
const USERS = 'query Users { users(first: 20) { edges { node { id displayName roles } } } }';
const LOGIN = 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }';

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

async function redisVersion(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}

interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: { message: string }[];
}

async function gql(baseUrl: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody;
  if (response.status !== 200 || body.errors || !body.data) {
    throw new Error(`GraphQL request failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

/** Runs `work` over `items` with at most `limit` in flight (registration hashes passwords). */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(work));
}

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Checks one response before the load; returns a problem, or undefined when it is right. */
  check(status: number, body: string): string | undefined;
}

function graphqlScenario(name: string, query: string, token: string | undefined, check: (data: Record<string, any>) => boolean): Scenario {
  return {
    name,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
    check: (status, text) => {
      const body = JSON.parse(text) as GraphQLBody;
      if (status !== 200 || body.errors || !body.data) return `HTTP ${status}: ${text.slice(0, 300)}`;
      return check(body.data) ? undefined : `unexpected data: ${text.slice(0, 300)}`;
    },
  };
}

interface Measured {
  scenario: Scenario;
  result: autocannon.Result;
}

let current: autocannon.Instance | undefined;
let interrupted = false;
let onInterrupt: () => void = () => undefined;
/** Rejects on SIGINT/SIGTERM, so a run in progress is abandoned and the cleanup still happens. */
const interruption = new Promise<never>((_, reject) => {
  onInterrupt = () => reject(new Error('interrupted'));
});
interruption.catch(() => undefined);

function load(url: string, scenario: Scenario, seconds: number, expectBody: string): Promise<autocannon.Result> {
  if (interrupted) return Promise.reject(new Error('interrupted'));
  const instance = autocannon({
    url,
    title: scenario.name,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    // Every response is compared with the one checked beforehand; a difference counts as a mismatch.
    expectBody,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    duration: seconds,
    workers: LOAD_WORKERS,
  });
  current = instance;
  return Promise.race([Promise.resolve(instance), interruption]).finally(() => {
    current = undefined;
  });
}

async function measure(baseUrl: string, scenario: Scenario): Promise<autocannon.Result> {
  const url = `${baseUrl}${scenario.path}`;
  const response = await fetch(url, { method: scenario.method, headers: scenario.headers, body: scenario.body });
  const expectBody = await response.text();
  const problem = scenario.check(response.status, expectBody);
  if (problem) throw new Error(`${scenario.name}: the scenario's request does not work: ${problem}`);

  progress(`${scenario.name}: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s measured`);
  await load(url, scenario, WARMUP_SECONDS, expectBody);
  return load(url, scenario, SECONDS, expectBody);
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((w, column) => (column === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

function report(measured: Measured[], environment: string[]): string {
  const baseline = measured[0].result.requests.mean;
  const rows = [
    ['scenario', 'req/s (mean)', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx', 'body mismatch', 'vs /health/live'],
    ...measured.map(({ scenario, result }, index) => [
      scenario.name,
      result.requests.mean.toFixed(0),
      String(result.latency.p50),
      String(result.latency.p99),
      String(result.requests.total),
      String(result.errors),
      String(result.non2xx),
      String(result.mismatches),
      index === 0 ? '1.00 (baseline)' : `${(result.requests.mean / baseline).toFixed(2)}x`,
    ]),
  ];
  return [...environment, '', formatTable(rows), ''].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const cleanup: { what: string; run: () => Promise<unknown> }[] = [];
  const pid = process.pid;
  try {
    // PostgreSQL: a scratch database on the given or the embedded server.
    let serverUrl = process.env.DATABASE_URL;
    let pgSource = 'DATABASE_URL';
    if (!serverUrl) {
      const pg = await ensureEmbeddedPostgres({ dirName: 'bench-postgres', port: 54331, database: 'switchyard_bench' });
      cleanup.push({ what: 'stop PostgreSQL', run: pg.stop });
      serverUrl = pg.url;
      pgSource = 'embedded, 127.0.0.1:54331, .data/bench-postgres';
    }
    const pgServer = serverUrl;
    const database = `switchyard_bench_${pid}`;
    const pgVersion = await withPg(pgServer, async (client) => {
      await dropDatabasesOfDeadRuns(client, 'switchyard_bench_');
      await client.query(`CREATE DATABASE "${database}"`);
      return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    });
    cleanup.push({
      what: `drop database ${database} (the next run drops it if this fails)`,
      run: () => withPg(pgServer, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)),
    });
    const databaseUrl = withDatabase(pgServer, database);
    await runMigrations(databaseUrl);

    // Redis: a key prefix of its own.
    const redis = process.env.REDIS_URL ? { url: process.env.REDIS_URL, stop: async () => undefined } : await ensureLocalRedis();
    cleanup.push({ what: 'stop Redis', run: redis.stop });
    const prefix = `bench_${pid}`;
    cleanup.push({ what: `delete Redis keys ${prefix}:*`, run: () => deleteRedisKeys(redis.url, prefix) });
    const redisSource = process.env.REDIS_URL ? 'REDIS_URL' : new URL(redis.url).host;

    const admin = { email: 'bench-admin@example.org', password: randomBytes(24).toString('base64url') };
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        REDIS_PREFIX: prefix,
        JWT_SECRET: randomBytes(32).toString('hex'),
        BOOTSTRAP_ADMIN_EMAIL: admin.email,
        BOOTSTRAP_ADMIN_PASSWORD: admin.password,
        ...RATE_LIMITS_OFF,
      },
      'api',
    );

    // The API, in this process; its (warn and above) logs go to stderr so stdout is only the report.
    const app = await createApiApp(config, pino({ name: 'api', level: config.logLevel }, pino.destination(2)));
    cleanup.push({ what: 'close the API', run: () => app.close() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    progress(`API listening on ${baseUrl}`);

    // Accounts: one to read itself, more to list, and the bootstrap administrator.
    const me = makeRegistration({ displayName: 'Bench User' });
    const meToken = ((await gql(baseUrl, REGISTER, { input: me })).register as { accessToken: string }).accessToken;
    await inBatches(Array.from({ length: EXTRA_USERS }, () => makeRegistration()), 4, async (input) => {
      await gql(baseUrl, REGISTER, { input });
    });
    const adminToken = ((await gql(baseUrl, LOGIN, admin)).login as { accessToken: string }).accessToken;
    progress(`registered ${EXTRA_USERS + 1} users and signed in as the bootstrap administrator`);

    const scenarios: Scenario[] = [
      {
        name: 'GET /health/live',
        method: 'GET',
        path: '/health/live',
        headers: {},
        check: (status, body) => (status === 200 && body.includes('"ok"') ? undefined : `HTTP ${status}: ${body.slice(0, 300)}`),
      },
      graphqlScenario('{ __typename } (anonymous)', '{ __typename }', undefined, (data) => data.__typename === 'Query'),
      graphqlScenario('Me (JWT + 1 SELECT)', ME, meToken, (data) => data.me?.displayName === 'Bench User'),
      graphqlScenario('Users first 20 (admin)', USERS, adminToken, (data) => data.users?.edges?.length === 20),
    ];
    const measured: Measured[] = [];
    for (const scenario of scenarios) measured.push({ scenario, result: await measure(baseUrl, scenario) });

    const cpus = os.cpus();
    const autocannonVersion = (JSON.parse(readFileSync(require.resolve('autocannon/package.json'), 'utf8')) as { version: string }).version;
    process.stdout.write(
      report(measured, [
        `Switchyard HTTP benchmark, ${new Date().toISOString()}`,
        `node ${process.version} on ${os.platform()} ${os.arch()}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'})`,
        `PostgreSQL ${pgVersion} (${pgSource}; scratch database, pool ${config.database.poolSize}), Redis ${await redisVersion(redis.url)} (${redisSource}, prefix ${prefix})`,
        `API in this process: NODE_ENV=production, LOG_LEVEL=warn, listening on 127.0.0.1`,
        `load: autocannon ${autocannonVersion} in ${LOAD_WORKERS} worker thread of the same process, ${CONNECTIONS} connections, ` +
          `pipelining ${PIPELINING}, ${WARMUP_SECONDS} s warm-up (discarded) + ${SECONDS} s measured per scenario`,
        `rate limits DISABLED for this run (set to 0): per-user requests, login per IP, login failures per account, registrations per IP`,
        `load generator, API, PostgreSQL and Redis share this machine's CPUs; latency resolution 1 ms; ratios are against /health/live in this run`,
      ]),
    );
  } finally {
    for (const step of cleanup.reverse()) {
      try {
        await step.run();
      } catch (error) {
        progress(`cleanup: could not ${step.what}: ${(error as Error).message}`);
      }
    }
    progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) process.exit(130);
  interrupted = true;
  progress(`${signal}: stopping and cleaning up (again to exit at once)`);
  current?.stop();
  onInterrupt();
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main().then(
  () => {
    process.exitCode = interrupted ? 130 : 0;
  },
  (error: unknown) => {
    if (interrupted) {
      process.exitCode = 130;
      return;
    }
    process.stderr.write(`[bench] failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
