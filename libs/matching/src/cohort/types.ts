/**
 * Cohort assignment: the switchers of one cohort are assigned to mentors.
 * Every candidate (switcher, mentor) pair carries a score 0..100 computed by
 * the scorer (libs/matching/src/score); each mentor takes at most `capacity`
 * switchers; each switcher gets at most one mentor.
 */
export interface CohortInstance<Lists extends CandidateLists = CandidateLists> {
  /** Switcher ids; index = switcher index. */
  switchers: string[];
  /** Mentors; index = mentor index. `capacity` is a non-negative integer (slots, 0-20). */
  mentors: { id: string; capacity: number }[];
  /**
   * Sparse candidate lists: list `s` holds switcher `s`'s candidate mentor indices with
   * scores (0..100, may be fractional, e.g. one decimal). Only these pairs can be
   * assigned. A mentor listed twice for one switcher counts once, with the higher score;
   * the order of a list does not matter. Scores must be finite (and within ±1e6); there is
   * one list per switcher. Malformed input throws a RangeError. Lists of objects, or
   * packed in typed arrays (large cohorts: no object per pair).
   */
  candidates: Lists;
}

/** Candidate lists as objects, or packed. */
export type CandidateLists = Candidate[][] | PackedCandidates;

export interface Candidate {
  mentor: number;
  score: number;
}

/**
 * Candidate lists in three arrays: switcher s's pairs are rowStart[s] .. rowStart[s + 1] - 1
 * of `mentor` and `score` (rowStart has one entry per switcher and one more).
 */
export interface PackedCandidates {
  rowStart: Int32Array;
  mentor: Int32Array;
  score: Float64Array;
}

/** Assigned pairs, ordered by switcher index. `score` is the pair's candidate score. */
export interface Assignment {
  pairs: { switcher: number; mentor: number; score: number }[];
}

export interface SolveOptions {
  /**
   * Pairs scoring below this are not acceptable (never assigned, never blocking).
   * Default: every candidate pair is acceptable.
   */
  minScore?: number;
}

export interface AssignmentMetrics {
  totalScore: number;
  /** Mean score of the assigned pairs; null when nothing is assigned. */
  meanScore: number | null;
  /** Lowest assigned pair score; null when nothing is assigned. */
  minScore: number | null;
  /** 10th percentile (nearest rank) of the assigned pair scores; null when nothing is assigned. */
  p10Score: number | null;
  matched: number;
  unmatchedSwitchers: number;
  /** See `countBlockingPairs`. */
  blockingPairs: number;
  /**
   * Utilisation (assigned / capacity) over the mentors with capacity > 0:
   * minimum, maximum and population standard deviation; all 0 when no mentor has capacity.
   */
  mentorLoadSpread: { min: number; max: number; stddev: number };
}
