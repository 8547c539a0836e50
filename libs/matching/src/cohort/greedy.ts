import { assignmentFromEdges, buildCandidateGraph, minScoreOf } from './candidate-graph';
import type { Assignment, CohortInstance, SolveOptions } from './types';

/**
 * Greedy baseline: all acceptable candidate pairs by score (highest first; ties
 * by switcher index, then mentor index), each taken while the switcher is
 * unmatched and the mentor has a free slot.
 */
export function solveGreedy(instance: CohortInstance, options?: SolveOptions): Assignment {
  const graph = buildCandidateGraph(instance, minScoreOf(options));
  const { capacity, rowStart, col, scoreInt } = graph;
  const n = graph.switcherCount;
  const m = graph.mentorCount;
  const edgeCount = col.length;
  const assigned = new Int32Array(n).fill(-1);
  const load = new Int32Array(m);
  let open = 0;
  for (let j = 0; j < m; j++) open += capacity[j];
  const take = (s: number, j: number, e: number): void => {
    assigned[s] = e;
    load[j]++;
    open--;
  };
  let max = -Infinity;
  let min = Infinity;
  for (let e = 0; e < edgeCount; e++) {
    max = Math.max(max, scoreInt[e]);
    min = Math.min(min, scoreInt[e]);
  }
  if (edgeCount > 0 && (max - min + 1) * n * m < 2 ** 53) {
    // Packed keys (score descending, switcher, mentor) sorted as numbers.
    const keys = new Float64Array(edgeCount);
    for (let s = 0; s < n; s++) for (let e = rowStart[s]; e < rowStart[s + 1]; e++) keys[e] = ((max - scoreInt[e]) * n + s) * m + col[e];
    keys.sort();
    for (let q = 0; q < edgeCount && open > 0; q++) {
      const key = keys[q];
      const j = key % m;
      const s = ((key - j) / m) % n;
      if (assigned[s] >= 0 || load[j] >= capacity[j]) continue;
      let e = rowStart[s];
      while (col[e] !== j) e++; // the row's one edge to j
      take(s, j, e);
    }
  } else {
    const row = new Int32Array(edgeCount);
    for (let s = 0; s < n; s++) row.fill(s, rowStart[s], rowStart[s + 1]);
    const order = Int32Array.from({ length: edgeCount }, (_, e) => e).sort((a, b) => scoreInt[b] - scoreInt[a] || row[a] - row[b] || col[a] - col[b]);
    for (let q = 0; q < edgeCount && open > 0; q++) {
      const e = order[q];
      if (assigned[row[e]] < 0 && load[col[e]] < capacity[col[e]]) take(row[e], col[e], e);
    }
  }
  return assignmentFromEdges(instance, graph, assigned);
}
