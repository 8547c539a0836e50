/**
 * Cohort assignment: the switchers of one cohort are assigned to mentors.
 * Every candidate (switcher, mentor) pair carries a score 0..100 computed by
 * the scorer (libs/matching/src/score); each mentor takes at most `capacity`
 * switchers; each switcher gets at most one mentor.
 */
export interface CohortInstance {
  /** Switcher ids; index = switcher index. */
  switchers: string[];
  /** Mentors; index = mentor index. `capacity` is a non-negative integer (slots, 0-20). */
  mentors: { id: string; capacity: number }[];
  /**
   * Sparse candidate lists: `candidates[s]` lists switcher `s`'s candidate mentor
   * indices with scores (0..100, may be fractional, e.g. one decimal). Only these
   * pairs can be assigned. A mentor listed twice for one switcher counts once,
   * with the higher score; the order of a list does not matter. Scores must be
   * finite (and within ±1e6); `candidates.length` must equal `switchers.length`.
   * Malformed input throws a RangeError.
   */
  candidates: { mentor: number; score: number }[][];
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
