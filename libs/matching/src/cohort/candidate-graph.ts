import { isPacked, packedCandidates } from './candidates';
import type { Assignment, CohortInstance, SolveOptions } from './types';

/**
 * The acceptable candidate pairs of an instance in compressed sparse row form:
 * the edges of switcher `s` are `rowStart[s] .. rowStart[s + 1] - 1`, sorted by
 * mentor index, one edge per (switcher, mentor) pair (duplicates fold to the
 * higher score), so the solvers do not depend on the order of candidate lists. Pairs below `minScore` and pairs with
 * a mentor of capacity 0 are left out. Scores are kept as integers only (the
 * solvers compare them exactly); assignments report the instance's own scores.
 * Kept small on purpose: 8 bytes per edge.
 */
export interface CandidateGraph {
  switcherCount: number;
  mentorCount: number;
  capacity: Int32Array;
  rowStart: Int32Array;
  /** Mentor of each edge. */
  col: Int32Array;
  /** `round(score * scale)` of each edge. */
  scoreInt: Int32Array;
  /**
   * The smallest of 1, 10, ..., 1e6 that makes every score an integer; if there is
   * none (or it would overflow 32 bits), the largest that fits, with rounding.
   */
  scale: number;
}

/**
 * Prices that prove an assignment optimal, in integers: switcher s has u[s], mentor j
 * has v[j], and a pair whose score is W in the graph's integers (score x scale) is
 * "priced out" when W x unit <= u[s] + v[j] + slack. Every candidate pair the
 * assignment leaves unused is priced out, and so is any pair outside the graph that
 * passes the test: adding such pairs to the graph keeps the assignment optimal.
 *
 * - Successive shortest paths: its potentials, exact LP duals (unit 1, slack 0; v >= 0).
 * - Cost scaling: its final 1-optimal prices on costs scaled by K = nodes + 1
 *   (unit K, slack 1). A flow that is 1-optimal with all its arcs is optimal (a
 *   residual cycle has fewer than K arcs, so it costs more than -K, hence >= 0), and
 *   a priced-out pair's arc is exactly one that keeps the flow 1-optimal. Mentors
 *   without switchers are priced at the most that keeps their arc to T 1-optimal,
 *   so every v[j] >= -1 = -slack.
 */
export interface DualPrices {
  switcher: Float64Array;
  mentor: Float64Array;
  unit: number;
  slack: number;
}

const SCALES = [1, 10, 100, 1000, 1e4, 1e5, 1e6];

export function minScoreOf(options: SolveOptions | undefined): number {
  const minScore = options?.minScore;
  if (minScore === undefined) return -Infinity;
  if (typeof minScore !== 'number' || Number.isNaN(minScore)) throw new RangeError(`minScore must be a number, got ${String(minScore)}`);
  return minScore;
}

export function capacitiesOf(instance: CohortInstance): Int32Array {
  const capacity = new Int32Array(instance.mentors.length);
  instance.mentors.forEach((mentor, j) => {
    const c = mentor.capacity;
    if (!Number.isInteger(c) || c < 0 || c > 0x3fffffff) throw new RangeError(`mentor ${j} (${mentor.id}): capacity must be a non-negative integer, got ${String(c)}`);
    capacity[j] = c;
  });
  return capacity;
}

/** `minimumScale` (one of 1, 10, ..., 1e6): the scale is at least this, e.g. 10 for scores known to be tenths. */
export function buildCandidateGraph(instance: CohortInstance, minScore: number, minimumScale = 1): CandidateGraph {
  const n = instance.switchers.length;
  const m = instance.mentors.length;
  const { rowStart: listStart, mentor, score } = packedCandidates(instance);
  const capacity = capacitiesOf(instance);
  // Pass 1: count, and find the scale.
  let upper = 0;
  let maxAbs = 0;
  let k = Math.max(0, SCALES.indexOf(minimumScale)); // SCALES[k] makes every acceptable score so far integral (or k is the last)
  let longest = 0;
  for (let s = 0; s < n; s++) longest = Math.max(longest, listStart[s + 1] - listStart[s]);
  for (let e = 0; e < mentor.length; e++) {
    const value = score[e];
    if (capacity[mentor[e]] === 0 || value < minScore) continue;
    upper++;
    maxAbs = Math.max(maxAbs, Math.abs(value));
    while (k < SCALES.length - 1) {
      const x = value * SCALES[k];
      if (Math.abs(x - Math.round(x)) <= 1e-6) break;
      k++;
    }
  }
  // The largest scale that keeps every scaled score within 32 bits bounds the choice.
  while (k > 0 && maxAbs * SCALES[k] >= 2 ** 31) k--;
  const scale = SCALES[k];

  // Pass 2: edges, duplicates folded.
  const rowStart = new Int32Array(n + 1);
  let col = new Int32Array(upper);
  let scoreInt = new Int32Array(upper);
  /** Position of mentor j's edge in the row being built (valid when >= the row's start). */
  const position = new Int32Array(m).fill(-1);
  /** Scratch for sorting long rows; packing needs mentor indices < 2^21. */
  const keys = m <= 2 ** 21 ? new Float64Array(Math.min(longest, m)) : null;
  let edges = 0;
  for (let s = 0; s < n; s++) {
    const start = edges;
    rowStart[s] = start;
    let sorted = true;
    for (let q = listStart[s], end = listStart[s + 1]; q < end; q++) {
      const j = mentor[q];
      const value = score[q];
      if (capacity[j] === 0 || value < minScore) continue;
      const scaled = Math.round(value * scale);
      const p = position[j];
      if (p >= start) {
        if (scaled > scoreInt[p]) scoreInt[p] = scaled;
        continue;
      }
      if (edges > start && col[edges - 1] > j) sorted = false;
      position[j] = edges;
      scoreInt[edges] = scaled;
      col[edges++] = j;
    }
    if (!sorted) sortRow(col, scoreInt, start, edges, keys);
  }
  rowStart[n] = edges;
  if (edges < upper) {
    col = col.slice(0, edges);
    scoreInt = scoreInt.slice(0, edges);
  }
  return { switcherCount: n, mentorCount: m, capacity, rowStart, col, scoreInt, scale };
}

/** Sorts the edges start..end-1 of a row by mentor (mentors are distinct within a row). */
function sortRow(col: Int32Array, scoreInt: Int32Array, start: number, end: number, keys: Float64Array | null): void {
  // Insertion sort only for short rows: lists ordered by score (as candidate lists come)
  // are far from mentor order, and 100 entries already cost ~2,500 moves.
  if (end - start <= 16 || keys === null) {
    for (let e = start + 1; e < end; e++) {
      const j = col[e];
      const value = scoreInt[e];
      let q = e;
      while (q > start && col[q - 1] > j) {
        col[q] = col[q - 1];
        scoreInt[q] = scoreInt[q - 1];
        q--;
      }
      col[q] = j;
      scoreInt[q] = value;
    }
    return;
  }
  // Pack (mentor < 2^21, score + 2^31 < 2^32) into one exact double and sort numerically.
  const row = keys.subarray(0, end - start);
  for (let e = start; e < end; e++) row[e - start] = col[e] * 2 ** 32 + (scoreInt[e] + 2 ** 31);
  row.sort();
  for (let q = 0; q < row.length; q++) {
    const j = Math.floor(row[q] / 2 ** 32);
    col[start + q] = j;
    scoreInt[start + q] = row[q] - j * 2 ** 32 - 2 ** 31;
  }
}

/**
 * Pairs from each switcher's chosen edge (-1 = unmatched), ordered by switcher,
 * with the instance's own score for the pair (the highest if it is listed twice).
 */
export function assignmentFromEdges(instance: CohortInstance, graph: CandidateGraph, edgeOf: Int32Array): Assignment {
  const pairs: Assignment['pairs'] = [];
  const lists = instance.candidates;
  for (let s = 0; s < edgeOf.length; s++) {
    const e = edgeOf[s];
    if (e < 0) continue;
    const mentor = graph.col[e];
    let score = -Infinity;
    if (isPacked(lists)) {
      for (let q = lists.rowStart[s]; q < lists.rowStart[s + 1]; q++) if (lists.mentor[q] === mentor && lists.score[q] > score) score = lists.score[q];
    } else {
      for (const candidate of lists[s]) if (candidate.mentor === mentor && candidate.score > score) score = candidate.score;
    }
    pairs.push({ switcher: s, mentor, score });
  }
  return { pairs };
}

/**
 * The graph with more edges: `added[s]` (mentors not yet in s's row, integer scores at
 * the graph's scale), merged into the rows in mentor order.
 */
export function withEdges(graph: CandidateGraph, added: readonly ({ mentor: number; scoreInt: number }[] | undefined)[]): CandidateGraph {
  const n = graph.switcherCount;
  let extra = 0;
  for (const list of added) extra += list?.length ?? 0;
  const rowStart = new Int32Array(n + 1);
  const col = new Int32Array(graph.col.length + extra);
  const scoreInt = new Int32Array(col.length);
  let q = 0;
  for (let s = 0; s < n; s++) {
    rowStart[s] = q;
    const begin = graph.rowStart[s];
    const end = graph.rowStart[s + 1];
    const more = added[s];
    if (more === undefined || more.length === 0) {
      col.set(graph.col.subarray(begin, end), q);
      scoreInt.set(graph.scoreInt.subarray(begin, end), q);
      q += end - begin;
      continue;
    }
    const sorted = [...more].sort((a, b) => a.mentor - b.mentor);
    let e = begin;
    for (const { mentor, scoreInt: value } of sorted) {
      while (e < end && graph.col[e] < mentor) {
        col[q] = graph.col[e];
        scoreInt[q++] = graph.scoreInt[e++];
      }
      col[q] = mentor;
      scoreInt[q++] = value;
    }
    while (e < end) {
      col[q] = graph.col[e];
      scoreInt[q++] = graph.scoreInt[e++];
    }
  }
  rowStart[n] = q;
  return { ...graph, rowStart, col, scoreInt };
}

/** The same graph without edges scoring <= 0 (they can never add to a total). */
export function positiveEdgesOnly(graph: CandidateGraph): CandidateGraph {
  const { rowStart, col, scoreInt } = graph;
  let kept = 0;
  for (let e = 0; e < scoreInt.length; e++) if (scoreInt[e] > 0) kept++;
  if (kept === scoreInt.length) return graph;
  const n = graph.switcherCount;
  const next = { ...graph, rowStart: new Int32Array(n + 1), col: new Int32Array(kept), scoreInt: new Int32Array(kept) };
  let q = 0;
  for (let s = 0; s < n; s++) {
    next.rowStart[s] = q;
    for (let e = rowStart[s]; e < rowStart[s + 1]; e++) {
      if (scoreInt[e] <= 0) continue;
      next.col[q] = col[e];
      next.scoreInt[q] = scoreInt[e];
      q++;
    }
  }
  next.rowStart[n] = q;
  return next;
}
