import { capacitiesOf, minScoreOf } from './candidate-graph';
import { packedCandidates } from './candidates';
import type { Assignment, AssignmentMetrics, CohortInstance, SolveOptions } from './types';

/**
 * Blocking pairs of an assignment: candidate pairs (s, m) scoring >= minScore
 * (default: all candidates) where s is unmatched or has a lower-scoring pair
 * than (s, m), and m has a free slot or its lowest-scoring current pair scores
 * lower than (s, m). Comparisons are strict, by score. Each (s, m) counts once.
 */
export function countBlockingPairs(instance: CohortInstance, assignment: Assignment, options?: SolveOptions): number {
  const minScore = minScoreOf(options);
  const capacity = capacitiesOf(instance);
  const state = assignmentState(instance, assignment);
  const m = capacity.length;
  // Per switcher, each mentor's highest acceptable score (duplicates fold), then one check per mentor.
  const best = new Float64Array(m);
  const stamp = new Int32Array(m).fill(-1);
  let blocking = 0;
  const { rowStart, mentor, score } = packedCandidates(instance);
  for (let s = 0; s + 1 < rowStart.length; s++) {
    const begin = rowStart[s];
    const end = rowStart[s + 1];
    for (let e = begin; e < end; e++) {
      const j = mentor[e];
      const value = score[e];
      if (capacity[j] === 0 || !(value >= minScore)) continue;
      if (stamp[j] !== s) {
        stamp[j] = s;
        best[j] = value;
      } else if (value > best[j]) {
        best[j] = value;
      }
    }
    for (let e = begin; e < end; e++) {
      const j = mentor[e];
      if (stamp[j] !== s) continue; // not acceptable, or already checked
      stamp[j] = -1;
      const value = best[j];
      if (value > state.current[s] && (state.load[j] < capacity[j] || state.weakest[j] < value)) blocking++;
    }
  }
  return blocking;
}

/**
 * Score statistics, matches, blocking pairs (with the same `minScore` the assignment
 * was solved with, default none) and mentor utilisation of an assignment.
 */
export function assignmentMetrics(instance: CohortInstance, assignment: Assignment, options?: SolveOptions): AssignmentMetrics {
  const capacity = capacitiesOf(instance);
  const state = assignmentState(instance, assignment);
  const scores = Float64Array.from(assignment.pairs, (pair) => pair.score).sort();
  let total = 0;
  for (const value of scores) total += value;
  const matched = scores.length;
  const n = instance.switchers.length;

  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  for (let j = 0; j < capacity.length; j++) {
    if (capacity[j] === 0) continue;
    const utilisation = state.load[j] / capacity[j];
    count++;
    min = Math.min(min, utilisation);
    max = Math.max(max, utilisation);
    sum += utilisation;
    sumSquares += utilisation * utilisation;
  }
  const mean = count > 0 ? sum / count : 0;
  return {
    totalScore: total,
    meanScore: matched > 0 ? total / matched : null,
    minScore: matched > 0 ? scores[0] : null,
    p10Score: matched > 0 ? scores[Math.ceil(matched / 10) - 1] : null, // nearest rank: ceil(10% of N)
    matched,
    unmatchedSwitchers: n - state.matchedSwitchers,
    blockingPairs: countBlockingPairs(instance, assignment, options),
    mentorLoadSpread: count > 0 ? { min, max, stddev: Math.sqrt(Math.max(0, sumSquares / count - mean * mean)) } : { min: 0, max: 0, stddev: 0 },
  };
}

interface AssignmentState {
  /** Score of each switcher's pair, -Infinity when unmatched. */
  current: Float64Array;
  load: Int32Array;
  /** Lowest pair score per mentor, +Infinity when it has none. */
  weakest: Float64Array;
  matchedSwitchers: number;
}

function assignmentState(instance: CohortInstance, assignment: Assignment): AssignmentState {
  const n = instance.switchers.length;
  const m = instance.mentors.length;
  const current = new Float64Array(n).fill(-Infinity);
  const load = new Int32Array(m);
  const weakest = new Float64Array(m).fill(Infinity);
  let matchedSwitchers = 0;
  for (const { switcher: s, mentor: j, score } of assignment.pairs) {
    if (!Number.isInteger(s) || s < 0 || s >= n) throw new RangeError(`assignment: switcher index ${String(s)} out of range`);
    if (!Number.isInteger(j) || j < 0 || j >= m) throw new RangeError(`assignment: mentor index ${String(j)} out of range`);
    if (current[s] === -Infinity) matchedSwitchers++;
    current[s] = Math.max(current[s], score);
    load[j]++;
    weakest[j] = Math.min(weakest[j], score);
  }
  return { current, load, weakest, matchedSwitchers };
}
