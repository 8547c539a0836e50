import type { CurrentLevels, Requirement } from '@switchyard/profiles';
import { CompiledRequirementLists, compileRequirementLists, compiledReadiness, levelsByIndex } from '../../../referrals/src/readiness';

export interface RankableOpening {
  id: string;
  referrerId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  requirements: readonly Requirement[];
  /** Position in the tie order among equally ready openings (closing soonest, then id). */
  tieRank: number;
}

/**
 * One field's open openings, laid out to rank them for many readers: a
 * field can have thousands, and a digest run rates each of them for each of
 * its switchers, so the loop reads flat typed arrays only.
 */
export interface RankedField {
  /** Newest first. */
  openings: RankableOpening[];
  createdAt: Float64Array;
  tieRank: Int32Array;
  requirements: CompiledRequirementLists;
  skillIndex: Map<string, number>;
  indexById: Map<string, number>;
  byReferrer: Map<string, number[]>;
}

export interface OpeningPick {
  /** Position in `RankedField.openings`. */
  index: number;
  readiness: number;
}

export function rankableField(unordered: readonly RankableOpening[]): RankedField {
  const openings = [...unordered].sort((a, b) => b.createdAt - a.createdAt || a.tieRank - b.tieRank);
  const skillIndex = new Map<string, number>();
  const byReferrer = new Map<string, number[]>();
  openings.forEach((o, i) => (byReferrer.get(o.referrerId) ?? byReferrer.set(o.referrerId, []).get(o.referrerId)!).push(i));
  return {
    openings,
    createdAt: Float64Array.from(openings, (o) => o.createdAt),
    tieRank: Int32Array.from(openings, (o) => o.tieRank),
    requirements: compileRequirementLists(
      openings.map((o) => o.requirements),
      skillIndex,
    ),
    skillIndex,
    indexById: new Map(openings.map((o, i) => [o.id, i])),
    byReferrer,
  };
}

/**
 * The reader's best `limit` openings created in (since, until], readiness
 * high to low and then the tie order, leaving out their own and those in
 * `requested`; and how many there are in all.
 */
export function topOpenings(
  field: RankedField,
  reader: { userId: string; levels: CurrentLevels; requested?: ReadonlySet<string> },
  window: { since: number; until: number },
  limit: number,
): { picks: OpeningPick[]; count: number } {
  let excluded: Set<number> | undefined;
  const own = field.byReferrer.get(reader.userId);
  if (own || reader.requested?.size) {
    excluded = new Set(own);
    for (const id of reader.requested ?? []) {
      const index = field.indexById.get(id);
      if (index !== undefined) excluded.add(index);
    }
  }
  // Newest first: the window is the run from the first at or before `until` to the first at or before `since`.
  const from = firstAtOrBefore(field.createdAt, window.until);
  const to = Math.max(from, firstAtOrBefore(field.createdAt, window.since));
  const levels = levelsByIndex(reader.levels, field.skillIndex);
  const { tieRank, requirements } = field;
  // The best so far, best first, in parallel arrays.
  const bestIndex: number[] = [];
  const bestReadiness: number[] = [];
  let count = 0;
  for (let i = from; i < to; i++) {
    if (excluded?.has(i)) continue;
    count++;
    const readiness = compiledReadiness(requirements, i, levels);
    let at = bestIndex.length;
    // Better than the last kept (higher readiness, or as ready and earlier in the tie order)?
    while (at > 0 && (readiness > bestReadiness[at - 1] || (readiness === bestReadiness[at - 1] && tieRank[i] < tieRank[bestIndex[at - 1]]))) at--;
    if (at >= limit) continue;
    bestIndex.splice(at, 0, i);
    bestReadiness.splice(at, 0, readiness);
    if (bestIndex.length > limit) {
      bestIndex.pop();
      bestReadiness.pop();
    }
  }
  return { picks: bestIndex.map((index, k) => ({ index, readiness: bestReadiness[k] })), count };
}
/** The first position whose value is at or before `at`, in an array sorted newest first. */
function firstAtOrBefore(createdAt: Float64Array, at: number): number {
  let lo = 0;
  let hi = createdAt.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (createdAt[mid] > at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
