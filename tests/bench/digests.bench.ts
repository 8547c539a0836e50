/**
 * Weekly digests for a realistic community: `npm run bench:digests`.
 *
 * 1. Provisions PostgreSQL (DATABASE_URL's server, else the embedded bench
 *    server on 127.0.0.1:54331 under .data/bench-postgres) with a scratch
 *    database `switchyard_digests_<pid>`, migrates it, inserts the taxonomy and
 *    loads a demo community (generateCommunity + loadCommunity: BENCH_USERS
 *    users, a quarter of them mentors), then adds with SQL what the generator
 *    does not make: referral openings of the last week (with skills), referral
 *    requests in every status with their history, communities with members,
 *    and meetups of the next 14 days with fields and RSVPs (waitlists included).
 * 2. Measures a bare BullMQ worker on the same Redis: BENCH_NOOP_JOBS no-op
 *    jobs added with addBulk and processed at the digest worker's concurrency.
 * 3. Runs the digests: BENCH_WORKERS real worker processes (WorkerModule,
 *    this file forked with --worker) against a local SMTP server in this
 *    process (smtp-server, counting messages without parsing them). The clock
 *    starts when this process selects every user's due digests of both kinds
 *    (DigestScheduler.enqueue, as runDigestsNow does, into the real queue)
 *    and stops when every one of them is final in the ledger: selected,
 *    rendered, handed to the SMTP server and recorded.
 * 4. Prints both rates and their ratio; drops the database and its Redis keys.
 * It asserts nothing and is not part of `npm test`.
 *
 * Settings (environment): BENCH_USERS (100000), BENCH_OPENINGS (3000),
 * BENCH_MEETUPS (400), BENCH_COMMUNITIES (60), BENCH_WORKERS (one per CPU, as README advises for large runs),
 * BENCH_CONCURRENCY (100, the workers' WORKER_CONCURRENCY), BENCH_NOOP_JOBS
 * (50000), BENCH_SEED (1), DATABASE_URL, REDIS_URL.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/platform/config/src';
import { runMigrations } from '../../libs/platform/database/src/migrate';
import { withDatabase } from '../../libs/platform/testing/src/env';
import { TAXONOMY } from '../../libs/profiles/src/taxonomy/taxonomy.data';
import { insertTaxonomy } from '../../libs/profiles/src/taxonomy/taxonomy.seed';
import { DIGEST_KINDS } from '../../libs/notifications/src/digests/digest-period';
import { DigestScheduler, systemClock } from '../../libs/notifications/src/digests/digest-scheduler.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { generateCommunity } from '../../tools/demo/community';
import { loadCommunity } from '../../tools/demo/load';
import { ensureEmbeddedPostgres, ensureLocalRedis } from '../../tools/provision';
import { dropDatabasesOfDeadRuns, intFromEnv, withPg } from './bench-db';

const PORT = 54331;
const DB_PREFIX = 'switchyard_digests_';
const TARGET_SECONDS = 60;

const USERS = intFromEnv('BENCH_USERS', 100_000);
const OPENINGS = intFromEnv('BENCH_OPENINGS', 3000, 0);
const MEETUPS = intFromEnv('BENCH_MEETUPS', 400, 0);
const COMMUNITIES = intFromEnv('BENCH_COMMUNITIES', 60, 1);
const WORKERS = intFromEnv('BENCH_WORKERS', os.cpus().length);
const CONCURRENCY = intFromEnv('BENCH_CONCURRENCY', 100);
const NOOP_JOBS = intFromEnv('BENCH_NOOP_JOBS', 50_000);
const SEED = intFromEnv('BENCH_SEED', 1);

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

const since = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

/** The child: a real worker process (the same WorkerModule as `npm run start:worker`). */
async function runWorker(): Promise<void> {
  const config = loadConfig(process.env, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
  await app.init();
  process.send?.('ready');
  // The bench asks for this process's CPU time when the run is over.
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
}

/** Openings, requests, communities and meetups: what the demo generator does not make. */
async function addActivity(client: Client): Promise<Record<string, number>> {
  await client.query('SELECT setseed($1)', [(SEED % 1000) / 1000]);
  // Openings posted by mentors in the last week, in their own fields; 1-4 skills the field requires.
  await client.query(
    `INSERT INTO referral_openings (referrer_id, company, title, field_id, location, remote, created_at)
     SELECT mf.user_id, 'Company ' || (1 + floor(random() * 500))::int,
            (ARRAY['AI Product Manager', 'Senior PM, LLM platform', 'ML Engineer', 'Data Scientist', 'Developer Advocate'])[1 + floor(random() * 5)::int],
            mf.field_id, (ARRAY['Berlin', 'Shanghai', 'London', 'New York', NULL])[1 + floor(random() * 5)::int], random() < 0.4,
            now() - random() * interval '7 days'
       FROM (SELECT DISTINCT ON (user_id) user_id, field_id FROM mentor_fields ORDER BY user_id, random()) mf
      ORDER BY random() LIMIT $1`,
    [OPENINGS],
  );
  // Half close in a month (the referrer's calendar day and the instant it ends go together).
  await client.query(
    `UPDATE referral_openings SET closes_on = (now() + interval '30 days')::date, closes_at = (now() + interval '31 days')::date WHERE random() < 0.5`,
  );
  await client.query(
    `INSERT INTO referral_opening_skills (opening_id, skill_id, position)
     SELECT o.id, r.skill_id, (row_number() OVER (PARTITION BY o.id ORDER BY random()) - 1)::smallint
       FROM referral_openings o
       JOIN LATERAL (SELECT skill_id FROM field_requirements fr WHERE fr.field_id = o.field_id ORDER BY random() LIMIT 1 + floor(random() * 4)::int) r ON true`,
  );
  // Requests: a tenth of the switchers asked for one opening of their field; some moved on.
  await client.query(
    `INSERT INTO referral_requests (opening_id, switcher_id, referrer_id, status, created_at, updated_at)
     SELECT o.id, sp.user_id, o.referrer_id,
            (ARRAY['REQUESTED', 'REQUESTED', 'ACCEPTED', 'DECLINED', 'SUBMITTED', 'INTERVIEWING'])[1 + floor(random() * 6)::int],
            now() - interval '6 days', now() - random() * interval '5 days'
       FROM switcher_profiles sp
       JOIN LATERAL (SELECT id, referrer_id FROM referral_openings o WHERE o.field_id = sp.target_field_id AND o.referrer_id <> sp.user_id
                      ORDER BY o.id LIMIT 1 OFFSET floor(random() * 5)::int) o ON true
      WHERE random() < 0.1
     ON CONFLICT DO NOTHING`,
  );
  await client.query(
    `INSERT INTO referral_status_changes (request_id, from_status, to_status, actor_id, at)
     SELECT id, 'REQUESTED', status, referrer_id, updated_at FROM referral_requests WHERE status <> 'REQUESTED'`,
  );
  // Communities with a field focus; everyone belongs to one or two.
  const [{ organizer }] = (await client.query<{ organizer: string }>(`SELECT id AS organizer FROM users ORDER BY id LIMIT 1`)).rows;
  await client.query(
    `INSERT INTO communities (name, visibility, created_by)
     SELECT 'Community ' || i, CASE WHEN i % 5 = 0 THEN 'INVITE_ONLY' ELSE 'PUBLIC' END, $2 FROM generate_series(1, $1) i`,
    [COMMUNITIES, organizer],
  );
  await client.query(
    `INSERT INTO community_members (community_id, user_id, status)
     SELECT c.id, u.id, 'ACTIVE' FROM users u
       JOIN LATERAL (SELECT id FROM communities ORDER BY random() + (u.id::text < '8')::int * 0 LIMIT 1 + (random() < 0.3)::int) c ON true
     ON CONFLICT DO NOTHING`,
  );
  // Meetups over the next 14 days, each with one or two topic fields.
  await client.query(
    `INSERT INTO meetups (community_id, title, starts_at, ends_at, time_zone, location, online_url, capacity, created_by)
     SELECT c.id, (ARRAY['PRD clinic', 'LLM evals night', 'Mock product interviews', 'Demo day', 'Paper club'])[1 + floor(random() * 5)::int] || ' #' || i,
            s.at, s.at + interval '2 hours', 'Asia/Shanghai',
            CASE WHEN NOT r.online THEN 'Hub ' || i END, CASE WHEN r.online THEN 'https://meet.example.org/' || i END,
            20 + floor(random() * 200)::int, $2
       FROM generate_series(1, $1) i
       CROSS JOIN LATERAL (SELECT date_trunc('hour', now() + interval '2 hours' + random() * interval '13 days') AS at, random() < 0.4 AS online) s
       CROSS JOIN LATERAL (SELECT s.online) r
       CROSS JOIN LATERAL (SELECT id FROM communities ORDER BY random() + i * 0 LIMIT 1) c`,
    [MEETUPS, organizer],
  );
  await client.query(
    `INSERT INTO meetup_fields (meetup_id, field_id)
     SELECT m.id, f.id FROM meetups m JOIN LATERAL (SELECT id FROM fields ORDER BY random() + (m.id IS NULL)::int LIMIT 1 + (random() < 0.4)::int) f ON true
     ON CONFLICT DO NOTHING`,
  );
  // RSVPs: members sign up; beyond capacity they wait.
  await client.query(
    `INSERT INTO meetup_rsvps (meetup_id, user_id, status)
     SELECT meetup_id, user_id, CASE WHEN rank <= capacity THEN 'GOING' ELSE 'WAITLISTED' END
       FROM (SELECT m.id AS meetup_id, cm.user_id, m.capacity, row_number() OVER (PARTITION BY m.id ORDER BY random()) AS rank
               FROM meetups m JOIN community_members cm ON cm.community_id = m.community_id WHERE random() < 0.15) x`,
  );
  const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  return {
    openings: await count('referral_openings'),
    requests: await count('referral_requests'),
    statusChanges: await count('referral_status_changes'),
    communities: await count('communities'),
    memberships: await count('community_members'),
    meetups: await count('meetups'),
    rsvps: await count('meetup_rsvps'),
  };
}

/**
 * CPU seconds used so far by all processes with this command name (Linux
 * /proc; 0 elsewhere): PostgreSQL's backends and Redis run beside the bench
 * on the same cores, so the run's CPU budget is theirs too.
 */
function processCpuSeconds(command: string): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== command) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** A local SMTP server that takes every message and counts it (no parsing: the bench measures the sender). */
async function smtpSink(): Promise<{ url: string; count(): number; close(): Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onData: (stream, _session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    count: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Jobs per second of a worker that does nothing, at `concurrency`, on this Redis. */
async function bareBullmqRate(redisUrl: string, prefix: string, jobs: number, concurrency: number): Promise<{ addPerSecond: number; processPerSecond: number }> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('noop', { connection, prefix });
  let started = performance.now();
  for (let i = 0; i < jobs; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { removeOnComplete: true } })));
  }
  const addPerSecond = jobs / ((performance.now() - started) / 1000);
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  started = performance.now();
  const worker = new Worker(
    'noop',
    async () => {
      if (++done === jobs) finish();
    },
    { connection, prefix, concurrency },
  );
  await finished;
  const processPerSecond = jobs / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { addPerSecond, processPerSecond };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const cleanup: { what: string; run: () => Promise<unknown> }[] = [];
  const runCleanup = async () => {
    for (const step of cleanup.reverse()) {
      try {
        await step.run();
      } catch (error) {
        progress(`cleanup: could not ${step.what}: ${(error as Error).message}`);
      }
    }
  };
  const children: ChildProcess[] = [];
  process.once('SIGINT', () => {
    children.forEach((c) => c.kill('SIGKILL'));
    void runCleanup().finally(() => process.exit(130));
  });

  try {
    let started = performance.now();
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const pg = await ensureEmbeddedPostgres({ dirName: 'bench-postgres', port: PORT, database: 'switchyard_bench' });
      cleanup.push({ what: 'stop PostgreSQL', run: pg.stop });
      serverUrl = pg.url;
    }
    const pgServer = serverUrl;
    const redis = process.env.REDIS_URL ? { url: process.env.REDIS_URL, stop: async () => undefined } : await ensureLocalRedis();
    cleanup.push({ what: 'stop Redis', run: redis.stop });
    const redisPrefix = `sybench_digests_${process.pid}`;
    cleanup.push({ what: 'delete the Redis keys', run: () => deleteRedisKeys(redis.url, redisPrefix) });

    const database = `${DB_PREFIX}${process.pid}`;
    await withPg(pgServer, async (client) => {
      await dropDatabasesOfDeadRuns(client, DB_PREFIX);
      await client.query(`CREATE DATABASE "${database}"`);
    });
    cleanup.push({
      what: `drop database ${database}`,
      run: () => withPg(pgServer, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)),
    });
    const databaseUrl = withDatabase(pgServer, database);
    await runMigrations(databaseUrl);

    const client = new Client({ connectionString: databaseUrl, application_name: 'digests-bench' });
    await client.connect();
    cleanup.push({ what: 'close the connection', run: () => client.end() });
    await insertTaxonomy(client, TAXONOMY);
    const mentors = Math.round(USERS / 4);
    const community = generateCommunity({ mentors, switchers: USERS - mentors, seed: SEED });
    await loadCommunity(client, community, { passwordHash: 'not-a-hash' });
    progress(`loaded ${community.users.length} users (${since(started)})`);
    started = performance.now();
    const activity = await addActivity(client);
    await client.query('VACUUM ANALYZE');
    await client.query('CHECKPOINT').catch(() => undefined);
    progress(`activity ${JSON.stringify(activity)} (${since(started)})`);

    // The bare BullMQ rate, on the same Redis, before the digests.
    progress(`bare BullMQ: ${NOOP_JOBS} no-op jobs at concurrency ${CONCURRENCY}`);
    const bare = await bareBullmqRate(redis.url, `${redisPrefix}:noop`, NOOP_JOBS, CONCURRENCY);

    const smtp = await smtpSink();
    cleanup.push({ what: 'close the SMTP server', run: smtp.close });
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: redis.url,
      REDIS_PREFIX: redisPrefix,
      SMTP_URL: smtp.url,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      UNSUBSCRIBE_SECRET: 'bench-unsubscribe-secret-bench-unsubscribe-secret',
      PUBLIC_URL: 'https://switchyard.example.org',
    };
    for (let i = 0; i < WORKERS; i++) {
      const child = fork(__filename, ['--worker'], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
    }
    cleanup.push({
      what: 'stop the workers',
      run: () => Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : (c.once('exit', resolve), c.kill('SIGTERM')))))),
    });
    progress(`${WORKERS} worker process(es) ready at concurrency ${CONCURRENCY}`);

    const pool = new Pool({ connectionString: databaseUrl, max: 2 });
    cleanup.push({ what: 'close the pool', run: () => pool.end() });
    const queue = new Queue('notifications', { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: `${redisPrefix}:bull` });
    cleanup.push({ what: 'close the queue', run: () => queue.close() });
    const dataSource = { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows } as unknown as DataSource;
    const scheduler = new DigestScheduler(dataSource, queue, systemClock);

    const workerCpu = () =>
      Promise.all(
        children.map(
          (child) =>
            new Promise<number>((resolve) => {
              child.once('message', (m: { cpu: NodeJS.CpuUsage }) => resolve((m.cpu.user + m.cpu.system) / 1e6));
              child.send('cpu');
            }),
        ),
      );
    const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
    const workerCpuBefore = await workerCpu();
    const benchCpuBefore = process.cpuUsage();
    const serviceCpuBefore = { postgres: processCpuSeconds('postgres'), redis: processCpuSeconds('redis-server') };
    started = performance.now();
    const enqueued = await scheduler.enqueue(DIGEST_KINDS, { ignoreSlot: true });
    const enqueueMs = performance.now() - started;
    progress(`selected and queued ${enqueued} digests (${(enqueueMs / 1000).toFixed(1)} s); waiting for the ledger`);
    let final = 0;
    let lastReport = performance.now();
    for (;;) {
      final = Number((await pool.query(`SELECT count(*) AS n FROM digest_deliveries WHERE status <> 'CLAIMED'`)).rows[0].n);
      if (final >= enqueued) break;
      if (performance.now() - lastReport > 5000) {
        progress(`  ${final}/${enqueued} final, ${smtp.count()} mailed (${since(started)})`);
        lastReport = performance.now();
      }
      // Counting the ledger is a scan of up to 200,000 rows: once a second, and often only near the end.
      await new Promise((resolve) => setTimeout(resolve, final >= enqueued * 0.97 ? 100 : 1000));
    }
    const totalMs = performance.now() - started;
    const benchCpu = cpuSeconds(process.cpuUsage(benchCpuBefore));
    const workerCpuUsed = (await workerCpu()).map((after, i) => after - workerCpuBefore[i]);
    const postgresCpu = processCpuSeconds('postgres') - serviceCpuBefore.postgres;
    const redisCpu = processCpuSeconds('redis-server') - serviceCpuBefore.redis;
    const outcome = (await pool.query<{ kind: string; status: string; skip_reason: string | null; n: string }>(
      `SELECT kind, status, skip_reason, count(*) AS n FROM digest_deliveries GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )).rows;
    const digestRate = enqueued / (totalMs / 1000);

    const lines = [
      '',
      `Weekly digests: ${USERS.toLocaleString('en')} users (${mentors.toLocaleString('en')} mentors), both kinds`,
      `  machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`,
      `  data: ${Object.entries(activity).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`,
      `  workers: ${WORKERS} process(es) x concurrency ${CONCURRENCY}; SMTP: smtp-server in the bench process`,
      '',
      `  selected + queued ${enqueued.toLocaleString('en')} digests: ${(enqueueMs / 1000).toFixed(2)} s`,
      `  all selected, rendered, mailed and recorded: ${(totalMs / 1000).toFixed(2)} s (target <= ${TARGET_SECONDS} s: ${totalMs / 1000 <= TARGET_SECONDS ? 'met' : 'MISSED'})`,
      `  ledger: ${outcome.map((o) => `${o.kind} ${o.status}${o.skip_reason ? ` (${o.skip_reason})` : ''} ${Number(o.n).toLocaleString('en')}`).join(', ')}`,
      `  messages received by the SMTP server: ${smtp.count().toLocaleString('en')}`,
      `  digests per second: ${Math.round(digestRate).toLocaleString('en')}`,
      `  CPU during the run: worker process(es) ${workerCpuUsed.map((s) => `${s.toFixed(1)} s`).join(' + ')}; this process (scheduler, SMTP server, polling) ${benchCpu.toFixed(1)} s; PostgreSQL ${postgresCpu.toFixed(1)} s; Redis ${redisCpu.toFixed(1)} s (all processes of that name, so other load on the machine counts too)`,
      '',
      `  bare BullMQ (no-op jobs, same Redis, concurrency ${CONCURRENCY}): addBulk ${Math.round(bare.addPerSecond).toLocaleString('en')} jobs/s, processed ${Math.round(bare.processPerSecond).toLocaleString('en')} jobs/s`,
      `  ratio digests per second / bare no-op jobs per second: ${(digestRate / bare.processPerSecond).toFixed(3)} (1 / ${(bare.processPerSecond / digestRate).toFixed(1)})`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await runCleanup();
  }
}

if (process.argv.includes('--worker')) {
  runWorker().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
}
