/**
 * Labels, per-component details and the one-line explanation of a match, in
 * English and Simplified Chinese. Pure functions of the facts the scorer
 * found; names come from the caller's NameLookup (already in the viewer's
 * language).
 */
import type { MentorFeatures, NameLookup } from './features';
import type { DayPart } from './overlap';
import type { ComponentKey } from './values';

type Locale = NameLookup['locale'];

/** What the scorer found about one (switcher, mentor) pair. */
export interface MatchFacts {
  coverage: {
    /** The switcher's weighted gap; 0 when nothing is left to close. */
    total: number;
    value: number;
    /** Up to two skills contributing most coverage, largest first. */
    topSkillIds: string[];
  };
  targetFieldId: string;
  currentFieldId: string | null;
  mentorFieldIds: string[];
  switchedFromFieldId: string | null;
  worksInTarget: boolean;
  sameSwitch: number;
  overlap: { minutesPerWeek: number; weeks: number; dayPart: DayPart | null; switcherHasWindows: boolean };
  language: { first: string; shared: string[]; firstShared: boolean };
  load: { capacity: number; activeMentees: number };
  reliability: { record: MentorFeatures['reliability']; value: number; neutral: boolean };
}

const LABELS: Record<Locale, Record<ComponentKey, string>> = {
  en: {
    gapCoverage: 'Skill gap coverage',
    fieldFit: 'Works in your target field',
    sameSwitch: 'Same career switch',
    timeOverlap: 'Time overlap',
    language: 'Language',
    load: 'Free mentee places',
    reliability: 'Reliability',
  },
  'zh-CN': {
    gapCoverage: '技能差距覆盖',
    fieldFit: '目标领域匹配',
    sameSwitch: '相同的转型路径',
    timeOverlap: '时间重叠',
    language: '语言',
    load: '剩余名额',
    reliability: '可靠性',
  },
};

export function componentLabel(key: ComponentKey, locale: Locale): string {
  return LABELS[locale][key];
}

export function componentDetail(key: ComponentKey, facts: MatchFacts, names: NameLookup): string {
  const zh = names.locale === 'zh-CN';
  switch (key) {
    case 'gapCoverage':
      return gapDetail(facts, names, zh);
    case 'fieldFit': {
      const target = names.fieldName(facts.targetFieldId);
      if (facts.worksInTarget) return zh ? mix('从事', target) : `Works in ${target}`;
      const elsewhere = facts.mentorFieldIds.map((id) => names.fieldName(id));
      if (elsewhere.length === 0) return zh ? mix('不从事', target) : `Does not work in ${target}`;
      return zh ? mix('从事', listZh(elsewhere), '，不是', target) : `Works in ${listEn(elsewhere)}, not in ${target}`;
    }
    case 'sameSwitch':
      return switchDetail(facts, names, zh);
    case 'timeOverlap':
      return overlapDetail(facts, zh);
    case 'language': {
      const shared = facts.language.shared.map((code) => languageName(code, names.locale));
      const first = languageName(facts.language.first, names.locale);
      if (facts.language.firstShared) return zh ? mix('会说你的首选语言', first) : `Speaks ${first}, your first language`;
      return zh ? mix('可以用', listZh(shared), '交流，但不会你的首选语言', first) : `Speaks ${listEn(shared)} with you, but not your first language, ${first}`;
    }
    case 'load': {
      const { capacity, activeMentees } = facts.load;
      const free = capacity - activeMentees;
      if (zh) return mix(`${capacity}`, '个名额中还有', `${free}`, '个空缺');
      return `${free} of ${capacity} mentee ${capacity === 1 ? 'place' : 'places'} free`;
    }
    case 'reliability':
      return reliabilityDetail(facts, zh);
  }
}

/**
 * One sentence of the components that tell the switcher something: what the
 * mentor covers, the shared switch (or the target field), the shared time,
 * a strong track record, a last free place. Zero and neutral parts are left out.
 */
export function explanation(facts: MatchFacts, names: NameLookup): string {
  const zh = names.locale === 'zh-CN';
  const parts: string[] = [];
  const { coverage, overlap } = facts;
  if (coverage.total > 0 && coverage.value > 0) {
    const pct = percent(coverage.value);
    const skills = coverage.topSkillIds.map((id) => names.skillName(id));
    parts.push(
      zh
        ? mix('可以覆盖你', `${pct}%`, '的差距', ...(skills.length ? ['，最擅长', listZh(skills)] : []))
        : `covers ${pct}% of your gap${skills.length ? `, strongest in ${listEn(skills)}` : ''}`,
    );
  }
  if (facts.sameSwitch > 0 && facts.currentFieldId !== null) {
    const from = names.fieldName(facts.currentFieldId);
    if (facts.sameSwitch === 1) parts.push(zh ? mix('同样从', from, '转型') : `made the same switch from ${from}`);
    else parts.push(zh ? mix('同样从', from, '转出') : `also switched away from ${from}`);
  }
  if (facts.sameSwitch < 1 && facts.worksInTarget) {
    const target = names.fieldName(facts.targetFieldId);
    parts.push(zh ? mix('从事', target) : `works in ${target}`);
  }
  if (overlap.minutesPerWeek > 0) {
    parts.push(
      zh
        ? mix('与你的', DAY_PART_ZH[overlap.dayPart ?? 'any'], '每周重叠', duration(overlap.minutesPerWeek, true))
        : `${duration(overlap.minutesPerWeek, false)} a week overlap with your ${DAY_PART_EN[overlap.dayPart ?? 'any']}`,
    );
  }
  const record = facts.reliability.record;
  if (!facts.reliability.neutral && record && record.meanRating !== null && facts.reliability.value >= 0.75) {
    const rating = record.meanRating.toFixed(1);
    parts.push(zh ? mix(`${record.sessions}`, '次辅导平均评分', `${rating}/5`) : `rated ${rating}/5 over ${record.sessions} sessions`);
  }
  const free = facts.load.capacity - facts.load.activeMentees;
  if (free === 1 && facts.load.capacity > 1) parts.push(zh ? '只剩最后一个名额' : 'one place left');
  if (parts.length === 0) {
    return zh ? '会说你的语言，并且还有名额' : 'Speaks your language and has room for another mentee';
  }
  if (zh) return parts.join('；');
  const sentence = parts.join('; ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function gapDetail(facts: MatchFacts, names: NameLookup, zh: boolean): string {
  const { total, value, topSkillIds } = facts.coverage;
  const target = names.fieldName(facts.targetFieldId);
  if (!(total > 0)) return zh ? mix('你在', target, '方面已经没有技能差距，任何导师都算完全覆盖') : `You have no skill gap left for ${target}, so every mentor covers it fully`;
  if (!(value > 0)) return zh ? '在你仍需提升的技能上都没有高于你的水平' : 'Is not ahead of you in any skill you still need';
  const pct = percent(value);
  const skills = topSkillIds.map((id) => names.skillName(id));
  if (zh) return mix('可以覆盖你', `${pct}%`, '的加权技能差距，最擅长', listZh(skills));
  return `Covers ${pct}% of your weighted skill gap, strongest in ${listEn(skills)}`;
}

function switchDetail(facts: MatchFacts, names: NameLookup, zh: boolean): string {
  const { currentFieldId, switchedFromFieldId, sameSwitch } = facts;
  const target = names.fieldName(facts.targetFieldId);
  if (currentFieldId !== null && sameSwitch === 1) {
    const from = names.fieldName(currentFieldId);
    return zh ? mix('同样从', from, '转型到', target) : `Made the same switch, from ${from} to ${target}`;
  }
  if (currentFieldId !== null && sameSwitch === 0.5) {
    const from = names.fieldName(currentFieldId);
    const now = facts.mentorFieldIds.map((id) => names.fieldName(id));
    if (now.length === 0) return zh ? mix('同样从', from, '转出，但没有转到', target) : `Also switched away from ${from}, but not into ${target}`;
    return zh ? mix('同样从', from, '转出，但转到了', listZh(now)) : `Also switched away from ${from}, but into ${listEn(now)}`;
  }
  if (switchedFromFieldId === null) return zh ? '没有转型经历' : 'Has not made a career switch';
  const from = names.fieldName(switchedFromFieldId);
  if (currentFieldId === null) return zh ? mix('从', from, '转型而来') : `Switched from ${from}`;
  return zh ? mix('从', from, '转型而来，不是从', names.fieldName(currentFieldId)) : `Switched from ${from}, not from ${names.fieldName(currentFieldId)}`;
}

function overlapDetail(facts: MatchFacts, zh: boolean): string {
  const { minutesPerWeek, weeks, dayPart, switcherHasWindows } = facts.overlap;
  if (!switcherHasWindows) return zh ? '你还没有设置空闲时间' : 'You have not set your preferred times yet';
  const span = zh ? mix('未来', `${weeks}`, '周内') : weeks === 1 ? 'over the next week' : `over the next ${weeks} weeks`;
  if (minutesPerWeek === 0) return zh ? mix(span, '与你的空闲时间没有重叠') : `No overlap with your preferred times ${span}`;
  if (zh) return mix(span, '平均每周与你的', DAY_PART_ZH[dayPart ?? 'any'], '重叠', duration(minutesPerWeek, true));
  return `${capitalise(duration(minutesPerWeek, false))} a week overlap with your ${DAY_PART_EN[dayPart ?? 'any']} on average ${span}`;
}

function reliabilityDetail(facts: MatchFacts, zh: boolean): string {
  const record = facts.reliability.record;
  if (record === null || record.sessions === 0) return zh ? '还没有辅导记录，按中性计算' : 'No sessions yet, counted as neutral';
  if (facts.reliability.neutral) {
    return zh ? mix('只有', `${record.sessions}`, '次辅导，还不足以判断，按中性计算') : `Only ${record.sessions} ${record.sessions === 1 ? 'session' : 'sessions'} so far, too few to judge; counted as neutral`;
  }
  const noShowsEn = record.noShows === 0 ? 'no no-shows' : `${record.noShows} ${record.noShows === 1 ? 'no-show' : 'no-shows'}`;
  const noShowsZh = record.noShows === 0 ? '没有缺席' : mix('缺席', `${record.noShows}`, '次');
  if (record.meanRating === null) return zh ? mix(`${record.sessions}`, '次辅导还没有评分，', noShowsZh) : `${record.sessions} sessions, none rated yet, ${noShowsEn}`;
  const rating = record.meanRating.toFixed(1);
  if (zh) return mix(`${record.sessions}`, '次辅导平均评分', `${rating}/5`, '，', noShowsZh);
  return `Rated ${rating}/5 on average over ${record.sessions} sessions, ${noShowsEn}`;
}

const DAY_PART_EN: Record<DayPart | 'any', string> = {
  mornings: 'mornings',
  afternoons: 'afternoons',
  evenings: 'evenings',
  nights: 'late nights',
  weekends: 'weekends',
  any: 'preferred times',
};

const DAY_PART_ZH: Record<DayPart | 'any', string> = {
  mornings: '上午时间',
  afternoons: '下午时间',
  evenings: '晚间时间',
  nights: '深夜时间',
  weekends: '周末时间',
  any: '空闲时间',
};

/** Whole percent, never showing 0% for some coverage or 100% for partial coverage. */
function percent(value: number): number {
  const pct = Math.round(value * 100);
  if (value > 0 && pct === 0) return 1;
  if (value < 1 && pct === 100) return 99;
  return pct;
}

/** "6 h", "1.5 h", "45 min" / "6 小时", "45 分钟". */
function duration(minutes: number, zh: boolean): string {
  if (minutes < 60) return zh ? `${minutes} 分钟` : `${minutes} min`;
  const hours = Math.round(minutes / 30) / 2;
  return zh ? `${hours} 小时` : `${hours} h`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listEn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function listZh(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return mix(...items.slice(0, -1).flatMap((item, i) => (i === 0 ? [item] : ['、', item])), '和', items[items.length - 1]);
}

const LATIN_END = /[A-Za-z0-9%)]$/;
const LATIN_START = /^[A-Za-z0-9(]/;
const CJK_END = /[\u3400-\u9fff]$/;
const CJK_START = /^[\u3400-\u9fff]/;

/** Concatenates Chinese text segments, with a space wherever Chinese meets Latin letters or digits ("覆盖你 80% 的差距"). */
function mix(...segments: string[]): string {
  let out = '';
  for (const segment of segments) {
    if (segment === '') continue;
    if ((LATIN_END.test(out) && CJK_START.test(segment)) || (CJK_END.test(out) && LATIN_START.test(segment))) out += ' ';
    out += segment;
  }
  return out;
}

const displayNames = new Map<Locale, Intl.DisplayNames | null>();
const languageNames = new Map<string, string>();

/** "English", "Chinese" / "英语", "中文" for language codes; the code itself when Intl does not know it. */
export function languageName(code: string, locale: Locale): string {
  const key = `${locale}|${code}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    name = lookUpLanguageName(code, locale);
    if (languageNames.size < 1000) languageNames.set(key, name);
  }
  return name;
}

function lookUpLanguageName(code: string, locale: Locale): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
