import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

/** What the taxonomy cache holds: small, read on every profile request. */
export interface DimensionInfo {
  id: string;
  slug: string;
  nameEn: string;
  nameZh: string;
  position: number;
}

export interface SkillInfo {
  id: string;
  slug: string;
  dimensionId: string;
  nameEn: string;
  nameZh: string;
  position: number;
}

export interface RequirementInfo {
  skillId: string;
  level: number;
  weight: number;
}

export interface FieldInfo {
  id: string;
  slug: string;
  nameEn: string;
  nameZh: string;
  position: number;
  requirements: RequirementInfo[];
}

export class TaxonomySnapshot {
  readonly dimensionById = new Map<string, DimensionInfo>();
  readonly skillById = new Map<string, SkillInfo>();
  readonly skillBySlug = new Map<string, SkillInfo>();
  readonly fieldById = new Map<string, FieldInfo>();
  readonly fieldBySlug = new Map<string, FieldInfo>();

  constructor(
    readonly dimensions: DimensionInfo[],
    readonly skills: SkillInfo[],
    readonly fields: FieldInfo[],
  ) {
    for (const d of dimensions) this.dimensionById.set(d.id, d);
    for (const s of skills) {
      this.skillById.set(s.id, s);
      this.skillBySlug.set(s.slug.toLowerCase(), s);
    }
    for (const f of fields) {
      this.fieldById.set(f.id, f);
      this.fieldBySlug.set(f.slug.toLowerCase(), f);
    }
  }

  skill(slug: string): SkillInfo | undefined {
    return this.skillBySlug.get(slug.trim().toLowerCase());
  }

  field(slug: string): FieldInfo | undefined {
    return this.fieldBySlug.get(slug.trim().toLowerCase());
  }
}

export type Locale = 'en' | 'zh-CN';

export function localName(thing: { nameEn: string; nameZh: string }, locale: Locale): string {
  return locale === 'zh-CN' ? thing.nameZh : thing.nameEn;
}

@ObjectType('SkillDimension')
export class SkillDimensionType {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field({ description: "In the viewer's locale" }) name!: string;
  @Field() nameEn!: string;
  @Field() nameZh!: string;
}

@ObjectType('Skill')
export class SkillType {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field({ description: "In the viewer's locale" }) name!: string;
  @Field({ description: 'Slug of the skill dimension, e.g. "product-design"' }) dimension!: string;
  @Field({ description: "The dimension's name in the viewer's locale" }) dimensionName!: string;
  @Field() nameEn!: string;
  @Field() nameZh!: string;
}

@ObjectType('SkillRequirement')
export class SkillRequirementType {
  @Field(() => SkillType) skill!: SkillType;
  @Field(() => Int) level!: number;
  @Field(() => Float) weight!: number;
}

@ObjectType('Field')
export class FieldType {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field({ description: "In the viewer's locale" }) name!: string;
  @Field() nameEn!: string;
  @Field() nameZh!: string;
  @Field(() => [SkillRequirementType]) requirements!: SkillRequirementType[];
}

/** Maps cached taxonomy to GraphQL objects with names in the viewer's locale. */
export class TaxonomyView {
  private readonly skills = new Map<string, SkillType>();
  private readonly fields = new Map<string, FieldType>();

  constructor(
    readonly snapshot: TaxonomySnapshot,
    readonly locale: Locale,
  ) {}

  skill(id: string): SkillType {
    let view = this.skills.get(id);
    if (!view) {
      const skill = this.snapshot.skillById.get(id);
      if (!skill) throw new Error(`skill ${id} is not in the taxonomy`);
      const dimension = this.snapshot.dimensionById.get(skill.dimensionId)!;
      view = {
        id: skill.id,
        slug: skill.slug,
        name: localName(skill, this.locale),
        nameEn: skill.nameEn,
        nameZh: skill.nameZh,
        dimension: dimension.slug,
        dimensionName: localName(dimension, this.locale),
      };
      this.skills.set(id, view);
    }
    return view;
  }

  field(id: string): FieldType {
    let view = this.fields.get(id);
    if (!view) {
      const field = this.snapshot.fieldById.get(id);
      if (!field) throw new Error(`field ${id} is not in the taxonomy`);
      view = {
        id: field.id,
        slug: field.slug,
        name: localName(field, this.locale),
        nameEn: field.nameEn,
        nameZh: field.nameZh,
        requirements: field.requirements.map((r) => ({ skill: this.skill(r.skillId), level: r.level, weight: r.weight })),
      };
      this.fields.set(id, view);
    }
    return view;
  }

  dimension(info: DimensionInfo): SkillDimensionType {
    return { id: info.id, slug: info.slug, name: localName(info, this.locale), nameEn: info.nameEn, nameZh: info.nameZh };
  }
}
