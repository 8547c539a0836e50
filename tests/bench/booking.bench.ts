/**
 * Booking throughput against the running API: `npm run bench:booking`.
 *
 * Boots the real API (Fastify + Mercurius, PostgreSQL, Redis) on 127.0.0.1 and
 * books sessions through GraphQL with 50 concurrent clients:
 *   - one busy mentor: 50 clients (over the mentor's 20 mentorships) book distinct slots of the same mentor
 *     (bookings of a mentor are serialised by design, so this is the worst case);
 *   - 50 mentors: each client books with its own mentor;
 *   - one contested slot: 50 clients book the same slot at once (1 wins, 49 CONFLICT).
 * The clients run in this process (fetch), sharing the CPUs with the API,
 * PostgreSQL and Redis. It prints numbers and asserts only that bookings worked.
 *
 * Settings: BENCH_BOOKINGS_PER_CLIENT (default 10), DATABASE_URL, REDIS_URL (as http.bench.ts).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import pino from 'pino';
import { loadConfig } from '@switchyard/config';
import { runMigrations } from '@switchyard/database';
import { createApiApp } from '../../apps/api/src/app';
import { withDatabase } from '../../libs/platform/testing/src/env';
import { REGISTER, makeRegistration } from '../../libs/platform/testing/src/factories';
import { ensureEmbeddedPostgres, ensureLocalRedis } from '../../tools/provision';
import { dropDatabasesOfDeadRuns, intFromEnv, withPg } from './bench-db';

const CLIENTS = 50;
const PER_CLIENT = intFromEnv('BENCH_BOOKINGS_PER_CLIENT', 10);
const HOUR = 3600_000;
const MAX_CAPACITY = 20;

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function post(baseUrl: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Body> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Body;
}

async function gql(baseUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Record<string, any>> {
  const body = await post(baseUrl, query, variables, token);
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const BOOK = 'mutation Book($m: ID!, $start: DateTime!) { bookSession(mentorshipId: $m, start: $start) { id } }';

interface Account {
  id: string;
  token: string;
}

async function register(baseUrl: string, roles: string[]): Promise<Account> {
  const data = await gql(baseUrl, REGISTER, { input: makeRegistration({ roles, timeZone: 'UTC' }) });
  return { id: data.register.user.id, token: data.register.accessToken };
}

async function mentor(baseUrl: string, capacity: number): Promise<Account> {
  const account = await register(baseUrl, ['MENTOR']);
  await gql(
    baseUrl,
    'mutation ($c: Int!) { upsertMentorProfile(input: { headline: "Bench", fieldSlugs: ["ai-product-management"], capacity: $c, skills: [] }) { capacity } }',
    { c: capacity },
    account.token,
  );
  const rules = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  await gql(baseUrl, 'mutation ($r: [AvailabilityRuleInput!]!) { setWeeklyAvailability(timeZone: "UTC", rules: $r) { id } }', { r: rules }, account.token);
  await gql(baseUrl, 'mutation { setSchedulingSettings(input: { minimumNoticeMinutes: 0, horizonDays: 365 }) }', {}, account.token);
  return account;
}

async function pair(baseUrl: string, m: Account): Promise<{ switcher: Account; mentorshipId: string }> {
  const s = await register(baseUrl, ['SWITCHER']);
  await gql(baseUrl, 'mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }', {}, s.token);
  const req = await gql(baseUrl, 'mutation ($m: ID!) { requestMentorship(mentorId: $m) { id } }', { m: m.id }, s.token);
  const res = await gql(
    baseUrl,
    'mutation ($id: ID!) { respondToMentorshipRequest(requestId: $id, accept: true) { mentorship { id } } }',
    { id: req.requestMentorship.id },
    m.token,
  );
  return { switcher: s, mentorshipId: res.respondToMentorshipRequest.mentorship.id };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(
  baseUrl: string,
  name: string,
  clients: { token: string; mentorshipId: string; starts: Date[] }[],
): Promise<string> {
  const latencies: number[] = [];
  const codes = new Map<string, number>();
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (const start of client.starts) {
        const t0 = performance.now();
        const body = await post(baseUrl, BOOK, { m: client.mentorshipId, start: start.toISOString() }, client.token);
        latencies.push(performance.now() - t0);
        const code = body.errors ? (body.errors[0].extensions?.code ?? 'ERROR') : 'OK';
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const total = latencies.length;
  const outcome = [...codes.entries()].map(([code, n]) => `${code} ${n}`).join(', ');
  return (
    `${name.padEnd(34)} ${String(total).padStart(5)} requests in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0).padStart(5)} req/s; ` +
    `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies[total - 1].toFixed(1)} ms (${outcome})`
  );
}

async function main(): Promise<void> {
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const pg = await ensureEmbeddedPostgres({ dirName: 'bench-postgres', port: 54331, database: 'switchyard_bench' });
      cleanup.push(pg.stop);
      serverUrl = pg.url;
    }
    const server = serverUrl;
    const database = `switchyard_booking_${process.pid}`;
    await withPg(server, async (client) => {
      await dropDatabasesOfDeadRuns(client, 'switchyard_booking_');
      await client.query(`CREATE DATABASE "${database}"`);
    });
    cleanup.push(() => withPg(server, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)));
    const databaseUrl = withDatabase(server, database);
    await runMigrations(databaseUrl);
    const redis = process.env.REDIS_URL ? { url: process.env.REDIS_URL, stop: async () => undefined } : await ensureLocalRedis();
    cleanup.push(redis.stop);

    const config = loadConfig(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        REDIS_PREFIX: `bench_booking_${process.pid}`,
        JWT_SECRET: randomBytes(32).toString('hex'),
        RATE_LIMIT_REQUESTS_PER_USER_PER_MINUTE: '0',
        RATE_LIMIT_REGISTER_PER_IP_PER_HOUR: '0',
        RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '0',
      },
      'api',
    );
    const app = await createApiApp(config, pino({ level: 'warn' }, pino.destination(2)));
    cleanup.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    progress(`setting up 1 busy mentor with ${MAX_CAPACITY} mentees and ${CLIENTS} mentors with one mentee each`);
    const busy = await mentor(baseUrl, MAX_CAPACITY);
    const mentees: Awaited<ReturnType<typeof pair>>[] = [];
    for (let i = 0; i < MAX_CAPACITY; i += 1) mentees.push(await pair(baseUrl, busy));
    // 50 clients over the busy mentor's mentorships (a capacity is at most 20).
    const busyPairs = Array.from({ length: CLIENTS }, (_, c) => mentees[c % MAX_CAPACITY]);
    const ownPairs = [];
    for (let i = 0; i < CLIENTS; i += 1) ownPairs.push(await pair(baseUrl, await mentor(baseUrl, 1)));

    const base = new Date(Date.now() + 2 * 24 * HOUR);
    base.setUTCHours(0, 0, 0, 0);
    // Distinct hours for every booking of a scenario, so each should succeed.
    const hour = (i: number) => new Date(base.getTime() + i * HOUR);
    const lines = [
      `Booking throughput (node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}), ${CLIENTS} concurrent clients, API NODE_ENV=production on 127.0.0.1`,
      await run(
        baseUrl,
        'one busy mentor, distinct slots',
        busyPairs.map((p, c) => ({ token: p.switcher.token, mentorshipId: p.mentorshipId, starts: Array.from({ length: PER_CLIENT }, (_, k) => hour(c + k * CLIENTS)) })),
      ),
      await run(
        baseUrl,
        '50 mentors, distinct slots',
        ownPairs.map((p) => ({ token: p.switcher.token, mentorshipId: p.mentorshipId, starts: Array.from({ length: PER_CLIENT }, (_, k) => hour(k * 2)) })),
      ),
      await run(
        baseUrl,
        'one contested slot',
        busyPairs.map((p) => ({ token: p.switcher.token, mentorshipId: p.mentorshipId, starts: [hour(CLIENTS * PER_CLIENT + 5)] })),
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const step of cleanup.reverse()) await step().catch((error: Error) => progress(`cleanup failed: ${error.message}`));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
});
