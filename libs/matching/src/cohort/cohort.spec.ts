import fc from 'fast-check';
import { buildCandidateGraph, positiveEdgesOnly } from './candidate-graph';
import { assignmentMetrics, countBlockingPairs, solveGreedy, solveOptimal, solveOptimalCertified, solveStable, type Assignment, type Candidate, type CohortInstance as AnyCohortInstance, type PackedCandidates } from './index';
import { packedCandidates, unpackCandidates } from './index';

/** The tests build and read lists of objects (packed lists have tests of their own). */
type CohortInstance = AnyCohortInstance<Candidate[][]>;
import { maxWeightByCostScaling, maxWeightWithPrices } from './optimal';
import { maxWeightBySsp, maxWeightBySspPriced } from './ssp';

// ---------------------------------------------------------------------------
// Helpers: instances, references (brute force, naive greedy, naive deferred
// acceptance, blocking pairs by definition) and invariants.
// ---------------------------------------------------------------------------

interface Case {
  instance: CohortInstance;
  minScore?: number;
}

/** Scores are compared in tenths (integers) so that sums are exact. */
const tenths = (score: number): number => Math.round(score * 10);
const totalTenths = (assignment: Assignment): number => assignment.pairs.reduce((sum, pair) => sum + tenths(pair.score), 0);

/** Acceptable pairs with duplicates folded (highest score), as the solvers see them. */
function acceptable(instance: CohortInstance, minScore = -Infinity): Map<number, number>[] {
  return instance.candidates.map((list) => {
    const byMentor = new Map<number, number>();
    for (const { mentor, score } of list) {
      if (instance.mentors[mentor].capacity === 0 || score < minScore) continue;
      byMentor.set(mentor, Math.max(byMentor.get(mentor) ?? -Infinity, score));
    }
    return byMentor;
  });
}

/** Maximum total (tenths) over all feasible assignments, by enumeration. */
function bruteForceOptimum(instance: CohortInstance, minScore?: number): number {
  const options = acceptable(instance, minScore).map((byMentor) => [...byMentor.entries()]);
  const load = instance.mentors.map(() => 0);
  let best = 0;
  const visit = (s: number, total: number): void => {
    if (s === options.length) {
      best = Math.max(best, total);
      return;
    }
    visit(s + 1, total);
    for (const [mentor, score] of options[s]) {
      if (load[mentor] >= instance.mentors[mentor].capacity) continue;
      load[mentor]++;
      visit(s + 1, total + tenths(score));
      load[mentor]--;
    }
  };
  visit(0, 0);
  return best;
}

/** Greedy by definition: all acceptable pairs sorted (score desc, switcher, mentor), taken while feasible. */
function naiveGreedy(instance: CohortInstance, minScore?: number): Assignment {
  const pairs = acceptable(instance, minScore).flatMap((byMentor, switcher) => [...byMentor].map(([mentor, score]) => ({ switcher, mentor, score })));
  pairs.sort((a, b) => b.score - a.score || a.switcher - b.switcher || a.mentor - b.mentor);
  const taken = new Set<number>();
  const load = instance.mentors.map(() => 0);
  const chosen: Assignment['pairs'] = [];
  for (const pair of pairs) {
    if (taken.has(pair.switcher) || load[pair.mentor] >= instance.mentors[pair.mentor].capacity) continue;
    taken.add(pair.switcher);
    load[pair.mentor]++;
    chosen.push(pair);
  }
  return { pairs: chosen.sort((a, b) => a.switcher - b.switcher) };
}

/** Switcher-proposing deferred acceptance, written plainly (rounds over all free switchers). */
function naiveDeferredAcceptance(instance: CohortInstance, minScore?: number): Assignment {
  const lists = acceptable(instance, minScore).map((byMentor) => [...byMentor].sort((a, b) => b[1] - a[1] || a[0] - b[0]));
  const next = lists.map(() => 0);
  const held: { switcher: number; score: number }[][] = instance.mentors.map(() => []);
  const matched = lists.map(() => false);
  for (;;) {
    const proposer = lists.findIndex((list, s) => !matched[s] && next[s] < list.length);
    if (proposer < 0) break;
    const [mentor, score] = lists[proposer][next[proposer]++];
    const pool = [...held[mentor], { switcher: proposer, score }].sort((a, b) => b.score - a.score || a.switcher - b.switcher);
    const capacity = instance.mentors[mentor].capacity;
    held[mentor] = pool.slice(0, capacity);
    matched[proposer] = held[mentor].some((kept) => kept.switcher === proposer);
    for (const rejected of pool.slice(capacity)) matched[rejected.switcher] = false;
  }
  const pairs = held.flatMap((list, mentor) => list.map(({ switcher, score }) => ({ switcher, mentor, score })));
  return { pairs: pairs.sort((a, b) => a.switcher - b.switcher) };
}

/** Blocking pairs straight from the definition. */
function naiveBlockingPairs(instance: CohortInstance, assignment: Assignment, minScore?: number): number {
  const current = new Map(assignment.pairs.map((pair) => [pair.switcher, pair.score]));
  let count = 0;
  acceptable(instance, minScore).forEach((byMentor, s) => {
    for (const [mentor, score] of byMentor) {
      const mine = current.get(s);
      if (mine !== undefined && !(score > mine)) continue;
      const atMentor = assignment.pairs.filter((pair) => pair.mentor === mentor);
      const free = atMentor.length < instance.mentors[mentor].capacity;
      if (free || atMentor.some((pair) => pair.score < score)) count++;
    }
  });
  return count;
}

/** Throws unless the assignment is feasible and made of acceptable candidate pairs with their scores. */
function expectValid(instance: CohortInstance, assignment: Assignment, minScore?: number): void {
  const ok = acceptable(instance, minScore);
  const seen = new Set<number>();
  const load = instance.mentors.map(() => 0);
  let previous = -1;
  for (const { switcher, mentor, score } of assignment.pairs) {
    expect(switcher).toBeGreaterThan(previous); // ordered by switcher, each at most once
    previous = switcher;
    expect(seen.has(switcher)).toBe(false);
    seen.add(switcher);
    expect(ok[switcher].get(mentor)).toBe(score); // an acceptable pair, with its (highest) candidate score
    if (minScore !== undefined) expect(score).toBeGreaterThanOrEqual(minScore);
    load[mentor]++;
  }
  load.forEach((count, mentor) => expect(count).toBeLessThanOrEqual(instance.mentors[mentor].capacity));
}

const score1 = fc.integer({ min: 0, max: 1000 }).map((t) => t / 10);

/** Small instances: up to 7 switchers, 4 mentors, capacities 0-3, sparse candidates (with the odd duplicate), optional minScore. */
const smallCase: fc.Arbitrary<Case> = fc
  .record({ switchers: fc.integer({ min: 0, max: 7 }), capacities: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }) })
  .chain(({ switchers, capacities }) =>
    fc.record({
      instance: fc
        .array(
          capacities.length === 0
            ? fc.constant<CohortInstance['candidates'][number]>([])
            : fc.array(fc.record({ mentor: fc.integer({ min: 0, max: capacities.length - 1 }), score: score1 }), { maxLength: capacities.length + 1 }),
          { minLength: switchers, maxLength: switchers },
        )
        .map(
          (candidates): CohortInstance => ({
            switchers: candidates.map((_, s) => `s${s}`),
            mentors: capacities.map((capacity, j) => ({ id: `m${j}`, capacity })),
            candidates,
          }),
        ),
      minScore: fc.option(score1, { nil: undefined }),
    }),
  );

/** Deterministic pseudo-random instance (mulberry32), for sizes beyond brute force. */
function randomInstance(seed: number, switchers: number, mentors: number, perSwitcher: number, maxCapacity: number): CohortInstance {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const quality = Array.from({ length: mentors }, () => random());
  return {
    switchers: Array.from({ length: switchers }, (_, s) => `s${s}`),
    mentors: Array.from({ length: mentors }, (_, j) => ({ id: `m${j}`, capacity: Math.floor(random() * (maxCapacity + 1)) })),
    candidates: Array.from({ length: switchers }, () => {
      const count = Math.floor(random() * (perSwitcher + 1));
      return Array.from({ length: count }, () => {
        const mentor = Math.floor(random() * mentors);
        // Correlated scores (popular mentors score high with everyone) and many ties.
        return { mentor, score: Math.round(Math.min(100, 40 * quality[mentor] + 60 * random()) * 10) / 10 };
      });
    }),
  };
}

/** Every pair scored (tenths, correlated, ties), about 1 in 8 never a candidate (NaN). */
function randomMatrix(seed: number, switchers: number, mentors: number): number[][] {
  const instance = randomInstance(seed, switchers, mentors, mentors, 1);
  return instance.candidates.map((list, s) => {
    const row = Array.from({ length: mentors }, (_, j) => (((s * 31 + j * 17 + seed) % 8 === 0 ? Number.NaN : 0)));
    for (const { mentor, score } of list) if (!Number.isNaN(row[mentor])) row[mentor] = Math.max(row[mentor], score);
    return row;
  });
}

const SOLVERS = { optimal: solveOptimal, stable: solveStable, greedy: solveGreedy };

// ---------------------------------------------------------------------------

describe('cohort assignment: properties on small random instances (fast-check)', () => {
  it('solveOptimal reaches the brute-force optimum, and is at least greedy and stable', () => {
    fc.assert(
      fc.property(smallCase, ({ instance, minScore }) => {
        const optimal = solveOptimal(instance, { minScore });
        expectValid(instance, optimal, minScore);
        expect(totalTenths(optimal)).toBe(bruteForceOptimum(instance, minScore));
        expect(totalTenths(optimal)).toBeGreaterThanOrEqual(totalTenths(solveGreedy(instance, { minScore })));
        expect(totalTenths(optimal)).toBeGreaterThanOrEqual(totalTenths(solveStable(instance, { minScore })));
        expect(optimal.pairs.every((pair) => pair.score > 0)).toBe(true); // a pair scoring 0 adds nothing
      }),
      { numRuns: 600 },
    );
  });

  it('every solver respects capacities, uses each switcher at most once and only acceptable pairs (minScore)', () => {
    fc.assert(
      fc.property(smallCase, ({ instance, minScore }) => {
        for (const solve of Object.values(SOLVERS)) expectValid(instance, solve(instance, { minScore }), minScore);
      }),
      { numRuns: 400 },
    );
  });

  it('solveStable has no blocking pair and equals plain deferred acceptance', () => {
    fc.assert(
      fc.property(smallCase, ({ instance, minScore }) => {
        const stable = solveStable(instance, { minScore });
        expect(countBlockingPairs(instance, stable, { minScore })).toBe(0);
        expect(naiveBlockingPairs(instance, stable, minScore)).toBe(0);
        expect(stable).toEqual(naiveDeferredAcceptance(instance, minScore));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same with the lists packed in typed arrays: every solver, the metrics, the certificate', () => {
    fc.assert(
      fc.property(smallCase, ({ instance, minScore }) => {
        const packed: AnyCohortInstance<PackedCandidates> = { ...instance, candidates: packedCandidates(instance) };
        expect(unpackCandidates(packed.candidates)).toEqual(instance.candidates);
        for (const solve of Object.values(SOLVERS)) {
          const assignment = solve(instance, { minScore });
          expect(solve(packed, { minScore })).toEqual(assignment);
          expect(assignmentMetrics(packed, assignment, { minScore })).toEqual(assignmentMetrics(instance, assignment, { minScore }));
        }
        const k = 1;
        const cut = { ...instance, candidates: instance.candidates.map((list) => [...list].sort((a, b) => b.score - a.score || a.mentor - b.mentor).slice(0, k)) };
        const scores = (sw: number, mentors: Int32Array): Float64Array =>
          Float64Array.from(mentors, (j) => Math.max(Number.NaN, ...instance.candidates[sw].filter((c) => c.mentor === j).map((c) => c.score)));
        const leftOut = { listLength: k, scale: 10, scores };
        const fromObjects = solveOptimalCertified(cut, leftOut, { minScore });
        const fromPacked = solveOptimalCertified({ ...cut, candidates: packedCandidates(cut) }, leftOut, { minScore });
        expect(fromPacked.assignment).toEqual(fromObjects.assignment);
        expect(fromPacked.stats).toEqual(fromObjects.stats);
        expect(unpackCandidates(fromPacked.instance.candidates)).toEqual(fromObjects.instance.candidates);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses malformed packed lists as it does lists of objects', () => {
    const base = { switchers: ['a', 'b'], mentors: [{ id: 'm', capacity: 1 }] };
    const packed = (rowStart: number[], mentor: number[], score: number[]) => ({
      ...base,
      candidates: { rowStart: Int32Array.from(rowStart), mentor: Int32Array.from(mentor), score: Float64Array.from(score) },
    });
    expect(() => solveOptimal(packed([0, 1, 1], [0], [50]))).not.toThrow();
    expect(() => solveOptimal(packed([0, 1], [0], [50]))).toThrow(/1 lists for 2 switchers/);
    expect(() => solveOptimal(packed([0, 1, 2], [0, 1], [50, 50]))).toThrow(/switcher 1: candidate mentor index 1 out of range 0..0/);
    expect(() => solveOptimal(packed([0, 1, 1], [0], [Number.NaN]))).toThrow(/switcher 0, mentor 0: score must be a finite number/);
    expect(() => solveOptimal(packed([0, 2, 1], [0], [50]))).toThrow(/rowStart/);
    expect(() => solveOptimal(packed([0, 1, 1], [0, 0], [50, 50]))).toThrow(/rowStart/);
    expect(() => solveOptimal({ ...base, candidates: [[{ mentor: 0.5, score: 50 }], []] })).toThrow(/candidate mentor index 0.5 out of range/);
  });

  it('solveGreedy equals greedy by definition', () => {
    fc.assert(
      fc.property(smallCase, ({ instance, minScore }) => {
        expect(solveGreedy(instance, { minScore })).toEqual(naiveGreedy(instance, minScore));
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic: the same input (or a copy, or reordered candidate lists) gives the same output', () => {
    fc.assert(
      fc.property(smallCase, ({ instance, minScore }) => {
        for (const solve of Object.values(SOLVERS)) {
          const first = solve(instance, { minScore });
          expect(solve(instance, { minScore })).toEqual(first);
          expect(solve(structuredClone(instance), { minScore })).toEqual(first);
          // ... and does not depend on the order of the candidate lists.
          expect(solve({ ...instance, candidates: instance.candidates.map((list) => [...list].reverse()) }, { minScore })).toEqual(first);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('countBlockingPairs and assignmentMetrics agree with their definitions', () => {
    fc.assert(
      fc.property(smallCase, ({ instance, minScore }) => {
        for (const solve of Object.values(SOLVERS)) {
          const assignment = solve(instance, { minScore });
          const metrics = assignmentMetrics(instance, assignment, { minScore });
          const scores = assignment.pairs.map((pair) => pair.score).sort((a, b) => a - b);
          expect(metrics.blockingPairs).toBe(naiveBlockingPairs(instance, assignment, minScore));
          expect(metrics.blockingPairs).toBe(countBlockingPairs(instance, assignment, { minScore }));
          expect(tenths(metrics.totalScore)).toBe(totalTenths(assignment));
          expect(metrics.matched).toBe(assignment.pairs.length);
          expect(metrics.unmatchedSwitchers).toBe(instance.switchers.length - assignment.pairs.length);
          expect(metrics.minScore).toBe(scores.length > 0 ? scores[0] : null);
          expect(metrics.p10Score).toBe(scores.length > 0 ? scores[Math.ceil(scores.length / 10) - 1] : null);
          if (scores.length > 0) expect(metrics.meanScore).toBeCloseTo(metrics.totalScore / scores.length, 9);
          else expect(metrics.meanScore).toBeNull();
          const utilisation = instance.mentors.filter((mentor) => mentor.capacity > 0).map((mentor) => assignment.pairs.filter((pair) => instance.mentors[pair.mentor] === mentor).length / mentor.capacity);
          expect(metrics.mentorLoadSpread.min).toBe(utilisation.length > 0 ? Math.min(...utilisation) : 0);
          expect(metrics.mentorLoadSpread.max).toBe(utilisation.length > 0 ? Math.max(...utilisation) : 0);
          expect(metrics.mentorLoadSpread.min).toBeGreaterThanOrEqual(0);
          expect(metrics.mentorLoadSpread.max).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds the optimum with scores of any precision up to 6 decimals (integers, two decimals)', () => {
    const precise = smallCase.chain(({ instance }) =>
      fc.constantFrom(1, 100, 1e6).map((per) => ({
        ...instance,
        candidates: instance.candidates.map((list) => list.map(({ mentor, score }, k) => ({ mentor, score: Math.round((score + (k % 7) * 0.0123457) * per) / per }))),
      })),
    );
    fc.assert(
      fc.property(precise, (instance) => {
        // Compare in units of 1e-6 (exact for these scores).
        const micro = (a: Assignment): number => a.pairs.reduce((sum, pair) => sum + Math.round(pair.score * 1e6), 0);
        let best = 0;
        const options = acceptable(instance).map((byMentor) => [...byMentor.entries()]);
        const load = instance.mentors.map(() => 0);
        const visit = (s: number, total: number): void => {
          if (s === options.length) {
            best = Math.max(best, total);
            return;
          }
          visit(s + 1, total);
          for (const [mentor, score] of options[s]) {
            if (load[mentor] >= instance.mentors[mentor].capacity) continue;
            load[mentor]++;
            visit(s + 1, total + Math.round(score * 1e6));
            load[mentor]--;
          }
        };
        visit(0, 0);
        expect(micro(solveOptimal(instance))).toBe(best);
      }),
      { numRuns: 200 },
    );
  });
});

describe('cohort assignment: larger instances against successive shortest paths', () => {
  it.each([
    [1, 60, 12, 6, 3],
    [2, 200, 30, 10, 4],
    [3, 500, 40, 15, 5],
    [4, 2000, 150, 25, 5],
    [5, 3000, 100, 40, 20],
    [6, 400, 400, 8, 1],
    [7, 1500, 200, 90, 3],
    [8, 300, 400, 300, 2],
  ])('seed %i: %i switchers x %i mentors (%i candidates max, capacity <= %i)', (seed, switchers, mentors, perSwitcher, maxCapacity) => {
    const instance = randomInstance(seed, switchers, mentors, perSwitcher, maxCapacity);
    const graph = positiveEdgesOnly(buildCandidateGraph(instance, -Infinity));
    const total = (edges: Int32Array): number => edges.reduce((sum, e) => sum + (e >= 0 ? graph.scoreInt[e] : 0), 0);
    const reference = total(maxWeightBySsp(graph));
    expect(total(maxWeightByCostScaling(graph))).toBe(reference);
    const optimal = solveOptimal(instance);
    expectValid(instance, optimal);
    expect(totalTenths(optimal)).toBe(reference);
    expect(reference).toBeGreaterThanOrEqual(totalTenths(solveGreedy(instance)));
    expect(countBlockingPairs(instance, solveStable(instance))).toBe(0);
    const reversed = { ...instance, candidates: instance.candidates.map((list) => [...list].reverse()) };
    expect(solveOptimal(reversed)).toEqual(optimal);
  });

  it('falls back to successive shortest paths when the scaled integers get too large (6-decimal scores, 4,000 switchers)', () => {
    const base = randomInstance(21, 4000, 25, 4, 5);
    const instance = { ...base, candidates: base.candidates.map((list, s) => list.map(({ mentor, score }) => ({ mentor, score: Math.min(100, score + ((s * 7919 + mentor) % 1000) / 1e6) }))) };
    const graph = positiveEdgesOnly(buildCandidateGraph(instance, -Infinity));
    expect(graph.scale).toBe(1e6);
    const total = (edges: Int32Array): number => edges.reduce((sum, e) => sum + (e >= 0 ? graph.scoreInt[e] : 0), 0);
    const optimal = solveOptimal(instance);
    expectValid(instance, optimal);
    const micro = optimal.pairs.reduce((sum, pair) => sum + Math.round(pair.score * 1e6), 0);
    expect(micro).toBe(total(maxWeightBySsp(graph)));
    expect(micro).toBe(total(maxWeightByCostScaling(graph)));
  });

  it('with minScore, against successive shortest paths', () => {
    for (const seed of [11, 12, 13]) {
      const instance = randomInstance(seed, 800, 60, 20, 4);
      const optimal = solveOptimal(instance, { minScore: 55 });
      expectValid(instance, optimal, 55);
      const graph = positiveEdgesOnly(buildCandidateGraph(instance, 55));
      const reference = maxWeightBySsp(graph).reduce((sum, e) => sum + (e >= 0 ? graph.scoreInt[e] : 0), 0);
      expect(totalTenths(optimal)).toBe(reference);
    }
  });
});

// ---------------------------------------------------------------------------
// Certified optimum over cut candidate lists.
// ---------------------------------------------------------------------------

/** A full score matrix (NaN: never a candidate) and its lists cut at k, best first (ties: lower mentor). */
interface CutCase {
  full: CohortInstance;
  matrix: number[][];
  k: number;
  minScore?: number;
}

function cutLists(matrix: number[][], k: number): CohortInstance['candidates'] {
  return matrix.map((row) =>
    row
      .map((score, mentor) => ({ mentor, score }))
      .filter(({ score }) => !Number.isNaN(score))
      .sort((a, b) => b.score - a.score || a.mentor - b.mentor)
      .slice(0, k),
  );
}

/**
 * Certified optimum of the cut lists; the scorer answers -Infinity where it may (a score at most
 * the floor) when `bounded`; with `admissible` it tells which pairs are never candidates, and is
 * then never asked about them.
 */
function certify(c: CutCase, scale = 10, bounded = false, solveLength?: number, admissible = false) {
  const cut = { ...c.full, candidates: cutLists(c.matrix, c.k) };
  const scores = (s: number, mentors: Int32Array, floors: Float64Array): Float64Array =>
    Float64Array.from(mentors, (j, q) => {
      if (admissible && Number.isNaN(c.matrix[s][j])) throw new Error(`asked about (${s}, ${j}), which admissible rules out`);
      return bounded && c.matrix[s][j] <= floors[q] ? -Infinity : c.matrix[s][j];
    });
  const bits = (s: number): Uint32Array => {
    const words = new Uint32Array((c.full.mentors.length + 31) >>> 5);
    c.matrix[s].forEach((score, j) => {
      if (!Number.isNaN(score)) words[j >>> 5] |= 1 << (j & 31);
    });
    return words;
  };
  return solveOptimalCertified(cut, { listLength: c.k, scale, scores, admissible: admissible ? bits : undefined }, { minScore: c.minScore, solveLength });
}

function fullInstance(matrix: number[][], capacities: number[]): CohortInstance {
  return {
    switchers: matrix.map((_, s) => `s${s}`),
    mentors: capacities.map((capacity, j) => ({ id: `m${j}`, capacity })),
    candidates: cutLists(matrix, Infinity),
  };
}

/** Up to 7 switchers x 5 mentors, every pair scored (a few never candidates), many ties, lists cut at 1-3. */
const cutCase: fc.Arbitrary<CutCase> = fc
  .record({ switchers: fc.integer({ min: 0, max: 7 }), capacities: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 5 }) })
  .chain(({ switchers, capacities }) =>
    fc.record({
      matrix: fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }).map((t) => 40 + t / 2), score1, fc.constant(Number.NaN)), {
          minLength: capacities.length,
          maxLength: capacities.length,
        }),
        { minLength: switchers, maxLength: switchers },
      ),
      capacities: fc.constant(capacities),
      k: fc.integer({ min: 1, max: 3 }),
      minScore: fc.option(score1, { nil: undefined }),
    }),
  )
  .map(({ matrix, capacities, k, minScore }) => ({ full: fullInstance(matrix, capacities), matrix, k, minScore }));

describe('cohort assignment: certified optimum over cut candidate lists', () => {
  it('equals the brute-force optimum over every pair, even with lists cut far too short (fast-check)', () => {
    fc.assert(
      fc.property(cutCase, (c) => {
        const { assignment, instance, stats } = certify(c);
        expectValid(c.full, assignment, c.minScore);
        expectValid(instance, assignment, c.minScore);
        expect(totalTenths(assignment)).toBe(bruteForceOptimum(c.full, c.minScore));
        expect(certify(c, 10, true).assignment).toEqual(assignment); // bounds only skip pairs that are priced out
        // Told which pairs are never candidates, it asks about none of them and finds the same.
        const told = certify(c, 10, true, undefined, true);
        expect(told.assignment).toEqual(assignment);
        expect(told.stats.scoredPairs).toBeLessThanOrEqual(stats.scoredPairs);
        expect(stats.rounds).toBe(stats.addedPairs + stats.promotedPairs > 0 ? stats.rounds : 1);
        // The solver may start from the best pair of each list only: the same optimum.
        const aside = certify(c, 10, true, 1);
        expectValid(c.full, aside.assignment, c.minScore);
        expect(totalTenths(aside.assignment)).toBe(totalTenths(assignment));
        expect(certify(c, 10, true, 1)).toEqual(aside);
        // Deterministic, and the same whatever the lists' order.
        expect(certify(c)).toEqual({ assignment, instance, stats });
      }),
      { numRuns: 800 },
    );
  });

  it('accepts complete lists at once, without scoring anything', () => {
    fc.assert(
      fc.property(cutCase, (c) => {
        const { assignment, stats } = certify({ ...c, k: Math.max(1, c.full.mentors.length) });
        expect(stats).toEqual({ rounds: 1, checkedSwitchers: 0, scoredPairs: 0, widenedSwitchers: 0, addedPairs: 0, promotedPairs: 0 });
        expectValid(c.full, assignment, c.minScore);
        expect(totalTenths(assignment)).toBe(totalTenths(solveOptimal(c.full, { minScore: c.minScore })));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [31, 300, 40, 3, undefined],
    [32, 600, 60, 8, undefined],
    [33, 600, 60, 5, 55],
    [34, 2000, 120, 20, undefined],
  ])('seed %i: %i switchers x %i mentors, lists cut at %i (minScore %s): the dense optimum', (seed, switchers, mentors, k, minScore) => {
    const matrix = randomMatrix(seed, switchers, mentors);
    const capacities = randomInstance(seed, 0, mentors, 0, 4).mentors.map((mentor) => mentor.capacity);
    const full = fullInstance(matrix, capacities);
    const { assignment, stats } = certify({ full, matrix, k, minScore }, 10, true);
    expectValid(full, assignment, minScore);
    expect(totalTenths(assignment)).toBe(totalTenths(solveOptimal(full, { minScore })));
    expect(stats.addedPairs).toBeGreaterThan(0); // the cut lists alone were not enough
    const told = certify({ full, matrix, k, minScore }, 10, true, undefined, true);
    expect(told.assignment).toEqual(assignment);
    expect(told.stats.scoredPairs).toBeLessThan(stats.scoredPairs);
  });

  it.each([
    [36, 2000, 120, 60, 5],
    [37, 1000, 100, 40, 1],
  ])('seed %i: %i switchers x %i mentors, lists of %i, the solver starting from the best %i of each: the dense optimum', (seed, switchers, mentors, k, solveLength) => {
    const matrix = randomMatrix(seed, switchers, mentors);
    const capacities = randomInstance(seed, 0, mentors, 0, 4).mentors.map((mentor) => mentor.capacity);
    const full = fullInstance(matrix, capacities);
    const { assignment, instance, stats } = certify({ full, matrix, k }, 10, true, solveLength);
    expectValid(full, assignment);
    expect(totalTenths(assignment)).toBe(totalTenths(solveOptimal(full)));
    expect(stats.promotedPairs).toBeGreaterThan(0); // listed pairs set aside were needed after all
    // The instance returned keeps every listed pair (pairs are only added after them).
    cutLists(matrix, k).forEach((list, s) => expect(instance.candidates[s].slice(0, list.length)).toEqual(list));
    expect(() => certify({ full, matrix, k }, 10, true, 0)).toThrow(RangeError);
  });

  it('accepts lists cut generously without widening (the usual case)', () => {
    const matrix = randomMatrix(35, 1000, 100);
    const capacities = randomInstance(35, 0, 100, 0, 4).mentors.map((mentor) => mentor.capacity);
    const full = fullInstance(matrix, capacities);
    const { assignment, stats } = certify({ full, matrix, k: 60 }, 10, false, 60);
    expect(stats.rounds).toBe(1);
    expect(stats.addedPairs).toBe(0);
    expect(totalTenths(assignment)).toBe(totalTenths(solveOptimal(full)));
  });

  it('is proven with the exact prices of successive shortest paths too (6-decimal scores)', () => {
    const base = randomMatrix(36, 4000, 25);
    const matrix = base.map((row, s) => row.map((score, j) => (Number.isNaN(score) ? score : Math.min(100, score + ((s * 7919 + j) % 1000) / 1e6))));
    const capacities = randomInstance(36, 0, 25, 0, 5).mentors.map((mentor) => mentor.capacity);
    const full = fullInstance(matrix, capacities);
    const { assignment, stats } = certify({ full, matrix, k: 2 }, 1e6);
    expect(stats.addedPairs).toBeGreaterThan(0);
    const micro = (a: Assignment): number => a.pairs.reduce((sum, pair) => sum + Math.round(pair.score * 1e6), 0);
    expect(micro(assignment)).toBe(micro(solveOptimal(full)));
  });

  it('rejects a scorer that contradicts the lists, and bad settings', () => {
    const full = fullInstance([[50, 60, 70]], [1, 1, 1]);
    const cut = { ...full, candidates: cutLists([[50, 60, 70]], 1) };
    expect(() => solveOptimalCertified(cut, { listLength: 1, scale: 10, scores: (_, mentors) => Float64Array.from(mentors, () => 80) })).toThrow(/above its list's lowest score/);
    expect(() => solveOptimalCertified(cut, { listLength: 0, scale: 10, scores: () => new Float64Array(0) })).toThrow(RangeError);
    expect(() => solveOptimalCertified(cut, { listLength: 1, scale: 3, scores: () => new Float64Array(0) })).toThrow(RangeError);
  });
});

describe('cohort assignment: candidate graph', () => {
  it("has one edge per acceptable pair, at its highest score, rows sorted by mentor, whatever the lists' order", () => {
    fc.assert(
      fc.property(smallCase, fc.integer({ min: 1, max: 1000 }), ({ instance, minScore }, seed) => {
        const graph = buildCandidateGraph(instance, minScore ?? -Infinity, 10);
        const expected = acceptable(instance, minScore);
        for (let s = 0; s < graph.switcherCount; s++) {
          const row = Array.from(graph.col.subarray(graph.rowStart[s], graph.rowStart[s + 1]));
          expect(row).toEqual([...expected[s].keys()].sort((a, b) => a - b));
          row.forEach((j, q) => expect(graph.scoreInt[graph.rowStart[s] + q]).toBe(tenths(expected[s].get(j) ?? Number.NaN)));
        }
        const shuffled = { ...instance, candidates: instance.candidates.map((list) => [...list].sort((a, b) => ((a.mentor * seed) % 7) - ((b.mentor * seed) % 7) || b.score - a.score)) };
        expect(buildCandidateGraph(shuffled, minScore ?? -Infinity, 10)).toEqual(graph);
      }),
      { numRuns: 500 },
    );
  });
});

describe('cohort assignment: dual prices', () => {
  it.each([
    [41, 300, 40, 12, 3],
    [42, 2000, 150, 25, 5],
    [43, 400, 400, 8, 1],
  ])('seed %i: both solvers price out every unused candidate pair (%i x %i)', (seed, switchers, mentors, perSwitcher, maxCapacity) => {
    const graph = positiveEdgesOnly(buildCandidateGraph(randomInstance(seed, switchers, mentors, perSwitcher, maxCapacity), -Infinity));
    for (const { edgeOf, prices } of [maxWeightWithPrices(graph), maxWeightBySspPriced(graph)]) {
      const { switcher: u, mentor: v, unit, slack } = prices;
      let notPricedOut = 0;
      for (let s = 0; s < graph.switcherCount; s++) {
        for (let e = graph.rowStart[s]; e < graph.rowStart[s + 1]; e++) {
          if (e !== edgeOf[s] && graph.scoreInt[e] * unit > u[s] + v[graph.col[e]] + slack) notPricedOut++;
        }
      }
      expect(notPricedOut).toBe(0);
      let lowest = Infinity;
      for (let j = 0; j < graph.mentorCount; j++) if (graph.capacity[j] > 0) lowest = Math.min(lowest, v[j]);
      expect(lowest).toBeGreaterThanOrEqual(-slack);
    }
  });
});

describe('cohort assignment: edge cases', () => {
  const empty: CohortInstance = { switchers: [], mentors: [], candidates: [] };

  it('handles an empty instance', () => {
    for (const solve of Object.values(SOLVERS)) expect(solve(empty)).toEqual({ pairs: [] });
    expect(assignmentMetrics(empty, { pairs: [] })).toEqual({
      totalScore: 0,
      meanScore: null,
      minScore: null,
      p10Score: null,
      matched: 0,
      unmatchedSwitchers: 0,
      blockingPairs: 0,
      mentorLoadSpread: { min: 0, max: 0, stddev: 0 },
    });
  });

  it('handles switchers without candidates, mentors with capacity 0 and no mentors at all', () => {
    const instance: CohortInstance = {
      switchers: ['a', 'b', 'c'],
      mentors: [
        { id: 'x', capacity: 0 },
        { id: 'y', capacity: 1 },
      ],
      candidates: [[{ mentor: 0, score: 99 }], [], [{ mentor: 0, score: 50 }, { mentor: 1, score: 40 }]],
    };
    for (const solve of Object.values(SOLVERS)) expect(solve(instance)).toEqual({ pairs: [{ switcher: 2, mentor: 1, score: 40 }] });
    const metrics = assignmentMetrics(instance, solveOptimal(instance));
    expect(metrics).toMatchObject({ matched: 1, unmatchedSwitchers: 2, blockingPairs: 0, mentorLoadSpread: { min: 1, max: 1, stddev: 0 } });
    const noMentors: CohortInstance = { switchers: ['a'], mentors: [], candidates: [[]] };
    for (const solve of Object.values(SOLVERS)) expect(solve(noMentors)).toEqual({ pairs: [] });
    expect(assignmentMetrics(noMentors, { pairs: [] }).unmatchedSwitchers).toBe(1);
  });

  it('maximises the total, not the number of matches, and beats greedy where it should', () => {
    // Greedy gives m0 to s0 (90) and leaves s1 out; optimal sends s0 to m1 (85) and s1 to m0 (80).
    const instance: CohortInstance = {
      switchers: ['s0', 's1', 's2'],
      mentors: [
        { id: 'm0', capacity: 1 },
        { id: 'm1', capacity: 1 },
      ],
      candidates: [
        [
          { mentor: 0, score: 90 },
          { mentor: 1, score: 85 },
        ],
        [{ mentor: 0, score: 80 }],
        [{ mentor: 1, score: 0.1 }],
      ],
    };
    expect(solveOptimal(instance).pairs).toEqual([
      { switcher: 0, mentor: 1, score: 85 },
      { switcher: 1, mentor: 0, score: 80 },
    ]);
    expect(solveGreedy(instance).pairs).toEqual([
      { switcher: 0, mentor: 0, score: 90 },
      { switcher: 2, mentor: 1, score: 0.1 },
    ]);
    // One high pair beats two low ones: s0-m0 (100) rather than s0-m1 + s1-m0 (30 + 30).
    const single: CohortInstance = {
      switchers: ['s0', 's1'],
      mentors: [
        { id: 'm0', capacity: 1 },
        { id: 'm1', capacity: 1 },
      ],
      candidates: [
        [
          { mentor: 0, score: 100 },
          { mentor: 1, score: 30 },
        ],
        [{ mentor: 0, score: 30 }],
      ],
    };
    expect(solveOptimal(single).pairs).toEqual([{ switcher: 0, mentor: 0, score: 100 }]);
  });

  it('respects minScore and folds duplicate candidates to the higher score', () => {
    const instance: CohortInstance = {
      switchers: ['s0', 's1'],
      mentors: [{ id: 'm0', capacity: 2 }],
      candidates: [
        [
          { mentor: 0, score: 40 },
          { mentor: 0, score: 70 },
        ],
        [{ mentor: 0, score: 59.9 }],
      ],
    };
    for (const solve of Object.values(SOLVERS)) {
      expect(solve(instance, { minScore: 60 })).toEqual({ pairs: [{ switcher: 0, mentor: 0, score: 70 }] });
      expect(solve(instance).pairs).toHaveLength(2);
    }
    // The blocking-pair count uses the same acceptability rule.
    expect(countBlockingPairs(instance, { pairs: [] }, { minScore: 60 })).toBe(1);
    expect(countBlockingPairs(instance, { pairs: [] })).toBe(2);
  });

  it('computes the metrics of a known assignment', () => {
    const instance: CohortInstance = {
      switchers: ['s0', 's1', 's2', 's3'],
      mentors: [
        { id: 'm0', capacity: 2 },
        { id: 'm1', capacity: 2 },
        { id: 'm2', capacity: 0 },
      ],
      candidates: [[{ mentor: 0, score: 50 }], [{ mentor: 0, score: 70 }, { mentor: 1, score: 90 }], [{ mentor: 1, score: 60 }], [{ mentor: 0, score: 20 }]],
    };
    const assignment: Assignment = {
      pairs: [
        { switcher: 0, mentor: 0, score: 50 },
        { switcher: 1, mentor: 0, score: 70 },
        { switcher: 2, mentor: 1, score: 60 },
      ],
    };
    const metrics = assignmentMetrics(instance, assignment);
    expect(metrics).toEqual({
      totalScore: 180,
      meanScore: 60,
      minScore: 50,
      p10Score: 50,
      matched: 3,
      unmatchedSwitchers: 1,
      // s1 prefers m1 (90 > 70) and m1 has a free slot; s3 (20) cannot displace m0's 50.
      blockingPairs: 1,
      mentorLoadSpread: { min: 0.5, max: 1, stddev: 0.25 },
    });
  });

  it('rejects malformed instances', () => {
    const base: CohortInstance = { switchers: ['s0'], mentors: [{ id: 'm0', capacity: 1 }], candidates: [[{ mentor: 0, score: 50 }]] };
    const bad: [string, CohortInstance][] = [
      ['candidate lists', { ...base, candidates: [] }],
      ['mentor index', { ...base, candidates: [[{ mentor: 1, score: 50 }]] }],
      ['score', { ...base, candidates: [[{ mentor: 0, score: Number.NaN }]] }],
      ['capacity', { ...base, mentors: [{ id: 'm0', capacity: -1 }] }],
      ['fractional capacity', { ...base, mentors: [{ id: 'm0', capacity: 1.5 }] }],
    ];
    for (const [, instance] of bad) {
      for (const solve of Object.values(SOLVERS)) expect(() => solve(instance)).toThrow(RangeError);
    }
    expect(() => solveOptimal(base, { minScore: Number.NaN })).toThrow(RangeError);
    expect(() => assignmentMetrics(base, { pairs: [{ switcher: 3, mentor: 0, score: 1 }] })).toThrow(RangeError);
  });
});
