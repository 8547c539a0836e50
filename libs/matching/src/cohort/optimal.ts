import { assignmentFromEdges, buildCandidateGraph, minScoreOf, positiveEdgesOnly, type CandidateGraph, type DualPrices } from './candidate-graph';
import { MinHeap } from './min-heap';
import { maxWeightBySspPriced } from './ssp';
import type { Assignment, CohortInstance, SolveOptions } from './types';

/**
 * Maximum-total-score assignment (a maximum-weight bipartite b-matching).
 *
 * Each switcher gets at most one mentor, each mentor at most `capacity`
 * switchers, only candidate pairs scoring >= `minScore` are used, and a
 * switcher may stay unmatched: the total score is maximised, not the number of
 * matches. Pairs scoring 0 add nothing and are never used. When several
 * assignments reach the maximum, which one is returned is deterministic (same
 * input, same output, whatever the order of the candidate lists) but otherwise
 * unspecified.
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
 *
 * Optimal over the candidate pairs given; when the lists were cut short (top k),
 * see solveOptimalCertified.
 */
export function solveOptimal(instance: CohortInstance, options?: SolveOptions): Assignment {
  const graph = positiveEdgesOnly(buildCandidateGraph(instance, minScoreOf(options)));
  return assignmentFromEdges(instance, graph, maxWeightWithPrices(graph).edgeOf);
}

/**
 * A previous optimum to start from: each switcher's mentor (-1: unmatched) and the
 * prices that proved it, on a graph of the same switchers and mentors with the same
 * scale (e.g. the same graph plus a few edges).
 */
export interface WarmStart {
  mentorOf: Int32Array;
  prices: DualPrices;
}

/**
 * The optimal edges (see maxWeightByCostScaling) and prices proving them optimal.
 * With `warm`, cost scaling starts from the previous assignment and prices at the
 * epsilon they violate on the new graph, instead of from scratch: a few added edges
 * cost a few refinements of local repairs. Same optimum total either way (the chosen
 * optimum may differ, deterministically).
 */
export function maxWeightWithPrices(graph: CandidateGraph, warm?: WarmStart): { edgeOf: Int32Array; prices: DualPrices } {
  let maxScore = 0;
  for (let e = 0; e < graph.scoreInt.length; e++) if (graph.scoreInt[e] > maxScore) maxScore = graph.scoreInt[e];
  // Cost scaling's prices move by O(nodes * largest cost) = O(nodes^2 * maxScore) in
  // the worst case; with this bound they stay well inside exact doubles (2^53).
  const nodes = graph.switcherCount + graph.mentorCount + 1;
  const exact = maxScore * (nodes + 1) * nodes < 2 ** 50;
  if (!exact) return maxWeightBySspPriced(graph);
  const solver = new CostScaling(graph);
  const edgeOf = warm !== undefined && warm.prices.unit === nodes + 1 && warm.mentorOf.length === graph.switcherCount ? solver.runFrom(warm) : solver.run();
  return { edgeOf, prices: solver.prices() };
}

/** Divisor of epsilon between refinements (8-24 measured about the same). */
const ALPHA = 16;
const UNMATCHED = -2;
const UNASSIGNED = -1;
/** T's price: nothing relabels T. */
const SINK_PRICE = 0;

/**
 * Exact maximum-weight b-matching by cost scaling (Goldberg's push-relabel
 * refine with the bipartite "double push" of Goldberg & Kennedy's CSA, which on
 * assignment problems is an epsilon-scaled auction), plus a reverse step for the
 * asymmetry (mentor slots may stay empty). Expects a graph whose edges all score
 * > 0; returns each switcher's edge, -1 = unmatched.
 *
 * Network: each switcher with candidates has supply 1 and arcs to its candidate
 * mentors (cost -scoreInt * K) and to the sink T (cost 0, "unmatched"); mentor j
 * has an arc to T with capacity c_j (cost 0). K = number of nodes + 1 (all
 * switchers, mentors and T), so an
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
 * scanned (T first, then mentors by index); the graph does not depend on the
 * order of the candidate lists.
 */
export function maxWeightByCostScaling(graph: CandidateGraph): Int32Array {
  return new CostScaling(graph).run();
}

/** State and steps of maxWeightByCostScaling (a class so that V8 keeps one optimised copy across calls). */
class CostScaling {
  private readonly n: number;
  private readonly m: number;
  private readonly rowStart: Int32Array;
  private readonly col: Int32Array;
  private readonly scoreInt: Int32Array;
  private readonly capacity: Int32Array;
  /** Switchers with at least one candidate. */
  private readonly active: Int32Array;
  /** Cost multiplier: the gain (-cost) of edge e is scoreInt[e] * K. */
  private readonly K: number;
  private eps = 0;

  /** Each switcher's edge, UNMATCHED (on its arc to T) or UNASSIGNED (active). */
  private readonly assigned: Int32Array;
  private readonly switcherPrice: Float64Array;
  private readonly mentorPrice: Float64Array;
  /** Flow on mentor -> T. */
  private readonly toSink: Int32Array;
  /** Switchers currently sending their unit into each mentor: capacity + 1 room per mentor. */
  private readonly listStart: Int32Array;
  private readonly listSwitcher: Int32Array;
  private readonly listSize: Int32Array;
  private readonly listPosition: Int32Array;
  private readonly stack: Int32Array;
  private stackSize = 0;

  // Backward searches of step 3: mentor j = node j, switcher i = node m + i.
  private readonly dist: Float64Array;
  private readonly reached: Int32Array;
  private readonly settled: Int32Array;
  private readonly settledList: Int32Array;
  /** Next node on the path to the mentor in deficit: a mentor's switcher, a switcher's edge. */
  private readonly next: Int32Array;
  private readonly paths = new MinHeap(1024);
  private search = 0;
  /** Candidate edges by mentor (edge, switcher, score), for the backward searches. */
  private readonly byMentorStart: Int32Array;
  private readonly byMentor: Int32Array;
  private readonly byMentorSwitcher: Int32Array;
  private readonly byMentorScore: Int32Array;

  constructor(graph: CandidateGraph) {
    const n = (this.n = graph.switcherCount);
    const m = (this.m = graph.mentorCount);
    const { rowStart, col, scoreInt, capacity } = graph;
    this.rowStart = rowStart;
    this.col = col;
    this.scoreInt = scoreInt;
    this.capacity = capacity;
    const edgeCount = col.length;
    let activeCount = 0;
    for (let i = 0; i < n; i++) if (rowStart[i + 1] > rowStart[i]) activeCount++;
    this.active = new Int32Array(activeCount);
    for (let i = 0, q = 0; i < n; i++) if (rowStart[i + 1] > rowStart[i]) this.active[q++] = i;
    // Every switcher counts as a node, with candidates or not, so that the prices stay a
    // proof when pairs outside the graph are checked against them (see DualPrices).
    this.K = n + m + 2;

    this.assigned = new Int32Array(n).fill(UNASSIGNED);
    this.switcherPrice = new Float64Array(n);
    this.mentorPrice = new Float64Array(m);
    this.toSink = new Int32Array(m);
    this.listStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.listStart[j + 1] = this.listStart[j] + capacity[j] + 1;
    this.listSwitcher = new Int32Array(this.listStart[m]);
    this.listSize = new Int32Array(m);
    this.listPosition = new Int32Array(n);
    this.stack = new Int32Array(n);

    this.dist = new Float64Array(m + n);
    this.reached = new Int32Array(m + n);
    this.settled = new Int32Array(m + n);
    this.settledList = new Int32Array(m + n);
    this.next = new Int32Array(m + n);
    this.byMentorStart = new Int32Array(m + 1);
    for (let e = 0; e < edgeCount; e++) this.byMentorStart[col[e] + 1]++;
    for (let j = 0; j < m; j++) this.byMentorStart[j + 1] += this.byMentorStart[j];
    this.byMentor = new Int32Array(edgeCount);
    this.byMentorSwitcher = new Int32Array(edgeCount);
    this.byMentorScore = new Int32Array(edgeCount);
    const fill = this.byMentorStart.slice(0, m);
    for (let i = 0; i < n; i++) {
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const q = fill[col[e]]++;
        this.byMentor[q] = e;
        this.byMentorSwitcher[q] = i;
        this.byMentorScore[q] = scoreInt[e];
      }
    }
  }

  run(): Int32Array {
    let maxGain = 0;
    for (let e = 0; e < this.scoreInt.length; e++) maxGain = Math.max(maxGain, this.scoreInt[e] * this.K);
    return this.refine(maxGain);
  }

  /**
   * Starts from a previous optimum (WarmStart): its assignment (edges still in the graph)
   * and prices, which are 1-optimal on the old arcs; the first refinement's epsilon is the
   * most any arc violates that (about what a new edge gains), so earlier ones are skipped.
   */
  runFrom(warm: WarmStart): Int32Array {
    const { n, m, rowStart, col, scoreInt, K, assigned, switcherPrice, mentorPrice, toSink } = this;
    for (let j = 0; j < m; j++) mentorPrice[j] = -warm.prices.mentor[j];
    let violation = 0;
    for (let i = 0; i < n; i++) {
      switcherPrice[i] = warm.prices.switcher[i];
      const begin = rowStart[i];
      const end = rowStart[i + 1];
      if (begin === end) continue;
      const j = warm.mentorOf[i];
      let own = SINK_PRICE;
      assigned[i] = UNMATCHED;
      for (let e = begin; e < end; e++) {
        const value = mentorPrice[col[e]] + scoreInt[e] * K;
        if (col[e] === j && toSink[j] < this.capacity[j]) {
          assigned[i] = e;
          this.addToMentor(i, j);
          toSink[j]++;
          own = value;
        } else {
          violation = Math.max(violation, value - switcherPrice[i]);
        }
      }
      // The arc it uses (reverse residual) and, when placed, its arc to T (forward residual).
      violation = Math.max(violation, switcherPrice[i] - own);
      if (assigned[i] !== UNMATCHED) violation = Math.max(violation, SINK_PRICE - switcherPrice[i]);
    }
    return this.refine(Math.max(1, violation) * ALPHA);
  }

  /** Refinements from epsilon = start / ALPHA down to 1. */
  private refine(start: number): Int32Array {
    const { assigned } = this;
    if (this.active.length === 0) return assigned;
    this.eps = start;
    do {
      this.eps = Math.max(1, Math.floor(this.eps / ALPHA));
      const deficit = this.reset();
      if (this.forward() + deficit > 0) this.drain();
    } while (this.eps > 1);
    for (let i = 0; i < this.n; i++) if (assigned[i] === UNMATCHED) assigned[i] = UNASSIGNED;
    return assigned;
  }

  /** After run: see DualPrices. */
  prices(): DualPrices {
    const mentor = new Float64Array(this.m);
    for (let j = 0; j < this.m; j++) {
      // A mentor nobody is placed with has only its arc to T: rc = p(j) >= -eps allows p(j) = -eps,
      // and lowering p(j) only raises the reduced cost of the arcs into it.
      mentor[j] = this.listSize[j] === 0 ? this.eps : -this.mentorPrice[j];
    }
    return { switcher: Float64Array.from(this.switcherPrice), mentor, unit: this.K, slack: this.eps };
  }

  /**
   * Step 1. Returns T's excess without the switchers about to be discharged:
   * flow into T minus the units it expects.
   */
  private reset(): number {
    const { m, eps, K, rowStart, col, scoreInt, capacity, toSink, mentorPrice, switcherPrice, assigned, active, stack } = this;
    for (let j = 0; j < m; j++) {
      if (toSink[j] < capacity[j] && mentorPrice[j] < SINK_PRICE - eps) mentorPrice[j] = SINK_PRICE - eps;
      if (toSink[j] > 0 && mentorPrice[j] > SINK_PRICE + eps) mentorPrice[j] = SINK_PRICE + eps;
    }
    this.stackSize = 0;
    let unmatched = 0;
    for (let q = active.length - 1; q >= 0; q--) {
      const i = active[q];
      const current = assigned[i];
      if (current !== UNASSIGNED) {
        let own = SINK_PRICE;
        let other = -Infinity;
        if (current === UNMATCHED) {
          for (let e = rowStart[i], last = rowStart[i + 1]; e < last; e++) other = Math.max(other, mentorPrice[col[e]] + scoreInt[e] * K);
        } else {
          own = mentorPrice[col[current]] + scoreInt[current] * K;
          other = SINK_PRICE;
          for (let e = rowStart[i], last = rowStart[i + 1]; e < last; e++) if (e !== current) other = Math.max(other, mentorPrice[col[e]] + scoreInt[e] * K);
        }
        if (own >= other - 2 * eps) {
          switcherPrice[i] = other - eps;
          if (current === UNMATCHED) unmatched++;
          continue;
        }
        if (current >= 0) this.removeFromMentor(i, current);
        assigned[i] = UNASSIGNED;
      }
      stack[this.stackSize++] = i;
    }
    let flowToSink = 0;
    for (let j = 0; j < m; j++) flowToSink += toSink[j];
    return flowToSink + unmatched - active.length;
  }

  /** Step 2. Returns the number of units the active switchers sent to T. */
  private forward(): number {
    let toT = 0;
    while (this.stackSize > 0) toT += this.dischargeSwitcher(this.stack[--this.stackSize]);
    return toT;
  }

  private removeFromMentor(i: number, e: number): void {
    const j = this.col[e];
    const at = this.listPosition[i];
    const lastAt = this.listStart[j] + --this.listSize[j];
    const moved = this.listSwitcher[lastAt];
    this.listSwitcher[at] = moved;
    this.listPosition[moved] = at;
  }

  private addToMentor(i: number, j: number): void {
    const at = this.listStart[j] + this.listSize[j]++;
    this.listSwitcher[at] = i;
    this.listPosition[i] = at;
  }

  /** Double push from an active switcher; returns the units that reached T (0 or 1, through a mentor or directly). */
  private dischargeSwitcher(i: number): number {
    const { rowStart, col, scoreInt, K, mentorPrice } = this;
    let best = SINK_PRICE;
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
    this.switcherPrice[i] = second - this.eps;
    this.assigned[i] = bestEdge;
    if (bestEdge === UNMATCHED) return 1;
    const j = col[bestEdge];
    this.addToMentor(i, j);
    return this.listSize[j] > this.toSink[j] ? this.dischargeMentor(j) : 0;
  }

  /** Pushes a mentor's excess (one unit after a switcher's push); returns the units sent to T. */
  private dischargeMentor(j: number): number {
    const { listStart, listSwitcher, listSize, toSink, capacity, switcherPrice, scoreInt, assigned, K, eps } = this;
    const base = listStart[j];
    let toT = 0;
    while (listSize[j] > toSink[j]) {
      let best = toSink[j] < capacity[j] ? SINK_PRICE : -Infinity;
      let second = -Infinity;
      let bestAt = -1;
      for (let q = base, last = base + listSize[j]; q < last; q++) {
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
        toT++;
        // T's arc stays residual while a slot is free: its value stays a candidate.
        if (toSink[j] < capacity[j] && SINK_PRICE > second) second = SINK_PRICE;
      } else {
        const k = listSwitcher[bestAt];
        this.removeFromMentor(k, assigned[k]);
        assigned[k] = UNASSIGNED;
        this.stack[this.stackSize++] = k;
      }
      this.mentorPrice[j] = second > -Infinity ? second - eps : Math.min(this.mentorPrice[j], best - eps);
    }
    return toT;
  }

  private relax(v: number, d: number, via: number): void {
    if (this.settled[v] === this.search || (this.reached[v] === this.search && d >= this.dist[v])) return;
    this.reached[v] = this.search;
    this.dist[v] = d;
    this.next[v] = via;
    this.paths.push(d, v);
  }

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
  private drain(): void {
    const { m, eps, K, col, scoreInt, assigned, toSink, listSize, mentorPrice, switcherPrice, paths, settled, settledList, dist, next } = this;
    const { byMentorStart, byMentor, byMentorSwitcher, byMentorScore } = this;
    for (let target = 0; target < m; target++) {
      while (listSize[target] < toSink[target]) {
        const search = ++this.search;
        paths.clear();
        this.relax(target, 0, -1);
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
            const pj = mentorPrice[v];
            if (toSink[v] > 0 && d + SINK_PRICE - pj + eps < length) {
              length = d + SINK_PRICE - pj + eps;
              first = v;
            }
            for (let q = byMentorStart[v], last = byMentorStart[v + 1]; q < last; q++) {
              const i = byMentorSwitcher[q];
              const di = d - byMentorScore[q] * K + switcherPrice[i] - pj + eps;
              if (di < length && assigned[i] !== byMentor[q]) this.relax(m + i, di, byMentor[q]);
            }
          } else {
            const i = v - m;
            const own = assigned[i];
            if (own === UNMATCHED) {
              if (d + SINK_PRICE - switcherPrice[i] + eps < length) {
                length = d + SINK_PRICE - switcherPrice[i] + eps;
                first = v;
              }
            } else {
              const k = col[own];
              const dk = d + scoreInt[own] * K + mentorPrice[k] - switcherPrice[i] + eps;
              if (dk < length) this.relax(k, dk, i);
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
            this.removeFromMentor(i, assigned[i]);
            v = m + i;
          } else {
            const i = v - m;
            const e = next[v];
            assigned[i] = e;
            this.addToMentor(i, col[e]);
            v = col[e];
          }
        }
      }
    }
  }
}
