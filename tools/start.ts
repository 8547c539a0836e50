import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../libs/platform/config/src/config.schema';
import { runMigrations } from '../libs/platform/database/src/migrate';
import { seedTaxonomy } from '../libs/profiles/src/taxonomy/taxonomy.seed';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './demo-data';
import { DATA_DIR, Provisioned, ensureEmbeddedPostgres, ensureLocalRedis, projectRoot } from './provision';

/**
 * `npm start`: everything a new user needs on one machine. Fills in what the
 * environment leaves out (an embedded PostgreSQL, a local Redis, a JWT secret
 * and an administrator kept under .data/), applies migrations, loads demo
 * data on first run, then runs the API and the worker until Ctrl-C.
 */

function say(message: string): void {
  process.stdout.write(`[switchyard] ${message}\n`);
}

/** A secret generated once and kept under .data/, so restarts keep sessions and logins. */
function persistentSecret(dataDir: string, file: string, make: () => string): string {
  const target = path.join(dataDir, file);
  if (existsSync(target)) return readFileSync(target, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(target, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * Flags, for running a second copy beside the first (and for the test of this
 * script): `--data-dir=PATH` (default .data/) and `--postgres-port=N` (default 54329).
 */
function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

async function main(): Promise<void> {
  const root = projectRoot();
  const dataDir = path.resolve(flag('data-dir') ?? DATA_DIR);
  const postgresPort = Number(flag('postgres-port') ?? 54329);
  const envFile = path.join(root, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const env: Record<string, string | undefined> = { ...process.env };
  const started: Provisioned[] = [];

  if (!env.DATABASE_URL) {
    const pg = await ensureEmbeddedPostgres({ dirName: 'postgres', port: postgresPort, database: 'switchyard', dataDir });
    started.push(pg);
    env.DATABASE_URL = pg.url;
  }
  if (!env.REDIS_URL) {
    try {
      const redis = await ensureLocalRedis({ port: 6390, dataDir });
      started.push(redis);
      env.REDIS_URL = redis.url;
    } catch (error) {
      say((error as Error).message);
      await Promise.all(started.map((s) => s.stop()));
      process.exit(1);
    }
  }
  env.JWT_SECRET ??= persistentSecret(dataDir, 'jwt-secret', () => randomBytes(48).toString('base64url'));
  if (!env.BOOTSTRAP_ADMIN_EMAIL && !env.BOOTSTRAP_ADMIN_PASSWORD) {
    env.BOOTSTRAP_ADMIN_EMAIL = 'admin@switchyard.local';
    env.BOOTSTRAP_ADMIN_PASSWORD = persistentSecret(dataDir, 'admin-password', () => randomBytes(12).toString('base64url'));
  }

  const stopServices = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
  };

  let config;
  try {
    config = loadConfig(env, 'api');
  } catch (error) {
    say(error instanceof ConfigError ? error.message : String(error));
    await stopServices();
    process.exit(1);
  }

  const applied = await runMigrations(config.database.url);
  if (applied.length) say(`applied migrations: ${applied.join(', ')}`);
  await seedTaxonomy(config.database.url);
  const seeded = config.demoData ? await seedDemoData(config.database.url) : 0;
  if (seeded) say(`loaded demo data (first run): ${seeded} people with profiles, ratings and availability`);

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await stopServices();
    process.exit(code);
  };

  // Workers share the queues through Redis: more processes use more cores (digests of many users).
  const apps = ['api', ...Array.from({ length: config.worker.processes }, () => 'worker')];
  for (const app of apps) {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'apps', app, 'src', 'main.js')], {
      env: env as NodeJS.ProcessEnv,
      stdio: 'inherit',
    });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        say(`${app} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything`);
        void stopAll(1);
      }
    });
    children.push(child);
  }
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const base = `http://localhost:${config.port}`;
  for (let i = 0; i < 600 && !stopping; i++) {
    const ok = await fetch(`${base}/health/live`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (stopping) return;
  const lines = [
    '',
    `Switchyard is running. Open ${base}/ in your browser.`,
    `GraphQL: ${base}/graphql${config.isProduction ? '' : `  (GraphiQL: ${base}/graphiql)`}`,
    `Administrator: ${config.auth.bootstrapAdmin?.email} / ${env.BOOTSTRAP_ADMIN_PASSWORD === process.env.BOOTSTRAP_ADMIN_PASSWORD ? '(from your environment)' : config.auth.bootstrapAdmin?.password}`,
    ...(config.demoData
      ? [
          `Demo accounts (password "${DEMO_PASSWORD}", as for every generated demo user):`,
          ...DEMO_USERS.map((u) => `  ${u.email.padEnd(34)} ${u.roles.join(', ')}`),
        ]
      : []),
    `Ctrl-C stops everything; data stays under ${path.relative(root, dataDir) || dataDir}/.`,
    '',
  ];
  say(lines.join('\n'));
}

main().catch((error: unknown) => {
  say(`could not start: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
