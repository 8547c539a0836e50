/**
 * Cohort assignment benchmark (libs/matching/src/cohort): `benchCohort()` returns
 * a printable report; it asserts nothing and is not part of `npm test`.
 *
 * 1. 10,000 switchers x 2,000 mentors (capacities 1-5): scores from a latent-factor
 *    model, candidate lists = each switcher's top 60-100 mentors under the dense
 *    score function. Times solveOptimal end to end (dense scoring + top-k + solve),
 *    solveGreedy and solveStable; prints totals, OPTIMAL's gain over greedy, the
 *    metrics, and checks OPTIMAL's total against scipy's dense
 *    `linear_sum_assignment` on the same candidate edges (python3 + scipy, if present;
 *    Debian: apt-get install -y python3-scipy). Mentors are expanded into one column
 *    per slot; pairs that are not candidates get score 0 and are dropped afterwards.
 *    (A large "forbidden" cost instead would make the solver fill as many slots as
 *    possible first, a different objective; with scores >= 0 a 0 entry never beats
 *    an empty slot, so the dense optimum is the sparse one.)
 * 1b. 10,000 switchers x 2,000 mentors with the real scorer: realistic MentorFeatures /
 *    SwitcherFeatures from the recommendations bench generator; times the whole
 *    cohort path (RecommendationIndex build + candidateLists(k = 100) for all switchers +
 *    solveOptimalCertified: solve, certificate over the left-out pairs, widening) against
 *    the 1 s target (wall and CPU), once in a fresh process (JIT cold, thread starting) and
 *    as the median of warm runs, reports how many switchers needed widening and what
 *    the top-100 lists alone would have missed, checks a sample of candidate lists
 *    against the reference pairScores (sort + top 100), whose cost it extrapolates, and
 *    checks the total against a dense exact optimum over every pair of the same instance
 *    (scipy as in 1, or solveOptimal over complete lists without scipy or with BENCH_COHORT_DENSE=0).
 * 2. 100,000 switchers x 20,000 mentors: candidates = top 30-50 mentors of the
 *    switcher's target field (~500 mentors scored); times the solvers.
 *
 * Everything is generated from a seeded PRNG, so runs are comparable.
 * Settings (environment):
 *   BENCH_COHORT_DENSE=0   skip the scipy comparisons (they take tens of seconds and ~1.5 GB)
 *   BENCH_COHORT_LARGE=0   skip the 100,000 x 20,000 instance
 *   BENCH_COHORT_WARM_RUNS how many warm runs of 1b the median is taken of (default 5)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  assignmentMetrics,
  selectLargest,
  DEFAULT_SOLVE_LENGTH,
  solveGreedy,
  solveOptimal,
  solveOptimalCertified,
  solveStable,
  type Assignment,
  type AssignmentMetrics,
  packedCandidates,
  unpackCandidates,
  type Candidate,
  type CohortInstance,
  type LeftOutPairs,
  type PackedCandidates,
} from '../../libs/matching/src/cohort';
import { RecommendationIndex, type CohortScorer } from '../../libs/matching/src/index/recommendation-index';
import type { SwitcherFeatures } from '../../libs/matching/src/score/features';
import { pairScores, scoreOptions } from '../../libs/matching/src/score/score';
import { LANGUAGES, WEEK_START, WEEKS, fieldIds, prng as synthPrng, skillIds, Synth } from './recommendations.bench';

const DIMENSIONS = 8;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Deterministic pair noise in [-1, 1). */
function pairNoise(i: number, j: number): number {
  let h = Math.imul(i, 0x9e3779b1) ^ Math.imul(j + 0x7f4a7c15, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2147483648 - 1;
}

/**
 * Latent-factor market: switcher needs and mentor strengths are unit-ish vectors
 * (fields pull them towards a field centre), mentors have a quality term (popular
 * mentors are popular with everyone), switchers an "easy to mentor" term, plus
 * pair noise. Scores are clamped to 0..100 with one decimal.
 */
class Market {
  readonly switcherVectors: Float64Array;
  readonly mentorVectors: Float64Array;
  readonly quality: Float64Array;
  readonly ease: Float64Array;
  readonly capacities: Int32Array;
  readonly targetField: Int32Array;
  readonly mentorsByField: Int32Array[];

  constructor(
    readonly switchers: number,
    readonly mentors: number,
    readonly fields: number,
    seed: number,
  ) {
    const random = prng(seed);
    const centres = new Float64Array(fields * DIMENSIONS);
    for (let q = 0; q < centres.length; q++) centres[q] = gaussian(random);
    this.targetField = new Int32Array(switchers);
    this.switcherVectors = new Float64Array(switchers * DIMENSIONS);
    this.ease = new Float64Array(switchers);
    for (let i = 0; i < switchers; i++) {
      const f = Math.floor(random() * fields);
      this.targetField[i] = f;
      for (let d = 0; d < DIMENSIONS; d++) this.switcherVectors[i * DIMENSIONS + d] = 0.6 * centres[f * DIMENSIONS + d] + 0.8 * gaussian(random);
      this.ease[i] = gaussian(random);
    }
    const field = new Int32Array(mentors);
    this.mentorVectors = new Float64Array(mentors * DIMENSIONS);
    this.quality = new Float64Array(mentors);
    this.capacities = new Int32Array(mentors);
    for (let j = 0; j < mentors; j++) {
      const f = Math.floor(random() * fields);
      field[j] = f;
      for (let d = 0; d < DIMENSIONS; d++) this.mentorVectors[j * DIMENSIONS + d] = 0.6 * centres[f * DIMENSIONS + d] + 0.8 * gaussian(random);
      this.quality[j] = gaussian(random);
      this.capacities[j] = 1 + Math.floor(random() * 5);
    }
    this.mentorsByField = [];
    for (let f = 0; f < fields; f++) this.mentorsByField.push(Int32Array.from(Array.from(field.keys()).filter((j) => field[j] === f)));
  }

  /** The dense score function, in tenths of a point (integer 0..1000). */
  scoreTenths(i: number, j: number): number {
    const s = this.switcherVectors;
    const m = this.mentorVectors;
    const a = i * DIMENSIONS;
    const b = j * DIMENSIONS;
    let dot = 0;
    for (let d = 0; d < DIMENSIONS; d++) dot += s[a + d] * m[b + d];
    const raw = 50 + (9 * dot) / Math.sqrt(DIMENSIONS) + 7 * this.quality[j] + 4 * this.ease[i] + 6 * pairNoise(i, j);
    return Math.min(1000, Math.max(0, Math.round(raw * 10)));
  }

  /**
   * Candidate lists: for each switcher the top k (k uniform in [kMin, kMax]) of
   * `pool(i)` by score (ties: lower mentor index), ordered by score descending.
   */
  instance(pool: (i: number) => Int32Array | null, kMin: number, kMax: number, seed: number): CohortInstance {
    const random = prng(seed);
    const keys = new Float64Array(this.mentors);
    const candidates: CohortInstance['candidates'] = new Array(this.switchers);
    const stride = 32768; // > mentor count: key = score * stride + (stride - 1 - j)
    for (let i = 0; i < this.switchers; i++) {
      const mentors = pool(i);
      const size = mentors ? mentors.length : this.mentors;
      for (let q = 0; q < size; q++) {
        const j = mentors ? mentors[q] : q;
        keys[q] = this.scoreTenths(i, j) * stride + (stride - 1 - j);
      }
      const k = Math.min(size, kMin + Math.floor(random() * (kMax - kMin + 1)));
      const top = keys.subarray(0, size);
      if (k < size) selectLargest(top, size, k);
      const chosen = Float64Array.from(top.subarray(0, k)).sort().reverse();
      candidates[i] = Array.from(chosen, (key) => {
        const tenths = Math.floor(key / stride);
        return { mentor: stride - 1 - (key - tenths * stride), score: tenths / 10 };
      });
    }
    return {
      switchers: Array.from({ length: this.switchers }, (_, i) => `s${i}`),
      mentors: Array.from(this.capacities, (capacity, j) => ({ id: `m${j}`, capacity })),
      candidates,
    };
  }
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const tenths = (assignment: Assignment): number => assignment.pairs.reduce((sum, pair) => sum + Math.round(pair.score * 10), 0);
const points = (t: number): string => (t / 10).toFixed(1);

function describe(instance: CohortInstance): string {
  const slots = instance.mentors.reduce((sum, mentor) => sum + mentor.capacity, 0);
  const edges = packedCandidates(instance).mentor.length;
  return `${instance.switchers.length.toLocaleString('en')} switchers, ${instance.mentors.length.toLocaleString('en')} mentors, ${slots.toLocaleString('en')} slots, ${edges.toLocaleString('en')} candidate pairs`;
}

function metricsLine(name: string, metrics: AssignmentMetrics): string {
  const f = (x: number | null): string => (x === null ? '-' : x.toFixed(1));
  const spread = metrics.mentorLoadSpread;
  return (
    `  ${name.padEnd(8)} total ${metrics.totalScore.toFixed(1).padStart(10)}  matched ${String(metrics.matched).padStart(6)}  unmatched ${String(metrics.unmatchedSwitchers).padStart(6)}` +
    `  mean ${f(metrics.meanScore)}  min ${f(metrics.minScore)}  p10 ${f(metrics.p10Score)}  blocking ${metrics.blockingPairs}` +
    `  load min ${spread.min.toFixed(2)} max ${spread.max.toFixed(2)} sd ${spread.stddev.toFixed(3)}`
  );
}

function gainLine(optimal: Assignment, baseline: Assignment, name: string): string {
  const gain = tenths(optimal) - tenths(baseline);
  const base = tenths(baseline);
  return `  OPTIMAL vs ${name}: +${points(gain)} points (${base > 0 ? ((100 * gain) / base).toFixed(2) : '-'}%)`;
}

const DENSE_SCRIPT = `
import json, sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
d = sys.argv[1]
n, m = (int(x) for x in np.fromfile(d + '/meta.i32', dtype=np.int32))
cap = np.fromfile(d + '/cap.i32', dtype=np.int32).astype(np.int64)
e = np.fromfile(d + '/edges.i32', dtype=np.int32).reshape(-1, 3).astype(np.int64)
start = np.concatenate([[0], np.cumsum(cap)])
reps = cap[e[:, 1]]
offset = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
t0 = time.perf_counter()
# Slot-expanded dense benefit matrix; non-candidate pairs score 0 (scores are >= 0,
# so a 0 entry never beats leaving a slot empty) and are dropped afterwards.
w = np.zeros((n, int(start[-1])), dtype=np.float64)
w[np.repeat(e[:, 0], reps), np.repeat(start[e[:, 1]], reps) + offset] = np.repeat(e[:, 2], reps)
rows, cols = linear_sum_assignment(w, maximize=True)
seconds = time.perf_counter() - t0
values = w[rows, cols]
print(json.dumps({"total": int(values.sum()), "pairs": int((values > 0).sum()), "seconds": seconds, "shape": list(w.shape)}))
`;

function denseComparison(instance: CohortInstance, optimalTenths: number): string {
  const probe = spawnSync('python3', ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return '  dense check: unavailable (python3 with scipy not found; e.g. apt-get install -y python3-scipy)';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cohort-bench-'));
  try {
    const edges: number[] = [];
    unpackCandidates(packedCandidates(instance)).forEach((list, s) => {
      for (const { mentor, score } of list) edges.push(s, mentor, Math.round(score * 10));
    });
    writeFileSync(path.join(dir, 'meta.i32'), Buffer.from(Int32Array.from([instance.switchers.length, instance.mentors.length]).buffer));
    writeFileSync(path.join(dir, 'cap.i32'), Buffer.from(Int32Array.from(instance.mentors, (mentor) => mentor.capacity).buffer));
    writeFileSync(path.join(dir, 'edges.i32'), Buffer.from(Int32Array.from(edges).buffer));
    const run = spawnSync('python3', ['-c', DENSE_SCRIPT, dir], { encoding: 'utf8', timeout: 30 * 60_000, maxBuffer: 1 << 20 });
    if (run.status !== 0) return `  dense check: failed (${run.error?.message ?? run.stderr.trim().split('\n').pop()})`;
    const result = JSON.parse(run.stdout) as { total: number; pairs: number; seconds: number; shape: number[] };
    const verdict = result.total === optimalTenths ? 'EQUAL' : `DIFFERENT (solveOptimal ${points(optimalTenths)})`;
    return `  dense check: scipy linear_sum_assignment on ${result.shape.join(' x ')} (slot-expanded): total ${points(result.total)} with ${result.pairs} pairs in ${result.seconds.toFixed(1)} s -> ${verdict}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const REAL_CANDIDATES = 100;
const TARGET_MS = 1000;
const REFERENCE_SAMPLE = 100;
const WARM_RUNS = Math.max(1, Number(process.env.BENCH_COHORT_WARM_RUNS ?? 5));

/** Wall and CPU time (this process, all threads) of a call. */
function measured<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * 10k x 2k with the real scorer, as the worker runs OPTIMAL: index build + candidateLists(k)
 * + solveOptimalCertified (solve, certificate over every left-out pair, widening), cold then warm.
 */
function realScorer(log: (line: string) => void, dense: boolean): void {
  const synth = new Synth(synthPrng(20240612));
  const mentors = Array.from({ length: 2_000 }, (_, i) => synth.mentor(i)); // ids ascending = index order, as in the service
  const switchers = Array.from({ length: 10_000 }, (_, i) => synth.switcher(i, mentors));
  const options = scoreOptions(WEEK_START, { weeks: WEEKS });
  const mentorIds = mentors.map((m) => m.id);
  const capacities = mentors.map((m) => ({ id: m.id, capacity: Math.max(0, m.capacity - m.activeMentees) }));

  const run = () => {
    const build = measured(() => {
      const index = new RecommendationIndex({ weekStart: WEEK_START, weeks: WEEKS, skillIds: [], fieldIds: [] });
      for (const mentor of mentors) index.upsert(mentor);
      return index.cohort(options, mentorIds);
    });
    const scorer = build.value;
    const lists = measured(() => scorer.candidateRows(switchers, REAL_CANDIDATES));
    const instance: CohortInstance<PackedCandidates> = { switchers: switchers.map((s) => s.id), mentors: capacities, candidates: lists.value };
    const leftOut: LeftOutPairs = {
      listLength: REAL_CANDIDATES,
      scale: 10,
      scores: (s, ms, floors) => scorer.scores(switchers[s], ms, floors),
      admissible: (s) => scorer.admissible(switchers[s]),
    };
    const optimal = measured(() => solveOptimalCertified(instance, leftOut));
    const steps = [build, lists, optimal];
    return {
      scorer,
      instance,
      optimal: optimal.value,
      buildMs: build.ms,
      candidatesMs: lists.ms,
      solveMs: optimal.ms,
      totalMs: steps.reduce((sum, step) => sum + step.ms, 0),
      totalCpuMs: steps.reduce((sum, step) => sum + step.cpuMs, 0),
    };
  };
  const cold = run();
  // Warm: the median of WARM_RUNS runs in this process (a worker process runs many cohorts),
  // with the spread; every run must find the same optimum.
  // Only their figures are kept, so that earlier runs' data is garbage during later runs.
  const warmRuns = Array.from({ length: WARM_RUNS }, () => {
    const { scorer: _scorer, instance: _instance, optimal, ...figures } = run();
    if (tenths(optimal.assignment) !== tenths(cold.optimal.assignment)) throw new Error('a warm run found another total than the cold one');
    return figures;
  });
  const byTotal = [...warmRuns].sort((a, b) => a.totalMs - b.totalMs);
  const warm = byTotal[Math.floor((byTotal.length - 1) / 2)];
  const spread = `${fmt(byTotal[0].totalMs)} - ${fmt(byTotal[byTotal.length - 1].totalMs)}`;
  const verdict = (ms: number): string => (ms <= TARGET_MS ? `within the ${fmt(TARGET_MS)} target` : `OVER the ${fmt(TARGET_MS)} target`);

  // The previous path (pairScores over all mentors, sort, top 100) on a sample: same lists? what cost?
  const sample = switchers.slice(0, REFERENCE_SAMPLE);
  const reference = timed(() =>
    sample.map((s) =>
      pairScores(s, mentors, options)
        .sort((a, b) => b.score - a.score || a.mentor - b.mentor)
        .slice(0, REAL_CANDIDATES),
    ),
  );
  // The same pairs and scores (packed rows come in mentor order).
  const coldLists = unpackCandidates(cold.instance.candidates);
  const same = reference.value.filter((list, i) => JSON.stringify([...list].sort((a, b) => a.mentor - b.mentor)) === JSON.stringify(coldLists[i])).length;

  const certified = cold.optimal;
  const stats = certified.stats;
  const listsOnly = solveOptimal(cold.instance);
  log('');
  log(`10k x 2k, real scorer: ${describe(cold.instance)}`);
  log(`  (generator of recommendations.bench.ts: ${LANGUAGES.length} languages, ${skillIds.length} skills, ${fieldIds.length} fields, horizon ${WEEKS} weeks)`);
  for (const [name, r] of [
    ['cold (first run in a fresh process)', cold],
    [`warm (median of ${WARM_RUNS} runs, ${spread})`, warm],
  ] as const) {
    log(
      `  ${name}: index build ${fmt(r.buildMs)} + candidateLists(k=${REAL_CANDIDATES}) x ${switchers.length.toLocaleString('en')} ${fmt(r.candidatesMs)}` +
        ` (${((r.candidatesMs / switchers.length) * 1000).toFixed(0)} us/switcher) + solveOptimalCertified ${fmt(r.solveMs)}` +
        ` = end to end with the real scorer ${fmt(r.totalMs)} (CPU ${fmt(r.totalCpuMs)}), ${verdict(r.totalMs)}`,
    );
  }
  log(
    `  certificate: ${stats.rounds} solve(s); left-out pairs of ${stats.checkedSwitchers.toLocaleString('en')} switcher(s) checked, ${stats.scoredPairs.toLocaleString('en')} scored;` +
      ` ${stats.widenedSwitchers.toLocaleString('en')} switcher(s) needed widening (+${stats.addedPairs.toLocaleString('en')} pairs);` +
      ` ${stats.promotedPairs.toLocaleString('en')} listed pair(s) beyond the first solve's best ${DEFAULT_SOLVE_LENGTH} per switcher taken in`,
  );
  log(`  top-${REAL_CANDIDATES} lists alone: total ${points(tenths(listsOnly))}, certified optimum ${points(tenths(certified.assignment))} (+${points(tenths(certified.assignment) - tenths(listsOnly))})`);
  log(metricsLine('OPTIMAL', assignmentMetrics(certified.instance, certified.assignment)));
  log(
    `  reference pairScores + sort + top ${REAL_CANDIDATES} on ${sample.length} switchers: ${fmt(reference.ms)}` +
      ` (~${fmt((reference.ms / sample.length) * switchers.length)} for all); identical lists ${same}/${sample.length}`,
  );
  log(denseRealScorer(cold.scorer, switchers, cold.instance, tenths(certified.assignment), dense));
}

/**
 * The exact optimum over every pair of the real-scorer instance, without lists: every pair
 * scored, then scipy's dense linear_sum_assignment (slot-expanded) when available and wanted,
 * else solveOptimal over the complete lists.
 */
function denseRealScorer(
  scorer: CohortScorer,
  switchers: readonly SwitcherFeatures[],
  lists: CohortInstance,
  certifiedTenths: number,
  useScipy: boolean,
): string {
  const everyone = Int32Array.from(lists.mentors, (_, j) => j);
  const all = timed(() =>
    switchers.map((s) => {
      const scores = scorer.scores(s, everyone);
      const pairs: { mentor: number; score: number }[] = [];
      for (let j = 0; j < scores.length; j++) if (scores[j] > 0) pairs.push({ mentor: j, score: scores[j] });
      return pairs;
    }),
  );
  const complete: CohortInstance<Candidate[][]> = { ...lists, candidates: all.value };
  const pairs = complete.candidates.reduce((sum, list) => sum + list.length, 0);
  const scored = `  dense reference: every pair scored (${pairs.toLocaleString('en')} candidates) in ${fmt(all.ms)}`;
  if (useScipy) {
    const check = denseComparison(complete, certifiedTenths);
    if (!check.includes('unavailable') && !check.includes('failed')) return `${scored}\n${check.replace('dense check', 'dense check (every pair)')}`;
  }
  const exact = timed(() => solveOptimal(complete));
  const total = tenths(exact.value);
  const verdict = total === certifiedTenths ? 'EQUAL' : `DIFFERENT (certified ${points(certifiedTenths)})`;
  return `${scored}; solveOptimal over them (no cut) in ${fmt(exact.ms)}: total ${points(total)} -> ${verdict}`;
}

/**
 * 10,000 x 2,000 with a dense score function: the solvers against each other and scipy. A
 * function of its own, so that its instance is garbage before 1b is timed.
 */
function denseScores(log: (line: string) => void, dense: boolean): void {
  const market = new Market(10_000, 2_000, 25, 20240611);
  const built = timed(() => market.instance(() => null, 60, 100, 7));
  const instance = built.value;
  const optimal = timed(() => solveOptimal(instance));
  const greedy = timed(() => solveGreedy(instance));
  const stable = timed(() => solveStable(instance));
  const warm = timed(() => solveOptimal(instance));
  log('');
  log(`10k x 2k: ${describe(instance)}`);
  log(`  candidate lists from the dense score function (20M scores, top-k): ${fmt(built.ms)}`);
  log(`  solveOptimal ${fmt(optimal.ms)} (warm rerun ${fmt(warm.ms)}); end to end with candidate lists ${fmt(built.ms + optimal.ms)}`);
  log(`  solveGreedy  ${fmt(greedy.ms)}`);
  log(`  solveStable  ${fmt(stable.ms)}`);
  log(metricsLine('OPTIMAL', assignmentMetrics(instance, optimal.value)));
  log(metricsLine('greedy', assignmentMetrics(instance, greedy.value)));
  log(metricsLine('stable', assignmentMetrics(instance, stable.value)));
  log(gainLine(optimal.value, greedy.value, 'greedy'));
  log(gainLine(optimal.value, stable.value, 'stable'));
  log(dense ? denseComparison(instance, tenths(optimal.value)) : '  dense check: skipped (BENCH_COHORT_DENSE=0)');
}

export async function benchCohort(): Promise<string> {
  const out: string[] = [];
  const log = (line: string): void => {
    out.push(line);
  };
  const dense = process.env.BENCH_COHORT_DENSE !== '0';
  const large = process.env.BENCH_COHORT_LARGE !== '0';
  log(`Cohort assignment (node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)})`);

  // 1. 10,000 x 2,000, dense score function, top 60-100 per switcher.
  denseScores(log, dense);

  // 1b. 10,000 x 2,000 with the real scorer.
  realScorer(log, dense);

  // 2. 100,000 x 20,000, candidates from the target field's mentors, top 30-50.
  if (large) {
    const big = new Market(100_000, 20_000, 40, 99);
    const generated = timed(() => big.instance((i) => big.mentorsByField[big.targetField[i]], 30, 50, 11));
    const bigInstance = generated.value;
    const bigOptimal = timed(() => solveOptimal(bigInstance));
    const bigGreedy = timed(() => solveGreedy(bigInstance));
    const bigStable = timed(() => solveStable(bigInstance));
    log('');
    log(`100k x 20k: ${describe(bigInstance)} (generated in ${fmt(generated.ms)})`);
    log(`  solveOptimal ${fmt(bigOptimal.ms)}`);
    log(`  solveGreedy  ${fmt(bigGreedy.ms)}`);
    log(`  solveStable  ${fmt(bigStable.ms)}`);
    log(metricsLine('OPTIMAL', assignmentMetrics(bigInstance, bigOptimal.value)));
    log(metricsLine('greedy', assignmentMetrics(bigInstance, bigGreedy.value)));
    log(metricsLine('stable', assignmentMetrics(bigInstance, bigStable.value)));
    log(gainLine(bigOptimal.value, bigGreedy.value, 'greedy'));
  } else {
    log('');
    log('100k x 20k: skipped (BENCH_COHORT_LARGE=0)');
  }
  return out.join('\n');
}

if (require.main === module) {
  benchCohort().then(
    (report) => console.log(report),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
