import { assignmentFromEdges, buildCandidateGraph, capacitiesOf, minScoreOf, positiveEdgesOnly, withEdges, type CandidateGraph, type DualPrices } from './candidate-graph';
import { maxWeightWithPrices, type WarmStart } from './optimal';
import { selectLargest } from './select';
import { packedCandidates, withCandidates } from './candidates';
import type { Assignment, CandidateLists, CohortInstance, SolveOptions } from './types';

/** The pairs a cohort's candidate lists leave out, for solveOptimalCertified. */
export interface LeftOutPairs {
  /**
   * Where the lists were cut: a list this long holds its switcher's best pairs,
   * so every pair it leaves out scores at most the list's lowest score; a shorter
   * list holds every pair its switcher has.
   */
  listLength: number;
  /** Every score, listed or left out, is a multiple of 1 / scale: 10 for tenths (1, 10, ..., 1e6). */
  scale: number;
  /**
   * Exact scores of switcher `switcher` with `mentors` (mentor indices, none of them in
   * the switcher's list), as a list would have given them; NaN for a pair that can never
   * be a candidate (a hard filter). A pair that surely scores at most floors[q] (a bound
   * says so) may get any value <= floors[q] instead, e.g. -Infinity.
   */
  scores(switcher: number, mentors: Int32Array, floors: Float64Array): Float64Array;
  /**
   * Optional: the mentors that can be a candidate of `switcher` at all, as a bitset over
   * mentor indices (bit j of word j >>> 5). A cleared bit promises that `scores` gives NaN
   * for the pair (a hard filter), so the pair is not asked about. Most left-out pairs the
   * prices cannot rule out are hard-filtered ones (an unmatched switcher and the mentors
   * with room who do not speak its language), so this spares most of the scoring.
   */
  admissible?(switcher: number): Uint32Array;
}

export interface CertifiedAssignment<Lists extends CandidateLists = CandidateLists> {
  assignment: Assignment;
  /** The instance with the widened lists (pairs added at the end of the switchers' lists), which the assignment is made of. */
  instance: CohortInstance<Lists>;
  stats: CertificateStats;
}

export interface CertificateStats {
  /** Solves, the last one proven optimal over every pair. */
  rounds: number;
  /** Switchers whose left-out pairs needed exact scores (over all rounds, with repeats). */
  checkedSwitchers: number;
  /** Left-out pairs scored exactly. */
  scoredPairs: number;
  /** Switchers that got pairs added to their list. */
  widenedSwitchers: number;
  /** Pairs added to lists. */
  addedPairs: number;
  /** Listed pairs the solver left aside at first (see CertifiedSolveOptions.solveLength) and took in later. */
  promotedPairs: number;
}

export interface CertifiedSolveOptions extends SolveOptions {
  /**
   * The first solve uses each switcher's best `solveLength` listed pairs only (default 30);
   * the other listed pairs wait aside and are checked against the prices like left-out pairs,
   * but with their scores known. Most optimal pairs are near the top of their lists, so the
   * solver works on a far smaller graph, at the price of a few warm re-solves.
   */
  solveLength?: number;
}

export const DEFAULT_SOLVE_LENGTH = 30;

/**
 * solveOptimal over every pair of the cohort, when the candidate lists only hold
 * each switcher's best `leftOut.listLength` pairs: the optimum over the lists is
 * proven optimal over all pairs, or the lists are widened until it is.
 *
 * After each solve, the solver's dual prices (DualPrices: u per switcher, v per
 * mentor) price out every unused pair of the lists. A left-out pair (s, j) scores
 * at most t_s, the lowest score of s's list, so all of s's left-out pairs are
 * priced out at once when t_s x scale x unit <= u[s] + min v + slack, and always
 * when t_s is below minScore or not positive. Otherwise only the mentors with
 * v[j] < t_s x scale x unit - u[s] - slack can fail; they are scored exactly
 * (`leftOut.scores`), and the acceptable ones that are not priced out are added to
 * s's list (column generation). Then the lists are solved again, until no pair is
 * added: every left-out pair is priced out, so the assignment is optimal over all
 * pairs. Each round adds at least one pair, so this ends; with lists of 100 of 2,000
 * mentors, two rounds and a few dozen pairs are typical (shorter lists: more rounds).
 *
 * The solver starts on each switcher's best `solveLength` listed pairs (most optimal pairs
 * are near the top of their lists); the other listed pairs are set aside and, like left-out
 * pairs, taken in when the prices do not price them out, with no scoring since their scores
 * are known. Left-out pairs are only checked once every listed pair is priced out: before
 * that the prices are too low, and checking would add pairs that are not needed.
 *
 * Later rounds are cheaper: the solver starts from the previous optimum and prices
 * (WarmStart) on the previous graph plus the new edges, and since a pair priced out
 * stays so while neither price falls, a switcher whose price did not fall only has
 * its left-out pairs with mentors whose price fell checked.
 *
 * Deterministic: rounds depend only on the instance and the scores (mentors are
 * checked in (price, index) order, and lists' order does not matter to the solver).
 */
export function solveOptimalCertified<Lists extends CandidateLists>(
  instance: CohortInstance<Lists>,
  leftOut: LeftOutPairs,
  options?: CertifiedSolveOptions,
): CertifiedAssignment<Lists> {
  const minScore = minScoreOf(options);
  const listLength = leftOut.listLength;
  if (!Number.isInteger(listLength) || listLength < 1) throw new RangeError(`listLength must be a positive integer, got ${String(listLength)}`);
  if (![1, 10, 100, 1000, 1e4, 1e5, 1e6].includes(leftOut.scale)) throw new RangeError(`scale must be one of 1, 10, ..., 1e6, got ${String(leftOut.scale)}`);
  const solveLength = options?.solveLength ?? DEFAULT_SOLVE_LENGTH;
  if (!Number.isInteger(solveLength) || solveLength < 1) throw new RangeError(`solveLength must be a positive integer, got ${String(solveLength)}`);
  const capacity = capacitiesOf(instance);
  const n = instance.switchers.length;
  const m = instance.mentors.length;

  // The most a left-out pair of each switcher can score, when that can matter at all.
  const ceiling = new Float64Array(n).fill(-Infinity);
  const lists = packedCandidates(instance);
  for (let s = 0; s < n; s++) {
    if (lists.rowStart[s + 1] - lists.rowStart[s] < listLength) continue;
    let lowest = Infinity;
    for (let e = lists.rowStart[s]; e < lists.rowStart[s + 1]; e++) lowest = Math.min(lowest, lists.score[e]);
    if (lowest > 0 && lowest >= minScore) ceiling[s] = lowest;
  }

  const added: { mentor: number; score: number }[][] = new Array(n);
  const stats: CertificateStats = { rounds: 0, checkedSwitchers: 0, scoredPairs: 0, widenedSwitchers: 0, addedPairs: 0, promotedPairs: 0 };
  /**
   * listedFor[j] === s + 1: mentor j is in s's row of the graph or aside, i.e. listed (pairs a
   * list holds that the graph leaves out score <= 0 or below minScore: asking about them again
   * adds nothing).
   */
  const listedFor = new Int32Array(m);
  const mentorScratch = new Int32Array(m);
  const floorScratch = new Float64Array(m);
  let current = instance;
  const split = setAside(positiveEdgesOnly(buildCandidateGraph(current, minScore, leftOut.scale)), solveLength);
  const aside = split.aside;
  let graph = split.graph;
  /** promoted[e]: aside edge e is in the graph now. */
  const promoted = new Uint8Array(aside.col.length);
  let warm: WarmStart | undefined;
  let last: (DualPrices & { scale: number }) | undefined;
  for (;;) {
    stats.rounds++;
    const { edgeOf, prices } = maxWeightWithPrices(graph, warm);
    const { switcher: u, mentor: v, unit, slack } = prices;
    const scale = graph.scale;

    // First the listed pairs set aside (on the graph's grid, scores known): while some are not
    // priced out, the prices are still too low to be worth checking left-out pairs against.
    const promotions: { mentor: number; scoreInt: number }[][] = [];
    let promotedThisRound = 0;
    for (let s = 0; s < n; s++) {
      for (let e = aside.rowStart[s], end = aside.rowStart[s + 1]; e < end; e++) {
        if (promoted[e] === 1 || aside.scoreInt[e] * unit <= u[s] + v[aside.col[e]] + slack) continue;
        promoted[e] = 1;
        promotedThisRound++;
        (promotions[s] ??= []).push({ mentor: aside.col[e], scoreInt: aside.scoreInt[e] });
      }
    }
    if (promotedThisRound > 0) {
      stats.promotedPairs += promotedThisRound;
      const solved = graph;
      warm = { mentorOf: Int32Array.from(edgeOf, (e) => (e >= 0 ? solved.col[e] : -1)), prices };
      graph = withEdges(graph, promotions);
      continue;
    }

    // Mentors that can take anyone, cheapest first.
    const byPrice = Array.from({ length: m }, (_, j) => j)
      .filter((j) => capacity[j] > 0)
      .sort((a, b) => v[a] - v[b] || a - b);
    const cheapest = byPrice.length > 0 ? v[byPrice[0]] : Infinity;
    // Every left-out pair was priced out by the prices of the last round that checked them (but
    // the ones added then), and stays so while neither price falls: where u[s] did not fall, only
    // the mentors whose price fell need a look.
    const previous = last !== undefined && last.unit === unit && last.slack === slack && last.scale === scale ? last : undefined;
    const fallen = previous === undefined ? byPrice : byPrice.filter((j) => v[j] < previous.mentor[j]);
    const cheapestFallen = fallen.length > 0 ? v[fallen[0]] : Infinity;

    let addedThisRound = 0;
    /** This round's pairs as graph edges, or null once one is off the graph's grid (then the graph is rebuilt). */
    let newEdges: { mentor: number; scoreInt: number }[][] | null = [];
    for (let s = 0; s < n; s++) {
      const t = ceiling[s];
      if (t === -Infinity) continue;
      // A left-out pair (s, j) is priced out when v[j] >= need.
      const need = onGrid(t * scale) * unit - u[s] - slack;
      const mentors = previous === undefined || u[s] < previous.switcher[s] ? byPrice : fallen;
      if ((mentors === byPrice ? cheapest : cheapestFallen) >= need) continue;
      for (let e = graph.rowStart[s], end = graph.rowStart[s + 1]; e < end; e++) listedFor[graph.col[e]] = s + 1;
      for (let e = aside.rowStart[s], end = aside.rowStart[s + 1]; e < end; e++) listedFor[aside.col[e]] = s + 1;
      const admissible = leftOut.admissible?.(s);
      let count = 0;
      for (let q = 0; q < mentors.length && v[mentors[q]] < need; q++) {
        const j = mentors[q];
        if (listedFor[j] === s + 1 || (admissible !== undefined && (admissible[j >>> 5] & (1 << (j & 31))) === 0)) continue;
        mentorScratch[count] = j;
        // The highest score (points) still priced out with j: W x unit <= u + v + slack for integer W.
        floorScratch[count++] = Math.floor((u[s] + v[j] + slack) / unit) / scale;
      }
      if (count === 0) continue;
      stats.checkedSwitchers++;
      stats.scoredPairs += count;
      const checked = mentorScratch.subarray(0, count);
      const scores = leftOut.scores(s, checked, floorScratch.subarray(0, count));
      for (let q = 0; q < count; q++) {
        const score = scores[q];
        if (!(score > 0 && score >= minScore)) continue; // also NaN: never a candidate
        const j = checked[q];
        if (score > t) throw new RangeError(`switcher ${s}: left-out mentor ${j} scores ${score}, above its list's lowest score ${t}`);
        const scaled = onGrid(score * scale);
        // Off the graph's decimal grid (against the contract): added, so that the next graph's scale covers it.
        const integral = Number.isInteger(scaled);
        if (integral && scaled * unit <= u[s] + v[j] + slack) continue;
        if (added[s] === undefined) {
          added[s] = [];
          stats.widenedSwitchers++;
        }
        added[s].push({ mentor: j, score });
        addedThisRound++;
        if (newEdges === null) continue;
        if (!integral) newEdges = null;
        else (newEdges[s] ??= []).push({ mentor: j, scoreInt: scaled });
      }
    }
    if (addedThisRound === 0) return { assignment: assignmentFromEdges(current, graph, edgeOf), instance: current, stats };
    stats.addedPairs += addedThisRound;
    current = { ...instance, candidates: withCandidates(instance.candidates, added) };
    const solved = graph;
    warm = { mentorOf: Int32Array.from(edgeOf, (e) => (e >= 0 ? solved.col[e] : -1)), prices };
    last = { ...prices, scale };
    if (newEdges !== null) {
      graph = withEdges(graph, newEdges);
    } else {
      // Every listed pair goes in (the new scale would not fit the pairs set aside).
      graph = positiveEdgesOnly(buildCandidateGraph(current, minScore, leftOut.scale));
      promoted.fill(1);
    }
  }
}

/**
 * The graph with each switcher's best `length` edges (score, then lower mentor), and the other
 * edges aside, in the same form (rows of the same switchers, sorted by mentor).
 */
function setAside(full: CandidateGraph, length: number): { graph: CandidateGraph; aside: CandidateGraph } {
  const n = full.switcherCount;
  const { rowStart, col, scoreInt } = full;
  let kept = 0;
  for (let s = 0; s < n; s++) kept += Math.min(length, rowStart[s + 1] - rowStart[s]);
  if (kept === col.length) return { graph: full, aside: { ...full, rowStart: new Int32Array(n + 1), col: new Int32Array(0), scoreInt: new Int32Array(0) } };
  const graph = { ...full, rowStart: new Int32Array(n + 1), col: new Int32Array(kept), scoreInt: new Int32Array(kept) };
  const aside = { ...full, rowStart: new Int32Array(n + 1), col: new Int32Array(col.length - kept), scoreInt: new Int32Array(col.length - kept) };
  // (score, then lower mentor) as one exact double: score x 2^21 + 2^21 - 1 - mentor (scores are
  // 32-bit integers, mentors below 2^21; else a comparison sort).
  const packed = full.mentorCount <= 2 ** 21;
  const key = (e: number): number => scoreInt[e] * 2 ** 21 + (2 ** 21 - 1 - col[e]);
  let longest = 0;
  for (let s = 0; s < n; s++) longest = Math.max(longest, rowStart[s + 1] - rowStart[s]);
  const keys = new Float64Array(longest);
  let g = 0;
  let a = 0;
  for (let s = 0; s < n; s++) {
    graph.rowStart[s] = g;
    aside.rowStart[s] = a;
    const begin = rowStart[s];
    const end = rowStart[s + 1];
    // The row's length-th best key: edges at or above it are kept.
    let threshold = -Infinity;
    if (end - begin > length) {
      if (packed) {
        for (let e = begin; e < end; e++) keys[e - begin] = key(e);
        threshold = selectLargest(keys, end - begin, length);
      } else {
        const order = Array.from({ length: end - begin }, (_, q) => begin + q).sort((x, y) => scoreInt[y] - scoreInt[x] || col[x] - col[y]);
        threshold = order[length - 1];
      }
    }
    for (let e = begin; e < end; e++) {
      const best = threshold === -Infinity || (packed ? key(e) >= threshold : scoreInt[e] > scoreInt[threshold] || (scoreInt[e] === scoreInt[threshold] && col[e] <= col[threshold]));
      if (best) {
        graph.col[g] = col[e];
        graph.scoreInt[g++] = scoreInt[e];
      } else {
        aside.col[a] = col[e];
        aside.scoreInt[a++] = scoreInt[e];
      }
    }
  }
  graph.rowStart[n] = g;
  aside.rowStart[n] = a;
  return { graph, aside };
}

/** x rounded to an integer when it is one up to float error (scores x scale), else x itself. */
function onGrid(x: number): number {
  const rounded = Math.round(x);
  return Math.abs(x - rounded) <= 1e-6 ? rounded : x;
}
