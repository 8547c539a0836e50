import { Client } from 'pg';
import { hashPassword } from '../../libs/identity/src/password';
import { TAXONOMY } from '../../libs/profiles/src/taxonomy/taxonomy.data';
import { insertTaxonomy } from '../../libs/profiles/src/taxonomy/taxonomy.seed';
import { DEMO_PASSWORD } from '../demo-data';
import { DEFAULT_SEED, generateCommunity } from './community';
import { loadCommunity } from './load';

/**
 * Generates a demo community and loads it into DATABASE_URL:
 *
 *   npm run build
 *   DATABASE_URL=postgres://... node dist/tools/demo/generate.js --mentors 100000 --switchers 300000 [--seed 7]
 *
 * Options: --seed N (default 1), --now ISO-8601 (reference time of rating
 * timestamps; default today 00:00 UTC, so reruns on one day generate the same
 * data), --batch-size N (rows per INSERT, default 5000), --with-taxonomy (first
 * insert the missing parts of the built-in taxonomy; otherwise it must be in
 * the database already).
 *
 * Every user's password is `switchyard-demo`. Users whose email already exists
 * are skipped with their profiles, so the command can be re-run.
 */

export interface GenerateArgs {
  mentors: number;
  switchers: number;
  seed: number;
  now: Date;
  batchSize?: number;
  withTaxonomy: boolean;
}

const USAGE = 'usage: generate --mentors N --switchers N [--seed N] [--now ISO-8601] [--batch-size N] [--with-taxonomy]';

export function parseGenerateArgs(argv: string[], today: Date = new Date()): GenerateArgs {
  const values = new Map<string, string>();
  let withTaxonomy = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--with-taxonomy') {
      withTaxonomy = true;
      continue;
    }
    const match = /^--(mentors|switchers|seed|now|batch-size)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value\n${USAGE}`);
    values.set(match[1], value);
  }
  const count = (name: string, fallback?: number): number => {
    const raw = values.get(name);
    if (raw === undefined) {
      if (fallback === undefined) throw new Error(`--${name} is required\n${USAGE}`);
      return fallback;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    return n;
  };
  const nowRaw = values.get('now');
  const now = nowRaw === undefined ? new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) : new Date(nowRaw);
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO-8601 date, got ${JSON.stringify(nowRaw)}`);
  const batchSize = values.has('batch-size') ? count('batch-size') : undefined;
  if (batchSize === 0) throw new Error('--batch-size must be positive');
  return {
    mentors: count('mentors'),
    switchers: count('switchers'),
    seed: count('seed', DEFAULT_SEED),
    now,
    batchSize,
    withTaxonomy,
  };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const args = parseGenerateArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const log = (line: string) => process.stderr.write(line + '\n');
  const started = performance.now();

  let t = performance.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  log(`hashed the demo password in ${seconds(t)}`);

  t = performance.now();
  const community = generateCommunity({ mentors: args.mentors, switchers: args.switchers, seed: args.seed, now: args.now });
  log(
    `generated ${community.users.length} users, ${community.ratings.length} ratings, ` +
      `${community.availability.length} availability windows (seed ${args.seed}, now ${args.now.toISOString()}) in ${seconds(t)}`,
  );

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (args.withTaxonomy) {
      const inserted = await insertTaxonomy(client, TAXONOMY);
      log(`taxonomy: inserted ${JSON.stringify(inserted)}`);
    }
    t = performance.now();
    let lastTable = '';
    let lastReport = 0;
    const result = await loadCommunity(client, community, {
      passwordHash,
      batchSize: args.batchSize,
      onProgress: (table, done, total) => {
        if (table !== lastTable || done === total || performance.now() - lastReport > 5000) {
          log(`  ${table}: ${done}/${total} (${seconds(t)})`);
          lastTable = table;
          lastReport = performance.now();
        }
      },
    });
    log(`loaded in ${seconds(t)}`);
    process.stdout.write(JSON.stringify({ ...result, elapsedSeconds: Number(((performance.now() - started) / 1000).toFixed(1)) }) + '\n');
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
