/**
 * Benchmark of mentor recommendations: the RecommendationIndex against the
 * reference `recommend()` on synthetic data (pure code: no database, no Redis).
 *
 * `benchRecommendations()` builds a pool of synthetic mentors (default 100k:
 * 40 skills, 10 fields, 5 languages, 2-6 weekly windows each in a dozen time
 * zones), times `topK(k = 10)` over random switchers after a warm-up, times the
 * reference on a few of them, checks that both agree, and returns a table.
 * It asserts nothing.
 *
 * Settings (environment): BENCH_MENTORS (100000), BENCH_QUERIES (200),
 * BENCH_REFERENCE_QUERIES (5), BENCH_K (10), BENCH_SEED (1).
 *
 * Run it on its own:
 *   npx tsc -p tests/bench/tsconfig.json --outDir /tmp/bench && \
 *     NODE_PATH=$PWD/node_modules node /tmp/bench/tests/bench/recommendations.bench.js
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { RecommendationIndex } from '../../libs/matching/src/index/recommendation-index';
import type { GapItemInput, MentorFeatures, NameLookup, SwitcherFeatures, WeeklyWindow } from '../../libs/matching/src/score/features';
import { recommend, scoreOptions, type MentorMatch } from '../../libs/matching/src/score/score';

const SKILL_COUNT = 40;
const FIELD_COUNT = 10;
export const LANGUAGES = ['en', 'zh', 'es', 'hi', 'de'];
const LANGUAGE_WEIGHTS = [0.6, 0.35, 0.12, 0.1, 0.08];
/** Zones with weights: where mentors and switchers live. */
const ZONES: [string, number][] = [
  ['Asia/Shanghai', 0.22],
  ['America/New_York', 0.14],
  ['America/Los_Angeles', 0.1],
  ['Europe/London', 0.07],
  ['Europe/Berlin', 0.09],
  ['Asia/Kolkata', 0.1],
  ['Asia/Singapore', 0.06],
  ['Asia/Tokyo', 0.05],
  ['America/Sao_Paulo', 0.04],
  ['Australia/Sydney', 0.04],
  ['Asia/Kathmandu', 0.02],
  ['UTC', 0.07],
];
/** Monday 3 March 2025: the US springs forward in week 2, Europe at the end of week 4. */
export const WEEK_START = new Date('2025-03-03T00:00:00Z');
export const WEEKS = 4;

export const skillIds = Array.from({ length: SKILL_COUNT }, (_, i) => `skill-${String(i).padStart(2, '0')}`);
export const fieldIds = Array.from({ length: FIELD_COUNT }, (_, i) => `field-${i}`);

const names: NameLookup = { locale: 'en', skillName: (id) => id, fieldName: (id) => id };

/** mulberry32: a small seeded PRNG, so runs are comparable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Synthetic mentors and switchers (also used by cohort.bench.ts). */
export class Synth {
  /** Per field: the skills it requires, with level and weight (14 of the 40). */
  readonly requirements: { skillId: string; level: number; weight: number }[][];

  constructor(readonly random: () => number) {
    this.requirements = fieldIds.map(() => this.sample(skillIds, 14).map((skillId) => ({ skillId, level: this.int(2, 5), weight: this.pick([0.5, 1, 1, 1.5, 2]) })));
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  weighted<T>(entries: readonly [T, number][]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.random() * total;
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1][0];
  }

  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = 0; i < count && i < copy.length; i++) {
      const j = i + Math.floor(this.random() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, count);
  }

  /** Fields skewed towards the first few (AI product management is field-1). */
  field(): string {
    return fieldIds[Math.min(FIELD_COUNT - 1, Math.floor(FIELD_COUNT * this.random() ** 1.6))];
  }

  languages(): string[] {
    const chosen = LANGUAGES.filter((_, i) => this.random() < LANGUAGE_WEIGHTS[i]);
    return chosen.length > 0 ? chosen : [this.pick(LANGUAGES)];
  }

  /** Windows people actually publish: weekday evenings, some mornings and lunch hours, weekend blocks. */
  windows(count: number): WeeklyWindow[] {
    const out: WeeklyWindow[] = [];
    for (let i = 0; i < count; i++) {
      const kind = this.weighted([
        ['evening', 0.5],
        ['morning', 0.2],
        ['lunch', 0.1],
        ['weekend', 0.2],
      ] as [string, number][]);
      const weekday = kind === 'weekend' ? this.int(6, 7) : this.int(1, 5);
      const startHour = kind === 'evening' ? this.int(17, 21) : kind === 'morning' ? this.int(6, 9) : kind === 'lunch' ? 12 : this.int(8, 18);
      const startMinute = startHour * 60 + this.pick([0, 0, 0, 30, 15, 45]);
      const length = kind === 'lunch' ? 60 : this.pick([60, 90, 120, 120, 180]);
      out.push({ weekday, startMinute, endMinute: Math.min(1440, startMinute + length) });
    }
    return out;
  }

  mentor(i: number): MentorFeatures {
    const fields = this.random() < 0.3 ? [this.field(), this.field()] : [this.field()];
    const skillLevels: Record<string, number> = {};
    for (const requirement of this.requirements[Number(fields[0].slice(6))]) {
      if (this.random() < 0.8) skillLevels[requirement.skillId] = this.int(2, 5);
    }
    for (const skillId of this.sample(skillIds, this.int(2, 8))) skillLevels[skillId] ??= this.int(1, 5);
    const capacity = this.int(1, 8);
    const sessions = this.int(0, 60);
    return {
      id: `mentor-${String(i).padStart(6, '0')}`,
      displayName: `Mentor ${i}`,
      fieldIds: [...new Set(fields)],
      switchedFromFieldId: this.random() < 0.6 ? this.field() : null,
      languages: this.languages(),
      capacity,
      activeMentees: this.random() < 0.15 ? capacity : this.int(0, capacity - 1),
      acceptingMentees: this.random() < 0.9,
      skillLevels,
      timeZone: this.weighted(ZONES),
      availability: this.windows(this.int(2, 6)),
      reliability: this.random() < 0.4 ? null : { sessions, meanRating: sessions === 0 ? null : 3 + this.random() * 2, noShows: this.int(0, Math.min(3, sessions)) },
    };
  }

  switcher(i: number, mentors: MentorFeatures[]): SwitcherFeatures {
    const target = this.random() < 0.5 ? 'field-1' : this.field();
    let current = this.field();
    if (current === target) current = fieldIds[(Number(target.slice(6)) + 1) % FIELD_COUNT];
    const gap: GapItemInput[] = this.requirements[Number(target.slice(6))].map((r) => ({
      skillId: r.skillId,
      required: r.level,
      current: Math.max(0, r.level - this.int(0, 4)),
      weight: r.weight,
    }));
    return {
      id: `switcher-${i}`,
      currentFieldId: current,
      targetFieldId: target,
      languages: this.languages(),
      timeZone: this.weighted(ZONES),
      preferredWindows: this.windows(this.int(3, 7)),
      gap,
      excludedMentorIds: Array.from({ length: this.int(0, 3) }, () => this.pick(mentors).id),
    };
  }
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function sameResults(a: MentorMatch[], b: MentorMatch[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function benchRecommendations(): Promise<string> {
  const mentorCount = intFromEnv('BENCH_MENTORS', 100_000);
  const queryCount = intFromEnv('BENCH_QUERIES', 200);
  const referenceCount = intFromEnv('BENCH_REFERENCE_QUERIES', 5);
  const k = intFromEnv('BENCH_K', 10);
  const synth = new Synth(prng(intFromEnv('BENCH_SEED', 1)));
  const options = scoreOptions(WEEK_START, { weeks: WEEKS });

  let started = performance.now();
  const mentors = Array.from({ length: mentorCount }, (_, i) => synth.mentor(i));
  const generateMs = performance.now() - started;

  started = performance.now();
  const index = new RecommendationIndex({ weekStart: WEEK_START, weeks: WEEKS, skillIds, fieldIds, languages: LANGUAGES });
  for (const mentor of mentors) index.upsert(mentor);
  const buildMs = performance.now() - started;

  // Upserts after the build: changed profiles and availability of existing mentors.
  const updates = Array.from({ length: 2000 }, () => ({ ...synth.mentor(synth.int(0, mentorCount - 1)) }));
  started = performance.now();
  for (const mentor of updates) index.upsert(mentor);
  const upsertUs = ((performance.now() - started) / updates.length) * 1000;
  for (const mentor of updates) mentors[Number(mentor.id.slice(7))] = mentor;

  // Warm-up: JIT, and the garbage of building 100k mentors collected before measuring.
  const warmup = Array.from({ length: 300 }, (_, i) => synth.switcher(-i - 1, mentors));
  const switchers = Array.from({ length: queryCount }, (_, i) => synth.switcher(i, mentors));
  for (const s of warmup) index.topK(s, k, options, names);

  // Wall time, and the process's CPU time (less sensitive to other load on the machine).
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const results: MentorMatch[][] = [];
  for (const s of switchers) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    results.push(index.topK(s, k, options, names));
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);

  const referenceTimes: number[] = [];
  let agree = 0;
  for (let i = 0; i < Math.min(referenceCount, switchers.length); i++) {
    const t0 = performance.now();
    const expected = recommend(switchers[i], mentors, k, options, names);
    referenceTimes.push(performance.now() - t0);
    if (sameResults(expected, results[i])) agree++;
  }
  referenceTimes.sort((a, b) => a - b);

  const memory = process.memoryUsage();
  const rows: [string, string][] = [
    ['mentors', mentorCount.toLocaleString('en-US')],
    ['horizon', `${WEEK_START.toISOString().slice(0, 10)} + ${WEEKS} weeks, 15-min slots`],
    ['generate data', `${ms(generateMs)} ms`],
    ['index build (upsert all)', `${ms(buildMs)} ms (${ms((buildMs / mentorCount) * 1000)} us/mentor)`],
    ['upsert (replace, warm)', `${ms(upsertUs)} us/mentor`],
    [`topK(k=${k}) p50`, `${ms(percentile(times, 50))} ms`],
    [`topK(k=${k}) p95`, `${ms(percentile(times, 95))} ms`],
    [`topK(k=${k}) max`, `${ms(times[times.length - 1])} ms`],
    [`topK(k=${k}) CPU time p50 / p95`, `${ms(percentile(cpuTimes, 50))} / ${ms(percentile(cpuTimes, 95))} ms`],
    ['topK queries', `${times.length} (after ${warmup.length} warm-up)`],
    [`recommend() p50 (reference, ${referenceTimes.length} queries)`, `${ms(percentile(referenceTimes, 50))} ms`],
    ['topK identical to recommend()', `${agree}/${referenceTimes.length}`],
    ['heap used', `${Math.round(memory.heapUsed / 2 ** 20)} MiB (+ ${Math.round(memory.arrayBuffers / 2 ** 20)} MiB typed arrays)`],
    ['machine', `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['Mentor recommendations (pure, in-process)', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

if (require.main === module) {
  benchRecommendations().then(
    (table) => console.log(table),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
