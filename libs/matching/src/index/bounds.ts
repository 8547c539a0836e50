/**
 * Cheap bounds for RecommendationIndex.candidateLists, as plain functions over
 * typed arrays. They only prune: every kept score is recomputed exactly.
 *
 * - Gap coverage: the levels of 3 gap items make one code (l0 + 6 l1 + 36 l2), and
 *   a per-switcher table gives the 3 items' summed terms per code, so a mentor's
 *   covered weight is a handful of lookups. The result is the exact sum up to
 *   float rounding (another association order), which coverageAllowance covers.
 * - Overlap: per person an hour-of-week mask folded over the horizon's weeks. Two
 *   people without a common hour share no slot; otherwise they share at most
 *   4 slots per common hour and week.
 */
import { SLOTS_PER_WEEK } from '../score/overlap';

export const MAX_LEVEL = 5;
export const LEVELS = MAX_LEVEL + 1;
export const SLOTS_PER_HOUR = 4;
/** Words of an hour-of-week mask (168 bits). */
export const HOUR_WORDS = Math.ceil(SLOTS_PER_WEEK / SLOTS_PER_HOUR / 32);

export const GROUP_ITEMS = 3;
export const GROUP_CODES = LEVELS ** GROUP_ITEMS;

/**
 * Per group of GROUP_ITEMS items and per code, the sum of the items' terms at the coded levels,
 * into `table` (at least groupCount x GROUP_CODES long). `terms` holds groupCount x GROUP_ITEMS
 * items' terms, those past the gap's items zero.
 */
export function groupTable(terms: Float64Array, groupCount: number, table: Float64Array): Float64Array {
  // Code l0 + 6 l1 + 36 l2 (GROUP_ITEMS = 3).
  for (let g = 0, code = 0; g < groupCount; g++) {
    const base = g * GROUP_ITEMS * LEVELS;
    for (let l2 = 0; l2 < LEVELS; l2++) {
      for (let l1 = 0; l1 < LEVELS; l1++) {
        const upper = terms[base + LEVELS + l1] + terms[base + 2 * LEVELS + l2];
        for (let l0 = 0; l0 < LEVELS; l0++) table[code++] = terms[base + l0] + upper;
      }
    }
  }
  return table;
}

/** Covered weight of a mentor: the items' terms summed one by one, in list order (the reference's floats). */
export function exactCoverage(terms: Float64Array, itemCount: number, levels: Uint8Array, row: number, columns: Int32Array): number {
  let covered = 0;
  for (let j = 0; j < itemCount; j++) covered += terms[j * LEVELS + levels[row + columns[j]]];
  return covered;
}

/**
 * What to add to a groupTable sum so that it is never below the exact sum of the same
 * terms: two float sums of n terms differ from the real sum by at most (n - 1) x 2^-53
 * x (sum of |terms|) each; this allows 16 times that. `magnitude` bounds the sum of
 * |terms| (per item, its largest |term|).
 */
export function coverageAllowance(magnitude: number, itemCount: number): number {
  return magnitude * (itemCount + 1) * 2 ** -48;
}

/** ORs the slot bits of `count` availability words into an hour-of-week mask (bit h = hour h of some week). */
export function foldHours(words: Uint32Array, offset: number, count: number, out: Uint32Array, outOffset: number): void {
  // A week is a whole number of words (672 slots = 21 words) and a word a whole number of
  // hours (8), so each 4-bit nibble of a word is one hour of the week.
  for (let w = 0; w < count; w++) {
    const bits = words[offset + w];
    if (bits === 0) continue;
    const firstHour = ((w * 32) % SLOTS_PER_WEEK) / SLOTS_PER_HOUR;
    for (let h = 0; h < 32 / SLOTS_PER_HOUR; h++) {
      if (((bits >>> (h * SLOTS_PER_HOUR)) & 0xf) === 0) continue;
      const hour = firstHour + h;
      out[outOffset + (hour >>> 5)] |= 1 << (hour & 31);
    }
  }
}

/** Hours of the week in which both the mentor in `slot` and the switcher are available. */
export function commonHours(hours: Uint32Array, slot: number, switcherHours: Uint32Array): number {
  let common = 0;
  for (let q = 0, row = slot * HOUR_WORDS; q < HOUR_WORDS; q++) {
    const both = hours[row + q] & switcherHours[q];
    if (both !== 0) common += popcount(both);
  }
  return common;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
