import fc from 'fast-check';
import { DEFAULT_REQUIRED_LEVEL, DEFAULT_WEIGHT, compileRequirementLists, compiledReadiness, levelsByIndex, openingRequirements, referralReadiness } from './readiness';

const levels = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('openingRequirements', () => {
  const field = [
    { skillId: 'prd', level: 4, weight: 2 },
    { skillId: 'llm', level: 5, weight: 0.35 },
    { skillId: 'sql', level: 2, weight: 1 },
  ];

  it("takes the field's level and weight for listed skills and the defaults for others, in the opening's order", () => {
    expect(openingRequirements(field, ['llm', 'pricing', 'prd'])).toEqual([
      { skillId: 'llm', level: 5, weight: 0.35 },
      { skillId: 'pricing', level: DEFAULT_REQUIRED_LEVEL, weight: DEFAULT_WEIGHT },
      { skillId: 'prd', level: 4, weight: 2 },
    ]);
    expect(DEFAULT_REQUIRED_LEVEL).toBe(3);
    expect(DEFAULT_WEIGHT).toBe(1);
  });

  it('ignores field requirements the opening does not ask for', () => {
    expect(openingRequirements(field, ['sql'])).toEqual([{ skillId: 'sql', level: 2, weight: 1 }]);
  });
});

describe('referralReadiness', () => {
  const requirements = [
    { skillId: 'prd', level: 4, weight: 2 },
    { skillId: 'pricing', level: 3, weight: 1 },
  ];

  it('is sum(w * min(current, required)) / sum(w * required), unrated skills at 0', () => {
    // (2 * 2 + 1 * 0) / (2 * 4 + 1 * 3) = 4 / 11
    expect(referralReadiness(requirements, levels({ prd: 2 }))).toBe(0.3636);
    expect(referralReadiness(requirements, levels({}))).toBe(0);
  });

  it('does not reward levels above the requirement', () => {
    expect(referralReadiness(requirements, levels({ prd: 5, pricing: 5 }))).toBe(1);
    // The surplus in prd does not make up for the missing pricing: 8 / 11.
    expect(referralReadiness(requirements, levels({ prd: 5 }))).toBe(0.7273);
  });

  it('ignores ratings of skills the opening does not ask for', () => {
    expect(referralReadiness(requirements, levels({ prd: 2, llm: 5 }))).toBe(referralReadiness(requirements, levels({ prd: 2 })));
  });

  it('is 1 when nothing is required (no skills, or all at level 0 or weight 0)', () => {
    expect(referralReadiness([], levels({}))).toBe(1);
    expect(referralReadiness([{ skillId: 'prd', level: 0, weight: 2 }], levels({}))).toBe(1);
    expect(referralReadiness([{ skillId: 'prd', level: 4, weight: 0 }], levels({}))).toBe(1);
  });

  it('rounds exact halves up at the fourth digit, like PostgreSQL numeric round(), despite decimal weights', () => {
    // 1 / 32 = 0.03125 exactly: half up gives 0.0313.
    expect(
      referralReadiness(
        [
          { skillId: 'a', level: 1, weight: 1 },
          { skillId: 'b', level: 1, weight: 31 },
        ],
        levels({ a: 1 }),
      ),
    ).toBe(0.0313);
    // 0.35 and 0.7 are not exact binary fractions; the sums still are: (0.35 * 3) / (0.35 * 3 + 0.7 * 3) = 1 / 3.
    expect(
      referralReadiness(
        [
          { skillId: 'a', level: 3, weight: 0.35 },
          { skillId: 'b', level: 3, weight: 0.7 },
        ],
        levels({ a: 3 }),
      ),
    ).toBe(0.3333);
  });

  it('stays within 0..1 for out-of-range levels', () => {
    expect(referralReadiness(requirements, levels({ prd: -2, pricing: 9 }))).toBeCloseTo(3 / 11, 4);
  });
});

describe('compiledReadiness', () => {
  it('equals referralReadiness for any requirements and levels', () => {
    const skill = fc.constantFrom('prd', 'llm', 'sql', 'pricing', 'evals', 'ux');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ skillId: skill, level: fc.integer({ min: 0, max: 5 }), weight: fc.integer({ min: 0, max: 500 }).map((w) => w / 100) }), {
          selector: (r) => r.skillId,
          maxLength: 6,
        }),
        fc.dictionary(skill, fc.integer({ min: -1, max: 5 })),
        (requirements, ratings) => {
          const index = new Map<string, number>([['unrelated', 0]]);
          // The list between two others: its bounds in the flat arrays must be its own.
          const lists = [[{ skillId: 'prd', level: 3, weight: 1 }], requirements, [{ skillId: 'ux', level: 5, weight: 2 }]];
          const compiled = compileRequirementLists(lists, index);
          const current = levels(ratings);
          lists.forEach((list, i) => expect(compiledReadiness(compiled, i, levelsByIndex(current, index))).toBe(referralReadiness(list, current)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
