import { TAXONOMY, type TaxonomyField } from '../../libs/profiles/src/taxonomy/taxonomy.data';
import { emailPart, hanzi, latin, ZONES, type ZoneCulture, type ZoneSpec } from './names';

/**
 * A deterministic demo community: switchers, mentors and organizers with
 * profiles, skill ratings (some with a history), mentor skills and weekly
 * availability, shaped after the domain brief (engineers becoming AI product
 * managers, strong in the technical rows and weak in business and
 * collaboration; about a third of mentors made that same switch).
 *
 * Pure: the output depends only on the options. All randomness comes from a
 * seeded mulberry32 and all times from `options.now`.
 */

export interface CommunityOptions {
  mentors: number;
  switchers: number;
  seed?: number;
  /** Reference time for rating timestamps (all ratings are at or before it). */
  now?: Date;
}

export type DemoRole = 'SWITCHER' | 'MENTOR' | 'ORGANIZER';
export type Stage = 'KNOWLEDGE' | 'VALIDATION' | 'LEAP';

export interface DemoUser {
  key: string;
  email: string;
  displayName: string;
  timeZone: string;
  locale: 'en' | 'zh-CN';
  languages: string[];
  roles: DemoRole[];
}

/** weekday 1 (Monday) - 7 (Sunday); start/end "HH:mm" in the user's own zone. */
export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

export interface DemoSwitcherProfile {
  userKey: string;
  currentField: string;
  targetField: string;
  stage: Stage;
  goals: string;
  weeklyHours: number;
  preferredWindows: WeeklyWindow[];
}

export interface DemoRating {
  userKey: string;
  skill: string;
  level: number;
  ratedAt: Date;
}

export interface DemoMentorProfile {
  userKey: string;
  headline: string;
  bio: string;
  fields: string[];
  switchedFrom: string | null;
  yearsExperience: number;
  capacity: number;
  acceptingMentees: boolean;
  skills: { skill: string; level: number }[];
}

export interface DemoAvailability {
  userKey: string;
  weekday: number;
  start: string;
  end: string;
  timeZone: string;
}

export interface Community {
  users: DemoUser[];
  switcherProfiles: DemoSwitcherProfile[];
  /**
   * Append-only history: a skill may appear 2-3 times for one user; the latest
   * is the current level. Ratings made at the same instant share one Date
   * object (to save memory): treat them as read-only.
   */
  ratings: DemoRating[];
  mentorProfiles: DemoMentorProfile[];
  availability: DemoAvailability[];
}

export const DEFAULT_SEED = 1;
/** Used when `now` is not given, so that the default output is reproducible too. */
export const DEFAULT_NOW = new Date('2025-06-01T00:00:00Z');
export const DEMO_EMAIL_DOMAIN = 'demo.switchyard.dev';

// ---------------------------------------------------------------------------
// Randomness

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** k distinct items (k clamped to the length), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

// ---------------------------------------------------------------------------
// Taxonomy lookups (built once from TAXONOMY)

type Dimension =
  | 'ai-technical-judgement'
  | 'product-design'
  | 'business'
  | 'cross-functional-collaboration'
  | 'product-fundamentals'
  | 'ai-fundamentals'
  | 'domain'
  | 'engineering';

const FIELD = new Map(TAXONOMY.fields.map((f) => [f.slug, f]));
const SKILL = new Map(TAXONOMY.skills.map((s) => [s.slug, s]));
const DOMAIN_SKILLS = TAXONOMY.skills.filter((s) => s.dimension === 'domain').map((s) => s.slug);

function field(slug: string): TaxonomyField {
  const f = FIELD.get(slug);
  if (!f) throw new Error(`demo community refers to unknown field ${slug}`);
  return f;
}

const REQUIREMENTS = new Map(
  TAXONOMY.fields.map((f) => [f.slug, new Map(f.requirements.map((r) => [r.skill, { level: r.level, weight: r.weight }]))]),
);

function requirementLevels(slug: string): Map<string, { level: number; weight: number }> {
  const levels = REQUIREMENTS.get(slug);
  if (!levels) throw new Error(`demo community refers to unknown field ${slug}`);
  return levels;
}

// ---------------------------------------------------------------------------
// Who switches from where to where

/** [current field, target field, weight]: mostly engineers heading for AI product management. */
const TRANSITIONS: readonly (readonly [string, string, number])[] = [
  ['backend-engineering', 'ai-product-management', 30],
  ['frontend-engineering', 'ai-product-management', 14],
  ['data-engineering', 'ai-product-management', 6],
  ['product-management', 'ai-product-management', 12],
  ['data-analysis', 'ai-product-management', 4],
  ['project-management', 'ai-product-management', 4],
  ['data-analysis', 'data-science', 8],
  ['backend-engineering', 'ml-engineering', 7],
  ['data-science', 'ml-engineering', 2],
  ['backend-engineering', 'data-engineering', 3],
  ['frontend-engineering', 'developer-relations', 3],
  ['backend-engineering', 'developer-relations', 2],
  ['project-management', 'product-management', 5],
];

const TRANSITION_TABLE = TRANSITIONS.map(([from, to, w]) => [[from, to] as const, w] as const);
/** Switches into AI product management, for the ~35% of mentors who made the flagship switch. */
const AI_PM_SWITCHES = TRANSITIONS.filter(([, to]) => to === 'ai-product-management').map(([from, , w]) => [from, w] as const);
/** Other switches a mentor may have made: [[from, to], weight]. */
const OTHER_SWITCHES = TRANSITION_TABLE.filter(([[, to]]) => to !== 'ai-product-management');

/** A rating of a skill of one's own field: around the field's required level. */
const OWN_FIELD_DRIFT = [[-1, 25], [0, 50], [1, 25]] as const;
/** What the leap stage has added to a target skill. */
const LEAP_GAIN = [[0, 15], [1, 50], [2, 35]] as const;
/** How many related fields a mentor also lists. */
const EXTRA_FIELDS = [[0, 45], [1, 40], [2, 15]] as const;
/** A mentor's level relative to the field's requirement. */
const MENTOR_DRIFT = [[-1, 15], [0, 45], [1, 40]] as const;
/** Mentor capacity (0 is drawn separately, for ~3%). */
const CAPACITY = [[1, 8], [2, 20], [3, 22], [4, 18], [5, 12], [6, 9], [8, 6], [10, 3], [12, 2]] as const;

type Background = 'engineer' | 'product' | 'data';

const BACKGROUND: Record<string, Background> = {
  'backend-engineering': 'engineer',
  'frontend-engineering': 'engineer',
  'data-engineering': 'engineer',
  'ml-engineering': 'engineer',
  'developer-relations': 'engineer',
  'product-management': 'product',
  'project-management': 'product',
  'ai-product-management': 'product',
  'data-analysis': 'data',
  'data-science': 'data',
};

/** Self-rating ranges [low, high] per dimension for skills outside the current field's own profile. */
const PRIORS: Record<Background, Record<Dimension, readonly [number, number]>> = {
  engineer: {
    'ai-technical-judgement': [1, 3],
    'product-design': [0, 2],
    business: [0, 1],
    'cross-functional-collaboration': [0, 2],
    'product-fundamentals': [0, 2],
    'ai-fundamentals': [2, 4],
    domain: [1, 3],
    engineering: [3, 5],
  },
  product: {
    'ai-technical-judgement': [0, 2],
    'product-design': [2, 4],
    business: [2, 4],
    'cross-functional-collaboration': [3, 5],
    'product-fundamentals': [3, 5],
    'ai-fundamentals': [0, 2],
    domain: [1, 3],
    engineering: [0, 2],
  },
  data: {
    'ai-technical-judgement': [1, 3],
    'product-design': [1, 3],
    business: [1, 2],
    'cross-functional-collaboration': [1, 3],
    'product-fundamentals': [1, 2],
    'ai-fundamentals': [2, 4],
    domain: [1, 3],
    engineering: [2, 4],
  },
};

const STAGES: readonly (readonly [Stage, number])[] = [
  ['KNOWLEDGE', 45],
  ['VALIDATION', 35],
  ['LEAP', 20],
];

/** Mentors' main field. */
const MENTOR_FIELDS: readonly (readonly [string, number])[] = [
  ['ai-product-management', 30],
  ['product-management', 12],
  ['ml-engineering', 12],
  ['data-science', 10],
  ['data-engineering', 8],
  ['backend-engineering', 9],
  ['frontend-engineering', 6],
  ['developer-relations', 5],
  ['data-analysis', 4],
  ['project-management', 4],
];

/** Fields a mentor in a field often also works in. */
const RELATED: Record<string, readonly string[]> = {
  'ai-product-management': ['product-management', 'ml-engineering', 'data-science', 'developer-relations'],
  'product-management': ['ai-product-management', 'project-management'],
  'ml-engineering': ['data-science', 'data-engineering', 'ai-product-management'],
  'data-science': ['ml-engineering', 'data-analysis'],
  'data-engineering': ['backend-engineering', 'ml-engineering'],
  'backend-engineering': ['data-engineering', 'frontend-engineering'],
  'frontend-engineering': ['backend-engineering', 'developer-relations'],
  'developer-relations': ['frontend-engineering', 'backend-engineering', 'ai-product-management'],
  'data-analysis': ['data-science', 'product-management'],
  'project-management': ['product-management'],
};

// ---------------------------------------------------------------------------
// Words

/** Job titles by seniority (junior, senior, lead). */
const TITLES: Record<string, { en: readonly string[]; zh: readonly string[] }> = {
  'ai-product-management': { en: ['AI Product Manager', 'Senior AI Product Manager', 'Head of AI Product'], zh: ['AI 产品经理', '高级 AI 产品经理', 'AI 产品负责人'] },
  'product-management': { en: ['Product Manager', 'Senior Product Manager', 'Group Product Manager'], zh: ['产品经理', '高级产品经理', '产品总监'] },
  'ml-engineering': { en: ['ML Engineer', 'Senior ML Engineer', 'Staff ML Engineer'], zh: ['机器学习工程师', '高级算法工程师', '算法专家'] },
  'data-science': { en: ['Data Scientist', 'Senior Data Scientist', 'Lead Data Scientist'], zh: ['数据科学家', '高级数据科学家', '数据科学负责人'] },
  'data-engineering': { en: ['Data Engineer', 'Senior Data Engineer', 'Data Platform Lead'], zh: ['数据工程师', '高级数据工程师', '数据平台负责人'] },
  'backend-engineering': { en: ['Backend Engineer', 'Senior Backend Engineer', 'Staff Engineer'], zh: ['后端工程师', '高级后端工程师', '技术专家'] },
  'frontend-engineering': { en: ['Frontend Engineer', 'Senior Frontend Engineer', 'Frontend Lead'], zh: ['前端工程师', '高级前端工程师', '前端负责人'] },
  'developer-relations': { en: ['Developer Advocate', 'Senior Developer Advocate', 'Head of DevRel'], zh: ['开发者布道师', '高级开发者布道师', '开发者关系负责人'] },
  'data-analysis': { en: ['Data Analyst', 'Senior Data Analyst', 'Analytics Lead'], zh: ['数据分析师', '高级数据分析师', '数据分析负责人'] },
  'project-management': { en: ['Project Manager', 'Senior Project Manager', 'Program Director'], zh: ['项目经理', '高级项目经理', '项目总监'] },
};

/** "ex-backend engineer" / "后端工程师转型". */
const PERSON: Record<string, { en: string; zh: string }> = {
  'backend-engineering': { en: 'backend engineer', zh: '后端工程师' },
  'frontend-engineering': { en: 'frontend engineer', zh: '前端工程师' },
  'data-engineering': { en: 'data engineer', zh: '数据工程师' },
  'data-analysis': { en: 'data analyst', zh: '数据分析师' },
  'data-science': { en: 'data scientist', zh: '数据科学家' },
  'product-management': { en: 'product manager', zh: '产品经理' },
  'project-management': { en: 'project manager', zh: '项目经理' },
  'ml-engineering': { en: 'ML engineer', zh: '算法工程师' },
  'developer-relations': { en: 'developer advocate', zh: '开发者布道师' },
  'ai-product-management': { en: 'AI product manager', zh: 'AI 产品经理' },
};

const COMPANIES: readonly { en: string; zh: string }[] = [
  { en: 'an AI platform team', zh: 'AI 中台团队' },
  { en: 'a developer-tools company', zh: '开发者工具公司' },
  { en: 'a fintech scale-up', zh: '金融科技公司' },
  { en: 'a healthcare AI startup', zh: '医疗 AI 创业公司' },
  { en: 'an edtech company', zh: '教育科技公司' },
  { en: 'an e-commerce platform', zh: '电商平台' },
  { en: 'an enterprise SaaS vendor', zh: '企业服务(SaaS)公司' },
  { en: 'a cloud provider', zh: '云计算厂商' },
  { en: 'a search & recommendation team', zh: '搜索推荐团队' },
];

const PROJECTS: readonly { en: string; zh: string }[] = [
  { en: 'an internal support-bot pilot', zh: '公司内部智能客服试点' },
  { en: 'an open-source RAG knowledge base', zh: '开源本地知识库(RAG)项目' },
  { en: 'an AI hackathon entry', zh: 'AI 黑客松作品' },
  { en: 'a Kaggle competition', zh: 'Kaggle 竞赛' },
  { en: 'a prompt-evaluation harness for my team', zh: '为团队搭建提示词评测工具' },
  { en: 'a Streamlit prototype of a coding assistant', zh: '用 Streamlit 做的编程助手原型' },
];

// ---------------------------------------------------------------------------
// Time windows ("HH:mm", 30-minute aligned, within one day)

type Part = 'early' | 'morning' | 'lunch' | 'evening' | 'weekendMorning' | 'weekendAfternoon';

/** Candidate [start, end] in minutes for each part of the day; parts never overlap. */
const PART_WINDOWS: Record<Part, readonly (readonly [number, number])[]> = {
  early: [[6 * 60 + 30, 8 * 60], [6 * 60, 7 * 60 + 30]],
  morning: [[7 * 60, 8 * 60 + 30], [7 * 60 + 30, 9 * 60], [8 * 60, 9 * 60]],
  lunch: [[12 * 60, 13 * 60], [12 * 60 + 30, 13 * 60 + 30]],
  evening: [[18 * 60 + 30, 20 * 60], [19 * 60, 21 * 60], [19 * 60, 22 * 60], [20 * 60, 21 * 60 + 30], [20 * 60 + 30, 22 * 60]],
  weekendMorning: [[9 * 60, 11 * 60], [9 * 60 + 30, 12 * 60], [10 * 60, 12 * 60]],
  weekendAfternoon: [[14 * 60, 16 * 60], [14 * 60, 17 * 60], [15 * 60 + 30, 17 * 60 + 30]],
};

const WEEKEND_PARTS = new Set<Part>(['weekendMorning', 'weekendAfternoon']);

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** n windows in distinct (weekday, part) slots, sorted by weekday and start. */
function weeklyWindows(rnd: Random, n: number, parts: readonly (readonly [Part, number])[]): WeeklyWindow[] {
  const taken = new Set<string>();
  const windows: { weekday: number; start: number; end: number }[] = [];
  for (let attempt = 0; windows.length < n && attempt < n * 20; attempt++) {
    const part = rnd.weighted(parts);
    const weekday = WEEKEND_PARTS.has(part) ? rnd.int(6, 7) : rnd.int(1, 5);
    const slot = `${weekday}:${part}`;
    if (taken.has(slot)) continue;
    taken.add(slot);
    const [start, end] = rnd.pick(PART_WINDOWS[part]);
    windows.push({ weekday, start, end });
  }
  windows.sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  return windows.map((w) => ({ weekday: w.weekday, start: hhmm(w.start), end: hhmm(w.end) }));
}

const SWITCHER_PARTS: readonly (readonly [Part, number])[] = [
  ['evening', 60],
  ['weekendMorning', 18],
  ['weekendAfternoon', 15],
  ['early', 7],
];

/** Mentors lean one way: evening people, early birds, weekenders or a mix. */
const MENTOR_STYLES: readonly (readonly [readonly (readonly [Part, number])[], number])[] = [
  [[['evening', 70], ['lunch', 10], ['weekendMorning', 10], ['weekendAfternoon', 10]], 45],
  [[['morning', 65], ['lunch', 20], ['weekendMorning', 15]], 20],
  [[['weekendMorning', 45], ['weekendAfternoon', 40], ['evening', 15]], 20],
  [[['morning', 25], ['lunch', 20], ['evening', 30], ['weekendMorning', 15], ['weekendAfternoon', 10]], 15],
];

// ---------------------------------------------------------------------------
// People

const ZONE_TABLE = ZONES.map((z) => [z, z.weight] as const);
const CULTURE_TABLES = new Map(ZONES.map((z) => [z, z.cultures.map((c) => [c, c.weight] as const)]));

interface Person {
  user: DemoUser;
  zh: boolean;
}

function makePerson(rnd: Random, index: number, key: string, roles: DemoRole[]): Person {
  const zone: ZoneSpec = rnd.weighted(ZONE_TABLE);
  const zc: ZoneCulture = rnd.weighted(CULTURE_TABLES.get(zone)!);
  const given = rnd.pick(zc.culture.given);
  const family = rnd.pick(zc.culture.family);
  const zh = zc.zhLocale !== undefined && rnd.chance(zc.zhLocale);
  const givenHanzi = hanzi(given);
  const familyHanzi = hanzi(family);
  let displayName: string;
  if (zh && givenHanzi && familyHanzi) displayName = familyHanzi + givenHanzi;
  else if (zc.culture.familyFirst) displayName = `${latin(family)} ${latin(given)}`;
  else displayName = `${latin(given)} ${latin(family)}`;
  const email = `${emailPart(latin(given))}.${emailPart(latin(family))}.${index}@${DEMO_EMAIL_DOMAIN}`;
  return {
    zh,
    user: {
      key,
      email,
      displayName,
      timeZone: zone.zone,
      locale: zh ? 'zh-CN' : 'en',
      languages: [...rnd.weighted(zc.languages)],
      roles,
    },
  };
}

/** "Machine learning engineering" -> "machine learning engineering", but "AI product management" stays. */
function lowerFirst(text: string): string {
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** A space between Chinese characters and Latin letters or digits, as Chinese typesetting does: "转型为 AI 产品经理". */
export function cjkSpacing(text: string): string {
  return text.replace(/([\u4e00-\u9fff])([A-Za-z0-9])/g, '$1 $2').replace(/([A-Za-z0-9])([\u4e00-\u9fff])/g, '$1 $2');
}

function clampLevel(n: number): number {
  return Math.max(0, Math.min(5, n));
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

// ---------------------------------------------------------------------------
// Switchers

function makeSwitcher(
  rnd: Random,
  person: Person,
  /** The Date `minutesAgo` whole minutes before `now`. */
  at: (minutesAgo: number) => Date,
): { profile: DemoSwitcherProfile; ratings: DemoRating[] } {
  const key = person.user.key;
  const [currentField, targetField] = rnd.weighted(TRANSITION_TABLE);
  const stage = rnd.weighted(STAGES);
  const background = BACKGROUND[currentField];
  const current = requirementLevels(currentField);
  const target = requirementLevels(targetField);
  const vertical = rnd.pick(DOMAIN_SKILLS);

  // When they joined (minutes before now): later stages have been at it longer.
  const joinedDaysAgo = stage === 'KNOWLEDGE' ? rnd.int(3, 60) : stage === 'VALIDATION' ? rnd.int(60, 180) : rnd.int(150, 360);
  const joinedAgo = joinedDaysAgo * DAY_MINUTES + rnd.int(0, DAY_MINUTES - 1);

  const rateTarget = stage === 'KNOWLEDGE' ? 0.65 : stage === 'VALIDATION' ? 0.75 : 0.85;
  const ratings: DemoRating[] = [];
  const historyWanted = rnd.chance(stage === 'KNOWLEDGE' ? 0.08 : stage === 'VALIDATION' ? 0.3 : 0.4) ? rnd.int(1, 4) : 0;
  let histories = 0;

  for (const skill of TAXONOMY.skills) {
    const inTarget = target.has(skill.slug);
    const own = current.get(skill.slug);
    const p = inTarget ? rateTarget : own ? 0.45 : skill.slug === vertical ? 0.7 : 0.04;
    if (!rnd.chance(p)) continue;

    // Where they started: around their own field's level, else the background's prior.
    let level: number;
    if (own) level = clampLevel(own.level + rnd.weighted(OWN_FIELD_DRIFT));
    else {
      const [lo, hi] = PRIORS[background][skill.dimension as Dimension];
      level = rnd.int(lo, hi);
    }
    const start = level;
    // What the switch has taught them so far.
    if (inTarget && !own) {
      if (stage === 'VALIDATION') level += rnd.chance(0.6) ? 1 : 0;
      else if (stage === 'LEAP') level += rnd.weighted(LEAP_GAIN);
      else level += rnd.chance(0.15) ? 1 : 0;
    }
    level = clampLevel(level);

    // First rated within three days of joining (joinedAgo >= 3 days, so never in the future).
    const firstAgo = joinedAgo - rnd.int(0, 3 * DAY_MINUTES);
    const wantsHistory = histories < historyWanted && inTarget && level < 5 && firstAgo > 2 * DAY_MINUTES && rnd.chance(0.5);
    if (!wantsHistory) {
      ratings.push({ userKey: key, skill: skill.slug, level, ratedAt: at(firstAgo) });
      continue;
    }
    // A progress history: 2-3 ratings over time, from a lower start to the current level.
    histories++;
    const final = Math.max(level, start + 1, 1);
    const first = clampLevel(Math.min(start, final - 1));
    const history: [level: number, minutesAgo: number][] =
      final - first >= 2 && rnd.chance(0.6)
        ? [
            [first, firstAgo],
            [first + Math.ceil((final - first) / 2), Math.floor(firstAgo * 0.55)],
            [final, Math.floor(firstAgo * 0.1)],
          ]
        : [
            [first, firstAgo],
            [final, Math.floor(firstAgo * 0.2)],
          ];
    for (const [lvl, ago] of history) ratings.push({ userKey: key, skill: skill.slug, level: lvl, ratedAt: at(ago) });
  }

  const from = field(currentField);
  const to = field(targetField);
  const months = rnd.pick([6, 9, 12]);
  const company = rnd.pick(COMPANIES);
  const project = rnd.pick(PROJECTS);
  let goals: string;
  if (person.zh) {
    const main = rnd.pick([
      `${months} 个月内从${from.zh}转型为${company.zh}的${to.zh}。`,
      `拿到${company.zh}的${to.zh} offer,发挥${from.zh}背景的优势。`,
      `补齐${to.zh}所需的能力短板,${months} 个月内完成转型。`,
    ]);
    const status =
      stage === 'KNOWLEDGE'
        ? '目前在补产品基础和 AI 通识,每天 1 小时研读 AI 产品案例。'
        : stage === 'VALIDATION'
          ? `正在做${project.zh},希望把成果量化。`
          : '正在面试,想练习 AI 产品设计题和薪资谈判。';
    goals = cjkSpacing(main + status);
  } else {
    const main = rnd.pick([
      `Move from ${lowerFirst(from.en)} into ${lowerFirst(to.en)} at ${company.en} within ${months} months.`,
      `Land a role as ${PERSON[targetField].en} at ${company.en}, building on my ${lowerFirst(from.en)} background.`,
      `Close my gaps for ${lowerFirst(to.en)} and make the switch in ${months} months.`,
    ]);
    const status =
      stage === 'KNOWLEDGE'
        ? ' Building product basics and AI literacy first: an hour of AI product case studies a day.'
        : stage === 'VALIDATION'
          ? ` Currently working on ${project.en} and want numbers to show for it.`
          : ' Interviewing now: want to practise AI product design questions and negotiation.';
    goals = main + status;
  }

  const weeklyHours = stage === 'KNOWLEDGE' ? rnd.int(4, 10) : stage === 'VALIDATION' ? rnd.int(6, 15) : rnd.int(5, 20);
  const preferredWindows = weeklyWindows(rnd, rnd.int(1, 4), SWITCHER_PARTS);

  return {
    profile: { userKey: key, currentField, targetField, stage, goals, weeklyHours, preferredWindows },
    ratings,
  };
}

// ---------------------------------------------------------------------------
// Mentors

function makeMentor(rnd: Random, person: Person): { profile: DemoMentorProfile; availability: DemoAvailability[] } {
  const key = person.user.key;
  let primary: string;
  let switchedFrom: string | null = null;
  const r = rnd.next();
  if (r < 0.35) {
    // Made the flagship switch: now an AI PM, once an engineer (or PM, analyst ...).
    primary = 'ai-product-management';
    switchedFrom = rnd.weighted(AI_PM_SWITCHES);
  } else if (r < 0.45) {
    [switchedFrom, primary] = rnd.weighted(OTHER_SWITCHES);
  } else {
    primary = rnd.weighted(MENTOR_FIELDS);
  }
  const fields = [primary];
  const extra = rnd.weighted(EXTRA_FIELDS);
  // Mentors who made some other switch stay out of AI PM, so that the AI PM
  // alumni are exactly the flagship ~35%.
  const related = RELATED[primary].filter((f) => f !== switchedFrom && !(switchedFrom && f === 'ai-product-management'));
  for (const f of rnd.sample(related, extra)) fields.push(f);

  const yearsExperience = switchedFrom ? rnd.int(5, 22) : rnd.int(2, 25);
  const seniority = yearsExperience < 5 ? 0 : yearsExperience < 11 ? 1 : 2;

  // Skills: strong in the main field's key skills, good in the related fields, and
  // still solid in the field they came from.
  const levels = new Map<string, number>();
  const add = (skill: string, level: number) => levels.set(skill, Math.max(levels.get(skill) ?? 0, clampLevel(level)));
  for (const req of field(primary).requirements) {
    const isKey = req.weight >= 6;
    if (!rnd.chance(isKey ? 0.9 : 0.55)) continue;
    const level = req.level + rnd.weighted(MENTOR_DRIFT) + (seniority === 2 ? 1 : 0);
    add(req.skill, isKey ? Math.max(3, level) : level);
  }
  for (const f of fields.slice(1)) {
    for (const req of field(f).requirements) {
      if (req.weight >= 6 && rnd.chance(0.45)) add(req.skill, Math.max(2, req.level + rnd.int(-1, 0)));
    }
  }
  if (switchedFrom) {
    for (const req of field(switchedFrom).requirements) {
      if (req.weight >= 5 && rnd.chance(0.7)) add(req.skill, Math.max(3, req.level + rnd.int(-1, 0)));
    }
  }
  if (rnd.chance(0.6)) add(rnd.pick(DOMAIN_SKILLS), rnd.int(3, 5));
  // Whatever brought a main-field key skill in, the mentor is strong in it.
  const keySkills = new Set(field(primary).requirements.filter((r) => r.weight >= 6).map((r) => r.skill));
  const skills = [...levels].map(([skill, level]) => ({ skill, level: keySkills.has(skill) ? Math.max(3, level) : level }));

  const capacity = rnd.chance(0.03) ? 0 : rnd.weighted(CAPACITY);
  const acceptingMentees = capacity > 0 && rnd.chance(0.92);

  const company = rnd.pick(COMPANIES);
  const title = TITLES[primary];
  const strong = skills
    .filter((s) => s.level >= 4)
    .slice(0, 3)
    .map((s) => SKILL.get(s.skill)!);
  const switchYears = switchedFrom ? rnd.int(1, Math.max(1, Math.min(8, yearsExperience - 3))) : 0;
  let headline: string;
  let bio: string;
  if (person.zh) {
    headline = cjkSpacing(`${company.zh}${title.zh[seniority]}` + (switchedFrom ? `,${PERSON[switchedFrom].zh}转型` : ''));
    bio = cjkSpacing(
      `从业 ${yearsExperience} 年。` +
      (switchedFrom
        ? `${switchYears} 年前从${PERSON[switchedFrom].zh}转型为${PERSON[primary].zh},很乐意分享转型路上的经验。`
        : `一直在${field(primary).zh}领域工作。`) +
      (strong.length ? `擅长:${strong.map((s) => s.zh).join('、')}。` : ''),
    );
  } else {
    headline = `${title.en[seniority]} at ${company.en}` + (switchedFrom ? ` · ex-${PERSON[switchedFrom].en}` : '');
    bio =
      `${yearsExperience} years in tech. ` +
      (switchedFrom
        ? `Moved from ${PERSON[switchedFrom].en} to ${PERSON[primary].en} ${switchYears} year${switchYears === 1 ? '' : 's'} ago and happy to share what worked. `
        : `Have worked in ${lowerFirst(field(primary).en)} throughout. `) +
      (strong.length ? `I can help with: ${strong.map((s) => s.en).join('; ')}.` : '');
  }

  const style = rnd.weighted(MENTOR_STYLES);
  const windows = weeklyWindows(rnd, rnd.int(2, 6), style);
  const availability = windows.map((w) => ({ userKey: key, ...w, timeZone: person.user.timeZone }));

  return {
    profile: { userKey: key, headline, bio: bio.trim(), fields, switchedFrom, yearsExperience, capacity, acceptingMentees, skills },
    availability,
  };
}

// ---------------------------------------------------------------------------

export function generateCommunity(options: CommunityOptions): Community {
  const { mentors, switchers } = options;
  for (const [name, value] of [['mentors', mentors], ['switchers', switchers]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const now = (options.now ?? DEFAULT_NOW).getTime();
  if (!Number.isFinite(now)) throw new RangeError('now must be a valid date');
  const rnd = new Random(mulberry32(seed));

  const community: Community = { users: [], switcherProfiles: [], ratings: [], mentorProfiles: [], availability: [] };
  let index = 0;
  // Ratings fall on whole minutes before `now`; sharing one Date per instant
  // halves the memory of a 300k-switcher community (millions of ratings).
  const dates = new Map<number, Date>();
  const at = (minutesAgo: number): Date => {
    let d = dates.get(minutesAgo);
    if (!d) dates.set(minutesAgo, (d = new Date(now - minutesAgo * MINUTE)));
    return d;
  };

  for (let i = 1; i <= mentors; i++) {
    // The first mentor also organizes.
    const person = makePerson(rnd, ++index, `mentor-${i}`, i === 1 ? ['MENTOR', 'ORGANIZER'] : ['MENTOR']);
    const { profile, availability } = makeMentor(rnd, person);
    community.users.push(person.user);
    community.mentorProfiles.push(profile);
    for (const a of availability) community.availability.push(a);
  }

  for (let i = 1; i <= switchers; i++) {
    const person = makePerson(rnd, ++index, `switcher-${i}`, ['SWITCHER']);
    const { profile, ratings } = makeSwitcher(rnd, person, at);
    community.users.push(person.user);
    community.switcherProfiles.push(profile);
    for (const r of ratings) community.ratings.push(r);
  }

  community.users.push(makePerson(rnd, ++index, 'organizer-1', ['ORGANIZER']).user);
  return community;
}
