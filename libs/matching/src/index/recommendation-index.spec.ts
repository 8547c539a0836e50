import fc from 'fast-check';
import type { MentorFeatures, NameLookup, SwitcherFeatures, WeeklyWindow } from '../score/features';
import { DEFAULT_WEIGHTS, pairScores, recommend, scoreOptions, type ScoreOptions, type ScoreWeights } from '../score/score';
import { unpackCandidates } from '../cohort/candidates';
import { FAILED, losesNumbers, runListsJob, setListsWorker, type ListsJob } from './cohort-lists-worker';
import { parallel, popcount, RecommendationIndex } from './recommendation-index';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Shanghai',
  'Australia/Sydney',
  'Australia/Lord_Howe', // 30-minute DST
  'Pacific/Chatham', // +12:45 / +13:45
  'Not/AZone', // unknown: no availability, in both implementations
];
const SKILLS = Array.from({ length: 12 }, (_, i) => `skill-${i}`);
const FIELDS = ['backend', 'aipm', 'ds', 'mle', 'design', 'pm'];
const LANGUAGES = ['en', 'zh', 'es', 'de', 'hi'];
/** Known to the mentors or switchers but not passed to the index constructor. */
const EXTRA_SKILLS = ['skill-extra', 'skill-unknown'];
const EXTRA_FIELDS = ['field-extra'];

const NAMES_EN: NameLookup = { locale: 'en', skillName: (id) => `S(${id})`, fieldName: (id) => `F(${id})` };
const NAMES_ZH: NameLookup = { locale: 'zh-CN', skillName: (id) => `技能${id}`, fieldName: (id) => `领域${id}` };

const HORIZONS = [
  { weekStart: new Date('2025-03-03T00:00:00Z'), weeks: 4 }, // US DST starts, EU not yet
  { weekStart: new Date('2025-03-24T00:00:00Z'), weeks: 2 }, // EU DST starts
  { weekStart: new Date('2025-10-20T00:00:00Z'), weeks: 3 }, // fall back, EU then US
  { weekStart: new Date('2025-09-29T13:07:00Z'), weeks: 1 }, // off-grid start (floored); Sydney/Chatham spring forward
  { weekStart: new Date('2025-06-02T00:00:00Z'), weeks: 6 },
];

const minuteArb = fc.oneof(
  fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
  fc.integer({ min: 0, max: 1439 }),
);
const lengthArb = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((h) => h * 30),
  fc.integer({ min: 1, max: 300 }),
);
const windowArb: fc.Arbitrary<WeeklyWindow> = fc
  .record({ weekday: fc.integer({ min: 1, max: 7 }), start: minuteArb, length: lengthArb })
  .map(({ weekday, start, length }) => ({ weekday, startMinute: start, endMinute: Math.min(1440, start + length) }));

type Profile = Omit<MentorFeatures, 'id' | 'displayName'>;

const profileArb: fc.Arbitrary<Profile> = fc.record({
  fieldIds: fc.subarray([...FIELDS, ...EXTRA_FIELDS], { maxLength: 3 }),
  switchedFromFieldId: fc.option(fc.constantFrom(...FIELDS, ...EXTRA_FIELDS), { freq: 3 }),
  languages: fc.shuffledSubarray(LANGUAGES, { minLength: 0, maxLength: 3 }),
  capacity: fc.integer({ min: 0, max: 8 }),
  activeMentees: fc.integer({ min: 0, max: 6 }),
  acceptingMentees: fc.constantFrom(true, true, true, false),
  skillLevels: fc.dictionary(fc.constantFrom(...SKILLS, ...EXTRA_SKILLS), fc.integer({ min: 0, max: 5 }), { maxKeys: 10 }),
  timeZone: fc.constantFrom(...ZONES),
  availability: fc.array(windowArb, { maxLength: 6 }),
  reliability: fc.option(
    fc.record({
      sessions: fc.integer({ min: 0, max: 30 }),
      meanRating: fc.option(fc.constantFrom(1, 2.5, 3.7, 4, 4.25, 4.8, 5)),
      noShows: fc.integer({ min: 0, max: 4 }),
    }),
  ),
});

const ID_PREFIXES = ['a', 'B', 'm', 'z', 'é', '_', 'm-1'];

/** 50-300 mentors with unique ids; every 5th copies the previous profile to force equal scores (ties by id). */
const poolArb: fc.Arbitrary<MentorFeatures[]> = fc
  .array(fc.tuple(profileArb, fc.constantFrom(...ID_PREFIXES)), { minLength: 50, maxLength: 300 })
  .map((entries) =>
    entries.map(([profile, prefix], i) => {
      const source = i % 5 === 4 ? entries[i - 1][0] : profile;
      return { ...structuredClone(source), id: `${prefix}${i}`, displayName: `Mentor ${i}` };
    }),
  );

const weightsArb: fc.Arbitrary<ScoreWeights> = fc.oneof(
  fc.constant({ ...DEFAULT_WEIGHTS }),
  fc
    .record({
      gapCoverage: fc.double({ min: 0, max: 1, noNaN: true }),
      fieldFit: fc.constantFrom(0, 0.1, 0.15, 0.3),
      sameSwitch: fc.double({ min: 0, max: 1, noNaN: true }),
      timeOverlap: fc.constantFrom(0, 0.15, 0.5, 1),
      language: fc.double({ min: 0, max: 0.2, noNaN: true }),
      load: fc.constantFrom(0, 0.1, 0.25),
      reliability: fc.double({ min: 0, max: 0.2, noNaN: true }),
    })
    .filter((w) => Object.values(w).some((v) => v > 0)),
);

interface Query {
  horizon: number;
  options: Omit<ScoreOptions, 'weekStart' | 'weeks'>;
  k: number;
  locale: 'en' | 'zh-CN';
}

const queryArb: fc.Arbitrary<Query> = fc.record({
  horizon: fc.integer({ min: 0, max: HORIZONS.length - 1 }),
  options: fc.record({ weights: weightsArb, overlapTargetMinutes: fc.oneof(fc.constant(180), fc.integer({ min: 15, max: 600 }), fc.double({ min: 1, max: 500, noNaN: true })) }),
  k: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 400 })),
  locale: fc.constantFrom('en' as const, 'zh-CN' as const),
});

type SwitcherRaw = Omit<SwitcherFeatures, 'id' | 'excludedMentorIds'> & { picks: number[]; isMentor: boolean };

/** A switcher; `picks` choose excluded mentors (and maybe the switcher's own id) from the pool. */
const switcherArb: fc.Arbitrary<SwitcherRaw> = fc.record({
  currentFieldId: fc.option(fc.constantFrom(...FIELDS, ...EXTRA_FIELDS), { freq: 4 }),
  targetFieldId: fc.constantFrom(...FIELDS, 'aipm', 'aipm', 'field-nobody'),
  languages: fc.shuffledSubarray([...LANGUAGES, 'fr'], { minLength: 0, maxLength: 3 }),
  timeZone: fc.constantFrom(...ZONES),
  preferredWindows: fc.array(windowArb, { maxLength: 8 }),
  gap: fc.array(
    fc.record({
      skillId: fc.constantFrom(...SKILLS, ...EXTRA_SKILLS),
      required: fc.integer({ min: 0, max: 5 }),
      current: fc.integer({ min: 0, max: 5 }),
      weight: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: 0, max: 3, noNaN: true })),
    }),
    { maxLength: 14 },
  ),
  picks: fc.array(fc.nat(), { maxLength: 6 }),
  isMentor: fc.boolean(),
});

function makeSwitcher(raw: SwitcherRaw, pool: MentorFeatures[]): SwitcherFeatures {
  const excluded = pool.length === 0 ? [] : raw.picks.map((p) => pool[p % pool.length].id);
  const id = raw.isMentor && pool.length > 0 ? pool[raw.picks.length % pool.length].id : 'switcher-1';
  const { picks: _picks, isMentor: _isMentor, ...rest } = raw;
  return { ...rest, id, excludedMentorIds: excluded };
}

function buildIndex(horizon: number, mentors: MentorFeatures[]): RecommendationIndex {
  const index = new RecommendationIndex({ ...HORIZONS[horizon], skillIds: SKILLS, fieldIds: FIELDS, languages: LANGUAGES.slice(0, 2) });
  for (const mentor of mentors) index.upsert(mentor);
  return index;
}

function expectSame(index: RecommendationIndex, mentors: MentorFeatures[], s: SwitcherFeatures, q: Query): void {
  const options = { ...q.options, ...HORIZONS[q.horizon] };
  const names = q.locale === 'en' ? NAMES_EN : NAMES_ZH;
  expect(index.topK(s, q.k, options, names)).toEqual(recommend(s, mentors, q.k, options, names));
}

describe('RecommendationIndex.topK equals recommend()', () => {
  it('on random pools and switchers', () => {
    fc.assert(
      fc.property(poolArb, fc.array(fc.tuple(switcherArb, queryArb), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: HORIZONS.length - 1 }), (pool, queries, horizon) => {
        const index = buildIndex(horizon, pool);
        expect(index.size).toBe(pool.length);
        for (const [raw, q] of queries) expectSame(index, pool, makeSwitcher(raw, pool), { ...q, horizon });
      }),
      { numRuns: 60 },
    );
  });

  type Op = { kind: 'update'; pick: number; profile: Profile } | { kind: 'add'; profile: Profile } | { kind: 'remove'; pick: number } | { kind: 'load'; pick: number; active: number; accepting: boolean };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), profile: profileArb }),
    fc.record({ kind: fc.constant('add' as const), profile: profileArb }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('load' as const), pick: fc.nat(), active: fc.integer({ min: 0, max: 8 }), accepting: fc.boolean() }),
  );

  it('after random sequences of upserts and removes', () => {
    fc.assert(
      fc.property(poolArb, fc.array(opArb, { minLength: 1, maxLength: 120 }), fc.array(fc.tuple(switcherArb, queryArb), { minLength: 1, maxLength: 3 }), (pool, ops, queries) => {
        const horizon = queries[0][1].horizon;
        const index = buildIndex(horizon, pool);
        const current = new Map(pool.map((m) => [m.id, m]));
        let added = 0;
        ops.forEach((op, step) => {
          const ids = [...current.keys()];
          if (op.kind === 'add') {
            const mentor = { ...op.profile, id: `new-${added++}`, displayName: 'New' };
            current.set(mentor.id, mentor);
            index.upsert(mentor);
          } else if (ids.length > 0) {
            const id = ids[op.pick % ids.length];
            if (op.kind === 'remove') {
              current.delete(id);
              index.remove(id);
            } else {
              const mentor =
                op.kind === 'update'
                  ? { ...op.profile, id, displayName: 'Updated' }
                  : { ...current.get(id)!, activeMentees: op.active, acceptingMentees: op.accepting };
              current.set(id, mentor);
              index.upsert(mentor);
            }
          }
          expect(index.size).toBe(current.size);
          if (step % 40 === 39) {
            const [raw, q] = queries[0];
            expectSame(index, [...current.values()], makeSwitcher(raw, [...current.values()]), { ...q, horizon });
          }
        });
        const mentors = [...current.values()];
        for (const [raw, q] of queries) expectSame(index, mentors, makeSwitcher(raw, mentors), { ...q, horizon });
      }),
      { numRuns: 40 },
    );
  });

  it('on a larger pool (3000 mentors), where pruning matters', () => {
    const profiles = fc.sample(profileArb, { numRuns: 3000, seed: 42 });
    const mentors = profiles.map((p, i) => ({ ...p, id: `${ID_PREFIXES[i % ID_PREFIXES.length]}${i}`, displayName: `M${i}` }));
    const index = buildIndex(0, mentors);
    const switchers = fc.sample(switcherArb, { numRuns: 25, seed: 7 });
    for (const raw of switchers) {
      for (const k of [1, 10, 50]) expectSame(index, mentors, makeSwitcher(raw, mentors), { horizon: 0, options: { weights: { ...DEFAULT_WEIGHTS }, overlapTargetMinutes: 180 }, k, locale: 'en' });
    }
  });
});

describe('RecommendationIndex.candidates equals recommend() without texts', () => {
  function expectSameCandidates(index: RecommendationIndex, mentors: MentorFeatures[], s: SwitcherFeatures, q: Query): void {
    const options = { ...q.options, ...HORIZONS[q.horizon] };
    const expected = recommend(s, mentors, q.k, options, NAMES_EN).map(({ mentorId, score }) => ({ mentorId, score }));
    expect(index.candidates(s, q.k, options)).toEqual(expected);
  }

  it('on random pools and switchers', () => {
    fc.assert(
      fc.property(poolArb, fc.array(fc.tuple(switcherArb, queryArb), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: HORIZONS.length - 1 }), (pool, queries, horizon) => {
        const index = buildIndex(horizon, pool);
        for (const [raw, q] of queries) expectSameCandidates(index, pool, makeSwitcher(raw, pool), { ...q, horizon });
      }),
      { numRuns: 60 },
    );
  });

  it('on a larger pool (3000 mentors), k up to 100', () => {
    const profiles = fc.sample(profileArb, { numRuns: 3000, seed: 43 });
    const mentors = profiles.map((p, i) => ({ ...p, id: `${ID_PREFIXES[i % ID_PREFIXES.length]}${i}`, displayName: `M${i}` }));
    const index = buildIndex(0, mentors);
    const switchers = fc.sample(switcherArb, { numRuns: 15, seed: 8 });
    for (const raw of switchers) {
      for (const k of [1, 100]) {
        expectSameCandidates(index, mentors, makeSwitcher(raw, mentors), { horizon: 0, options: { weights: { ...DEFAULT_WEIGHTS }, overlapTargetMinutes: 180 }, k, locale: 'en' });
      }
    }
  });
});

describe('RecommendationIndex.candidateLists equals recommend() for every switcher', () => {
  /**
   * Mentor positions in an order other than the index's slots, and switchers that share
   * their gap's skills (as switchers of one target field do), so that the batch builds
   * level layouts and uses the group bounds from the second switcher on.
   */
  function expectSameLists(index: RecommendationIndex, mentors: MentorFeatures[], switchers: SwitcherFeatures[], q: Query): void {
    const options = { ...q.options, ...HORIZONS[q.horizon] };
    const mentorIds = mentors.map((m) => m.id).reverse();
    const lists = index.candidateLists(switchers, q.k, options, mentorIds);
    expect(lists).toHaveLength(switchers.length);
    switchers.forEach((s, i) => {
      const expected = recommend(s, mentors, q.k, options, NAMES_EN).map(({ mentorId, score }) => ({ mentor: mentorIds.indexOf(mentorId), score }));
      expect(lists[i]).toEqual(expected);
    });
    // The packed form holds the same lists, each in mentor order.
    const rows = index.cohort(options, mentorIds).candidateRows(switchers, q.k);
    expect(rows.rowStart).toHaveLength(switchers.length + 1);
    expect(unpackCandidates(rows)).toEqual(lists.map((list) => [...list].sort((a, b) => a.mentor - b.mentor)));
  }

  const sharedGapArb = fc.array(fc.constantFrom(...SKILLS, ...EXTRA_SKILLS), { maxLength: 14 });
  function cohort(raws: SwitcherRaw[], skills: string[], pool: MentorFeatures[]): SwitcherFeatures[] {
    return raws.map((raw, i) => {
      // Every third switcher keeps a gap of its own.
      const gap = i % 3 === 2 ? raw.gap : skills.map((skillId, j) => ({ ...(raw.gap[j] ?? { required: 3, current: 1, weight: 1 }), skillId }));
      return makeSwitcher({ ...raw, gap }, pool);
    });
  }

  it('on random pools and cohorts', () => {
    fc.assert(
      fc.property(poolArb, fc.array(switcherArb, { minLength: 1, maxLength: 8 }), sharedGapArb, queryArb, (pool, raws, skills, q) => {
        expectSameLists(buildIndex(q.horizon, pool), pool, cohort(raws, skills, pool), q);
      }),
      { numRuns: 60 },
    );
  });

  it('on a larger pool (3000 mentors), k up to 100, with gap weights that are not finite', () => {
    const profiles = fc.sample(profileArb, { numRuns: 3000, seed: 44 });
    const mentors = profiles.map((p, i) => ({ ...p, id: `${ID_PREFIXES[i % ID_PREFIXES.length]}${i}`, displayName: `M${i}` }));
    const index = buildIndex(0, mentors);
    const skills = SKILLS.slice(0, 10);
    const switchers = cohort(fc.sample(switcherArb, { numRuns: 30, seed: 9 }), skills, mentors);
    const odd = [Number.NaN, Number.POSITIVE_INFINITY, -1, 1e300].map((weight, i) => ({ ...switchers[i], gap: switchers[i].gap.map((item, j) => (j === 0 ? { ...item, weight } : item)) }));
    for (const k of [1, 10, 100]) {
      expectSameLists(index, mentors, [...switchers, ...odd], { horizon: 0, options: { weights: { ...DEFAULT_WEIGHTS }, overlapTargetMinutes: 180 }, k, locale: 'en' });
    }
  });

  it('scores any pair exactly as the reference pairScores does (NaN where a hard filter excludes it)', () => {
    let skipped = 0;
    fc.assert(
      fc.property(poolArb, fc.array(switcherArb, { minLength: 1, maxLength: 6 }), sharedGapArb, queryArb, (pool, raws, skills, q) => {
        const options = { ...q.options, ...HORIZONS[q.horizon] };
        const mentorIds = pool.map((m) => m.id).reverse();
        const scorer = buildIndex(q.horizon, pool).cohort(options, [...mentorIds, 'not-indexed']);
        const everyone = Int32Array.from({ length: mentorIds.length + 1 }, (_, i) => mentorIds.length - i);
        for (const s of cohort(raws, skills, pool)) {
          const expected = new Array<number>(mentorIds.length + 1).fill(Number.NaN);
          for (const { mentor, score } of pairScores(s, pool, options)) expected[mentorIds.indexOf(pool[mentor].id)] = score;
          expect(Array.from(scorer.scores(s, everyone))).toEqual(Array.from(everyone, (at) => expected[at]));
          // admissible: exactly the positions scores does not answer NaN (the last one is not indexed).
          const bits = scorer.admissible(s);
          expect(bits.length).toBe(Math.ceil((mentorIds.length + 1) / 32));
          expect(Array.from({ length: bits.length * 32 }, (_, at) => (bits[at >>> 5] >>> (at & 31)) & 1)).toEqual(
            Array.from({ length: bits.length * 32 }, (_, at) => (at <= mentorIds.length && !Number.isNaN(expected[at]) ? 1 : 0)),
          );
          // The same with mentorIds in the index's own order (the bitset is copied, not mapped).
          const inOrder = buildIndex(q.horizon, pool).cohort(options, pool.map((m) => m.id));
          const scored = new Set(pairScores(s, pool, options).map(({ mentor }) => mentor));
          const own = inOrder.admissible(s);
          expect(Array.from({ length: own.length * 32 }, (_, at) => (own[at >>> 5] >>> (at & 31)) & 1)).toEqual(
            Array.from({ length: own.length * 32 }, (_, at) => (scored.has(at) ? 1 : 0)),
          );
          // With floors, a pair may be answered -Infinity only when it scores at most its floor.
          const floors = Float64Array.from(everyone, (at, q) => (Number.isNaN(expected[at]) ? 50 : expected[at] + ((q % 5) - 2) * 7.5));
          const bounded = scorer.scores(s, everyone, floors);
          everyone.forEach((at, q) => {
            if (bounded[q] === -Infinity) {
              expect(expected[at]).toBeLessThanOrEqual(floors[q]);
              skipped++;
            } else {
              expect(bounded[q]).toBe(expected[at]);
            }
          });
        }
      }),
      { numRuns: 60 },
    );
    expect(skipped).toBeGreaterThan(0); // the bounds did spare some exact scores
  });

  it('refuses a mentor list that misses an indexed mentor', () => {
    const profiles = fc.sample(profileArb, { numRuns: 3, seed: 45 });
    const mentors = profiles.map((p, i) => ({ ...p, id: `m${i}`, displayName: `M${i}` }));
    const index = buildIndex(0, mentors);
    const options = { weights: { ...DEFAULT_WEIGHTS }, overlapTargetMinutes: 180, ...HORIZONS[0] };
    const s = makeSwitcher(fc.sample(switcherArb, { numRuns: 1, seed: 1 })[0], mentors);
    expect(() => index.candidateLists([s], 5, options, ['m0', 'm1'])).toThrow(RangeError);
    expect(index.candidateLists([s, s], 0, options, ['m0', 'm1', 'm2'])).toEqual([[], []]);
  });
});

describe('RecommendationIndex.candidateLists with a worker thread', () => {
  // jest cannot start the compiled worker: stand-ins run the worker's job on this thread.
  afterEach(() => setListsWorker(undefined));

  const mentors = fc.sample(profileArb, { numRuns: 400, seed: 46 }).map((p, i) => ({ ...p, id: `${ID_PREFIXES[i % ID_PREFIXES.length]}${i}`, displayName: `M${i}` }));
  const skills = SKILLS.slice(0, 9);
  // A large cohort (the worker only takes those).
  const switchers = fc.sample(switcherArb, { numRuns: 1200, seed: 47 }).map((raw) => {
    const gap = skills.map((skillId, j) => ({ ...(raw.gap[j] ?? { required: 3, current: 1, weight: 1 }), skillId }));
    return makeSwitcher({ ...raw, gap }, mentors);
  });
  const options = { weights: { ...DEFAULT_WEIGHTS }, overlapTargetMinutes: 180, ...HORIZONS[2] };
  const mentorIds = mentors.map((m) => m.id).reverse();

  function lists(cohort = switchers): { mentor: number; score: number }[][] {
    const index = new RecommendationIndex({ ...HORIZONS[2], skillIds: [], fieldIds: [] });
    for (const mentor of mentors) index.upsert(mentor);
    return index.candidateLists(cohort, 25, options, mentorIds);
  }

  let jobs = 0;
  const onThisThread = {
    postMessage: (job: ListsJob) => {
      jobs++;
      runListsJob(structuredClone(job));
    },
  };

  it('gives the lists of this thread alone, whatever part the worker takes', () => {
    setListsWorker(null);
    const alone = lists();
    jobs = 0;
    setListsWorker(onThisThread);
    for (let run = 0; run < 3; run++) expect(lists()).toEqual(alone); // the part changes from run to run
    expect(jobs).toBe(3);
  });

  it('makes the part of a failed worker itself', () => {
    setListsWorker(null);
    const alone = lists();
    setListsWorker({ postMessage: (job) => Atomics.store(new Int32Array(job.control), 0, FAILED) });
    expect(lists()).toEqual(alone);
  });

  it('keeps cohorts with numbers JSON would change on this thread', () => {
    const odd = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
    expect(odd.map(losesNumbers)).toEqual([true, true, true, true]);
    expect(losesNumbers([{ a: [1, 'x', null, { b: 0 }] }])).toBe(false);
    for (const weight of odd) {
      const cohort = switchers.map((s, i) => (i === switchers.length - 1 ? { ...s, gap: s.gap.map((item, j) => (j === 0 ? { ...item, weight } : item)) } : s));
      setListsWorker(null);
      const alone = lists(cohort);
      jobs = 0;
      setListsWorker(onThisThread);
      expect(lists(cohort)).toEqual(alone);
      expect(jobs).toBe(0);
    }
  });
});

describe('the worker thread share of cohort lists', () => {
  const initial = parallel.share;
  afterEach(() => (parallel.share = initial));

  it('is where both threads would have finished together, counting the worker fixed cost', () => {
    // 10 switchers/ms each; the worker also spent 100 ms on messages and its index: 4,500 of 10,000.
    parallel.retune(6000, 600, 4000, { totalMs: 500, listsMs: 400 });
    expect(parallel.share).toBeCloseTo(0.45, 10);
    // Without a fixed cost, equal rates split in half.
    parallel.retune(5000, 500, 5000, { totalMs: 500, listsMs: 500 });
    expect(parallel.share).toBeCloseTo(0.5, 10);
  });

  it('stays between 10% and 60%', () => {
    parallel.retune(9000, 100, 1000, { totalMs: 5000, listsMs: 100 });
    expect(parallel.share).toBe(0.1);
    parallel.retune(1000, 1000, 9000, { totalMs: 10, listsMs: 10 });
    expect(parallel.share).toBe(0.6);
  });
});

describe('RecommendationIndex', () => {
  const weekStart = new Date('2025-03-03T00:00:00Z');
  const base: MentorFeatures = {
    id: 'm1',
    displayName: 'M',
    fieldIds: ['aipm'],
    switchedFromFieldId: 'backend',
    languages: ['en'],
    capacity: 3,
    activeMentees: 0,
    acceptingMentees: true,
    skillLevels: { 'skill-1': 4 },
    timeZone: 'UTC',
    availability: [{ weekday: 1, startMinute: 600, endMinute: 720 }],
    reliability: null,
  };
  const s: SwitcherFeatures = {
    id: 's',
    currentFieldId: 'backend',
    targetFieldId: 'aipm',
    languages: ['en'],
    timeZone: 'UTC',
    preferredWindows: [{ weekday: 1, startMinute: 600, endMinute: 720 }],
    gap: [{ skillId: 'skill-1', required: 4, current: 1, weight: 1 }],
    excludedMentorIds: [],
  };

  it('refuses options for another horizon', () => {
    const index = new RecommendationIndex({ weekStart, weeks: 4, skillIds: [], fieldIds: [] });
    index.upsert(base);
    expect(() => index.topK(s, 5, scoreOptions(new Date('2025-03-10T00:00:00Z')), NAMES_EN)).toThrow(/horizon/);
    expect(() => index.topK(s, 5, scoreOptions(weekStart, { weeks: 3 }), NAMES_EN)).toThrow(/horizon/);
    // The same 15-minute grid slot is the same horizon.
    expect(index.topK(s, 5, scoreOptions(new Date('2025-03-03T00:10:00Z')), NAMES_EN)).toHaveLength(1);
  });

  it('rejects data outside the database constraints', () => {
    const index = new RecommendationIndex({ weekStart, weeks: 4, skillIds: [], fieldIds: [] });
    expect(() => index.upsert({ ...base, skillLevels: { a: 6 } })).toThrow(RangeError);
    expect(() => index.upsert({ ...base, skillLevels: { a: 2.5 } })).toThrow(RangeError);
    expect(() => index.upsert({ ...base, skillLevels: { a: -1 } })).toThrow(RangeError);
    expect(index.size).toBe(0);
  });

  it('replaces on upsert, swap-removes, reuses slots, and keeps its own copy', () => {
    const index = new RecommendationIndex({ weekStart, weeks: 4, skillIds: [], fieldIds: [] });
    const mutable = structuredClone(base);
    index.upsert(mutable);
    mutable.skillLevels['skill-1'] = 0; // must not leak into the index
    index.upsert({ ...base, id: 'm2' });
    index.upsert({ ...base, id: 'm3', languages: ['zh'] });
    expect(index.size).toBe(3);
    expect(index.topK(s, 10, scoreOptions(weekStart), NAMES_EN).map((m) => m.mentorId)).toEqual(['m1', 'm2']);
    index.upsert({ ...base, id: 'm1', acceptingMentees: false });
    expect(index.size).toBe(3);
    expect(index.topK(s, 10, scoreOptions(weekStart), NAMES_EN).map((m) => m.mentorId)).toEqual(['m2']);
    index.remove('m1');
    index.remove('m1');
    index.remove('nobody');
    expect(index.size).toBe(2);
    expect(index.has('m1')).toBe(false);
    index.upsert({ ...base, id: 'm4', languages: ['en', 'zh'] });
    const all = [{ ...base, id: 'm2' }, { ...base, id: 'm3', languages: ['zh'] }, { ...base, id: 'm4', languages: ['en', 'zh'] }];
    for (const switcher of [s, { ...s, languages: ['zh', 'en'] }, { ...s, excludedMentorIds: ['m2'] }, { ...s, id: 'm4' }]) {
      expect(index.topK(switcher, 10, scoreOptions(weekStart), NAMES_EN)).toEqual(recommend(switcher, all, 10, scoreOptions(weekStart), NAMES_EN));
    }
    expect(index.topK(s, 0, scoreOptions(weekStart), NAMES_EN)).toEqual([]);
    expect(index.topK({ ...s, languages: [] }, 5, scoreOptions(weekStart), NAMES_EN)).toEqual([]);
  });

  it('popcount', () => {
    for (const x of [0, 1, 0xffffffff, 0x80000000, 0x55555555, 0x12345678, -1]) {
      expect(popcount(x)).toBe((x >>> 0).toString(2).replace(/0/g, '').length);
    }
  });
});
