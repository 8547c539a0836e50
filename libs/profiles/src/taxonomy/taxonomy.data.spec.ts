import { TAXONOMY } from './taxonomy.data';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const value of values.map((v) => v.toLowerCase())) {
    if (seen.has(value)) dup.add(value);
    seen.add(value);
  }
  return [...dup];
}

describe('TAXONOMY', () => {
  const { dimensions, skills, fields } = TAXONOMY;
  const dimensionSlugs = new Set(dimensions.map((d) => d.slug));
  const skillSlugs = new Set(skills.map((s) => s.slug));

  it('has the brief dimensions in order, plus engineering', () => {
    expect(dimensions.map((d) => d.slug)).toEqual([
      'ai-technical-judgement',
      'product-design',
      'business',
      'cross-functional-collaboration',
      'product-fundamentals',
      'ai-fundamentals',
      'domain',
      'engineering',
    ]);
  });

  it('has slugs that are unique case-insensitively within each kind', () => {
    expect(duplicates(dimensions.map((d) => d.slug))).toEqual([]);
    expect(duplicates(skills.map((s) => s.slug))).toEqual([]);
    expect(duplicates(fields.map((f) => f.slug))).toEqual([]);
  });

  it('uses lower-case kebab-case slugs', () => {
    const bad = [...dimensions, ...skills, ...fields].map((x) => x.slug).filter((slug) => !SLUG.test(slug));
    expect(bad).toEqual([]);
  });

  it('puts every skill in an existing dimension and leaves no dimension empty', () => {
    expect(skills.filter((s) => !dimensionSlugs.has(s.dimension)).map((s) => s.slug)).toEqual([]);
    const used = new Set(skills.map((s) => s.dimension));
    expect(dimensions.filter((d) => !used.has(d.slug)).map((d) => d.slug)).toEqual([]);
  });

  it('has enough skills and fields, with AI product management first', () => {
    expect(skills.length).toBeGreaterThanOrEqual(30);
    expect(fields.length).toBeGreaterThanOrEqual(6);
    expect(fields[0].slug).toBe('ai-product-management');
    for (const slug of ['backend-engineering', 'frontend-engineering', 'data-analysis', 'project-management']) {
      expect(fields.map((f) => f.slug)).toContain(slug);
    }
  });

  it('names everything in English and Chinese', () => {
    for (const item of [...dimensions, ...skills, ...fields]) {
      expect({ slug: item.slug, en: item.en.trim().length > 0 }).toEqual({ slug: item.slug, en: true });
      expect({ slug: item.slug, zh: CJK.test(item.zh) }).toEqual({ slug: item.slug, zh: true });
    }
  });

  describe.each(fields.map((f) => [f.slug, f] as const))('field %s', (_slug, field) => {
    it('requires only existing skills, each once', () => {
      expect(field.requirements.filter((r) => !skillSlugs.has(r.skill)).map((r) => r.skill)).toEqual([]);
      expect(duplicates(field.requirements.map((r) => r.skill))).toEqual([]);
    });

    it('has integer levels 0-5 and weights 0-10', () => {
      for (const r of field.requirements) {
        expect(Number.isInteger(r.level) && r.level >= 0 && r.level <= 5).toBe(true);
        expect(Number.isFinite(r.weight) && r.weight >= 0 && r.weight <= 10).toBe(true);
      }
    });

    it('has 8-25 requirements, some of them counted', () => {
      expect(field.requirements.length).toBeGreaterThanOrEqual(8);
      expect(field.requirements.length).toBeLessThanOrEqual(25);
      expect(field.requirements.some((r) => r.weight > 0 && r.level > 0)).toBe(true);
    });
  });

  it('gives the radar both shapes: AI PM by dimension (>12 skills), some field per skill (<=12)', () => {
    expect(fields[0].requirements.length).toBeGreaterThan(12);
    expect(fields.some((f) => f.requirements.length <= 12)).toBe(true);
  });

  it('weights AI PM towards product, business, collaboration and AI judgement, not engineering', () => {
    const dimensionOf = new Map(skills.map((s) => [s.slug, s.dimension]));
    const weightBy = new Map<string, number>();
    for (const r of fields[0].requirements) {
      const d = dimensionOf.get(r.skill)!;
      weightBy.set(d, (weightBy.get(d) ?? 0) + r.weight);
    }
    const engineering = weightBy.get('engineering') ?? 0;
    for (const d of ['ai-technical-judgement', 'product-design', 'business', 'cross-functional-collaboration']) {
      expect(weightBy.get(d) ?? 0).toBeGreaterThan(engineering);
    }
  });
});
