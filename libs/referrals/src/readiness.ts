import type { CurrentLevels, Requirement } from '@switchyard/profiles';

/** What an opening asks of a skill its field does not list. */
export const DEFAULT_REQUIRED_LEVEL = 3;
export const DEFAULT_WEIGHT = 1;

/**
 * The requirement of each of an opening's skills: the level and weight its
 * field asks for, or the defaults when the field does not list the skill.
 */
export function openingRequirements(fieldRequirements: readonly Requirement[], skillIds: readonly string[]): Requirement[] {
  const byId = new Map(fieldRequirements.map((r) => [r.skillId, r]));
  return skillIds.map((skillId) => {
    const requirement = byId.get(skillId);
    return { skillId, level: requirement?.level ?? DEFAULT_REQUIRED_LEVEL, weight: requirement?.weight ?? DEFAULT_WEIGHT };
  });
}

/**
 * How ready a switcher is for an opening, 0..1:
 * `sum(w * min(current, required)) / sum(w * required)`, unrated skills at 0,
 * 1 when nothing is required. Rounded half up to 4 digits.
 *
 * Weights have two decimals (numeric(4, 2)), so both sums are computed as
 * integers in hundredths and divided once: the result then equals what
 * PostgreSQL's numeric `round(a / b, 4)` gives, which the ranked opening list
 * sorts and pages by. (1 - gap / maxGap via computeSkillGap would drift from
 * it by float noise at rounding boundaries.)
 */
export function referralReadiness(requirements: readonly Requirement[], current: CurrentLevels): number {
  let met = 0;
  let required = 0;
  for (const requirement of requirements) {
    const weight = Math.round(requirement.weight * 100);
    const level = Math.max(0, current.get(requirement.skillId) ?? 0);
    met += weight * Math.min(level, requirement.level);
    required += weight * requirement.level;
  }
  if (required === 0) return 1;
  return Math.round((met * 10_000) / required) / 10_000;
}

/**
 * Many requirement lists (one per opening) laid out flat against a skill
 * index, for rating many readers against many openings: list `i` is entries
 * `start[i]` to `start[i + 1]`.
 */
export interface CompiledRequirementLists {
  start: Int32Array;
  /** Positions in the reader's levels array (see `skillIndex`). */
  skills: Int32Array;
  levels: Float64Array;
  /** Weights in hundredths, as referralReadiness() counts them. */
  weights: Int32Array;
  /** Per list: sum(w * required) in hundredths. */
  required: Float64Array;
}

/** Compiles requirement lists; skills not yet in `skillIndex` are added to it. */
export function compileRequirementLists(lists: readonly (readonly Requirement[])[], skillIndex: Map<string, number>): CompiledRequirementLists {
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  const compiled: CompiledRequirementLists = {
    start: new Int32Array(lists.length + 1),
    skills: new Int32Array(total),
    levels: new Float64Array(total),
    weights: new Int32Array(total),
    required: new Float64Array(lists.length),
  };
  let at = 0;
  lists.forEach((list, i) => {
    compiled.start[i] = at;
    for (const requirement of list) {
      let index = skillIndex.get(requirement.skillId);
      if (index === undefined) skillIndex.set(requirement.skillId, (index = skillIndex.size));
      compiled.skills[at] = index;
      compiled.levels[at] = requirement.level;
      compiled.weights[at] = Math.round(requirement.weight * 100);
      compiled.required[i] += compiled.weights[at] * requirement.level;
      at++;
    }
  });
  compiled.start[lists.length] = at;
  return compiled;
}

/** The reader's levels by `skillIndex` position (unrated at 0), for compiledReadiness(). */
export function levelsByIndex(current: CurrentLevels, skillIndex: ReadonlyMap<string, number>): Float64Array {
  const levels = new Float64Array(skillIndex.size);
  for (const [skillId, level] of current) {
    const index = skillIndex.get(skillId);
    if (index !== undefined) levels[index] = Math.max(0, level);
  }
  return levels;
}

/** referralReadiness() of compiled list `list`: the same number, without a Map lookup per skill. */
export function compiledReadiness(compiled: CompiledRequirementLists, list: number, levels: Float64Array): number {
  const required = compiled.required[list];
  if (required === 0) return 1;
  let met = 0;
  for (let i = compiled.start[list], end = compiled.start[list + 1]; i < end; i++) met += compiled.weights[i] * Math.min(levels[compiled.skills[i]], compiled.levels[i]);
  return Math.round((met * 10_000) / required) / 10_000;
}
