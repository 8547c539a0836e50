import type { CurrentLevels, Requirement } from '@switchyard/profiles';
import { CompiledRequirements, compileRequirements, compiledReadiness, levelsByIndex } from '../../../referrals/src/readiness';

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
 * One field's open openings, laid out to rank them for many readers. A
 * field has hundreds or thousands of openings but far fewer distinct skill
 * requirements: readiness is computed once per requirement set and reader,
 * and only the openings of the best sets are looked at.
 */
export interface RankedField {
  /** Newest first. */
  openings: RankableOpening[];
  createdAt: Float64Array;
  /** Per opening: its requirement set. */
  setOf: Int32Array;
  /** Per requirement set: the requirements, and its openings' positions in tie order. */
  sets: { requirements: CompiledRequirements; openings: Int32Array }[];
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
  const setIndex = new Map<string, number>();
  const members: number[][] = [];
  const sets: { requirements: CompiledRequirements; openings: Int32Array }[] = [];
  const setOf = new Int32Array(openings.length);
  openings.forEach((opening, i) => {
    // Readiness is a sum, so the order of the skills does not matter: one set per unordered list.
    const sorted = [...opening.requirements].sort((a, b) => (a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0));
    const key = sorted.map((r) => `${r.skillId}:${r.level}:${r.weight}`).join(',');
    let set = setIndex.get(key);
    if (set === undefined) {
      set = sets.push({ requirements: compileRequirements(sorted, skillIndex), openings: new Int32Array(0) }) - 1;
      members.push([]);
      setIndex.set(key, set);
    }
    setOf[i] = set;
    members[set].push(i);
  });
  members.forEach((list, set) => (sets[set].openings = Int32Array.from(list.sort((a, b) => openings[a].tieRank - openings[b].tieRank))));
  const byReferrer = new Map<string, number[]>();
  openings.forEach((o, i) => (byReferrer.get(o.referrerId) ?? byReferrer.set(o.referrerId, []).get(o.referrerId)!).push(i));
  return {
    openings,
    createdAt: Float64Array.from(openings, (o) => o.createdAt),
    setOf,
    sets,
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
  const excluded = new Set<number>(field.byReferrer.get(reader.userId));
  for (const id of reader.requested ?? []) {
    const index = field.indexById.get(id);
    if (index !== undefined) excluded.add(index);
  }
  // Newest first: the window is the run from the first at or before `until` to the first at or before `since`.
  const from = firstAtOrBefore(field.createdAt, window.until);
  const to = Math.max(from, firstAtOrBefore(field.createdAt, window.since));
  let count = to - from;
  for (const index of excluded) if (index >= from && index < to) count--;
  const picks: OpeningPick[] = [];
  if (count === 0 || limit <= 0) return { picks, count };

  const levels = levelsByIndex(reader.levels, field.skillIndex);
  const readiness = new Float64Array(field.sets.length);
  for (let set = 0; set < field.sets.length; set++) readiness[set] = compiledReadiness(field.sets[set].requirements, levels);
  const order = Int32Array.from(field.sets.keys()).sort((a, b) => readiness[b] - readiness[a]);
  for (let k = 0; k < order.length && picks.length < limit; ) {
    // Sets equally ready for this reader: their openings merge by tie rank.
    let end = k + 1;
    while (end < order.length && readiness[order[end]] === readiness[order[k]]) end++;
    const wanted = limit - picks.length;
    const candidates: number[] = [];
    for (let j = k; j < end; j++) {
      let taken = 0;
      for (const index of field.sets[order[j]].openings) {
        if (index < from || index >= to || excluded.has(index)) continue;
        candidates.push(index);
        if (++taken === wanted) break;
      }
    }
    candidates.sort((a, b) => field.openings[a].tieRank - field.openings[b].tieRank);
    for (const index of candidates.slice(0, wanted)) picks.push({ index, readiness: readiness[order[k]] });
    k = end;
  }
  return { picks, count };
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
