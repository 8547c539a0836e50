import { radarAxes } from './radar-axes';
import { TaxonomySnapshot } from './taxonomy/taxonomy.types';

function taxonomy(skillCount: number) {
  const dimensions = [
    { id: 'd1', slug: 'business', nameEn: 'Business', nameZh: '商业', position: 0 },
    { id: 'd2', slug: 'engineering', nameEn: 'Engineering', nameZh: '工程', position: 1 },
  ];
  const skills = Array.from({ length: skillCount }, (_, i) => ({
    id: `s${i}`,
    slug: `skill-${i}`,
    dimensionId: i % 2 === 0 ? 'd1' : 'd2',
    nameEn: `Skill ${i}`,
    nameZh: `技能${i}`,
    position: i,
  }));
  const field = {
    id: 'f',
    slug: 'ai-pm',
    nameEn: 'AI PM',
    nameZh: 'AI 产品经理',
    position: 0,
    requirements: skills.map((s, i) => ({ skillId: s.id, level: 4, weight: i < 2 ? 0 : 1 })),
  };
  return { snapshot: new TaxonomySnapshot(dimensions, skills, [field]), field };
}

describe('radarAxes', () => {
  it('uses one axis per skill for fields of 12 or fewer requirements', () => {
    const { snapshot, field } = taxonomy(12);
    const axes = radarAxes(field, snapshot, new Map([['s0', 3]]), 'zh-CN');
    expect(axes).toHaveLength(12);
    expect(axes[0]).toEqual({ key: 'skill-0', label: '技能0', current: 3, required: 4 });
    expect(axes[1].current).toBe(0);
  });

  it('groups by dimension above 12, weight-averaged', () => {
    const { snapshot, field } = taxonomy(14);
    // Business holds s0 (weight 0), s2, s4 ... s12 (weight 1 each).
    const axes = radarAxes(field, snapshot, new Map([['s0', 5], ['s2', 2], ['s4', 4]]), 'en');
    expect(axes.map((a) => a.key)).toEqual(['business', 'engineering']);
    expect(axes[0]).toEqual({ key: 'business', label: 'Business', current: 1, required: 4 }); // (2 + 4) / 6, s0 has no weight
    expect(axes[1].current).toBe(0);
  });
});
