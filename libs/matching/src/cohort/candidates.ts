import type { Candidate, CandidateLists, CohortInstance, PackedCandidates } from './types';

/** Scores are expected in 0..100; anything beyond this magnitude is rejected. */
export const MAX_ABS_SCORE = 1e6;

export function isPacked(candidates: CandidateLists): candidates is PackedCandidates {
  return !Array.isArray(candidates);
}

/** How many switchers the candidate lists are for. */
export function listCount(candidates: CandidateLists): number {
  return isPacked(candidates) ? candidates.rowStart.length - 1 : candidates.length;
}

/**
 * The instance's candidate lists packed (the same object when they already are), checked:
 * one list per switcher, mentor indices in range, finite scores within ±MAX_ABS_SCORE.
 * Malformed input throws a RangeError naming the switcher and mentor.
 */
export function packedCandidates(instance: CohortInstance): PackedCandidates {
  const n = instance.switchers.length;
  const m = instance.mentors.length;
  const candidates = instance.candidates;
  if (listCount(candidates) !== n) throw new RangeError(`candidates has ${listCount(candidates)} lists for ${n} switchers`);
  if (isPacked(candidates)) {
    const { rowStart, mentor, score } = candidates;
    if (rowStart[0] !== 0 || rowStart[n] !== mentor.length || score.length !== mentor.length) {
      throw new RangeError(`packed candidates: rowStart must run from 0 to ${mentor.length} (mentor and score of the same length)`);
    }
    for (let s = 0; s < n; s++) if (rowStart[s + 1] < rowStart[s]) throw new RangeError(`packed candidates: rowStart decreases at switcher ${s}`);
    for (let s = 0; s < n; s++) for (let e = rowStart[s]; e < rowStart[s + 1]; e++) checkPair(s, mentor[e], score[e], m);
    return candidates;
  }
  let total = 0;
  for (const list of candidates) total += list.length;
  const packed: PackedCandidates = { rowStart: new Int32Array(n + 1), mentor: new Int32Array(total), score: new Float64Array(total) };
  let e = 0;
  for (let s = 0; s < n; s++) {
    packed.rowStart[s] = e;
    for (const { mentor: j, score: value } of candidates[s]) {
      checkPair(s, j, value, m);
      packed.mentor[e] = j;
      packed.score[e++] = value;
    }
  }
  packed.rowStart[n] = e;
  return packed;
}

function checkPair(s: number, j: unknown, value: unknown, m: number): void {
  if (!Number.isInteger(j) || (j as number) < 0 || (j as number) >= m) throw new RangeError(`switcher ${s}: candidate mentor index ${String(j)} out of range 0..${m - 1}`);
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_ABS_SCORE) {
    throw new RangeError(`switcher ${s}, mentor ${String(j)}: score must be a finite number within ±${MAX_ABS_SCORE}, got ${String(value)}`);
  }
}

/** The lists as objects, in the same order. */
export function unpackCandidates(packed: PackedCandidates): Candidate[][] {
  const { rowStart, mentor, score } = packed;
  return Array.from({ length: rowStart.length - 1 }, (_, s) => {
    const list: Candidate[] = new Array(rowStart[s + 1] - rowStart[s]);
    for (let e = rowStart[s]; e < rowStart[s + 1]; e++) list[e - rowStart[s]] = { mentor: mentor[e], score: score[e] };
    return list;
  });
}

/** The lists with `added[s]` after the end of list s, in the lists' own form. */
export function withCandidates<Lists extends CandidateLists>(candidates: Lists, added: readonly (Candidate[] | undefined)[]): Lists {
  if (!isPacked(candidates)) return candidates.map((list, s) => (added[s] === undefined ? list : list.concat(added[s]))) as Lists;
  const n = candidates.rowStart.length - 1;
  let extra = 0;
  for (const list of added) extra += list?.length ?? 0;
  const next: PackedCandidates = { rowStart: new Int32Array(n + 1), mentor: new Int32Array(candidates.mentor.length + extra), score: new Float64Array(candidates.mentor.length + extra) };
  let q = 0;
  for (let s = 0; s < n; s++) {
    next.rowStart[s] = q;
    const begin = candidates.rowStart[s];
    const end = candidates.rowStart[s + 1];
    next.mentor.set(candidates.mentor.subarray(begin, end), q);
    next.score.set(candidates.score.subarray(begin, end), q);
    q += end - begin;
    for (const { mentor, score } of added[s] ?? []) {
      next.mentor[q] = mentor;
      next.score[q++] = score;
    }
  }
  next.rowStart[n] = q;
  return next as Lists;
}
