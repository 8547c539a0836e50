import { assignmentFromEdges, buildCandidateGraph, minScoreOf, positiveEdgesOnly, type CandidateGraph } from './candidate-graph';
import { MinHeap } from './min-heap';
import { maxWeightBySsp } from './ssp';
import type { Assignment, CohortInstance, SolveOptions } from './types';

/**
 * Maximum-total-score assignment (a maximum-weight bipartite b-matching).
 *
 * Each switcher gets at most one mentor, each mentor at most `capacity`
 * switchers, only candidate pairs scoring >= `minScore` are used, and a
 * switcher may stay unmatched: the total score is maximised, not the number of
 * matches. Pairs scoring 0 add nothing and are never used. When several
 * assignments reach the maximum, which one is returned is deterministic (same
 * input, same output) but otherwise unspecified.
 *
 * Exact: scores are compared as integers, score * scale, where scale is the
 * smallest of 1, 10, ..., 1e6 that makes every score integral (10 for
 * one-decimal scores; scores with more than 6 decimals are rounded at 1e6).
 *
 * Algorithm: cost scaling (Goldberg) on the min-cost flow
 *   switcher (supply 1) -> mentor (cap 1, cost -score) -> sink (cap capacity)
 *   switcher -> sink (cost 0: unmatched),
 * see maxWeightByCostScaling. Falls back to successive shortest paths
 * (maxWeightBySsp) when the scaled integers would not be exact in doubles
 * (only for many-decimal scores on very large instances).
 */
export function solveOptimal(instance: CohortInstance, options?: SolveOptions): Assignment {
  const graph = positiveEdgesOnly(buildCandidateGraph(instance, minScoreOf(options)));
  let maxScore = 0;
  for (let e = 0; e < graph.scoreInt.length; e++) if (graph.scoreInt[e] > maxScore) maxScore = graph.scoreInt[e];
  const nodes = graph.switcherCount + graph.mentorCount + 1;
  const exact = maxScore * (nodes + 1) * nodes < 2 ** 50;
  return assignmentFromEdges(instance, graph, exact ? maxWeightByCostScaling(graph) : maxWeightBySsp(graph));
}

/** Divisor of epsilon between refinements (8-24 measured about the same). */
const ALPHA = 16;
const UNMATCHED = -2;
const UNASSIGNED = -1;

/**
 * Exact maximum-weight b-matching by cost scaling (Goldberg's push-relabel
 * refine with the bipartite "double push" of Goldberg & Kennedy's CSA, which on
 * assignment problems is an epsilon-scaled auction), plus a reverse step for the
 * asymmetry (mentor slots may stay empty). Expects a graph whose edges all score
 * > 0; returns each switcher's edge, -1 = unmatched.
 *
 * Network: each switcher with candidates has supply 1 and arcs to its candidate
 * mentors (cost -scoreInt * K) and to the sink T (cost 0, "unmatched"); mentor j
 * has an arc to T with capacity c_j (cost 0). K = number of nodes + 1, so an
 * eps-optimal flow with eps = 1 is optimal (a residual cycle has at most
 * K - 1 arcs, so it costs > -K, hence >= 0 as costs are multiples of K).
 * Prices p; reduced cost rc(v, w) = cost + p(v) - p(w); eps-optimal = every
 * residual arc has rc >= -eps; admissible = rc < 0. The "value" of an out arc
 * (v, w) is p(w) - cost(v, w), so rc = p(v) - value. T's price stays 0.
 * In market terms, -p(j) is mentor j's price per slot and p(i) a switcher's profit.
 *
 * Each refinement (eps divided by ALPHA, from the largest gain down to 1):
 *  1. Reset. Mentor prices are clamped into the eps-optimal range of their arcs to
 *     and from T (a mentor with a free slot must be priced within eps of zero). A
 *     switcher keeps its arc (mentor or unmatched) if some price makes all its arcs
 *     eps-optimal (its arc's value is within 2 eps of its best other value) and
 *     takes the lowest such price; the others are unassigned and active. Their
 *     mentors keep their flow to T and are in deficit until refilled. Any state
 *     becomes eps-optimal this way, whatever the previous refinement left.
 *  2. Forward (auction): an active switcher pushes its unit along its best arc and
 *     takes the price "second best value - eps" (double push). A mentor holding
 *     more switchers than its flow to T pushes the excess along its best arc: to T
 *     while it has a free slot, else back to its weakest switcher (who is active
 *     again), and takes the price "next best value - eps", i.e. the price at which
 *     its next-weakest switcher would be displaced. These are Goldberg's push and
 *     relabel operations, so they keep eps-optimality.
 *  3. Reverse (drainSink): mentors still in deficit are overpriced. For each
 *     missing unit, a backward Dijkstra from the mentor over residual arcs with
 *     lengths rc + eps >= 0 finds the shortest path from T, one unit is sent along
 *     it and the settled nodes' prices are shifted (Johnson) so that the path ends
 *     at rc = -eps and every arc keeps rc >= -eps. The search is local: T is next
 *     to every mentor sending it flow and every unmatched switcher.
 * The last refinement (eps = 1) ends with a feasible eps-optimal flow: optimal.
 *
 * Cost: O(edges) per refinement for the reset plus the auction and reverse work,
 * which is where the market is contested; about log_ALPHA(100 * scale * K)
 * refinements (6 to 8). Deterministic: switchers are processed from a stack in
 * index order, mentors in deficit in index order, and ties go to the first arc
 * scanned (T first, then the candidate list in order).
 */
export function maxWeightByCostScaling(graph: CandidateGraph): Int32Array {
  const n = graph.switcherCount;
  const m = graph.mentorCount;
  const { rowStart, col, scoreInt, capacity } = graph;
  const edgeCount = col.length;

  const active: number[] = [];
  for (let i = 0; i < n; i++) if (rowStart[i + 1] > rowStart[i]) active.push(i);
  const activeCount = active.length;
  const assigned = new Int32Array(n).fill(UNASSIGNED);
  if (activeCount === 0) return assigned;

  const K = activeCount + m + 2;
  // The gain (-cost) of edge e is scoreInt[e] * K.
  let maxGain = 0;
  for (let e = 0; e < edgeCount; e++) maxGain = Math.max(maxGain, scoreInt[e] * K);

  const switcherPrice = new Float64Array(n);
  const mentorPrice = new Float64Array(m);
  const sinkPrice = 0; // nothing relabels T
  /** Flow on mentor -> T. */
  const toSink = new Int32Array(m);
  /** Switchers currently pushing flow into each mentor: capacity + 1 room per mentor. */
  const listStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) listStart[j + 1] = listStart[j] + capacity[j] + 1;
  const listSwitcher = new Int32Array(listStart[m]);
  const listSize = new Int32Array(m);
  const listPosition = new Int32Array(n);
  const stack = new Int32Array(n);
  let stackSize = 0;
  let sinkExcess = 0;
  let eps = maxGain;

  const removeFromMentor = (i: number, e: number): void => {
    const j = col[e];
    const at = listPosition[i];
    const lastAt = listStart[j] + --listSize[j];
    const moved = listSwitcher[lastAt];
    listSwitcher[at] = moved;
    listPosition[moved] = at;
  };

  const dischargeMentor = (j: number): void => {
    const base = listStart[j];
    while (listSize[j] > toSink[j]) {
      const size = listSize[j];
      const sinkOpen = toSink[j] < capacity[j];
      let best = sinkOpen ? sinkPrice : -Infinity;
      let second = -Infinity;
      let bestAt = -1;
      for (let q = base, last = base + size; q < last; q++) {
        const i = listSwitcher[q];
        const value = switcherPrice[i] - scoreInt[assigned[i]] * K;
        if (value > best) {
          second = best;
          best = value;
          bestAt = q;
        } else if (value > second) {
          second = value;
        }
      }
      if (bestAt < 0) {
        toSink[j]++;
        sinkExcess++;
        // T's arc stays residual while capacity is left: its value stays a candidate.
        if (toSink[j] < capacity[j] && sinkPrice > second) second = sinkPrice;
      } else {
        const k = listSwitcher[bestAt];
        removeFromMentor(k, assigned[k]);
        assigned[k] = UNASSIGNED;
        stack[stackSize++] = k;
      }
      mentorPrice[j] = second > -Infinity ? second - eps : Math.min(mentorPrice[j], best - eps);
    }
  };

  const dischargeSwitcher = (i: number): void => {
    let best = sinkPrice;
    let second = -Infinity;
    let bestEdge = UNMATCHED;
    for (let e = rowStart[i], last = rowStart[i + 1]; e < last; e++) {
      const value = mentorPrice[col[e]] + scoreInt[e] * K;
      if (value > best) {
        second = best;
        best = value;
        bestEdge = e;
      } else if (value > second) {
        second = value;
      }
    }
    switcherPrice[i] = second - eps;
    if (bestEdge === UNMATCHED) {
      assigned[i] = UNMATCHED;
      sinkExcess++;
      return;
    }
    const j = col[bestEdge];
    assigned[i] = bestEdge;
    const at = listStart[j] + listSize[j]++;
    listSwitcher[at] = i;
    listPosition[i] = at;
    if (listSize[j] > toSink[j]) dischargeMentor(j);
  };

  // Shortest-path state for draining T: mentor j = node j, switcher i = node m + i.
  const dist = new Float64Array(m + n);
  const reached = new Int32Array(m + n);
  const settled = new Int32Array(m + n);
  const settledList = new Int32Array(m + n);
  /** Next node on the path to the mentor in deficit: a mentor's switcher, a switcher's edge. */
  const next = new Int32Array(m + n);
  const paths = new MinHeap(1024);
  let search = 0;
  // Candidate edges by mentor, for the backward search.
  const byMentorStart = new Int32Array(m + 1);
  for (let e = 0; e < edgeCount; e++) byMentorStart[col[e] + 1]++;
  for (let j = 0; j < m; j++) byMentorStart[j + 1] += byMentorStart[j];
  const byMentor = new Int32Array(edgeCount);
  const byMentorSwitcher = new Int32Array(edgeCount);
  const byMentorScore = new Int32Array(edgeCount);
  {
    const fill = byMentorStart.slice(0, m);
    for (let i = 0; i < n; i++) {
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const q = fill[col[e]]++;
        byMentor[q] = e;
        byMentorSwitcher[q] = i;
        byMentorScore[q] = scoreInt[e];
      }
    }
  }

  const relax = (v: number, d: number, via: number): void => {
    if (settled[v] === search || (reached[v] === search && d >= dist[v])) return;
    reached[v] = search;
    dist[v] = d;
    next[v] = via;
    paths.push(d, v);
  };

  /**
   * Step 3: for each unit a mentor in deficit misses, a backward Dijkstra from it
   * (arcs into a mentor: its candidates not placed there and T if it sends flow to
   * T; into a switcher: its mentor, or T if unmatched) up to T; then the settled
   * nodes' prices rise by (T's distance - their distance), which keeps every
   * residual arc at rc >= -eps and leaves the path at rc = -eps (its reverse at
   * +eps), and one unit moves along the path. In market terms, the mentor lowers
   * its price until a switcher moves in (or keeps a free slot at a price within eps
   * of zero).
   */
  const drainSink = (): void => {
    for (let target = 0; target < m; target++) {
      while (listSize[target] < toSink[target]) {
        search++;
        paths.clear();
        relax(target, 0, -1);
        let settledCount = 0;
        let length = Infinity;
        let first = -1;
        while (paths.size > 0) {
          const d = paths.topKey();
          if (d >= length) break;
          const v = paths.topNode();
          paths.pop();
          if (settled[v] === search) continue;
          settled[v] = search;
          settledList[settledCount++] = v;
          if (v < m) {
            const j = v;
            const pj = mentorPrice[j];
            if (toSink[j] > 0 && d + sinkPrice - pj + eps < length) {
              length = d + sinkPrice - pj + eps;
              first = j;
            }
            for (let q = byMentorStart[j], last = byMentorStart[j + 1]; q < last; q++) {
              const i = byMentorSwitcher[q];
              const di = d - byMentorScore[q] * K + switcherPrice[i] - pj + eps;
              if (di < length && assigned[i] !== byMentor[q]) relax(m + i, di, byMentor[q]);
            }
          } else {
            const i = v - m;
            const own = assigned[i];
            if (own === UNMATCHED) {
              if (d + sinkPrice - switcherPrice[i] + eps < length) {
                length = d + sinkPrice - switcherPrice[i] + eps;
                first = v;
              }
            } else {
              const k = col[own];
              const dk = d + scoreInt[own] * K + mentorPrice[k] - switcherPrice[i] + eps;
              if (dk < length) relax(k, dk, i);
            }
          }
        }
        for (let q = 0; q < settledCount; q++) {
          const v = settledList[q];
          if (v < m) mentorPrice[v] += length - dist[v];
          else switcherPrice[v - m] += length - dist[v];
        }
        // Send one unit T -> first -> ... -> target.
        let v = first;
        if (v < m) toSink[v]--;
        else assigned[v - m] = UNASSIGNED;
        while (v !== target) {
          if (v < m) {
            const i = next[v];
            removeFromMentor(i, assigned[i]);
            v = m + i;
          } else {
            const i = v - m;
            const e = next[v];
            const j = col[e];
            assigned[i] = e;
            const at = listStart[j] + listSize[j]++;
            listSwitcher[at] = i;
            listPosition[i] = at;
            v = j;
          }
        }
        sinkExcess--;
      }
    }
  };

  do {
    eps = Math.max(1, Math.floor(eps / ALPHA));
    // Mentor prices into the eps-optimal range for their arcs to and from T.
    for (let j = 0; j < m; j++) {
      if (toSink[j] < capacity[j] && mentorPrice[j] < sinkPrice - eps) mentorPrice[j] = sinkPrice - eps;
      if (toSink[j] > 0 && mentorPrice[j] > sinkPrice + eps) mentorPrice[j] = sinkPrice + eps;
    }
    // Switchers keep their arc if some price makes all their arcs eps-optimal, else become active.
    stackSize = 0;
    let unmatched = 0;
    for (let q = activeCount - 1; q >= 0; q--) {
      const i = active[q];
      const current = assigned[i];
      if (current !== UNASSIGNED) {
        let own = sinkPrice;
        let other = -Infinity;
        if (current === UNMATCHED) {
          for (let e = rowStart[i], last = rowStart[i + 1]; e < last; e++) other = Math.max(other, mentorPrice[col[e]] + scoreInt[e] * K);
        } else {
          own = mentorPrice[col[current]] + scoreInt[current] * K;
          other = sinkPrice;
          for (let e = rowStart[i], last = rowStart[i + 1]; e < last; e++) if (e !== current) other = Math.max(other, mentorPrice[col[e]] + scoreInt[e] * K);
        }
        if (own >= other - 2 * eps) {
          switcherPrice[i] = other - eps;
          if (current === UNMATCHED) unmatched++;
          continue;
        }
        if (current >= 0) removeFromMentor(i, current);
        assigned[i] = UNASSIGNED;
      }
      stack[stackSize++] = i;
    }
    let flowToSink = 0;
    for (let j = 0; j < m; j++) flowToSink += toSink[j];
    sinkExcess = flowToSink + unmatched - activeCount;
    while (stackSize > 0) dischargeSwitcher(stack[--stackSize]);
    if (sinkExcess > 0) drainSink();
  } while (eps > 1);

  for (let i = 0; i < n; i++) if (assigned[i] === UNMATCHED) assigned[i] = UNASSIGNED;
  return assigned;
}
