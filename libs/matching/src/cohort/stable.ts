import { assignmentFromEdges, buildCandidateGraph, minScoreOf, type CandidateGraph } from './candidate-graph';
import type { Assignment, CohortInstance, SolveOptions } from './types';

/**
 * Stable assignment: switcher-proposing deferred acceptance (Gale-Shapley) with
 * mentor capacities. Switchers rank their acceptable candidates by score
 * (highest first, ties by lower mentor index); mentors rank proposers by score
 * (highest first, ties by lower switcher index). Acceptable = candidate pair
 * scoring >= minScore. The result has no blocking pair (see countBlockingPairs)
 * and is the switcher-optimal stable assignment for these preferences.
 */
export function solveStable(instance: CohortInstance, options?: SolveOptions): Assignment {
  const graph = buildCandidateGraph(instance, minScoreOf(options));
  const n = graph.switcherCount;
  const m = graph.mentorCount;
  const { rowStart, col, scoreInt, capacity } = graph;

  const preference = preferenceOrder(graph);
  const next = new Int32Array(n);
  for (let s = 0; s < n; s++) next[s] = rowStart[s];
  const assigned = new Int32Array(n).fill(-1);

  // Each mentor's current switchers: a heap in its slot range, least preferred on top.
  const slotStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) slotStart[j + 1] = slotStart[j] + capacity[j];
  const held = new Int32Array(slotStart[m]);
  const load = new Int32Array(m);
  /** Score (integer) of switcher s's current pair. */
  const heldScore = new Float64Array(n);
  /** True when switcher a is less preferred than b by their shared mentor. */
  const worse = (a: number, b: number): boolean => heldScore[a] < heldScore[b] || (heldScore[a] === heldScore[b] && a > b);

  const free = new Int32Array(n);
  let freeCount = 0;
  for (let s = n - 1; s >= 0; s--) free[freeCount++] = s;

  while (freeCount > 0) {
    let s = free[--freeCount];
    while (next[s] < rowStart[s + 1]) {
      const e = preference[next[s]++];
      const j = col[e];
      const base = slotStart[j];
      const size = load[j];
      heldScore[s] = scoreInt[e];
      if (size < capacity[j]) {
        // Free slot: sift the newcomer up.
        let i = size;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(s, held[base + parent])) break;
          held[base + i] = held[base + parent];
          i = parent;
        }
        held[base + i] = s;
        load[j] = size + 1;
        assigned[s] = e;
        s = -1;
        break;
      }
      const weakest = held[base];
      if (!worse(weakest, s)) continue; // rejected
      // Replace the weakest and sift the newcomer down.
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && worse(held[base + child + 1], held[base + child])) child++;
        if (!worse(held[base + child], s)) break;
        held[base + i] = held[base + child];
        i = child;
      }
      held[base + i] = s;
      assigned[s] = e;
      assigned[weakest] = -1;
      s = weakest;
    }
  }
  return assignmentFromEdges(instance, graph, assigned);
}

/** Each switcher's edges by score descending, ties by mentor index. */
function preferenceOrder(graph: CandidateGraph): Int32Array {
  const { rowStart, scoreInt, col } = graph;
  const order = new Int32Array(scoreInt.length);
  const before = (a: number, b: number): boolean => scoreInt[a] > scoreInt[b] || (scoreInt[a] === scoreInt[b] && col[a] < col[b]);
  const byPreference = (a: number, b: number): number => scoreInt[b] - scoreInt[a] || col[a] - col[b];
  for (let s = 0; s < graph.switcherCount; s++) {
    const begin = rowStart[s];
    const end = rowStart[s + 1];
    for (let e = begin; e < end; e++) order[e] = e;
    if (end - begin > 16) {
      order.subarray(begin, end).sort(byPreference);
      continue;
    }
    for (let e = begin + 1; e < end; e++) {
      const edge = order[e];
      let q = e;
      while (q > begin && before(edge, order[q - 1])) {
        order[q] = order[q - 1];
        q--;
      }
      order[q] = edge;
    }
  }
  return order;
}
