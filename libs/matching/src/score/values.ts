/**
 * The arithmetic of a match score, in one place. The reference scorer
 * (score.ts) and the recommendation index (../index) both call these
 * functions with the same inputs in the same order, so their floats are
 * bit-identical and their rankings agree exactly.
 */
import type { GapItemInput, MentorFeatures } from './features';
import { horizonOf, type Horizon } from './overlap';

export interface ScoreWeights {
  gapCoverage: number;
  fieldFit: number;
  sameSwitch: number;
  timeOverlap: number;
  language: number;
  load: number;
  reliability: number;
}

/**
 * Default weights (they sum to 1, so a component's weight is its share of the score).
 * - gapCoverage 0.35: the reason to have a mentor at all is to learn what one lacks;
 *   it is the only component that separates mentors by what they can teach.
 * - fieldFit 0.15 and sameSwitch 0.15: someone working in the target field knows
 *   today's hiring bar, and alumni who made the same switch are the strongest
 *   mentors (and referrers) the domain brief names; together 0.30, just under coverage.
 * - timeOverlap 0.15: a mentor one can never meet is worth little, but people
 *   stretch their hours for a good mentor, so it ranks, it does not filter.
 * - load 0.10: spreads switchers over mentors with free places so the best
 *   known mentors do not fill up first (and a mentor with room answers sooner).
 * - language 0.05: a shared language is a hard filter; this only prefers the
 *   switcher's first language.
 * - reliability 0.05: most mentors have little history, and ratings are
 *   noisy; it breaks near-ties rather than deciding matches.
 */
export const DEFAULT_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  gapCoverage: 0.35,
  fieldFit: 0.15,
  sameSwitch: 0.15,
  timeOverlap: 0.15,
  language: 0.05,
  load: 0.1,
  reliability: 0.05,
});

export const DEFAULT_WEEKS = 4;
/** Three hours a week of shared time count as a full overlap: room for a weekly one-hour session with slack. */
export const DEFAULT_OVERLAP_TARGET_MINUTES = 180;

export interface ScoreOptions {
  weights: ScoreWeights;
  /** UTC instant, start of the overlap horizon (floored to the 15-minute grid). */
  weekStart: Date;
  /** Length of the overlap horizon in weeks (default 4). */
  weeks: number;
  /** Overlap minutes per week that count as a full 1.0 (default 180). */
  overlapTargetMinutes: number;
}

/** Options with defaults for everything but the horizon start. */
export function scoreOptions(weekStart: Date, overrides: Partial<Omit<ScoreOptions, 'weekStart'>> = {}): ScoreOptions {
  return {
    weights: overrides.weights ?? { ...DEFAULT_WEIGHTS },
    weekStart,
    weeks: overrides.weeks ?? DEFAULT_WEEKS,
    overlapTargetMinutes: overrides.overlapTargetMinutes ?? DEFAULT_OVERLAP_TARGET_MINUTES,
  };
}

export const COMPONENT_KEYS = ['gapCoverage', 'fieldFit', 'sameSwitch', 'timeOverlap', 'language', 'load', 'reliability'] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

/** Validated options with what every score needs precomputed. */
export interface ResolvedOptions {
  readonly weights: ScoreWeights;
  readonly weightSum: number;
  readonly horizon: Horizon;
  readonly overlapTargetMinutes: number;
}

export function resolveOptions(options: ScoreOptions): ResolvedOptions {
  const weights = options.weights;
  for (const key of COMPONENT_KEYS) {
    const value = weights[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`weight ${key} must be a finite number >= 0, got ${String(value)}`);
    }
  }
  const sum = weightSum(weights);
  if (!(sum > 0) || !Number.isFinite(sum)) throw new RangeError('at least one weight must be positive, and their sum finite');
  const target = options.overlapTargetMinutes;
  if (typeof target !== 'number' || !Number.isFinite(target) || target <= 0) {
    throw new RangeError(`overlapTargetMinutes must be a positive number, got ${String(target)}`);
  }
  return { weights, weightSum: sum, horizon: horizonOf(options.weekStart, options.weeks), overlapTargetMinutes: target };
}

export function weightSum(w: ScoreWeights): number {
  return w.gapCoverage + w.fieldFit + w.sameSwitch + w.timeOverlap + w.language + w.load + w.reliability;
}

/**
 * The score in tenths of a point (0..1000): round(100 x sum(weight x value) / sum(weights), 1 decimal) x 10.
 * Halves round up (Math.round). `score = tenths / 10`.
 */
export function scoreTenths(
  w: ScoreWeights,
  wSum: number,
  gapCoverage: number,
  fieldFit: number,
  sameSwitch: number,
  timeOverlap: number,
  language: number,
  load: number,
  reliability: number,
): number {
  const sum =
    w.gapCoverage * gapCoverage +
    w.fieldFit * fieldFit +
    w.sameSwitch * sameSwitch +
    w.timeOverlap * timeOverlap +
    w.language * language +
    w.load * load +
    w.reliability * reliability;
  const tenths = Math.round(((100 * sum) / wSum) * 10);
  return tenths < 0 ? 0 : tenths > 1000 ? 1000 : tenths;
}

// --- gap coverage -------------------------------------------------------------

/** A gap item the switcher still has to close (gap > 0). */
export interface OpenGapItem {
  readonly skillId: string;
  readonly weight: number;
  readonly current: number;
  readonly gap: number;
  /** Position in the switcher's gap list (ties in explanations). */
  readonly position: number;
}

export interface OpenGap {
  readonly items: readonly OpenGapItem[];
  /** sum of weight x gap over the items, in list order. */
  readonly total: number;
}

export function openGap(gap: readonly GapItemInput[]): OpenGap {
  const items: OpenGapItem[] = [];
  let total = 0;
  gap.forEach((item, position) => {
    const missing = Math.max(0, item.required - item.current);
    if (!(missing > 0)) return;
    items.push({ skillId: item.skillId, weight: item.weight, current: item.current, gap: missing, position });
    total += item.weight * missing;
  });
  return { items, total };
}

/** What a mentor at `level` covers of one item: weight x min(gap, max(0, level - current)). */
export function coverageTerm(item: OpenGapItem, level: number): number {
  return item.weight * Math.min(item.gap, Math.max(0, level - item.current));
}

/** covered / total, or 1 when the switcher has no weighted gap. */
export function coverageValue(covered: number, total: number): number {
  if (!(total > 0)) return 1;
  const value = covered / total;
  return value > 1 ? 1 : value > 0 ? value : 0; // NaN (non-finite weights) counts as 0
}

// --- the other components -----------------------------------------------------

export function fieldFitValue(worksInTarget: boolean): number {
  return worksInTarget ? 1 : 0;
}

/** 1: switched from the switcher's current field into the target field; 0.5: from the current field into another; else 0. */
export function sameSwitchValue(switchedFromCurrent: boolean, worksInTarget: boolean): number {
  return switchedFromCurrent ? (worksInTarget ? 1 : 0.5) : 0;
}

export function timeOverlapValue(minutesPerWeek: number, targetMinutes: number): number {
  const value = minutesPerWeek / targetMinutes;
  return value > 1 ? 1 : value;
}

/** Only called when some language is shared (otherwise the mentor is filtered out). */
export function languageValue(firstLanguageShared: boolean): number {
  return firstLanguageShared ? 1 : 0.7;
}

/** Share of free places; only called when 0 <= activeMentees < capacity. */
export function loadValue(capacity: number, activeMentees: number): number {
  return (capacity - activeMentees) / capacity;
}

export const RELIABILITY_MIN_SESSIONS = 3;
/** Pseudo-sessions of neutral (0.5) evidence mixed into every record. */
export const RELIABILITY_PRIOR_SESSIONS = 3;

/**
 * Reliability in 0..1.
 * - null, or fewer than 3 sessions: 0.5 (neutral: not enough history to judge).
 * - otherwise: rating = (meanRating - 1) / 4 clamped to 0..1 (0.5 when no session was rated),
 *   noShowRate = min(1, noShows / sessions), raw = rating x (1 - noShowRate),
 *   value = (sessions x raw + 3 x 0.5) / (sessions + 3).
 *   The last step shrinks short records towards neutral, so that a mentor does
 *   not jump from 0.5 to 1.0 with their third session: 3 sessions rated 5/5 give
 *   0.75, 20 sessions at 4.8/5 without no-shows 0.89, one no-show in 10 sessions
 *   at 5/5 costs 10% of the rating.
 */
export function reliabilityValue(reliability: MentorFeatures['reliability']): number {
  if (reliability === null || !(reliability.sessions >= RELIABILITY_MIN_SESSIONS) || !Number.isFinite(reliability.sessions)) return 0.5;
  const { sessions, meanRating, noShows } = reliability;
  const rating = meanRating === null || !Number.isFinite(meanRating) ? 0.5 : clamp01((meanRating - 1) / 4);
  const noShowRate = clamp01(noShows / sessions); // NaN counts as no no-shows
  const raw = rating * (1 - noShowRate);
  return (sessions * raw + RELIABILITY_PRIOR_SESSIONS * 0.5) / (sessions + RELIABILITY_PRIOR_SESSIONS);
}

function clamp01(value: number): number {
  return value > 1 ? 1 : value > 0 ? value : 0;
}

/** Ranking order: higher score first, then mentor id ascending (UTF-16 code unit order, locale-free). */
export function compareRanked(tenthsA: number, idA: string, tenthsB: number, idB: string): number {
  if (tenthsA !== tenthsB) return tenthsB - tenthsA;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
