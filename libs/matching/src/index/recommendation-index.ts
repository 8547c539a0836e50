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
  type ScoreOptions,
} from '../score/values';

export interface RecommendationIndexOptions {
  /** Start of the overlap horizon; topK options must use the same horizon. */
  weekStart: Date;
  weeks: number;
  /** Known ids, to pre-size the dictionaries; unknown ids met later are added. */
  skillIds: string[];
  fieldIds: string[];
  languages?: string[];
}

const MAX_LEVEL = 5;
const MAX_TENTHS = 1000;
const MIN_SLOTS = 64;
const LEVELS = MAX_LEVEL + 1;
/** Skill number of the all-zero column: skills no mentor has. */
const UNKNOWN_SKILL = 0;

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

  // Query scratch, reused (sized with the slots).
  private eligible = new Uint32Array(0);
  private candidateSlots = new Int32Array(0);
  private bounds = new Uint16Array(0);
  private order = new Int32Array(0);
  private readonly bucketStart = new Int32Array(MAX_TENTHS + 2);
  private readonly switcherWords: Uint32Array;
  private readonly nonZeroWords: Int32Array;

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

  /** Steps 1-3 of topK: the k best slots with their exact scores in tenths, best first. */
  private rank(s: SwitcherFeatures, k: number, options: ScoreOptions): { slot: number; tenths: number }[] {
    const resolved = resolveOptions(options);
    if (resolved.horizon.startMs !== this.horizon.startMs || resolved.horizon.weeks !== this.horizon.weeks) {
      throw new RangeError(
        `options describe the horizon ${new Date(resolved.horizon.startMs).toISOString()} + ${resolved.horizon.weeks} weeks, ` +
          `but the index was built for ${new Date(this.horizon.startMs).toISOString()} + ${this.horizon.weeks} weeks`,
      );
    }
    let limit = Math.floor(k);
    if (!(limit > 0) || this.count === 0) return [];
    if (limit > this.count) limit = this.count;
    const n = this.count;
    const nWords = (n + 31) >>> 5;

    // 1. Hard filters.
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
    if (!anyLanguage) return [];
    const open = this.open;
    for (let w = 0; w < nWords; w++) eligible[w] &= open[w];
    const self = this.slotOf.get(s.id);
    if (self !== undefined) clearBit(eligible, self);
    for (const id of s.excludedMentorIds) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) clearBit(eligible, slot);
    }

    // The switcher's availability over the horizon, as words and the list of non-zero ones.
    const switcherWords = this.switcherWords;
    switcherWords.fill(0);
    setRangeBits(expandWindows(s.timeZone, s.preferredWindows, this.horizon), switcherWords, 0);
    const nonZero = this.nonZeroWords;
    let nonZeroCount = 0;
    let switcherSlots = 0;
    for (let w = 0; w < switcherWords.length; w++) {
      if (switcherWords[w] !== 0) {
        nonZero[nonZeroCount++] = w;
        switcherSlots += popcount(switcherWords[w]);
      }
    }

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

    const targetNumber = this.fieldIndex.get(s.targetFieldId);
    const firstNumber = s.languages.length > 0 ? this.languageIndex.get(s.languages[0]) : undefined;
    const currentNumber = s.currentFieldId === null ? undefined : this.fieldIndex.get(s.currentFieldId);
    const fitColumn = targetNumber === undefined ? null : this.fieldColumns[targetNumber];
    const switchedColumn = currentNumber === undefined ? null : this.switchedColumns[currentNumber];
    const firstColumn = firstNumber === undefined ? null : this.languageColumns[firstNumber];
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
    // Weighted overlap bound per min(mentor slots, switcher slots).
    const timeBound = new Float64Array(switcherSlots + 1);
    for (let slots = 0; slots <= switcherSlots; slots++) timeBound[slots] = w.timeOverlap * timeOverlapValue(minutesPerWeek(slots, weeks), target);
    const wGap = w.gapCoverage;
    const wLoad = w.load;
    const wReliability = w.reliability;

    // 2. Mentors fall into 8 classes by (works in the target field, switched from the
    //    current field, speaks the first language): within a class those components are
    //    constant. Classes are scanned best bound first, and skipped once the heap's
    //    worst score beats the best any of their mentors could get.
    const classes: { combo: number; terms: number; best: number }[] = [];
    for (let combo = 0; combo < 8; combo++) {
      const fit = (combo & 1) !== 0;
      const terms = w.fieldFit * fieldFitValue(fit) + w.sameSwitch * sameSwitchValue((combo & 2) !== 0, fit) + w.language * languageValue((combo & 4) !== 0);
      const best = Math.floor((wGap + terms + timeBound[switcherSlots] + wLoad + wReliability) * scale + slack);
      classes.push({ combo, terms, best });
    }
    classes.sort((a, b) => b.best - a.best || a.combo - b.combo);

    let eligibleCount = 0;
    for (let word = 0; word < nWords; word++) if (eligible[word] !== 0) eligibleCount += popcount(eligible[word]);
    if (eligibleCount === 0) return [];
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

    for (const { combo, terms: classTerms, best } of classes) {
      if (heap.full && best < heap.worstTenths) break;
      const fit = (combo & 1) !== 0;
      const switched = (combo & 2) !== 0;
      const first = (combo & 4) !== 0;
      if ((fit && fitColumn === null) || (switched && switchedColumn === null) || (first && firstColumn === null)) continue;
      const fieldValue = fieldFitValue(fit);
      const switchValue = sameSwitchValue(switched, fit);
      const languageV = languageValue(first);
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
          if (heap.full) {
            const sum = wGap * gapValue + classTerms + timeBound[mentorSlots < switcherSlots ? mentorSlots : switcherSlots] + wLoad * load[slot] + wReliability * reliability[slot];
            const bound = Math.floor(sum * scale + slack);
            if (bound < heap.worstTenths || (bound === heap.worstTenths && ids[slot] > ids[heap.worstSlot])) continue;
          }
          let overlap = 0;
          if (mentorSlots !== 0) {
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

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
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
