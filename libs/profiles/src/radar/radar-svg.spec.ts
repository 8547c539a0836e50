import { DOMParser, Element as El } from '@xmldom/xmldom';
import { describeRadar, RadarAxis, RadarChartInput, renderRadarSvg, wrapText } from './radar-svg';
import { EXAMPLE_RADAR, renderExample } from './render-example';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Parses strictly: any warning or error from the XML parser fails the test. */
function parse(svg: string): { documentElement: El } {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(svg, 'image/svg+xml');
  expect(problems).toEqual([]);
  expect(doc.documentElement).not.toBeNull();
  return { documentElement: doc.documentElement! };
}

function all(root: El, tag: string): El[] {
  return Array.from(root.getElementsByTagName(tag)) as El[];
}

function byClass(root: El, cls: string): El[] {
  return Array.from(root.getElementsByTagName('*')).filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(cls)) as El[];
}

/** The visible text of a legend entry (the group also holds its swatch). */
function legendText(root: El, cls: string): string | null {
  return all(byClass(root, cls)[0], 'text')[0].textContent;
}

function childElements(el: El): El[] {
  return Array.from(el.childNodes).filter((n) => n.nodeType === 1) as El[];
}

function pointsOf(polygon: El): [number, number][] {
  return polygon
    .getAttribute('points')!
    .split(' ')
    .map((p) => p.split(',').map(Number) as [number, number]);
}

/** Outer ring radius, read from the first vertex of the level-5 ring (at 12 o'clock). */
function outerRadius(root: El): number {
  const ring = byClass(root, 'ring-5')[0];
  if (ring.tagName === 'circle') return Number(ring.getAttribute('r'));
  const m = /^M(-?[\d.]+),(-?[\d.]+)/.exec(ring.getAttribute('d')!)!;
  expect(Number(m[1])).toBe(0);
  return -Number(m[2]);
}

function axes(values: [string, number, number][]): RadarAxis[] {
  return values.map(([label, current, required], i) => ({ key: `k${i}`, label, current, required }));
}

const TWELVE: RadarChartInput = {
  title: 'Lin Wei → AI Product Management',
  locale: 'en',
  axes: axes([
    ['PRD writing', 1, 4],
    ['A/B testing', 2, 4],
    ['SQL', 4, 3],
    ['User research', 2, 3.5],
    ['Roadmapping', 3, 4],
    ['Stakeholder management', 4, 4],
    ['Prompt engineering', 5, 3],
    ['LLM evaluation', 3.5, 4],
    ['Pricing', 2, 3],
    ['Data privacy', 3, 3],
    ['Architecture', 5, 3],
    ['Storytelling', 3, 3.5],
  ]),
};

const SQUARE = (current: number, required: number, extra: Partial<RadarChartInput> = {}): RadarChartInput => ({
  title: 'Square',
  locale: 'en',
  axes: axes([
    ['North', current, required],
    ['East', current, required],
    ['South', current, required],
    ['West', current, required],
  ]),
  ...extra,
});

describe('renderRadarSvg', () => {
  it('produces a self-contained, accessible SVG document', () => {
    const svg = renderRadarSvg(TWELVE);
    const root = parse(svg).documentElement;

    expect(root.tagName).toBe('svg');
    expect(root.namespaceURI).toBe(SVG_NS);
    expect(root.getAttribute('viewBox')).toBe('0 0 560 560');
    expect(root.getAttribute('width')).toBe('560');
    expect(root.getAttribute('height')).toBe('560');
    expect(root.getAttribute('role')).toBe('img');

    const [title, desc] = childElements(root);
    expect(title.tagName).toBe('title');
    expect(desc.tagName).toBe('desc');
    expect(root.getAttribute('aria-labelledby')).toBe(`${title.getAttribute('id')} ${desc.getAttribute('id')}`);
    expect(title.textContent).toBe(TWELVE.title);
    expect(desc.textContent).toBe(describeRadar(TWELVE));
    expect(desc.textContent).toContain('PRD writing (current 1 of required 4)');

    // Nothing that would fetch, run or depend on anything outside the string.
    expect(all(root, 'script')).toHaveLength(0);
    expect(all(root, 'image')).toHaveLength(0);
    expect(svg).not.toMatch(/href|url\(|@import|@font-face|<!DOCTYPE/i);
    expect(root.getAttribute('font-family')).toContain('"PingFang SC"');
  });

  it('draws exactly one polygon per series, one point per axis, over non-polygon rings', () => {
    const root = parse(renderRadarSvg(TWELVE)).documentElement;
    const polygons = all(root, 'polygon');
    expect(polygons).toHaveLength(2);
    const required = byClass(root, 'series-required');
    const current = byClass(root, 'series-current');
    expect(required).toHaveLength(1);
    expect(current).toHaveLength(1);
    expect(polygons).toEqual(expect.arrayContaining([required[0], current[0]]));
    expect(pointsOf(required[0])).toHaveLength(12);
    expect(pointsOf(current[0])).toHaveLength(12);

    // Required is told apart by its dash pattern, not only by colour.
    expect(required[0].getAttribute('stroke-dasharray')).toBeTruthy();
    expect(current[0].getAttribute('stroke-dasharray')).toBeNull();
    expect(Number(current[0].getAttribute('fill-opacity'))).toBeGreaterThan(Number(required[0].getAttribute('fill-opacity')));

    for (let level = 1; level <= 5; level++) expect(byClass(root, `ring-${level}`)).toHaveLength(1);
    expect(byClass(root, 'spokes')[0].getAttribute('d')!.match(/M/g)).toHaveLength(12);
    expect(all(byClass(root, 'vertices-current')[0], 'circle')).toHaveLength(12);
  });

  it('places axes clockwise from 12 o’clock with values scaled to the outer ring', () => {
    const root = parse(renderRadarSvg(SQUARE(5, 2.5))).documentElement;
    const r = outerRadius(root);
    expect(r).toBeGreaterThan(100);
    // Plot coordinates are relative to the chart centre.
    expect(byClass(root, 'plot')[0].getAttribute('transform')).toMatch(/^translate\(280 [\d.]+\)$/);
    expect(pointsOf(byClass(root, 'series-current')[0])).toEqual([
      [0, -r],
      [r, 0],
      [0, r],
      [-r, 0],
    ]);
    const half = r / 2;
    const required = pointsOf(byClass(root, 'series-required')[0]);
    const expected = [
      [0, -half],
      [half, 0],
      [0, half],
      [-half, 0],
    ];
    required.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(expected[i][0], 1);
      expect(y).toBeCloseTo(expected[i][1], 1);
    });
  });

  it('anchors labels by angle so they grow away from the chart', () => {
    const root = parse(renderRadarSvg(SQUARE(3, 3))).documentElement;
    const labels = childElements(byClass(root, 'axis-labels')[0]);
    expect(labels.map((t) => t.textContent)).toEqual(['North', 'East', 'South', 'West']);
    expect(labels.map((t) => t.getAttribute('text-anchor'))).toEqual(['middle', 'start', 'middle', 'end']);
    const r = outerRadius(root);
    const y = (t: El): number => Number(t.getElementsByTagName('tspan')[0].getAttribute('y'));
    const x = (t: El): number => Number(t.getElementsByTagName('tspan')[0].getAttribute('x'));
    expect(y(labels[0])).toBeLessThan(-r);
    expect(x(labels[1])).toBeGreaterThan(r);
    expect(y(labels[2])).toBeGreaterThan(r);
    expect(x(labels[3])).toBeLessThan(-r);
  });

  it('shows level numbers 1 to 5 and a legend matching the series styles', () => {
    const root = parse(renderRadarSvg(TWELVE)).documentElement;
    const levels = byClass(root, 'levels')[0];
    expect(Array.from(new Set(all(levels, 'text').map((t) => t.textContent)))).toEqual(['1', '2', '3', '4', '5']);

    const legendCurrent = byClass(root, 'legend-current')[0];
    const legendRequired = byClass(root, 'legend-required')[0];
    expect(legendText(root, 'legend-current')).toBe('Current level');
    expect(legendText(root, 'legend-required')).toBe('Required level');
    const swatch = (g: El): El => all(g, 'rect')[0];
    const series = (cls: string): El => byClass(root, cls)[0];
    expect(swatch(legendCurrent).getAttribute('stroke')).toBe(series('series-current').getAttribute('stroke'));
    expect(swatch(legendRequired).getAttribute('stroke')).toBe(series('series-required').getAttribute('stroke'));
    expect(swatch(legendRequired).getAttribute('stroke-dasharray')).toBeTruthy();
    expect(swatch(legendCurrent).getAttribute('stroke-dasharray')).toBeNull();
  });

  it('escapes every piece of input text', () => {
    const nasty = `R&D <b>"x"</b> it's`;
    const input: RadarChartInput = {
      title: nasty,
      locale: 'en',
      currentLabel: `<now> & "then"`,
      requiredLabel: `'goal'`,
      axes: axes([
        [nasty, 1, 4],
        ['Plain', 3, 3],
        ['Other', 2, 2],
      ]),
    };
    const svg = renderRadarSvg(input);
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<now>');
    expect(svg).toContain('R&amp;D &lt;b&gt;&quot;x&quot;&lt;/b&gt; it&apos;s');

    const root = parse(svg).documentElement;
    expect(childElements(root)[0].textContent).toBe(nasty);
    expect(childElements(root)[1].textContent).toContain(`${nasty} (current 1 of required 4)`);
    expect(byClass(root, 'chart-title')[0].textContent).toBe(nasty);
    expect(legendText(root, 'legend-current')).toBe(`<now> & "then"`);
    expect(legendText(root, 'legend-required')).toBe(`'goal'`);
    const label = childElements(byClass(root, 'axis-labels')[0])[0];
    expect(all(label, 'tspan').map((t) => t.textContent).join(' ')).toBe(nasty);
  });

  it('drops characters XML cannot carry at all', () => {
    const svg = renderRadarSvg({ ...SQUARE(3, 3), title: 'Bell\u0007 and \uD800 lone surrogate' });
    expect(childElements(parse(svg).documentElement)[0].textContent).toBe('Bell and lone surrogate');
  });

  it('clamps levels to 0..5 and treats non-numbers as 0', () => {
    const input: RadarChartInput = {
      title: 'Clamp',
      locale: 'en',
      axes: axes([
        ['Over', 9, 5],
        ['Under', -2, -1],
        ['Broken', Number.NaN, Number.POSITIVE_INFINITY],
        ['Fine', 2.5, 2.5],
      ]),
    };
    const svg = renderRadarSvg(input);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const root = parse(svg).documentElement;
    const r = outerRadius(root);
    const current = pointsOf(byClass(root, 'series-current')[0]);
    const required = pointsOf(byClass(root, 'series-required')[0]);
    expect(current[0]).toEqual([0, -r]);
    expect(current[1]).toEqual([0, 0]);
    expect(current[2]).toEqual([0, 0]);
    expect(required[0]).toEqual([0, -r]);
    expect(required[1]).toEqual([0, 0]);
    expect(required[2]).toEqual([0, 0]);
    // Non-finite counts as 0, so "Broken" (0 of 0) meets its requirement.
    expect(describeRadar(input)).toBe(
      'Radar chart of 4 skills comparing Current level with Required level on a scale of 0 to 5. No gaps: meets or exceeds all 4 skills.',
    );
  });

  it('writes compact numbers: at most two decimals, no exponent, no negative zero', () => {
    const svg = renderRadarSvg({ ...TWELVE, axes: TWELVE.axes.map((a) => ({ ...a, current: a.current / 3 })) });
    // Free-standing numbers only (not digits inside ids or class names).
    const numbers = svg.match(/(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?!\w)/g)!;
    expect(numbers.length).toBeGreaterThan(100);
    for (const n of numbers) expect(n).toMatch(/^-?\d+(\.\d{1,2})?$/);
    expect(svg).not.toMatch(/[^\d.]-0(?![.\d])/);
  });

  it('is deterministic: the same input gives byte-identical output', () => {
    const a = renderRadarSvg(TWELVE);
    const b = renderRadarSvg(structuredClone(TWELVE));
    expect(b).toBe(a);
    // Different charts get different ids, so several can share one HTML page.
    const otherId = childElements(parse(renderRadarSvg(SQUARE(1, 2))).documentElement)[0].getAttribute('id');
    expect(childElements(parse(a).documentElement)[0].getAttribute('id')).not.toBe(otherId);
  });

  it('honours the size option', () => {
    const root = parse(renderRadarSvg({ ...TWELVE, size: 320 })).documentElement;
    expect(root.getAttribute('viewBox')).toBe('0 0 320 320');
    expect(root.getAttribute('width')).toBe('320');
    expect(outerRadius(root)).toBeLessThan(outerRadius(parse(renderRadarSvg(TWELVE)).documentElement));
  });

  it('speaks Chinese for zh-CN', () => {
    const input: RadarChartInput = {
      title: '林伟 → AI 产品经理',
      locale: 'zh-CN',
      axes: axes([
        ['PRD 写作', 1, 4],
        ['A/B 测试', 2, 4],
        ['跨职能协作与沟通能力', 4, 3],
      ]),
    };
    const root = parse(renderRadarSvg(input)).documentElement;
    expect(legendText(root, 'legend-current')).toBe('当前水平');
    expect(legendText(root, 'legend-required')).toBe('目标要求');
    expect(describeRadar(input)).toBe(
      '雷达图：共 3 项技能，对比当前水平与目标要求（0–5 级）。' +
        '差距最大：PRD 写作（当前 1 级，要求 4 级）、A/B 测试（2 级，要求 4 级）。' +
        '3 项技能中有 1 项已达到或超过要求。',
    );
    expect(childElements(root)[1].textContent).toBe(describeRadar(input));

    // CJK counts double when wrapping: 10 characters do not fit on one line.
    const label = childElements(byClass(root, 'axis-labels')[0])[2];
    const lines = all(label, 'tspan').map((t) => t.textContent);
    expect(lines).toEqual(['跨职能协作', '与沟通能力']);

    const custom = parse(renderRadarSvg({ ...input, currentLabel: '我', requiredLabel: '岗位' })).documentElement;
    expect(legendText(custom, 'legend-current')).toBe('我');
    expect(childElements(custom)[1].textContent).toContain('对比我与岗位');
  });

  it('renders an explicit empty state for 0 axes', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const input: RadarChartInput = { title: 'Nobody yet', locale, axes: [] };
      const root = parse(renderRadarSvg(input)).documentElement;
      expect(all(root, 'polygon')).toHaveLength(0);
      expect(childElements(root)[0].textContent).toBe('Nobody yet');
      expect(byClass(root, 'empty-message')[0].textContent).toBe(locale === 'en' ? 'No skills to compare yet' : '暂无可对比的技能');
    }
    expect(describeRadar({ title: 'x', locale: 'en', axes: [] })).toMatch(/No skills have been added yet/);
    expect(describeRadar({ title: 'x', locale: 'zh-CN', axes: [] })).toMatch(/尚未添加任何技能/);
  });

  it.each([1, 2])('renders %i axes as a degenerate chart with circular rings', (count) => {
    const input: RadarChartInput = { title: 'Few', locale: 'en', axes: axes([['Alpha', 3, 4], ['Beta', 4, 2]].slice(0, count) as [string, number, number][]) };
    const root = parse(renderRadarSvg(input)).documentElement;
    expect(all(root, 'polygon')).toHaveLength(2);
    expect(pointsOf(byClass(root, 'series-current')[0])).toHaveLength(count);
    expect(byClass(root, 'ring-5')[0].tagName).toBe('circle');
    const r = outerRadius(root);
    const [x, y] = pointsOf(byClass(root, 'series-current')[0])[0];
    expect(x).toBe(0);
    expect(y).toBeCloseTo(-0.6 * r, 1);
  });

  it('renders 40 axes with radial single-line labels inside the canvas', () => {
    const many = Array.from({ length: 40 }, (_, i): [string, number, number] => [
      `Skill number ${i + 1}${i % 5 === 0 ? ' with a rather long descriptive name' : ''}`,
      i % 6,
      (i % 5) + 1,
    ]);
    const root = parse(renderRadarSvg({ title: 'Forty', locale: 'en', axes: axes(many) })).documentElement;
    expect(all(root, 'polygon')).toHaveLength(2);
    expect(pointsOf(byClass(root, 'series-required')[0])).toHaveLength(40);
    const labels = childElements(byClass(root, 'axis-labels')[0]);
    expect(labels).toHaveLength(40);
    const [, cx, cy] = /translate\(([\d.]+) ([\d.]+)\)/.exec(byClass(root, 'plot')[0].getAttribute('transform')!)!.map(Number);
    for (const label of labels) {
      const [, x, y] = /translate\((-?[\d.]+) (-?[\d.]+)\)/.exec(label.getAttribute('transform')!)!.map(Number);
      expect(cx + x).toBeGreaterThan(0);
      expect(cx + x).toBeLessThan(560);
      expect(cy + y).toBeGreaterThan(0);
      expect(cy + y).toBeLessThan(560);
    }
    // Shortened labels keep their full text as a tooltip.
    const first = labels[0];
    expect(first.textContent).toMatch(/…$/);
    expect(all(first, 'title')[0].textContent).toBe(many[0][0]);
  });
});

describe('wrapText', () => {
  it('wraps at spaces onto at most two balanced lines and ellipsizes the rest', () => {
    expect(wrapText('Cross-functional collaboration', 104, 12.5, 2)).toEqual({ lines: ['Cross-functional', 'collaboration'], truncated: false });
    expect(wrapText('Pricing & go-to-market', 104, 12.5, 2).lines).toEqual(['Pricing &', 'go-to-market']);
    const long = wrapText('Designing evaluation pipelines for large language model products', 104, 12.5, 2);
    expect(long.truncated).toBe(true);
    expect(long.lines).toHaveLength(2);
    expect(long.lines[1]).toMatch(/…$/);
    expect(wrapText('Short', 104, 12.5, 2)).toEqual({ lines: ['Short'], truncated: false });
  });

  it('never splits a surrogate pair when cutting', () => {
    const { lines } = wrapText('𠀀'.repeat(30), 50, 12, 1);
    expect(lines[0]).toMatch(/^(𠀀)+…$/u);
  });
});

describe('describeRadar', () => {
  it('names the largest gaps first and counts the skills already met', () => {
    expect(describeRadar(TWELVE)).toBe(
      'Radar chart of 12 skills comparing Current level with Required level on a scale of 0 to 5. ' +
        'Largest gaps: PRD writing (current 1 of required 4), A/B testing (2 of 4), User research (2 of 3.5). ' +
        'Meets or exceeds 5 of 12 skills.',
    );
  });

  it('uses the custom series names', () => {
    expect(describeRadar({ ...TWELVE, currentLabel: 'You', requiredLabel: 'AI PM' })).toContain('comparing You with AI PM');
  });

  it('keeps fractional levels readable', () => {
    const text = describeRadar({ title: 't', locale: 'en', axes: axes([['Avg', 1 / 3, 4], ['B', 5, 5], ['C', 5, 5]]) });
    expect(text).toContain('Largest gap: Avg (current 0.33 of required 4).');
    expect(text).toContain('Meets or exceeds 2 of 3 skills.');
  });
});

describe('renderExample', () => {
  it('renders the backend engineer → AI PM example', () => {
    const root = parse(renderExample()).documentElement;
    expect(pointsOf(byClass(root, 'series-current')[0])).toHaveLength(EXAMPLE_RADAR.axes.length);
    expect(childElements(root)[1].textContent).toContain('Largest gaps: Cross-functional collaboration (current 1.5 of required 4.5)');
  });
});
