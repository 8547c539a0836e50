import type { CurrentLevels } from './skill-gap';
import { FieldInfo, Locale, TaxonomySnapshot, localName } from './taxonomy/taxonomy.types';

export interface Axis {
  key: string;
  label: string;
  current: number;
  required: number;
}

/** Up to this many requirements a radar shows one axis per skill; above it, one per dimension. */
export const MAX_SKILL_AXES = 12;

/**
 * The axes of a switcher's radar for a field. Per dimension, levels are the
 * weight-averaged levels of the field's skills in it (a plain average where
 * every weight is 0), so a dimension reads on the same 0-5 scale as a skill.
 */
export function radarAxes(field: FieldInfo, taxonomy: TaxonomySnapshot, current: CurrentLevels, locale: Locale): Axis[] {
  if (field.requirements.length <= MAX_SKILL_AXES) {
    return field.requirements.map((r) => {
      const skill = taxonomy.skillById.get(r.skillId)!;
      return { key: skill.slug, label: localName(skill, locale), current: current.get(r.skillId) ?? 0, required: r.level };
    });
  }
  const groups = new Map<string, { weight: number; current: number; required: number; count: number; plainCurrent: number; plainRequired: number }>();
  for (const r of field.requirements) {
    const dimensionId = taxonomy.skillById.get(r.skillId)!.dimensionId;
    const level = current.get(r.skillId) ?? 0;
    const group = groups.get(dimensionId) ?? { weight: 0, current: 0, required: 0, count: 0, plainCurrent: 0, plainRequired: 0 };
    group.weight += r.weight;
    group.current += r.weight * level;
    group.required += r.weight * r.level;
    group.count += 1;
    group.plainCurrent += level;
    group.plainRequired += r.level;
    groups.set(dimensionId, group);
  }
  return taxonomy.dimensions
    .filter((d) => groups.has(d.id))
    .map((d) => {
      const g = groups.get(d.id)!;
      const [currentLevel, requiredLevel] =
        g.weight > 0 ? [g.current / g.weight, g.required / g.weight] : [g.plainCurrent / g.count, g.plainRequired / g.count];
      return { key: d.slug, label: localName(d, locale), current: round1(currentLevel), required: round1(requiredLevel) };
    });
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
