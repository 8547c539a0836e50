/**
 * An in-memory index of every mentor that answers `topK` in a few
 * milliseconds over 100k mentors, with exactly the results of the reference
 * `recommend()` (same mentors, order, scores and texts).
 *
 * Storage (slot = dense mentor position 0..size-1; removal swaps the last slot
 * in, so freed slots are reused by the next upsert):
 * - skill levels: a row-major mentor x skill Uint8Array (one row of ~48 bytes
 *   per mentor; skill number 0 is an all-zero column for skills nobody has);
 * - bitsets over the slots (Uint32 words): per field "works in it" and
 *   "switched from it", per language "speaks it", and "open" (accepting, with
 *   a free place);
 * - load and reliability values (Float64Array, computed at upsert by the shared
 *   functions: they enter the score and must be bit-exact);
 * - availability: per slot a bitset of the horizon at 15-minute resolution
 *   (weeks x 7 x 96 bits = weeks x 21 Uint32 words), computed once at upsert by
 *   the reference window expansion (score/overlap.ts), and its population count.
 *
 * topK(s, k):
 * 1. eligible = open AND (OR of the switcher's language bitsets), minus the
 *    switcher and their excluded mentors: the hard filters, word by word.
 * 2. Eligible mentors fall into 8 classes by (works in the target field,
 *    switched from the current field, speaks the first language), each a bitset
 *    AND; within a class fieldFit, sameSwitch and language are constant. Classes
 *    are scanned best possible score first, and dropped once the heap's worst
 *    score is above it. In a class, a first upper bound per mentor (gap coverage
 *    1, overlap bounded by min(mentor's, switcher's available slots), load and
 *    reliability exact) buckets the mentors: scores are integers in tenths
 *    0..1000, so this is a counting sort.
 * 3. Buckets from the top, until a bucket is below the heap's worst score:
 *    exact gap coverage (the row's levels through per-item level tables built by
 *    the shared coverageTerm, summed in the reference's item order), a second
 *    bound, and for survivors the exact overlap (AND of the switcher's non-zero
 *    words with the mentor's, popcount) and the exact score by the shared
 *    scoreTenths, offered to a size-k min-heap on (score, mentor id).
 * 4. Texts for the k winners only, from the reference `scoreMentor`. `candidates(s, k)`
 *    stops before this step: same mentors and scores, no texts.
 * The bounds only prune (computed from per-query tables with a multiplication,
 * never below the exact score: a slack covers float error); every score that is
 * kept or compared comes from scoreTenths with the reference's inputs in the
 * reference's order, so it is bit-identical.
 *
 * Skill levels must be integers 0-5 (the database constraint); upsert throws
 * RangeError otherwise. The index keeps its own copy of each mentor.
 */
import type { MentorFeatures, NameLookup, SwitcherFeatures } from '../score/features';
import { expandWindows, horizonOf, minutesPerWeek, setRangeBits, type Horizon } from '../score/overlap';
import { scoreMentor, type MentorMatch } from '../score/score';
import {
  compareRanked,
  coverageTerm,
  coverageValue,
  fieldFitValue,
  languageValue,
  loadValue,
  openGap,
  reliabilityValue,
  resolveOptions,
  sameSwitchValue,
  scoreTenths,
  timeOverlapValue,
  type ResolvedOptions,
  type ScoreOptions,
  type ScoreWeights,
} from '../score/values';
import { unpackCandidates } from '../cohort/candidates';
import type { PackedCandidates } from '../cohort/types';
import { CONTROL_BYTES, DONE, jobMs, listsDone, listsWorker, losesNumbers, waitForJob, type ListsJob } from './cohort-lists-worker';
import { commonHours, coverageAllowance, exactCoverage, foldHours, GROUP_CODES, GROUP_ITEMS, groupTable, HOUR_WORDS, LEVELS, MAX_LEVEL, popcount, SLOTS_PER_HOUR } from './bounds';

export { popcount } from './bounds';

/** A switcher's availability bitset, its non-zero words, hour mask and slot count (see loadSwitcherAvailability). */
interface SwitcherTimes {
  words: Uint32Array;
  nonZero: Int32Array;
  hours: Uint32Array;
  slots: number;
}

/** See RecommendationIndex.cohort. */
export interface CohortScorer {
  /** = RecommendationIndex.candidateLists for these options and mentor ids. */
  candidateLists(switchers: readonly SwitcherFeatures[], k: number): { mentor: number; score: number }[][];
  /**
   * The same lists packed in typed arrays (no object per pair: what large cohorts use), each
   * in mentor order (by position) rather than best first, as the solvers' graph keeps them.
   */
  candidateRows(switchers: readonly SwitcherFeatures[], k: number): PackedCandidates;
  /**
   * Exact scores of `s` with `mentors` (positions in mentorIds), as a candidate list would
   * give them (tenths of a point, bit-identical); NaN where a hard filter excludes the pair.
   * For the pairs a cut list leaves out (solveOptimalCertified): with `floors` (points), a
   * pair that surely scores at most floors[q] may get -Infinity instead of its score.
   */
  scores(s: SwitcherFeatures, mentors: ArrayLike<number>, floors?: ArrayLike<number>): Float64Array;
  /**
   * The mentors (positions in mentorIds) that pass `s`'s hard filters, as a bitset (bit p of
   * word p >>> 5): exactly those `scores` does not give NaN. For LeftOutPairs.admissible.
   */
  admissible(s: SwitcherFeatures): Uint32Array;
}

export interface RecommendationIndexOptions {
  /** Start of the overlap horizon; topK options must use the same horizon. */
  weekStart: Date;
  weeks: number;
  /** Known ids, to pre-size the dictionaries; unknown ids met later are added. */
  skillIds: string[];
  fieldIds: string[];
  languages?: string[];
}

const MAX_TENTHS = 1000;
const MIN_SLOTS = 64;
/** Skill number of the all-zero column: skills no mentor has. */
const UNKNOWN_SKILL = 0;
/** Per candidateLists call, the most bytes of level copies (see gapLayout). */
const MAX_LAYOUT_BYTES = 64 * 2 ** 20;
/** Cohorts from this size on share candidateLists with a worker thread (below, starting it costs more than it saves). */
const PARALLEL_MIN_SWITCHERS = 1000;
/** How long to wait for the worker beyond this thread's share before doing its part too. */
const WORKER_PATIENCE_MS = 60_000;

/** The worker's share of a cohort's switchers, tuned as cohorts come (see parallelLists). */
export const parallel = {
  /** A cold worker (thread start, module loading, time zone tables, compilation) is slower at first. */
  share: 0.35,
  /**
   * The share at which both threads would have finished the last cohort together: the worker
   * has a fixed cost (messages, JSON, its own index) besides its rate per switcher, so that
   * with n switchers, x of them the worker's: (n - x) / ownRate = fixed + x / theirRate.
   */
  retune(ownCount: number, ownMs: number, theirCount: number, theirMs: { totalMs: number; listsMs: number }): void {
    const ownRate = ownCount / Math.max(1, ownMs);
    const theirRate = theirCount / Math.max(1, theirMs.listsMs);
    const fixedMs = Math.max(0, theirMs.totalMs - theirMs.listsMs);
    const n = ownCount + theirCount;
    const balanced = (n / ownRate - fixedMs) / (1 / ownRate + 1 / theirRate) / n;
    this.share = Math.min(0.6, Math.max(0.1, Number.isFinite(balanced) ? balanced : this.share));
  },
};
/** Stages of a mentor in rankInBatch's buckets: first bound, hour-mask bound, no common hour (overlap 0). */
const FIRST_BOUND = 0;
const HOUR_BOUND = 1;
const NO_OVERLAP = 2;

export class RecommendationIndex {
  private readonly horizon: Horizon;
  private count = 0;
  private slots = 0;
  private bitWords = 0;

  private ids: string[] = [];
  private mentors: MentorFeatures[] = [];
  private readonly slotOf = new Map<string, number>();

  /** Skill number per id; number 0 is reserved for skills nobody has (an all-zero column). */
  private readonly skillIndex = new Map<string, number>();
  private skillCount = 1;
  /** Row-major mentor x skill levels: levels[slot * skillStride + skill]. */
  private skillStride: number;
  private levels = new Uint8Array(0);
  private readonly fieldIndex = new Map<string, number>();
  /** Per field: mentors working in it. */
  private fieldColumns: Uint32Array[] = [];
  /** Per field: mentors who switched from it. */
  private switchedColumns: Uint32Array[] = [];
  private readonly languageIndex = new Map<string, number>();
  private languageColumns: Uint32Array[] = [];

  private open = new Uint32Array(0);
  /** Component values that depend on the mentor alone, by the shared functions (Float64: bit-exact). */
  private load = new Float64Array(0);
  private reliability = new Float64Array(0);
  private availableSlots = new Uint16Array(0);
  private availability = new Uint32Array(0);
  /**
   * Per slot, the hours of the week (from the horizon start) in which the mentor is
   * available in any week: two people with disjoint masks have no overlap at all,
   * and otherwise at most 4 slots x weeks per common hour. A cheap bound.
   */
  private hours = new Uint32Array(0);

  // Query scratch, reused (sized with the slots).
  private eligible = new Uint32Array(0);
  private candidateSlots = new Int32Array(0);
  private bounds = new Uint16Array(0);
  private order = new Int32Array(0);
  private readonly bucketStart = new Int32Array(MAX_TENTHS + 2);
  private readonly switcherWords: Uint32Array;
  private readonly nonZeroWords: Int32Array;
  private readonly switcherHours = new Uint32Array(HOUR_WORDS);

  constructor(options: RecommendationIndexOptions) {
    this.horizon = horizonOf(options.weekStart, options.weeks);
    this.switcherWords = new Uint32Array(this.horizon.words);
    this.nonZeroWords = new Int32Array(this.horizon.words);
    this.skillStride = Math.max(8, options.skillIds.length + 8);
    for (const id of options.skillIds) this.skillNumber(id);
    for (const id of options.fieldIds) this.fieldNumber(id);
    for (const code of options.languages ?? []) this.languageNumber(code);
  }

  get size(): number {
    return this.count;
  }

  has(mentorId: string): boolean {
    return this.slotOf.has(mentorId);
  }

  /** Adds a mentor, or replaces everything known about them. */
  upsert(mentor: MentorFeatures): void {
    validateMentor(mentor);
    const copy = copyMentor(mentor);
    let slot = this.slotOf.get(copy.id);
    if (slot === undefined) {
      if (this.count === this.slots) this.grow(this.count + 1);
      slot = this.count++;
      this.slotOf.set(copy.id, slot);
    } else {
      this.clearSlot(slot);
    }
    this.writeSlot(slot, copy);
  }

  remove(mentorId: string): void {
    const slot = this.slotOf.get(mentorId);
    if (slot === undefined) return;
    this.clearSlot(slot);
    const last = this.count - 1;
    if (slot !== last) this.moveSlot(last, slot);
    this.slotOf.delete(mentorId);
    this.ids.length = last;
    this.mentors.length = last;
    this.count = last;
  }

  /** The k best mentors for a switcher: identical to `recommend(s, allMentors, k, options, names)`. */
  topK(s: SwitcherFeatures, k: number, options: ScoreOptions, names: NameLookup): MentorMatch[] {
    // Texts for the winners, from the reference.
    return this.rank(s, k, options).map(({ slot }) => {
      const match = scoreMentor(s, this.mentors[slot], options, names);
      if (match === null) throw new Error(`recommendation index: mentor ${this.ids[slot]} passed the index filters but not the reference`);
      return match;
    });
  }

  /**
   * The k best mentors with their scores only, no texts: identical to
   * `recommend(s, allMentors, k, options, names).map(({ mentorId, score }) => ({ mentorId, score }))`
   * (score descending, then mentor id ascending). For cohort candidate lists.
   */
  candidates(s: SwitcherFeatures, k: number, options: ScoreOptions): { mentorId: string; score: number }[] {
    return this.rank(s, k, options).map(({ slot, tenths }) => ({ mentorId: this.ids[slot], score: tenths / 10 }));
  }

  /**
   * `candidates(s, k, options)` for every switcher of a cohort, with each mentor given
   * as the position of its id in `mentorIds` (which must list every indexed mentor):
   * the same mentors, scores and order, but with work shared across the batch and
   * bounds that let most pairs skip the costly components. See `rankInBatch`.
   */
  candidateLists(switchers: readonly SwitcherFeatures[], k: number, options: ScoreOptions, mentorIds: readonly string[]): { mentor: number; score: number }[][] {
    return this.cohort(options, mentorIds).candidateLists(switchers, k);
  }

  /**
   * candidateLists and exact pair scores for one cohort, with the options and the
   * mentors' positions in `mentorIds` (which must list every indexed mentor) resolved
   * once, and each switcher's availability expanded once (so a switcher must not change
   * while the scorer is used). The scorer reads the index as it is when called.
   */
  cohort(options: ScoreOptions, mentorIds: readonly string[]): CohortScorer {
    const resolved = this.resolve(options);
    const n = this.count;
    const positionOf = new Map<string, number>();
    mentorIds.forEach((id, i) => {
      if (!positionOf.has(id)) positionOf.set(id, i);
    });
    const position = new Int32Array(n);
    const slotAt = new Int32Array(mentorIds.length).fill(-1);
    for (let slot = 0; slot < n; slot++) {
      const at = positionOf.get(this.ids[slot]);
      if (at === undefined) throw new RangeError(`mentor ${this.ids[slot]} of the index is missing from mentorIds`);
      position[slot] = at;
      slotAt[at] = slot;
    }
    // Usually the index's slots are mentorIds' order: then a bitset of slots is one of positions.
    const inOrder = mentorIds.length === n && position.every((at, slot) => at === slot);
    const times = new Map<SwitcherFeatures, SwitcherTimes>();
    return {
      candidateLists: (switchers, k) => bestFirst(unpackCandidates(this.parallelLists(switchers, k, mentorIds, resolved, position, times)), mentorIds),
      candidateRows: (switchers, k) => this.parallelLists(switchers, k, mentorIds, resolved, position, times),
      scores: (s, mentors, floors) => {
        const slots = new Int32Array(mentors.length);
        for (let q = 0; q < mentors.length; q++) {
          const at = mentors[q];
          slots[q] = at >= 0 && at < slotAt.length ? slotAt[at] : -1;
        }
        return this.exactScores(s, resolved, slots, floors, times);
      },
      admissible: (s) => {
        const nWords = (n + 31) >>> 5;
        const bits = new Uint32Array((mentorIds.length + 31) >>> 5);
        if (this.filterEligible(s, nWords) === 0) return bits;
        const eligible = this.eligible;
        if (inOrder) {
          bits.set(eligible.subarray(0, nWords));
          return bits;
        }
        for (let word = 0; word < nWords; word++) {
          for (let rest = eligible[word]; rest !== 0; rest &= rest - 1) {
            const at = position[(word << 5) | (31 - Math.clz32(rest & -rest))];
            bits[at >>> 5] |= 1 << (at & 31);
          }
        }
        return bits;
      },
    };
  }

  /**
   * batchLists, with the last part of a large cohort on a worker thread when there is one
   * (cohort-lists-worker.ts): the worker's lists are the same as this thread's would be, and
   * if it fails or takes far too long, this thread makes them itself. The part is tuned after
   * each cohort so that both threads finish together (a cold worker is slower).
   */
  private parallelLists(
    switchers: readonly SwitcherFeatures[],
    k: number,
    mentorIds: readonly string[],
    resolved: ResolvedOptions,
    position: Int32Array,
    times: Map<SwitcherFeatures, SwitcherTimes>,
  ): PackedCandidates {
    const limit = Math.floor(k);
    const width = limit > 0 ? Math.min(limit, this.count) : 0;
    const out = stridedLists(switchers.length, width);
    const worker = switchers.length >= PARALLEL_MIN_SWITCHERS && width > 0 ? listsWorker() : null;
    if (worker === null) {
      this.batchLists(switchers, 0, switchers.length, resolved, position, times, out);
      return packRows(out);
    }
    const split = Math.round(switchers.length * (1 - parallel.share));
    const theirs = switchers.slice(split);
    const mentors = this.mentors.slice(0, this.count);
    if (losesNumbers(theirs) || losesNumbers(mentors)) {
      this.batchLists(switchers, 0, switchers.length, resolved, position, times, out);
      return packRows(out);
    }
    const job: ListsJob = {
      weekStartMs: this.horizon.startMs,
      weeks: this.horizon.weeks,
      weights: resolved.weights,
      overlapTargetMinutes: resolved.overlapTargetMinutes,
      mentors: JSON.stringify(mentors),
      mentorIds,
      switchers: JSON.stringify(theirs),
      k: width,
      mentorOut: new SharedArrayBuffer(theirs.length * width * 4),
      scoreOut: new SharedArrayBuffer(theirs.length * width * 8),
      lengths: new SharedArrayBuffer(theirs.length * 4),
      control: new SharedArrayBuffer(CONTROL_BYTES),
      postedAt: Date.now(),
    };
    worker.postMessage(job);
    this.batchLists(switchers, 0, split, resolved, position, times, out);
    const ownMs = Date.now() - job.postedAt;
    const control = new Int32Array(job.control);
    if (waitForJob(control, WORKER_PATIENCE_MS) !== DONE) {
      this.batchLists(switchers, split, switchers.length, resolved, position, times, out);
      return packRows(out);
    }
    parallel.retune(split, ownMs, theirs.length, jobMs(control));
    out.mentor.set(new Int32Array(job.mentorOut), split * width);
    out.score.set(new Float64Array(job.scoreOut), split * width);
    out.lengths.set(new Int32Array(job.lengths), split);
    listsDone();
    return packRows(out);
  }

  /** The lists of switchers[from .. to - 1] into `out` (at their own index). */
  private batchLists(
    switchers: readonly SwitcherFeatures[],
    from: number,
    to: number,
    resolved: ResolvedOptions,
    position: Int32Array,
    times: Map<SwitcherFeatures, SwitcherTimes>,
    out: StridedLists,
  ): void {
    const width = out.width;
    const n = this.count;
    if (width === 0 || from >= to) return;
    const mentorTerms = new Float64Array(n);
    for (let slot = 0; slot < n; slot++) mentorTerms[slot] = resolved.weights.load * this.load[slot] + resolved.weights.reliability * this.reliability[slot];
    const w = resolved.weights;
    // The weighted overlap value depends on the overlapping slots only: one table for every switcher.
    const timeBound = timeBounds(w.timeOverlap, this.horizon.words * 32, this.horizon.weeks, resolved.overlapTargetMinutes);
    const batch = new Batch(this.ids, n, width, mentorTerms, timeBound);
    const tieScale = batch.tieScale;
    const slotOfTie = batch.slotOfTie;
    // Rows in mentor order, as the solvers' graph keeps them (so it need not sort them):
    // position x 1024 + tenths (tenths <= 1000) sorts as one number, exact in a double.
    const row = new Float64Array(width);
    for (let i = from; i < to; i++) {
      const keys = this.rankInBatch(switchers[i], resolved, batch, times);
      const length = keys.length;
      out.lengths[i] = length;
      for (let r = 0; r < length; r++) {
        const tenths = Math.floor(keys[r] / tieScale);
        row[r] = position[slotOfTie[keys[r] - tenths * tieScale]] * 1024 + tenths;
      }
      const sorted = row.subarray(0, length).sort();
      for (let r = 0, at = i * width; r < length; r++, at++) {
        const mentor = Math.floor(sorted[r] / 1024);
        out.mentor[at] = mentor;
        out.score[at] = (sorted[r] - mentor * 1024) / 10;
      }
    }
  }

  /**
   * Exact scores (points) of a switcher with the mentors in `slots` (-1: not indexed),
   * NaN where a hard filter excludes the pair: the scores candidateLists and the
   * reference give, by the same arithmetic (see rankInBatch). With `floors`, a pair
   * whose bound (full overlap) is at most floors[q] gets -Infinity instead.
   */
  private exactScores(
    s: SwitcherFeatures,
    resolved: ResolvedOptions,
    slots: Int32Array,
    floors: ArrayLike<number> | undefined,
    times: Map<SwitcherFeatures, SwitcherTimes>,
  ): Float64Array {
    const out = new Float64Array(slots.length).fill(Number.NaN);
    const nWords = (this.count + 31) >>> 5;
    if (slots.length === 0 || this.filterEligible(s, nWords) === 0) return out;
    const eligible = this.eligible;
    // Usually every pair asked about is filtered out: then nothing else is needed.
    let anyEligible = false;
    for (let q = 0; q < slots.length && !anyEligible; q++) anyEligible = slots[q] >= 0 && hasBit(eligible, slots[q]);
    if (!anyEligible) return out;
    const gap = openGap(s.gap);
    const itemCount = s.gap.length;
    const columns = new Int32Array(itemCount);
    const terms = new Float64Array(itemCount * LEVELS);
    for (let j = 0, open = 0; j < itemCount; j++) {
      columns[j] = this.skillIndex.get(s.gap[j].skillId) ?? UNKNOWN_SKILL;
      const item = gap.items[open];
      if (item === undefined || item.position !== j) continue;
      for (let level = 0; level <= MAX_LEVEL; level++) terms[j * LEVELS + level] = coverageTerm(item, level);
      open++;
    }
    const { fitColumn, switchedColumn, firstColumn } = this.classColumns(s);
    const w = resolved.weights;
    const wSum = resolved.weightSum;
    const weeks = this.horizon.weeks;
    const words = this.horizon.words;
    const availability = this.availability;
    const switcherWords = this.switcherWords;
    const nonZero = this.nonZeroWords;
    let nonZeroCount = -1; // availability not loaded yet
    for (let q = 0; q < slots.length; q++) {
      const slot = slots[q];
      if (slot < 0 || !hasBit(eligible, slot)) continue;
      const fit = fitColumn !== null && hasBit(fitColumn, slot);
      const switched = switchedColumn !== null && hasBit(switchedColumn, slot);
      const first = firstColumn !== null && hasBit(firstColumn, slot);
      const fieldValue = fieldFitValue(fit);
      const switchValue = sameSwitchValue(switched, fit);
      const languageV = languageValue(first);
      const gapValue = coverageValue(exactCoverage(terms, itemCount, this.levels, slot * this.skillStride, columns), gap.total);
      if (floors !== undefined) {
        // As in rank: a bound never below the exact score (the slack covers float error).
        const sum =
          w.gapCoverage * gapValue + w.fieldFit * fieldValue + w.sameSwitch * switchValue + w.timeOverlap + w.language * languageV + w.load * this.load[slot] + w.reliability * this.reliability[slot];
        if (Math.floor((sum * 1000) / wSum + 0.5 + 1e-6) / 10 <= floors[q]) {
          out[q] = -Infinity;
          continue;
        }
      }
      if (nonZeroCount < 0) nonZeroCount = this.loadSwitcherAvailability(s, times).nonZeroCount;
      let overlap = 0;
      for (let j = 0; j < nonZeroCount; j++) {
        const both = availability[slot * words + nonZero[j]] & switcherWords[nonZero[j]];
        if (both !== 0) overlap += popcount(both);
      }
      const time = timeOverlapValue(minutesPerWeek(overlap, weeks), resolved.overlapTargetMinutes);
      out[q] = scoreTenths(w, wSum, gapValue, fieldValue, switchValue, time, languageV, this.load[slot], this.reliability[slot]) / 10;
    }
    return out;
  }

  /**
   * One switcher of candidateLists: the keys (see Batch) of its best mentors, best first.
   * The same exact scores as `rank`, found with bounds that tighten lazily:
   * 1. The hard filters, and the classes of `rank` (fieldFit, sameSwitch and language
   *    constant within a class).
   * 2. Every eligible mentor gets a first bound: the gap coverage from a few table lookups
   *    (GapLayout: the levels of 3 gap skills make one code, and a per-switcher table
   *    gives the 3 items' coverage per code), the overlap bounded by the smaller number of
   *    available slots, and the rest exact. It goes into the bucket of that bound (scores
   *    and bounds are integers in tenths 0..1000). No pair is pruned yet: the heap's worst
   *    is only known once the best pairs are scored.
   * 3. Buckets best first, until a bucket cannot beat the heap's worst: a mentor seen for
   *    the first time has its overlap bounded by the hour masks, and moves down to the
   *    bucket of that bound when it is lower; otherwise (or when seen again) it gets the
   *    exact gap coverage, the exact overlap (bitset AND, popcount; none when no hour is
   *    shared) and the exact score, which is offered to the size-k heap.
   * So the costly steps run only for mentors whose bounds reach the final k-th score.
   * Exact coverage always sums the per-item terms one by one in the reference's order
   * (items that are not open add +0, which changes no float), and exact scores come
   * from scoreTenths, so they are bit-identical to the reference; bounds only prune.
   */
  private rankInBatch(s: SwitcherFeatures, resolved: ResolvedOptions, batch: Batch, times: Map<SwitcherFeatures, SwitcherTimes>): Float64Array {
    const n = this.count;
    const nWords = (n + 31) >>> 5;
    const eligibleCount = this.filterEligible(s, nWords);
    if (eligibleCount === 0) return new Float64Array(0);
    const eligible = this.eligible;
    const { switcherSlots, nonZeroCount } = this.loadSwitcherAvailability(s, times);
    const switcherWords = this.switcherWords;
    const nonZero = this.nonZeroWords;
    const switcherHours = this.switcherHours;
    const hours = this.hours;

    // Every gap item in list order, open or not, so that the layout depends on the skills only.
    const gap = openGap(s.gap);
    const itemCount = s.gap.length;
    const groupCount = Math.ceil(itemCount / GROUP_ITEMS);
    const itemSkills = new Int32Array(itemCount);
    const terms = batch.termScratch(groupCount * GROUP_ITEMS * LEVELS);
    let finite = true;
    let magnitude = 0;
    for (let j = 0, open = 0; j < itemCount; j++) {
      itemSkills[j] = this.skillIndex.get(s.gap[j].skillId) ?? UNKNOWN_SKILL;
      const item = gap.items[open];
      if (item === undefined || item.position !== j) continue;
      let largest = 0;
      for (let level = 0; level <= MAX_LEVEL; level++) {
        const term = coverageTerm(item, level);
        terms[j * LEVELS + level] = term;
        if (!Number.isFinite(term)) finite = false;
        else largest = Math.max(largest, Math.abs(term));
      }
      magnitude += largest;
      open++;
    }
    const layout = this.gapLayout(itemSkills, batch);
    const levels = layout.levels;
    const stride = layout.stride;
    const columns = layout.columns;
    // Group bounds need finite terms (NaN or infinite weights: exact sums only).
    const codes = finite ? layout.codes : null;
    const groupTerms = codes === null ? null : groupTable(terms, groupCount, batch.groupScratch(groupCount * GROUP_CODES));
    const allowance = coverageAllowance(magnitude, itemCount);

    const { fitColumn, switchedColumn, firstColumn } = this.classColumns(s);
    const w = resolved.weights;
    const wSum = resolved.weightSum;
    const target = resolved.overlapTargetMinutes;
    const weeks = this.horizon.weeks;
    // Bounds as in `rank`: never below the exact score, never used as a score.
    const scale = 1000 / wSum;
    const slack = 0.5 + 1e-6;
    const timeBound = batch.timeBound;
    const noOverlap = timeOverlapValue(minutesPerWeek(0, weeks), target);
    const hourSlots = SLOTS_PER_HOUR * weeks;
    const wGap = w.gapCoverage;
    const classes = scoreClasses(w, wGap + timeBound[switcherSlots] + w.load + w.reliability, scale, slack);

    const { itemSlot, itemClass, itemStage, itemKnown, next, head } = batch;
    const mentorTerms = batch.mentorTerms;
    const availableSlots = this.availableSlots;
    const gapTotal = gap.total;
    head.fill(-1);
    let items = 0;
    let top = -1;

    // 2. First bounds, into buckets.
    for (let c = 0; c < classes.length; c++) {
      const { fit, switched, first, terms: classTerms } = classes[c];
      if ((fit && fitColumn === null) || (switched && switchedColumn === null) || (first && firstColumn === null)) continue;
      for (let word = 0; word < nWords; word++) {
        let bits = eligible[word];
        if (bits === 0) continue;
        if (fitColumn !== null) bits &= fit ? fitColumn[word] : ~fitColumn[word];
        if (switchedColumn !== null) bits &= switched ? switchedColumn[word] : ~switchedColumn[word];
        if (firstColumn !== null) bits &= first ? firstColumn[word] : ~firstColumn[word];
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const slot = (word << 5) | (31 - Math.clz32(low));
          let covered = 0;
          if (groupTerms !== null && codes !== null) {
            const row = slot * groupCount;
            for (let g = 0; g < groupCount; g++) covered += groupTerms[g * GROUP_CODES + codes[row + g]];
            covered += allowance;
          } else {
            covered = exactCoverage(terms, itemCount, levels, slot * stride, columns);
          }
          const slotBound = availableSlots[slot] < switcherSlots ? availableSlots[slot] : switcherSlots;
          const known = wGap * coverageValue(covered, gapTotal) + classTerms + mentorTerms[slot];
          let bound = Math.floor((known + timeBound[slotBound]) * scale + slack);
          if (bound > MAX_TENTHS) bound = MAX_TENTHS;
          itemSlot[items] = slot;
          itemClass[items] = c;
          itemStage[items] = slotBound === 0 ? NO_OVERLAP : FIRST_BOUND;
          itemKnown[items] = known;
          next[items] = head[bound];
          head[bound] = items;
          if (bound > top) top = bound;
          items++;
        }
      }
    }

    // 3. Buckets best first: hour-mask bounds move mentors down, the rest get exact scores.
    const heap = batch.heap;
    heap.reset(Math.min(batch.capacity, eligibleCount));
    const tie = batch.tie;
    const tieScale = batch.tieScale;
    const availability = this.availability;
    const words = this.horizon.words;
    const load = this.load;
    const reliability = this.reliability;
    for (let b = top; b >= 0; b--) {
      if (heap.full && b * tieScale + tieScale - 1 < heap.min) break;
      for (let item = head[b]; item >= 0; ) {
        const following = next[item];
        const slot = itemSlot[item];
        if (heap.full && b * tieScale + tie[slot] < heap.min) {
          item = following;
          continue;
        }
        let stage = itemStage[item];
        if (stage === FIRST_BOUND) {
          const common = commonHours(hours, slot, switcherHours) * hourSlots;
          stage = common === 0 ? NO_OVERLAP : HOUR_BOUND;
          const slotBound = availableSlots[slot] < switcherSlots ? availableSlots[slot] : switcherSlots;
          if (common < slotBound) {
            const bound = Math.floor((itemKnown[item] + timeBound[common]) * scale + slack);
            if (bound < b) {
              itemStage[item] = stage;
              next[item] = head[bound];
              head[bound] = item;
              item = following;
              continue;
            }
          }
        }
        let time = noOverlap;
        if (stage !== NO_OVERLAP) {
          let overlap = 0;
          const availabilityRow = slot * words;
          for (let j = 0; j < nonZeroCount; j++) {
            const index = nonZero[j];
            const both = availability[availabilityRow + index] & switcherWords[index];
            if (both !== 0) overlap += popcount(both);
          }
          time = timeOverlapValue(minutesPerWeek(overlap, weeks), target);
        }
        const { fieldValue, switchValue, languageValue: languageV } = classes[itemClass[item]];
        const gapValue = coverageValue(exactCoverage(terms, itemCount, levels, slot * stride, columns), gapTotal);
        const exact = scoreTenths(w, wSum, gapValue, fieldValue, switchValue, time, languageV, load[slot], reliability[slot]);
        heap.offer(exact * tieScale + tie[slot]);
        item = following;
      }
    }
    return heap.contents();
  }

  /**
   * Where rankInBatch reads the levels of the gap's skills. From the second switcher
   * with the same skills on (in a cohort, switchers of one target field), a GapLayout:
   * a copy of those levels with one contiguous row per mentor, and the group codes.
   * Before that, or past the size limit, the level matrix itself and no codes.
   */
  private gapLayout(skills: Int32Array, batch: Batch): GapLayout {
    const width = skills.length;
    const groupCount = Math.ceil(width / GROUP_ITEMS);
    const key = skills.join(',');
    const cached = batch.layouts.get(key);
    if (cached) return cached;
    const bytes = this.count * (width + groupCount);
    if (cached === undefined || batch.layoutBytes + bytes > MAX_LAYOUT_BYTES) {
      batch.layouts.set(key, null);
      return { levels: this.levels, stride: this.skillStride, columns: skills, codes: null, groupCount };
    }
    const levels = new Uint8Array(this.count * width);
    const codes = new Uint8Array(this.count * groupCount);
    for (let slot = 0; slot < this.count; slot++) {
      const row = slot * this.skillStride;
      for (let j = 0; j < width; j++) {
        const level = this.levels[row + skills[j]];
        levels[slot * width + j] = level;
        codes[slot * groupCount + Math.floor(j / GROUP_ITEMS)] += level * LEVELS ** (j % GROUP_ITEMS);
      }
    }
    const layout = { levels, stride: width, columns: Int32Array.from({ length: width }, (_, j) => j), codes, groupCount };
    batch.layouts.set(key, layout);
    batch.layoutBytes += bytes;
    return layout;
  }

  /** Steps 1-3 of topK: the k best slots with their exact scores in tenths, best first. */
  private rank(s: SwitcherFeatures, k: number, options: ScoreOptions): { slot: number; tenths: number }[] {
    const resolved = this.resolve(options);
    let limit = Math.floor(k);
    if (!(limit > 0) || this.count === 0) return [];
    if (limit > this.count) limit = this.count;
    const nWords = (this.count + 31) >>> 5;

    // 1. Hard filters.
    const eligibleCount = this.filterEligible(s, nWords);
    if (eligibleCount === 0) return [];
    const eligible = this.eligible;
    const switcherWords = this.switcherWords;
    const nonZero = this.nonZeroWords;
    const { switcherSlots, nonZeroCount } = this.loadSwitcherAvailability(s);
    const switcherHours = this.switcherHours;
    const hours = this.hours;

    // Gap items as (skill number, per-level coverage term) in the reference's order; items
    // no mentor level can cover are dropped (adding zeros changes no float).
    const gap = openGap(s.gap);
    const itemSkills: number[] = [];
    const itemTerms: number[] = [];
    for (const item of gap.items) {
      const terms = [];
      let contributes = false;
      for (let level = 0; level <= MAX_LEVEL; level++) {
        const term = coverageTerm(item, level);
        terms.push(term);
        if (term !== 0) contributes = true;
      }
      if (!contributes) continue;
      itemSkills.push(this.skillIndex.get(item.skillId) ?? UNKNOWN_SKILL);
      itemTerms.push(...terms);
    }
    const skills = Int32Array.from(itemSkills);
    const terms = Float64Array.from(itemTerms);

    const { fitColumn, switchedColumn, firstColumn } = this.classColumns(s);
    const w = resolved.weights;
    const wSum = resolved.weightSum;
    const target = resolved.overlapTargetMinutes;
    const weeks = this.horizon.weeks;

    // Bounds need not be bit-exact, only never below the exact score, so they use
    // per-query tables and a multiplication instead of the exact formula:
    // tenths <= floor(sum x 1000 / wSum + 0.5 + slack), where the slack covers any
    // float difference (the sum is at most wSum, so errors are ~1e-12 tenths).
    const scale = 1000 / wSum;
    const slack = 0.5 + 1e-6;
    const timeBound = timeBounds(w.timeOverlap, switcherSlots, weeks, target);
    const hourSlots = SLOTS_PER_HOUR * weeks;
    const wGap = w.gapCoverage;
    const wLoad = w.load;
    const wReliability = w.reliability;

    // 2. Mentors fall into 8 classes by (works in the target field, switched from the
    //    current field, speaks the first language): within a class those components are
    //    constant. Classes are scanned best bound first, and skipped once the heap's
    //    worst score beats the best any of their mentors could get.
    const classes = scoreClasses(w, wGap + timeBound[switcherSlots] + wLoad + wReliability, scale, slack);

    const heap = new TopHeap(Math.min(limit, eligibleCount), this.ids);
    const ids = this.ids;
    const candidates = this.candidateSlots;
    const bounds = this.bounds;
    const order = this.order;
    const bucketStart = this.bucketStart;
    const availableSlots = this.availableSlots;
    const load = this.load;
    const reliability = this.reliability;
    const levels = this.levels;
    const stride = this.skillStride;
    const itemCount = skills.length;
    const gapTotal = gap.total;
    const availability = this.availability;
    const words = this.horizon.words;

    for (const { fit, switched, first, terms: classTerms, best, fieldValue, switchValue, languageValue: languageV } of classes) {
      if (heap.full && best < heap.worstTenths) break;
      if ((fit && fitColumn === null) || (switched && switchedColumn === null) || (first && firstColumn === null)) continue;
      const base = wGap + classTerms;

      // 2a. A first bound per mentor of the class (full gap coverage, overlap bounded by
      //     the smaller availability), counted per score in tenths.
      bucketStart.fill(0);
      let candidateCount = 0;
      for (let word = 0; word < nWords; word++) {
        let bits = eligible[word];
        if (bits === 0) continue;
        if (fitColumn !== null) bits &= fit ? fitColumn[word] : ~fitColumn[word];
        if (switchedColumn !== null) bits &= switched ? switchedColumn[word] : ~switchedColumn[word];
        if (firstColumn !== null) bits &= first ? firstColumn[word] : ~firstColumn[word];
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const slot = (word << 5) | (31 - Math.clz32(low));
          const mentorSlots = availableSlots[slot];
          const sum = base + timeBound[mentorSlots < switcherSlots ? mentorSlots : switcherSlots] + wLoad * load[slot] + wReliability * reliability[slot];
          const bound = Math.min(MAX_TENTHS, Math.floor(sum * scale + slack));
          candidates[candidateCount] = slot;
          bounds[candidateCount] = bound;
          candidateCount++;
          bucketStart[bound]++;
        }
      }
      if (candidateCount === 0) continue;
      // Counting sort, best bound first: bucket t occupies order[bucketStart[t + 1] .. bucketStart[t]) afterwards.
      let position = 0;
      for (let t = MAX_TENTHS; t >= 0; t--) {
        const size = bucketStart[t];
        bucketStart[t] = position;
        position += size;
      }
      for (let c = 0; c < candidateCount; c++) order[bucketStart[bounds[c]]++] = candidates[c];

      // 3. Best buckets first: exact gap coverage gives a second bound (overlap still
      //    bounded); survivors get the exact overlap and the exact score (the shared
      //    scoreTenths) and are offered to a min-heap of the k best.
      for (let t = MAX_TENTHS; t >= 0; t--) {
        const end = bucketStart[t];
        const begin = t === MAX_TENTHS ? 0 : bucketStart[t + 1];
        if (begin === end) continue;
        if (heap.full && t < heap.worstTenths) break;
        for (let p = begin; p < end; p++) {
          const slot = order[p];
          if (heap.full && t === heap.worstTenths && ids[slot] > ids[heap.worstSlot]) continue; // cannot beat the worst
          const row = slot * stride;
          let covered = 0;
          for (let j = 0; j < itemCount; j++) covered += terms[j * LEVELS + levels[row + skills[j]]];
          const gapValue = coverageValue(covered, gapTotal);
          const mentorSlots = availableSlots[slot];
          let slotBound = mentorSlots < switcherSlots ? mentorSlots : switcherSlots;
          if (slotBound !== 0) {
            const common = commonHours(hours, slot, switcherHours) * hourSlots;
            if (common < slotBound) slotBound = common;
          }
          if (heap.full) {
            const sum = wGap * gapValue + classTerms + timeBound[slotBound] + wLoad * load[slot] + wReliability * reliability[slot];
            const bound = Math.floor(sum * scale + slack);
            if (bound < heap.worstTenths || (bound === heap.worstTenths && ids[slot] > ids[heap.worstSlot])) continue;
          }
          let overlap = 0;
          if (slotBound !== 0) {
            const availabilityRow = slot * words;
            for (let j = 0; j < nonZeroCount; j++) {
              const index = nonZero[j];
              const both = availability[availabilityRow + index] & switcherWords[index];
              if (both !== 0) overlap += popcount(both);
            }
          }
          const exact = scoreTenths(
            w,
            wSum,
            gapValue,
            fieldValue,
            switchValue,
            timeOverlapValue(minutesPerWeek(overlap, weeks), target),
            languageV,
            load[slot],
            reliability[slot],
          );
          heap.offer(slot, exact);
        }
      }
    }

    return heap.sorted();
  }

  /** The options, validated, if they describe the index's horizon. */
  private resolve(options: ScoreOptions): ResolvedOptions {
    const resolved = resolveOptions(options);
    if (resolved.horizon.startMs !== this.horizon.startMs || resolved.horizon.weeks !== this.horizon.weeks) {
      throw new RangeError(
        `options describe the horizon ${new Date(resolved.horizon.startMs).toISOString()} + ${resolved.horizon.weeks} weeks, ` +
          `but the index was built for ${new Date(this.horizon.startMs).toISOString()} + ${this.horizon.weeks} weeks`,
      );
    }
    return resolved;
  }

  /**
   * Step 1, the hard filters: `eligible` = open AND (OR of the switcher's language
   * bitsets), minus the switcher and their excluded mentors. Returns how many remain.
   */
  private filterEligible(s: SwitcherFeatures, nWords: number): number {
    const eligible = this.eligible;
    eligible.fill(0, 0, nWords);
    let anyLanguage = false;
    for (const code of s.languages) {
      const number = this.languageIndex.get(code);
      if (number === undefined) continue;
      anyLanguage = true;
      const column = this.languageColumns[number];
      for (let w = 0; w < nWords; w++) eligible[w] |= column[w];
    }
    if (!anyLanguage) return 0;
    const open = this.open;
    for (let w = 0; w < nWords; w++) eligible[w] &= open[w];
    const self = this.slotOf.get(s.id);
    if (self !== undefined) clearBit(eligible, self);
    for (const id of s.excludedMentorIds) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) clearBit(eligible, slot);
    }
    let count = 0;
    for (let w = 0; w < nWords; w++) if (eligible[w] !== 0) count += popcount(eligible[w]);
    return count;
  }

  /**
   * The switcher's availability over the horizon into `switcherWords`, the list of its
   * non-zero words into `nonZeroWords`, and its hour mask into `switcherHours`; from
   * `times` when the switcher is there (a cohort scorer's switchers do not change while
   * it is used), else expanded (and kept there).
   */
  private loadSwitcherAvailability(s: SwitcherFeatures, times?: Map<SwitcherFeatures, SwitcherTimes>): { switcherSlots: number; nonZeroCount: number } {
    const switcherWords = this.switcherWords;
    const nonZero = this.nonZeroWords;
    const known = times?.get(s);
    if (known !== undefined) {
      switcherWords.set(known.words);
      nonZero.set(known.nonZero);
      this.switcherHours.set(known.hours);
      return { switcherSlots: known.slots, nonZeroCount: known.nonZero.length };
    }
    switcherWords.fill(0);
    setRangeBits(expandWindows(s.timeZone, s.preferredWindows, this.horizon), switcherWords, 0);
    let nonZeroCount = 0;
    let switcherSlots = 0;
    for (let w = 0; w < switcherWords.length; w++) {
      if (switcherWords[w] !== 0) {
        nonZero[nonZeroCount++] = w;
        switcherSlots += popcount(switcherWords[w]);
      }
    }
    this.switcherHours.fill(0);
    foldHours(switcherWords, 0, switcherWords.length, this.switcherHours, 0);
    times?.set(s, { words: switcherWords.slice(), nonZero: nonZero.slice(0, nonZeroCount), hours: this.switcherHours.slice(), slots: switcherSlots });
    return { switcherSlots, nonZeroCount };
  }

  /** The bitsets that split eligible mentors into score classes (null: nobody is in it). */
  private classColumns(s: SwitcherFeatures): { fitColumn: Uint32Array | null; switchedColumn: Uint32Array | null; firstColumn: Uint32Array | null } {
    const targetNumber = this.fieldIndex.get(s.targetFieldId);
    const firstNumber = s.languages.length > 0 ? this.languageIndex.get(s.languages[0]) : undefined;
    const currentNumber = s.currentFieldId === null ? undefined : this.fieldIndex.get(s.currentFieldId);
    return {
      fitColumn: targetNumber === undefined ? null : this.fieldColumns[targetNumber],
      switchedColumn: currentNumber === undefined ? null : this.switchedColumns[currentNumber],
      firstColumn: firstNumber === undefined ? null : this.languageColumns[firstNumber],
    };
  }

  // --- slots --------------------------------------------------------------------

  private writeSlot(slot: number, m: MentorFeatures): void {
    this.ids[slot] = m.id;
    this.mentors[slot] = m;
    for (const skillId of Object.keys(m.skillLevels)) {
      const level = m.skillLevels[skillId];
      if (level !== 0) {
        const number = this.skillNumber(skillId);
        this.levels[slot * this.skillStride + number] = level;
      }
    }
    for (const fieldId of m.fieldIds) setBit(this.fieldColumns[this.fieldNumber(fieldId)], slot);
    if (m.switchedFromFieldId !== null) setBit(this.switchedColumns[this.fieldNumber(m.switchedFromFieldId)], slot);
    for (const code of m.languages) setBit(this.languageColumns[this.languageNumber(code)], slot);
    if (m.acceptingMentees && m.capacity > 0 && m.activeMentees < m.capacity) {
      setBit(this.open, slot);
      this.load[slot] = loadValue(m.capacity, m.activeMentees);
    }
    this.reliability[slot] = reliabilityValue(m.reliability);
    const words = this.horizon.words;
    setRangeBits(expandWindows(m.timeZone, m.availability, this.horizon), this.availability, slot * words);
    let total = 0;
    for (let w = slot * words; w < (slot + 1) * words; w++) total += popcount(this.availability[w]);
    this.availableSlots[slot] = total;
    foldHours(this.availability, slot * words, words, this.hours, slot * HOUR_WORDS);
  }

  /** Zeroes every trace of the slot's mentor (slots at or past `count` stay all-zero). */
  private clearSlot(slot: number): void {
    const m = this.mentors[slot];
    this.levels.fill(0, slot * this.skillStride, (slot + 1) * this.skillStride);
    for (const fieldId of m.fieldIds) clearBit(this.fieldColumns[this.fieldNumber(fieldId)], slot);
    for (const code of m.languages) clearBit(this.languageColumns[this.languageNumber(code)], slot);
    clearBit(this.open, slot);
    if (m.switchedFromFieldId !== null) clearBit(this.switchedColumns[this.fieldNumber(m.switchedFromFieldId)], slot);
    this.load[slot] = 0;
    this.reliability[slot] = 0;
    this.availableSlots[slot] = 0;
    const words = this.horizon.words;
    this.availability.fill(0, slot * words, (slot + 1) * words);
    this.hours.fill(0, slot * HOUR_WORDS, (slot + 1) * HOUR_WORDS);
  }

  /** Moves the mentor in slot `from` to the cleared slot `to`, leaving `from` all-zero. */
  private moveSlot(from: number, to: number): void {
    const m = this.mentors[from];
    const stride = this.skillStride;
    this.levels.copyWithin(to * stride, from * stride, (from + 1) * stride);
    this.levels.fill(0, from * stride, (from + 1) * stride);
    for (const fieldId of m.fieldIds) moveBit(this.fieldColumns[this.fieldNumber(fieldId)], from, to);
    for (const code of m.languages) moveBit(this.languageColumns[this.languageNumber(code)], from, to);
    moveBit(this.open, from, to);
    if (m.switchedFromFieldId !== null) moveBit(this.switchedColumns[this.fieldNumber(m.switchedFromFieldId)], from, to);
    this.load[to] = this.load[from];
    this.load[from] = 0;
    this.reliability[to] = this.reliability[from];
    this.reliability[from] = 0;
    this.availableSlots[to] = this.availableSlots[from];
    this.availableSlots[from] = 0;
    const words = this.horizon.words;
    this.availability.copyWithin(to * words, from * words, (from + 1) * words);
    this.availability.fill(0, from * words, (from + 1) * words);
    this.hours.copyWithin(to * HOUR_WORDS, from * HOUR_WORDS, (from + 1) * HOUR_WORDS);
    this.hours.fill(0, from * HOUR_WORDS, (from + 1) * HOUR_WORDS);
    this.ids[to] = m.id;
    this.mentors[to] = m;
    this.slotOf.set(m.id, to);
  }

  /** Doubles the slot capacity until `needed` slots fit, copying every array. */
  private grow(needed: number): void {
    let slots = Math.max(this.slots, MIN_SLOTS);
    while (slots < needed) slots *= 2;
    const bitWords = (slots + 31) >>> 5;
    this.levels = resized(this.levels, slots * this.skillStride);
    this.fieldColumns = this.fieldColumns.map((column) => resized(column, bitWords));
    this.languageColumns = this.languageColumns.map((column) => resized(column, bitWords));
    this.open = resized(this.open, bitWords);
    this.switchedColumns = this.switchedColumns.map((column) => resized(column, bitWords));
    this.load = resized(this.load, slots);
    this.reliability = resized(this.reliability, slots);
    this.availableSlots = resized(this.availableSlots, slots);
    this.availability = resized(this.availability, slots * this.horizon.words);
    this.hours = resized(this.hours, slots * HOUR_WORDS);
    this.eligible = new Uint32Array(bitWords);
    this.candidateSlots = new Int32Array(slots);
    this.bounds = new Uint16Array(slots);
    this.order = new Int32Array(slots);
    this.slots = slots;
    this.bitWords = bitWords;
  }

  private skillNumber(skillId: string): number {
    let number = this.skillIndex.get(skillId);
    if (number === undefined) {
      number = this.skillCount++;
      this.skillIndex.set(skillId, number);
      if (number >= this.skillStride) this.widenSkills(this.skillStride * 2);
    }
    return number;
  }

  /** Re-lays the level matrix out with a wider row (a new skill id beyond the spare columns). */
  private widenSkills(stride: number): void {
    const levels = new Uint8Array(this.slots * stride);
    for (let slot = 0; slot < this.count; slot++) {
      levels.set(this.levels.subarray(slot * this.skillStride, (slot + 1) * this.skillStride), slot * stride);
    }
    this.levels = levels;
    this.skillStride = stride;
  }

  private fieldNumber(fieldId: string): number {
    let number = this.fieldIndex.get(fieldId);
    if (number === undefined) {
      number = this.fieldColumns.length;
      this.fieldIndex.set(fieldId, number);
      this.fieldColumns.push(new Uint32Array(this.bitWords));
      this.switchedColumns.push(new Uint32Array(this.bitWords));
    }
    return number;
  }

  private languageNumber(code: string): number {
    let number = this.languageIndex.get(code);
    if (number === undefined) {
      number = this.languageColumns.length;
      this.languageIndex.set(code, number);
      this.languageColumns.push(new Uint32Array(this.bitWords));
    }
    return number;
  }
}

/**
 * The levels of a gap's skills: level of item j for the mentor in `slot` is
 * levels[slot * stride + columns[j]]. `codes` (when not null) packs the levels of
 * items 3g..3g+2 into codes[slot * groupCount + g] = l0 + 6 l1 + 36 l2.
 */
interface GapLayout {
  levels: Uint8Array;
  stride: number;
  columns: Int32Array;
  codes: Uint8Array | null;
  groupCount: number;
}

/**
 * Scratch shared by the switchers of one candidateLists call. A mentor's rank in
 * (score, id) order is one number, its key: tenths x tieScale + tie, where tie is
 * higher for a lower id (code-unit order, as compareRanked), so keys compare as the
 * ranking does and decode back to the slot.
 */
class Batch {
  readonly tieScale: number;
  readonly tie: Float64Array;
  readonly slotOfTie: Int32Array;
  readonly heap: KeyHeap;
  /**
   * The eligible mentors of one switcher as items in buckets by bound (see rankInBatch):
   * head[bound] is the first item of a bucket, next[item] the one after it.
   */
  readonly itemSlot: Int32Array;
  readonly itemClass: Uint8Array;
  readonly itemStage: Uint8Array;
  /** The bound's sum without the overlap term. */
  readonly itemKnown: Float64Array;
  readonly next: Int32Array;
  readonly head = new Int32Array(MAX_TENTHS + 1);
  /** Per gap skill list: its layout, or null once seen (or too large to copy). */
  readonly layouts = new Map<string, GapLayout | null>();
  layoutBytes = 0;

  private terms = new Float64Array(0);
  private groups = new Float64Array(0);

  constructor(
    ids: readonly string[],
    count: number,
    readonly capacity: number,
    /** Weighted load + reliability per slot, for bounds. */
    readonly mentorTerms: Float64Array,
    /** Weighted overlap value per number of overlapping slots (see timeBounds). */
    readonly timeBound: Float64Array,
  ) {
    this.tieScale = count;
    this.tie = new Float64Array(count);
    this.slotOfTie = new Int32Array(count);
    const byId = Array.from({ length: count }, (_, slot) => slot).sort((a, b) => compareRanked(0, ids[a], 0, ids[b]));
    byId.forEach((slot, rank) => {
      this.tie[slot] = count - 1 - rank;
      this.slotOfTie[count - 1 - rank] = slot;
    });
    this.heap = new KeyHeap(capacity);
    this.itemSlot = new Int32Array(count);
    this.itemClass = new Uint8Array(count);
    this.itemStage = new Uint8Array(count);
    this.itemKnown = new Float64Array(count);
    this.next = new Int32Array(count);
  }

  /** A zeroed scratch of at least `length` per-level terms (rows past a gap's items stay zero). */
  termScratch(length: number): Float64Array {
    if (this.terms.length < length) this.terms = new Float64Array(length);
    else this.terms.fill(0, 0, length);
    return this.terms;
  }

  /** A scratch of at least `length` group-table entries. */
  groupScratch(length: number): Float64Array {
    if (this.groups.length < length) this.groups = new Float64Array(length);
    return this.groups;
  }

}

/** Each list best first, ties to the lower mentor id (the order of recommend()). */
function bestFirst(lists: { mentor: number; score: number }[][], mentorIds: readonly string[]): { mentor: number; score: number }[][] {
  for (const list of lists) list.sort((a, b) => compareRanked(Math.round(a.score * 10), mentorIds[a.mentor], Math.round(b.score * 10), mentorIds[b.mentor]));
  return lists;
}

/** Lists of up to `width` pairs per switcher, switcher i's from i x width on (the worker's form too). */
interface StridedLists {
  width: number;
  mentor: Int32Array;
  score: Float64Array;
  lengths: Int32Array;
}

function stridedLists(count: number, width: number): StridedLists {
  return { width, mentor: new Int32Array(count * width), score: new Float64Array(count * width), lengths: new Int32Array(count) };
}

function packRows(lists: StridedLists): PackedCandidates {
  const { width, lengths } = lists;
  const rowStart = new Int32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) rowStart[i + 1] = rowStart[i] + lengths[i];
  const packed: PackedCandidates = { rowStart, mentor: new Int32Array(rowStart[lengths.length]), score: new Float64Array(rowStart[lengths.length]) };
  for (let i = 0; i < lengths.length; i++) {
    packed.mentor.set(lists.mentor.subarray(i * width, i * width + lengths[i]), rowStart[i]);
    packed.score.set(lists.score.subarray(i * width, i * width + lengths[i]), rowStart[i]);
  }
  return packed;
}

/** A min-heap of the `capacity` largest keys seen (exact integers in doubles). */
class KeyHeap {
  private readonly keys: Float64Array;
  private size = 0;
  private limit = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
  }

  /** Empties the heap and keeps at most `limit` (<= capacity) keys from now on. */
  reset(limit: number): void {
    this.size = 0;
    this.limit = limit;
  }

  get full(): boolean {
    return this.size === this.limit;
  }

  /** The smallest key kept (meaningful when full). */
  get min(): number {
    return this.keys[0];
  }

  offer(key: number): void {
    const keys = this.keys;
    if (this.size < this.limit) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (keys[parent] <= key) break;
        keys[i] = keys[parent];
        i = parent;
      }
      keys[i] = key;
      return;
    }
    if (!(key > keys[0])) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && keys[right] < keys[left] ? right : left;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      i = child;
    }
    keys[i] = key;
  }

  /** The keys kept, in no particular order: a view that the next reset or offer changes. */
  contents(): Float64Array {
    return this.keys.subarray(0, this.size);
  }
}

/** A min-heap of at most `capacity` slots, worst (lowest score, then highest id) at the root. */
class TopHeap {
  private readonly slots: Int32Array;
  private readonly tenths: Int32Array;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly ids: readonly string[],
  ) {
    this.slots = new Int32Array(capacity);
    this.tenths = new Int32Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  get worstTenths(): number {
    return this.tenths[0];
  }

  get worstSlot(): number {
    return this.slots[0];
  }

  offer(slot: number, tenths: number): void {
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(tenths, slot, this.tenths[parent], this.slots[parent])) break;
        this.tenths[i] = this.tenths[parent];
        this.slots[i] = this.slots[parent];
        i = parent;
      }
      this.tenths[i] = tenths;
      this.slots[i] = slot;
      return;
    }
    if (!this.worse(this.tenths[0], this.slots[0], tenths, slot)) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.worse(this.tenths[right], this.slots[right], this.tenths[left], this.slots[left]) ? right : left;
      if (!this.worse(this.tenths[child], this.slots[child], tenths, slot)) break;
      this.tenths[i] = this.tenths[child];
      this.slots[i] = this.slots[child];
      i = child;
    }
    this.tenths[i] = tenths;
    this.slots[i] = slot;
  }

  /** Slots with their scores in tenths, best first. */
  sorted(): { slot: number; tenths: number }[] {
    const entries: { slot: number; tenths: number }[] = [];
    for (let i = 0; i < this.size; i++) entries.push({ slot: this.slots[i], tenths: this.tenths[i] });
    entries.sort((a, b) => compareRanked(a.tenths, this.ids[a.slot], b.tenths, this.ids[b.slot]));
    return entries;
  }

  /** a ranks strictly below b. */
  private worse(tenthsA: number, slotA: number, tenthsB: number, slotB: number): boolean {
    return compareRanked(tenthsA, this.ids[slotA], tenthsB, this.ids[slotB]) > 0;
  }
}

interface ScoreClass {
  fit: boolean;
  switched: boolean;
  first: boolean;
  /** Weighted sum of the class's constant components (fieldFit, sameSwitch, language). */
  terms: number;
  /** Bound (tenths) on the score of any mentor of the class. */
  best: number;
  fieldValue: number;
  switchValue: number;
  languageValue: number;
}

/**
 * The 8 classes of (works in the target field, switched from the current field, speaks
 * the first language), best bound first; `rest` bounds the other weighted components.
 */
function scoreClasses(w: ScoreWeights, rest: number, scale: number, slack: number): ScoreClass[] {
  const classes: ScoreClass[] = [];
  for (let combo = 0; combo < 8; combo++) {
    const fit = (combo & 1) !== 0;
    const switched = (combo & 2) !== 0;
    const first = (combo & 4) !== 0;
    const fieldValue = fieldFitValue(fit);
    const switchValue = sameSwitchValue(switched, fit);
    const language = languageValue(first);
    const terms = w.fieldFit * fieldValue + w.sameSwitch * switchValue + w.language * language;
    const best = Math.floor((rest + terms) * scale + slack);
    classes.push({ fit, switched, first, terms, best, fieldValue, switchValue, languageValue: language });
  }
  // Stable on equal bounds (combo order), so the scan order is deterministic.
  return classes.sort((a, b) => b.best - a.best);
}

/** Weighted overlap value per number of overlapping slots, 0..maxSlots (a bound table, monotone). */
function timeBounds(weight: number, maxSlots: number, weeks: number, targetMinutes: number): Float64Array {
  const table = new Float64Array(maxSlots + 1);
  for (let slots = 0; slots <= maxSlots; slots++) table[slots] = weight * timeOverlapValue(minutesPerWeek(slots, weeks), targetMinutes);
  return table;
}

function hasBit(words: Uint32Array, i: number): boolean {
  return ((words[i >>> 5] >>> (i & 31)) & 1) !== 0;
}

function setBit(words: Uint32Array, i: number): void {
  words[i >>> 5] |= 1 << (i & 31);
}

function clearBit(words: Uint32Array, i: number): void {
  words[i >>> 5] &= ~(1 << (i & 31));
}

function moveBit(words: Uint32Array, from: number, to: number): void {
  if ((words[from >>> 5] >>> (from & 31)) & 1) setBit(words, to);
  clearBit(words, from);
}

function resized<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}

function validateMentor(m: MentorFeatures): void {
  if (typeof m.id !== 'string') throw new RangeError('mentor id must be a string');
  for (const skillId of Object.keys(m.skillLevels)) {
    const level = m.skillLevels[skillId];
    if (!Number.isInteger(level) || level < 0 || level > MAX_LEVEL) {
      throw new RangeError(`mentor ${m.id}: level of skill ${skillId} must be an integer 0-${MAX_LEVEL}, got ${level}`);
    }
  }
}

function copyMentor(m: MentorFeatures): MentorFeatures {
  return {
    ...m,
    fieldIds: [...m.fieldIds],
    languages: [...m.languages],
    skillLevels: { ...m.skillLevels },
    availability: m.availability.map((window) => ({ ...window })),
    reliability: m.reliability === null ? null : { ...m.reliability },
  };
}
