/**
 * Server-side SVG radar chart: a switcher's current skill levels against the
 * levels their target field requires.
 *
 * Deliberately framework- and DOM-free: the chart is embedded in e-mails,
 * PDFs, Open Graph images and the web app alike, so it has to be a plain,
 * self-contained string that any SVG 1.1 consumer (browsers, librsvg,
 * resvg, image proxies) renders the same way. Styling therefore uses
 * presentation attributes rather than a <style> sheet: a <style> block leaks
 * into the host page when the SVG is inlined in HTML, and some converters
 * ignore it.
 */

export interface RadarAxis {
  key: string;
  label: string;
  /** 0..5, may be fractional (averages). */
  current: number;
  /** 0..5, may be fractional (averages). */
  required: number;
}

export interface RadarChartInput {
  title: string;
  axes: RadarAxis[];
  locale: 'en' | 'zh-CN';
  currentLabel?: string;
  requiredLabel?: string;
  /** Width and height in px; default 560. */
  size?: number;
}

export const RADAR_MAX_LEVEL = 5;

const DEFAULT_SIZE = 560;
// Below this the labels no longer fit next to a readable chart; above it the
// string just gets silly.
const MIN_SIZE = 240;
const MAX_SIZE = 4096;

const FONT_STACK =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif';

/*
 * Blue/amber is distinguishable under the common forms of colour blindness
 * (deuteranopia, protanopia, tritanopia); the dashed outline of the required
 * series means the chart still reads in greyscale. Series colours are only
 * used for strokes and fills (WCAG 1.4.11 asks 3:1 for graphics, both pass);
 * all text uses the greys below, which pass AA (4.5:1) on white.
 */
const COLOR = {
  current: '#2563eb',
  required: '#d97706',
  title: '#111827', // 17.7:1
  label: '#374151', // 10.3:1
  muted: '#6b7280', // 4.8:1
  ring: '#e5e7eb',
  ringOuter: '#d1d5db',
  background: '#ffffff',
} as const;

const REQUIRED_DASH = '6 4';

interface Strings {
  currentLabel: string;
  requiredLabel: string;
  fallbackTitle: string;
  empty: string;
  /** Chinese sentences end in a full-width "。" and are not space-separated. */
  sentenceSeparator: string;
  describeEmpty(current: string, required: string): string;
  describeIntro(count: number, current: string, required: string): string;
  describeGaps(gaps: { label: string; current: string; required: string }[]): string;
  describeNoGaps(count: number): string;
  describeMeets(meets: number, count: number): string;
}

const STRINGS: Record<RadarChartInput['locale'], Strings> = {
  en: {
    currentLabel: 'Current level',
    requiredLabel: 'Required level',
    fallbackTitle: 'Skill radar',
    empty: 'No skills to compare yet',
    sentenceSeparator: ' ',
    describeEmpty: (c, r) => `Radar chart comparing ${c} with ${r}. No skills have been added yet, so there is nothing to compare.`,
    describeIntro: (n, c, r) =>
      `Radar chart of ${n} ${n === 1 ? 'skill' : 'skills'} comparing ${c} with ${r} on a scale of 0 to ${RADAR_MAX_LEVEL}.`,
    // Only the first gap spells out "current … of required …"; repeating it
    // for every entry makes a screen reader drone.
    describeGaps: (gaps) =>
      `Largest ${gaps.length === 1 ? 'gap' : 'gaps'}: ` +
      gaps
        .map((g, i) => (i === 0 ? `${g.label} (current ${g.current} of required ${g.required})` : `${g.label} (${g.current} of ${g.required})`))
        .join(', ') +
      '.',
    describeNoGaps: (n) => (n === 1 ? 'No gaps: meets or exceeds the 1 skill.' : `No gaps: meets or exceeds all ${n} skills.`),
    describeMeets: (m, n) => `Meets or exceeds ${m} of ${n} ${n === 1 ? 'skill' : 'skills'}.`,
  },
  'zh-CN': {
    currentLabel: '当前水平',
    requiredLabel: '目标要求',
    fallbackTitle: '技能雷达图',
    empty: '暂无可对比的技能',
    sentenceSeparator: '',
    describeEmpty: (c, r) => `雷达图：对比${c}与${r}。尚未添加任何技能，暂无可对比的数据。`,
    describeIntro: (n, c, r) => `雷达图：共 ${n} 项技能，对比${c}与${r}（0–${RADAR_MAX_LEVEL} 级）。`,
    describeGaps: (gaps) =>
      '差距最大：' +
      gaps
        .map((g, i) => (i === 0 ? `${g.label}（当前 ${g.current} 级，要求 ${g.required} 级）` : `${g.label}（${g.current} 级，要求 ${g.required} 级）`))
        .join('、') +
      '。',
    describeNoGaps: (n) => `没有差距：全部 ${n} 项技能均已达到或超过要求。`,
    describeMeets: (m, n) => `${n} 项技能中有 ${m} 项已达到或超过要求。`,
  },
};

/** How many gaps the description names; more is noise when read aloud. */
const MAX_DESCRIBED_GAPS = 3;

// ---------------------------------------------------------------------------
// Input normalisation

interface NormalizedAxis {
  label: string;
  current: number;
  required: number;
}

interface Normalized {
  title: string;
  axes: NormalizedAxis[];
  locale: RadarChartInput['locale'];
  strings: Strings;
  currentLabel: string;
  requiredLabel: string;
  size: number;
}

/**
 * Levels are rounded to 2 decimals up front so that everything derived from
 * them (drawn vertices, "meets" counts, gap order) agrees: an average of
 * 3.999 would otherwise be drawn on the ring but counted as a gap.
 */
function clampLevel(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return round2(Math.min(RADAR_MAX_LEVEL, Math.max(0, value)));
}

function normalize(input: RadarChartInput): Normalized {
  const locale = Object.hasOwn(STRINGS, input.locale) ? input.locale : 'en';
  const strings = STRINGS[locale];
  const rawSize = input.size;
  const size =
    typeof rawSize === 'number' && Number.isFinite(rawSize) && rawSize > 0
      ? Math.round(Math.min(MAX_SIZE, Math.max(MIN_SIZE, rawSize)))
      : DEFAULT_SIZE;
  return {
    title: cleanText(input.title) || strings.fallbackTitle,
    axes: (input.axes ?? []).map((axis) => ({
      label: cleanText(axis.label) || cleanText(axis.key),
      current: clampLevel(axis.current),
      required: clampLevel(axis.required),
    })),
    locale,
    strings,
    currentLabel: cleanText(input.currentLabel) || strings.currentLabel,
    requiredLabel: cleanText(input.requiredLabel) || strings.requiredLabel,
    size,
  };
}

/**
 * Labels come from user input: drop what XML cannot carry before collapsing
 * whitespace (so "a\u0007 b" does not leave a double space), and fold
 * newlines, which would otherwise be rendered as a plain space anyway.
 */
function cleanText(value: string | undefined | null): string {
  return typeof value === 'string' ? value.replace(INVALID_XML_CHARS, '').replace(/\s+/g, ' ').trim() : '';
}

// ---------------------------------------------------------------------------
// Formatting helpers

function round2(n: number): number {
  const r = Math.round(n * 100) / 100;
  // Tiny negatives such as sin(π)·r round to -0; keep the sign of zero out
  // of every value derived from here.
  return r === 0 ? 0 : r;
}

/** Compact, deterministic number: at most 2 decimals, no "-0" ("4", "2.5", "3.33"). */
function num(n: number): string {
  return String(round2(n));
}

// XML 1.0 forbids most C0 controls and unpaired surrogates even when escaped;
// a stray one in a user label would make the whole image unparseable.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// ---------------------------------------------------------------------------
// Text measurement. There is no font engine on the server, so widths are
// estimated from per-character classes, calibrated against DejaVu Sans (the
// usual Linux fallback and the widest common face in FONT_STACK), so that
// with Segoe UI, SF or Roboto labels wrap a little early rather than clip.

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf) || // CJK radicals … Yi, incl. kana and CJK ideographs
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) || // emoji render full-width too
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extension planes
  );
}

function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (isWide(cp)) return 1;
  if (ch === ' ') return 0.32;
  if ("ijlI.,:;|!'`".includes(ch)) return 0.3;
  if ('ftr()[]{}/-"'.includes(ch)) return 0.4;
  if ('mwMW@%'.includes(ch)) return 0.9;
  if (ch >= 'A' && ch <= 'Z') return 0.68;
  if (ch >= '0' && ch <= '9') return 0.64;
  if ('abdeghnopqu'.includes(ch)) return 0.63;
  if ('sz'.includes(ch)) return 0.53;
  if (ch >= 'a' && ch <= 'z') return 0.58;
  if (ch === '…') return 0.9;
  return 0.7;
}

export function measureText(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch);
  return em * fontSize;
}

const ELLIPSIS = '…';

function ellipsize(text: string, maxWidth: number, fontSize: number): string {
  if (measureText(text, fontSize) <= maxWidth) return text;
  const chars = Array.from(text); // code points, so surrogate pairs are never split
  while (chars.length > 0 && measureText(chars.join('').trimEnd() + ELLIPSIS, fontSize) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}

/**
 * Break opportunities: after spaces in Latin text and between any two CJK
 * characters (Chinese has no spaces). Hyphens are a fallback only, for words
 * too long for a line ("go-to-" / "market" reads worse than "Pricing &" /
 * "go-to-market"), and a piece still too long is split into characters.
 */
function tokenize(text: string, maxWidth: number, fontSize: number): string[] {
  const tokens: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current) tokens.push(current);
    current = '';
  };
  for (const ch of text) {
    if (ch === ' ') {
      current += ch;
      flush();
    } else if (isWide(ch.codePointAt(0) ?? 0)) {
      flush();
      tokens.push(ch);
    } else {
      current += ch;
    }
  }
  flush();
  const fits = (t: string): boolean => measureText(t.trimEnd(), fontSize) <= maxWidth;
  return tokens.flatMap((t) => (fits(t) ? [t] : (t.match(/[^-]+-*|-+/g) ?? [t]).flatMap((p) => (fits(p) ? [p] : Array.from(p)))));
}

interface WrappedText {
  lines: string[];
  truncated: boolean;
}

export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number): WrappedText {
  const tokens = tokenize(text, maxWidth, fontSize);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < tokens.length; i++) {
    const candidate = line + tokens[i];
    if (line === '' || measureText(candidate.trimEnd(), fontSize) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) break;
    lines.push(line.trimEnd());
    line = tokens[i];
  }
  if (i === tokens.length) {
    if (line.trim()) lines.push(line.trimEnd());
    return { lines: lines.length === 2 ? balance(tokens, maxWidth, fontSize) : lines, truncated: false };
  }
  // Out of lines: whatever is left goes on the last line, cut with an ellipsis.
  const rest = (line + tokens.slice(i).join('')).trim();
  lines.push(ellipsize(rest, maxWidth, fontSize));
  return { lines, truncated: true };
}

/**
 * Greedy wrapping leaves a stub on the second line ("跨职能协作与沟通" /
 * "能力"); of all breaks that fit, the one with the narrowest wider line
 * reads better and also makes the label block narrower, which leaves more
 * room for the chart.
 */
function balance(tokens: string[], maxWidth: number, fontSize: number): string[] {
  let best: string[] = [];
  let bestWidth = Infinity;
  for (let j = 1; j < tokens.length; j++) {
    const first = tokens.slice(0, j).join('').trimEnd();
    const second = tokens.slice(j).join('').trim();
    const width = Math.max(measureText(first, fontSize), measureText(second, fontSize));
    if (first && second && width <= maxWidth && width < bestWidth) {
      best = [first, second];
      bestWidth = width;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Description

export function describeRadar(input: RadarChartInput): string {
  const n = normalize(input);
  const s = n.strings;
  if (n.axes.length === 0) return s.describeEmpty(n.currentLabel, n.requiredLabel);

  const parts = [s.describeIntro(n.axes.length, n.currentLabel, n.requiredLabel)];
  const gaps = n.axes
    .map((axis, index) => ({ axis, index, gap: round2(axis.required - axis.current) }))
    .filter((g) => g.gap > 0)
    // Ties: the higher requirement matters more to the target field; after
    // that keep the caller's order so the text is stable.
    .sort((a, b) => b.gap - a.gap || b.axis.required - a.axis.required || a.index - b.index)
    .slice(0, MAX_DESCRIBED_GAPS);
  const meets = n.axes.filter((a) => a.current >= a.required).length;

  if (gaps.length === 0) {
    parts.push(s.describeNoGaps(n.axes.length));
  } else {
    parts.push(
      s.describeGaps(gaps.map((g) => ({ label: g.axis.label, current: num(g.axis.current), required: num(g.axis.required) }))),
      s.describeMeets(meets, n.axes.length),
    );
  }
  return parts.join(s.sentenceSeparator);
}

// ---------------------------------------------------------------------------
// Layout

type Anchor = 'start' | 'middle' | 'end';

/*
 * Up to RADIAL_FROM - 1 axes, labels are horizontal, which reads best. In
 * denser charts neighbouring horizontal labels near 12 and 6 o'clock are
 * only a few pixels apart vertically and collide, so labels are turned to
 * run along their spoke instead; then they only need one line height of arc
 * each.
 */
const RADIAL_FROM = 17;

interface Angle {
  sin: number;
  cos: number;
}

interface LabelBlock extends Angle {
  full: string;
  lines: string[];
  truncated: boolean;
  width: number;
  height: number;
  anchor: Anchor;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface Extent {
  left: number;
  right: number;
  up: number;
  down: number;
}

/** Angle of axis i: the first at 12 o'clock, then clockwise. */
function axisAngle(i: number, count: number): Angle {
  const a = (2 * Math.PI * i) / count;
  return { sin: Math.sin(a), cos: Math.cos(a) };
}

/** Plot coordinates are relative to the centre, y down, so 12 o'clock is -y. */
function polar(radius: number, angle: Angle): [number, number] {
  return [radius * angle.sin, -radius * angle.cos];
}

/*
 * Horizontal labels grow away from the chart: rightwards on the right half,
 * leftwards on the left, centred only near 12 and 6 o'clock.
 */
function anchorFor(sin: number): Anchor {
  if (sin > 0.1) return 'start';
  if (sin < -0.1) return 'end';
  return 'middle';
}

/** Radial labels on the left half are flipped so no text reads upside down. */
function radialIsLeft(i: number, count: number): boolean {
  return 2 * i > count;
}

/**
 * A horizontal label's block is centred on its anchor point at 3 and 9
 * o'clock, sits fully above it at 12 and fully below it at 6; the shift by
 * h/2·cos blends smoothly in between.
 */
function labelCenterY(radius: number, gap: number, b: LabelBlock): number {
  return -(radius + gap) * b.cos - (b.height / 2) * b.cos;
}

function labelLeftX(x: number, b: LabelBlock): number {
  return b.anchor === 'start' ? x : b.anchor === 'end' ? x - b.width : x - b.width / 2;
}

/** How far rings plus labels reach from the centre for a given outer radius. */
function extentAt(blocks: LabelBlock[], radius: number, gap: number, radial: boolean): Extent {
  const e: Extent = { left: 0, right: 0, up: 0, down: 0 };
  const include = (x: number, y: number): void => {
    e.left = Math.max(e.left, -x);
    e.right = Math.max(e.right, x);
    e.up = Math.max(e.up, -y);
    e.down = Math.max(e.down, y);
  };
  if (blocks.length < 3) {
    include(-radius, -radius);
    include(radius, radius);
  }
  for (const b of blocks) {
    include(...polar(radius, b));
    if (radial) {
      // A rotated rectangle from the ring outwards, one line thick.
      const half = b.height / 2;
      for (const d of [radius + gap, radius + gap + b.width]) {
        const [x, y] = polar(d, b);
        include(x + half * b.cos, y + half * b.sin);
        include(x - half * b.cos, y - half * b.sin);
      }
    } else {
      const [x] = polar(radius + gap, b);
      const cy = labelCenterY(radius, gap, b);
      const left = labelLeftX(x, b);
      include(left, cy - b.height / 2);
      include(left + b.width, cy + b.height / 2);
    }
  }
  return e;
}

/**
 * The largest outer radius for which rings and labels fit the box, found by
 * bisection (every extent grows monotonically with the radius). Fitting the
 * actual labels, rather than reserving a fixed margin, lets charts with
 * short labels use the space and keeps long ones from being clipped. The
 * plot stays horizontally centred under the title but is vertically centred
 * on its real extent, since top and bottom labels often differ in height.
 */
function solveLayout(blocks: LabelBlock[], gap: number, radial: boolean, box: Box, minRadius: number) {
  const halfWidth = (box.right - box.left) / 2;
  const height = box.bottom - box.top;
  const fits = (r: number): boolean => {
    const e = extentAt(blocks, r, gap, radial);
    return Math.max(e.left, e.right) <= halfWidth && e.up + e.down <= height;
  };
  let lo = 0;
  let hi = Math.min(halfWidth, height);
  for (let i = 0; i < 32; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  // Only absurd label sizes get here; a tiny chart would be worse than a
  // clipped label.
  const radius = Math.max(Math.floor(lo * 100) / 100, minRadius);
  const e = extentAt(blocks, radius, gap, radial);
  return {
    radius,
    cx: round2(box.left + halfWidth),
    cy: round2(box.top + (height - e.up - e.down) / 2 + e.up),
  };
}

// ---------------------------------------------------------------------------
// Rendering

/** Stable per-content id so several charts can be inlined in one HTML page. */
function contentId(n: Normalized): string {
  const key = JSON.stringify([n.title, n.axes, n.currentLabel, n.requiredLabel, n.size, n.locale]);
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `radar-${h.toString(36)}`;
}

function points(pts: [number, number][]): string {
  return pts.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
}

function closedPath(pts: [number, number][]): string {
  return pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)},${num(y)}`).join('') + 'Z';
}

// Blue and amber mix to grey where the fills overlap, so the required fill
// stays barely there: just enough to tint the gap area outside "current".
const SERIES_STYLE = {
  current: { fill: COLOR.current, fillOpacity: '0.22', stroke: COLOR.current, dashed: false },
  required: { fill: COLOR.required, fillOpacity: '0.06', stroke: COLOR.required, dashed: true },
} as const;

export function renderRadarSvg(input: RadarChartInput): string {
  const n = normalize(input);
  const size = n.size;
  // Designed at 560px and scaled with the chart.
  const k = size / DEFAULT_SIZE;

  const pad = 16 * k;
  const titleSize = font(18, k);
  const legendSize = font(12.5, k);
  const titleBaseline = pad + titleSize * 0.95;
  const legendCenter = titleBaseline + 14 * k + legendSize * 0.6;

  const id = contentId(n);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}"` +
      ` role="img" aria-labelledby="${titleId} ${descId}" font-family="${escapeXml(FONT_STACK)}">`,
    `<title id="${titleId}">${escapeXml(n.title)}</title>`,
    `<desc id="${descId}">${escapeXml(describeRadar(input))}</desc>`,
    // An explicit background keeps the contrast the colours were chosen for
    // on dark pages and in dark-mode mail clients.
    `<rect class="background" width="${size}" height="${size}" fill="${COLOR.background}"/>`,
    `<text class="chart-title" x="${num(size / 2)}" y="${num(titleBaseline)}" text-anchor="middle" font-size="${num(titleSize)}"` +
      ` font-weight="600" fill="${COLOR.title}">${escapeXml(ellipsize(n.title, size - 2 * pad, titleSize))}</text>`,
  ];

  const count = n.axes.length;
  if (count === 0) {
    renderEmpty(out, n, size, k, titleBaseline + 12 * k);
    out.push('</svg>');
    return out.join('\n');
  }

  const legendBottom = renderLegend(out, n, size, k, legendSize, legendCenter, pad);

  const radial = count >= RADIAL_FROM;
  const labelSize = font(count <= 12 ? 12.5 : count <= 24 ? 11 : 10, k);
  const maxLines = radial ? 1 : 2;
  // Width spent on a label at 3 or 9 o'clock comes straight off the
  // radius, while near 12 and 6 o'clock it only uses otherwise empty
  // space, so side labels wrap tighter than top and bottom ones.
  const maxLabelWidth = (angle: Angle): number => (radial ? 88 : Math.abs(angle.sin) > 0.5 ? 92 : 124) * k;
  const lineHeight = labelSize * 1.2;
  const gap = (radial ? 8 : 10) * k;

  const blocks: LabelBlock[] = n.axes.map((axis, i) => {
    const angle = axisAngle(i, count);
    const wrapped = wrapText(axis.label, maxLabelWidth(angle), labelSize, maxLines);
    return {
      full: axis.label,
      lines: wrapped.lines,
      truncated: wrapped.truncated,
      width: Math.max(0, ...wrapped.lines.map((l) => measureText(l, labelSize))),
      height: wrapped.lines.length * lineHeight,
      anchor: anchorFor(angle.sin),
      ...angle,
    };
  });

  const box: Box = { left: pad, right: size - pad, top: legendBottom + 14 * k, bottom: size - pad };
  const { radius, cx, cy } = solveLayout(blocks, gap, radial, box, size * 0.12);

  out.push(`<g class="plot" transform="translate(${num(cx)} ${num(cy)})">`);
  renderGrid(out, blocks, radius, k);

  const vertex = (value: number, i: number): [number, number] => polar((value / RADAR_MAX_LEVEL) * radius, blocks[i]);
  const currentPts = n.axes.map((a, i) => vertex(a.current, i));
  const requiredPts = n.axes.map((a, i) => vertex(a.required, i));

  // Required underneath: the current fill is then a clean blue over the
  // faint amber, and the dashed target outline still shows through it.
  const strokeWidth = num(2 * k);
  const polygon = (cls: string, pts: [number, number][], style: (typeof SERIES_STYLE)[keyof typeof SERIES_STYLE]): string =>
    `<polygon class="series ${cls}" points="${points(pts)}" fill="${style.fill}" fill-opacity="${style.fillOpacity}"` +
    ` stroke="${style.stroke}" stroke-width="${strokeWidth}"${style.dashed ? ` stroke-dasharray="${dash(k)}"` : ''} stroke-linejoin="round"/>`;
  out.push(polygon('series-required', requiredPts, SERIES_STYLE.required), polygon('series-current', currentPts, SERIES_STYLE.current));

  renderLevelNumbers(out, radius, k);

  const dotRadius = (count <= 16 ? 3.5 : count <= 28 ? 2.75 : 2.25) * k;
  // Hollow amber rings vs solid blue dots: distinguishable without colour.
  out.push(`<g class="vertices-required" fill="${COLOR.background}" stroke="${COLOR.required}" stroke-width="${num(1.5 * k)}">`);
  for (const [x, y] of requiredPts) out.push(`<circle cx="${num(x)}" cy="${num(y)}" r="${num(dotRadius * 0.8)}"/>`);
  out.push('</g>');
  out.push(`<g class="vertices-current" fill="${COLOR.current}" stroke="${COLOR.background}" stroke-width="${num(1.25 * k)}">`);
  for (const [x, y] of currentPts) out.push(`<circle cx="${num(x)}" cy="${num(y)}" r="${num(dotRadius)}"/>`);
  out.push('</g>');

  out.push(`<g class="axis-labels" font-size="${num(labelSize)}" fill="${COLOR.label}">`);
  blocks.forEach((b, i) => {
    // A shortened label keeps its full text as a tooltip.
    const tooltip = b.truncated ? `<title>${escapeXml(b.full)}</title>` : '';
    // Baselines are placed explicitly (line centre + 0.35em for these
    // fonts) because dominant-baseline is ignored by librsvg and older
    // engines.
    const baseline = labelSize * 0.35;
    if (radial) {
      const [x, y] = polar(radius + gap, b);
      const degrees = (360 * i) / count;
      const left = radialIsLeft(i, count);
      const rotate = left ? degrees - 270 : degrees - 90;
      out.push(
        `<text transform="translate(${num(x)} ${num(y)}) rotate(${num(rotate)})" y="${num(baseline)}" text-anchor="${left ? 'end' : 'start'}">` +
          `${tooltip}${escapeXml(b.lines[0] ?? '')}</text>`,
      );
      return;
    }
    const [x] = polar(radius + gap, b);
    const top = labelCenterY(radius, gap, b) - b.height / 2;
    const tspans = b.lines
      .map((line, li) => `<tspan x="${num(x)}" y="${num(top + lineHeight * (li + 0.5) + baseline)}">${escapeXml(line)}</tspan>`)
      .join('');
    out.push(`<text text-anchor="${b.anchor}">${tooltip}${tspans}</text>`);
  });
  out.push('</g>', '</g>', '</svg>');
  return out.join('\n');
}

function dash(k: number): string {
  return REQUIRED_DASH.split(' ')
    .map((d) => num(Number(d) * k))
    .join(' ');
}

function renderGrid(out: string[], angles: Angle[], radius: number, k: number): void {
  out.push(`<g class="grid" fill="none" stroke="${COLOR.ring}" stroke-width="${num(k)}">`);
  for (let lvl = 1; lvl <= RADAR_MAX_LEVEL; lvl++) {
    const r = (lvl / RADAR_MAX_LEVEL) * radius;
    const outer = lvl === RADAR_MAX_LEVEL ? ` stroke="${COLOR.ringOuter}" stroke-width="${num(1.25 * k)}"` : '';
    const cls = `ring ring-${lvl}`;
    if (angles.length >= 3) {
      out.push(`<path class="${cls}" d="${closedPath(angles.map((a) => polar(r, a)))}"${outer}/>`);
    } else {
      // One or two axes cannot span a polygon; circles still read as a scale.
      out.push(`<circle class="${cls}" r="${num(r)}"${outer}/>`);
    }
  }
  const spokes = angles
    .map((a) => {
      const [x, y] = polar(radius, a);
      return `M0,0L${num(x)},${num(y)}`;
    })
    .join('');
  out.push(`<path class="spokes" d="${spokes}"/>`, '</g>');
}

function renderLevelNumbers(out: string[], radius: number, k: number): void {
  const fontSize = Math.max(9.5 * k, 8);
  // Just inside each ring and right of the first spoke, so a digit neither
  // sits on the ring line nor runs into the 12 o'clock label or vertex dots.
  const digits = Array.from({ length: RADAR_MAX_LEVEL }, (_, i) => {
    const r = ((i + 1) / RADAR_MAX_LEVEL) * radius;
    return `<text x="${num(6 * k)}" y="${num(-r + fontSize + k)}">${i + 1}</text>`;
  });
  // The white copy underneath is a halo that keeps digits legible where a
  // series outline crosses them (paint-order would do it in one element but
  // is not SVG 1.1, and librsvg-era renderers would stroke over the glyphs).
  out.push(
    `<g class="levels" font-size="${num(fontSize)}" text-anchor="start">`,
    `<g class="levels-halo" fill="${COLOR.background}" stroke="${COLOR.background}" stroke-width="${num(3 * k)}" stroke-linejoin="round">`,
    ...digits,
    '</g>',
    `<g fill="${COLOR.muted}">`,
    ...digits,
    '</g>',
    '</g>',
  );
}

function renderLegend(out: string[], n: Normalized, size: number, k: number, fontSize: number, centerY: number, pad: number): number {
  const swatchW = 22 * k;
  const swatchH = 12 * k;
  const textGap = 7 * k;
  const itemGap = 22 * k;
  // Each entry gets at most half the width; long custom series names are
  // cut rather than pushed off the canvas.
  const maxText = (size - 2 * pad - itemGap) / 2 - swatchW - textGap;
  const items = [
    { cls: 'legend-current', text: ellipsize(n.currentLabel, maxText, fontSize), style: SERIES_STYLE.current },
    { cls: 'legend-required', text: ellipsize(n.requiredLabel, maxText, fontSize), style: SERIES_STYLE.required },
  ];
  const widths = items.map((it) => swatchW + textGap + measureText(it.text, fontSize));
  let x = (size - (widths[0] + itemGap + widths[1])) / 2;
  out.push(`<g class="legend" font-size="${num(fontSize)}" fill="${COLOR.label}">`);
  items.forEach((it, i) => {
    out.push(
      `<g class="${it.cls}">`,
      `<rect x="${num(x)}" y="${num(centerY - swatchH / 2)}" width="${num(swatchW)}" height="${num(swatchH)}" rx="${num(2 * k)}"` +
        ` fill="${it.style.fill}" fill-opacity="${it.style.fillOpacity}" stroke="${it.style.stroke}" stroke-width="${num(2 * k)}"` +
        (it.style.dashed ? ` stroke-dasharray="${num(4 * k)} ${num(2.5 * k)}"` : '') +
        '/>',
      `<text x="${num(x + swatchW + textGap)}" y="${num(centerY + fontSize * 0.35)}">${escapeXml(it.text)}</text>`,
      '</g>',
    );
    x += widths[i] + itemGap;
  });
  out.push('</g>');
  return centerY + Math.max(swatchH, fontSize) / 2;
}

function renderEmpty(out: string[], n: Normalized, size: number, k: number, top: number): void {
  const pad = 16 * k;
  const cx = size / 2;
  const cy = (top + size - pad) / 2;
  const radius = Math.min(size / 2 - pad, (size - pad - top) / 2) * 0.78;
  // A faint hexagonal grid shows what will appear here, without suggesting
  // any data.
  const hexagon = Array.from({ length: 6 }, (_, i) => axisAngle(i, 6));
  out.push(`<g class="plot empty" transform="translate(${num(cx)} ${num(cy)})">`);
  renderGrid(out, hexagon, radius, k);

  const fontSize = font(14, k);
  const text = ellipsize(n.strings.empty, size - 4 * pad, fontSize);
  const boxW = measureText(text, fontSize) + 28 * k;
  const boxH = fontSize * 2.4;
  out.push(
    `<rect x="${num(-boxW / 2)}" y="${num(-boxH / 2)}" width="${num(boxW)}" height="${num(boxH)}" rx="${num(boxH / 2)}"` +
      ` fill="${COLOR.background}" stroke="${COLOR.ring}" stroke-width="${num(k)}"/>`,
    `<text class="empty-message" y="${num(fontSize * 0.35)}" text-anchor="middle" font-size="${num(fontSize)}" fill="${COLOR.muted}">` +
      `${escapeXml(text)}</text>`,
    '</g>',
  );
}

/** Scaled font size that never drops below a legible 9px on small charts. */
function font(px: number, k: number): number {
  return Math.max(px * k, Math.min(px, 9));
}
