/**
 * The skill gap of a switcher against a target field: plain arithmetic over
 * plain data, shared by profiles, matching and referrals.
 */
export interface Requirement {
  skillId: string;
  level: number;
  weight: number;
}

export interface SkillGapItem {
  skillId: string;
  required: number;
  current: number;
  gap: number;
  weight: number;
  weightedGap: number;
}

export interface SkillGap {
  /** Sum of weight x gap over the field's requirements. */
  total: number;
  /** The total of someone who rated every required skill 0. */
  maxTotal: number;
  /** Largest weighted gap first; ties by raw gap, then in requirement order. */
  items: SkillGapItem[];
}

/** Levels the switcher rated, by skill id; unrated skills count as 0. */
export type CurrentLevels = ReadonlyMap<string, number>;

export function computeSkillGap(requirements: readonly Requirement[], current: CurrentLevels): SkillGap {
  let total = 0;
  let maxTotal = 0;
  const items = requirements.map((requirement, index) => {
    const level = current.get(requirement.skillId) ?? 0;
    const gap = Math.max(0, requirement.level - level);
    const weightedGap = round(gap * requirement.weight);
    total += gap * requirement.weight;
    maxTotal += requirement.level * requirement.weight;
    return { index, item: { skillId: requirement.skillId, required: requirement.level, current: level, gap, weight: requirement.weight, weightedGap } };
  });
  items.sort((a, b) => b.item.weightedGap - a.item.weightedGap || b.item.gap - a.item.gap || a.index - b.index);
  return { total: round(total), maxTotal: round(maxTotal), items: items.map((entry) => entry.item) };
}

/** Share of the gap already closed, 0..1 (1 when the field asks for nothing). */
export function readiness(gap: SkillGap): number {
  return gap.maxTotal === 0 ? 1 : round(1 - gap.total / gap.maxTotal, 4);
}

// Weights are reals; keep sums free of float noise such as 7.000000000000001.
function round(value: number, digits = 6): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
