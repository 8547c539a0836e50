import { computeSkillGap, readiness } from './skill-gap';

const req = (skillId: string, level: number, weight: number) => ({ skillId, level, weight });

describe('computeSkillGap', () => {
  it('weighs max(0, required - current) per skill and sorts by weighted gap', () => {
    const gap = computeSkillGap(
      [req('prd', 4, 2), req('ab', 3, 1.5), req('sql', 2, 1)],
      new Map([
        ['prd', 1],
        ['ab', 3],
        ['sql', 5],
      ]),
    );
    expect(gap.items).toEqual([
      { skillId: 'prd', required: 4, current: 1, gap: 3, weight: 2, weightedGap: 6 },
      { skillId: 'ab', required: 3, current: 3, gap: 0, weight: 1.5, weightedGap: 0 },
      { skillId: 'sql', required: 2, current: 5, gap: 0, weight: 1, weightedGap: 0 },
    ]);
    expect(gap.total).toBe(6);
    expect(gap.maxTotal).toBe(4 * 2 + 3 * 1.5 + 2 * 1);
  });

  it('counts unrated skills as 0', () => {
    const gap = computeSkillGap([req('prd', 4, 1), req('ab', 2, 1)], new Map());
    expect(gap.items.map((i) => [i.skillId, i.current, i.gap])).toEqual([
      ['prd', 0, 4],
      ['ab', 0, 2],
    ]);
    expect(gap.total).toBe(gap.maxTotal);
    expect(readiness(gap)).toBe(0);
  });

  it('lists zero-weight skills without counting them', () => {
    const gap = computeSkillGap([req('nice', 5, 0), req('core', 2, 1)], new Map([['core', 1]]));
    expect(gap.total).toBe(1);
    expect(gap.maxTotal).toBe(2);
    // Equal weighted gap (0 vs 1): core first; then the zero-weight one with its raw gap still shown.
    expect(gap.items.map((i) => [i.skillId, i.gap, i.weightedGap])).toEqual([
      ['core', 1, 1],
      ['nice', 5, 0],
    ]);
  });

  it('breaks ties by raw gap, then by requirement order', () => {
    const gap = computeSkillGap([req('a', 2, 1), req('b', 4, 0.5), req('c', 2, 1)], new Map());
    expect(gap.items.map((i) => i.skillId)).toEqual(['b', 'a', 'c']);
  });

  it('handles a field with no requirements', () => {
    const gap = computeSkillGap([], new Map([['x', 3]]));
    expect(gap).toEqual({ total: 0, maxTotal: 0, items: [] });
    expect(readiness(gap)).toBe(1);
  });

  it('keeps float sums clean', () => {
    const gap = computeSkillGap([req('a', 1, 0.1), req('b', 1, 0.2)], new Map());
    expect(gap.total).toBe(0.3);
    expect(readiness(computeSkillGap([req('a', 4, 1)], new Map([['a', 3]])))).toBe(0.75);
  });
});
