/**
 * The reference mentor scorer: plain, obviously-correct code over plain data.
 * The recommendation index (../index) must return exactly what `recommend`
 * returns; both use the arithmetic in values.ts and the window expansion in
 * overlap.ts, but the overlap here is computed by interval arithmetic and
 * there by bitsets, so each checks the other.
 *
 * Components (each 0..1; see values.ts for the exact formulas):
 * - gapCoverage: sum over open gap items (gap = max(0, required - current) > 0) of
 *   weight x min(gap, max(0, mentorLevel - current)), divided by sum of weight x gap; 1 without a gap.
 * - fieldFit: 1 if the mentor works in the target field.
 * - sameSwitch: 1 if the mentor switched from the switcher's current field into the
 *   target field, 0.5 if from the current field into another, else 0.
 * - timeOverlap: min(1, overlapMinutesPerWeek / overlapTargetMinutes); see overlap.ts.
 * - language: 1 if the switcher's first language is shared, else 0.7 (no shared language: filtered).
 * - load: (capacity - activeMentees) / capacity (full or zero capacity: filtered).
 * - reliability: 0.5 below 3 sessions, else rating penalised by no-shows, shrunk to neutral.
 * score = round(100 x sum(weight x value) / sum(weights), 1 decimal).
 */
import type { MentorFeatures, NameLookup, SwitcherFeatures } from './features';
import { componentDetail, componentLabel, explanation, type MatchFacts } from './explain';
import { dominantDayPart, expandWindows, intersectRanges, mergeRanges, minutesPerWeek, rangeSlots } from './overlap';
import {
  COMPONENT_KEYS,
  compareRanked,
  coverageTerm,
  coverageValue,
  fieldFitValue,
  languageValue,
  loadValue,
  openGap,
  RELIABILITY_MIN_SESSIONS,
  reliabilityValue,
  resolveOptions,
  sameSwitchValue,
  scoreTenths,
  timeOverlapValue,
  type ComponentKey,
  type OpenGap,
  type ResolvedOptions,
  type ScoreOptions,
} from './values';

export type { ComponentKey, ScoreOptions, ScoreWeights } from './values';
export { DEFAULT_OVERLAP_TARGET_MINUTES, DEFAULT_WEEKS, DEFAULT_WEIGHTS, reliabilityValue, scoreOptions } from './values';

export interface ScoreComponent {
  key: ComponentKey;
  label: string;
  /** 0..1 */
  value: number;
  weight: number;
  detail: string;
}

export interface MentorMatch {
  mentorId: string;
  /** 0..100, one decimal. */
  score: number;
  /** All seven components, in the order of ScoreWeights. */
  components: ScoreComponent[];
  overlapMinutesPerWeek: number;
  explanation: string;
}

export type HardFilterReason = 'not-accepting' | 'at-capacity' | 'no-shared-language' | 'already-requested-or-matched' | 'self';

/** Why a mentor cannot be recommended at all, or null when they can. Checked in this order. */
export function hardFilter(s: SwitcherFeatures, m: MentorFeatures): HardFilterReason | null {
  if (m.id === s.id) return 'self';
  if (s.excludedMentorIds.includes(m.id)) return 'already-requested-or-matched';
  if (!m.acceptingMentees) return 'not-accepting';
  if (!(m.capacity > 0) || !(m.activeMentees < m.capacity)) return 'at-capacity';
  if (!m.languages.some((language) => s.languages.includes(language))) return 'no-shared-language';
  return null;
}

/** The switcher's side of a scoring run, computed once per switcher. */
interface SwitcherContext {
  readonly gap: OpenGap;
  /** Merged slot ranges of the switcher's preferred windows over the horizon. */
  readonly ranges: number[];
}

function switcherContext(s: SwitcherFeatures, options: ResolvedOptions): SwitcherContext {
  return { gap: openGap(s.gap), ranges: mergeRanges(expandWindows(s.timeZone, s.preferredWindows, options.horizon)) };
}

interface Evaluation {
  readonly values: Record<ComponentKey, number>;
  readonly tenths: number;
  readonly overlapMinutesPerWeek: number;
  readonly overlapRanges: number[];
  readonly covered: number;
}

/** Component values and score of a mentor who passed the hard filters. */
function evaluate(s: SwitcherFeatures, m: MentorFeatures, options: ResolvedOptions, context: SwitcherContext): Evaluation {
  let covered = 0;
  for (const item of context.gap.items) covered += coverageTerm(item, m.skillLevels[item.skillId] ?? 0);
  const worksInTarget = m.fieldIds.includes(s.targetFieldId);
  const switchedFromCurrent = s.currentFieldId !== null && m.switchedFromFieldId === s.currentFieldId;
  const mentorRanges = mergeRanges(expandWindows(m.timeZone, m.availability, options.horizon));
  const overlapRanges = intersectRanges(context.ranges, mentorRanges);
  const overlapMinutesPerWeek = minutesPerWeek(rangeSlots(overlapRanges), options.horizon.weeks);
  const values: Record<ComponentKey, number> = {
    gapCoverage: coverageValue(covered, context.gap.total),
    fieldFit: fieldFitValue(worksInTarget),
    sameSwitch: sameSwitchValue(switchedFromCurrent, worksInTarget),
    timeOverlap: timeOverlapValue(overlapMinutesPerWeek, options.overlapTargetMinutes),
    language: languageValue(s.languages.length > 0 && m.languages.includes(s.languages[0])),
    load: loadValue(m.capacity, m.activeMentees),
    reliability: reliabilityValue(m.reliability),
  };
  const w = options.weights;
  const tenths = scoreTenths(
    w,
    options.weightSum,
    values.gapCoverage,
    values.fieldFit,
    values.sameSwitch,
    values.timeOverlap,
    values.language,
    values.load,
    values.reliability,
  );
  return { values, tenths, overlapMinutesPerWeek, overlapRanges, covered };
}

function describe(s: SwitcherFeatures, m: MentorFeatures, options: ResolvedOptions, context: SwitcherContext, ev: Evaluation, names: NameLookup): MentorMatch {
  const contributions = context.gap.items
    .map((item) => ({ item, amount: coverageTerm(item, m.skillLevels[item.skillId] ?? 0) }))
    .filter((entry) => entry.amount > 0)
    .sort((a, b) => b.amount - a.amount || a.item.position - b.item.position);
  const topSkillIds: string[] = [];
  for (const { item } of contributions) {
    if (!topSkillIds.includes(item.skillId)) topSkillIds.push(item.skillId);
    if (topSkillIds.length === 2) break;
  }
  const first = s.languages[0] ?? '';
  const facts: MatchFacts = {
    coverage: { total: context.gap.total, value: ev.values.gapCoverage, topSkillIds },
    targetFieldId: s.targetFieldId,
    currentFieldId: s.currentFieldId,
    mentorFieldIds: m.fieldIds,
    switchedFromFieldId: m.switchedFromFieldId,
    worksInTarget: ev.values.fieldFit === 1,
    sameSwitch: ev.values.sameSwitch,
    overlap: {
      minutesPerWeek: ev.overlapMinutesPerWeek,
      weeks: options.horizon.weeks,
      dayPart: ev.overlapMinutesPerWeek > 0 ? dominantDayPart(ev.overlapRanges, s.timeZone, options.horizon) : null,
      switcherHasWindows: context.ranges.length > 0,
    },
    language: { first, shared: s.languages.filter((language) => m.languages.includes(language)), firstShared: ev.values.language === 1 },
    load: { capacity: m.capacity, activeMentees: m.activeMentees },
    reliability: { record: m.reliability, value: ev.values.reliability, neutral: m.reliability === null || !(m.reliability.sessions >= RELIABILITY_MIN_SESSIONS) },
  };
  const components: ScoreComponent[] = COMPONENT_KEYS.map((key) => ({
    key,
    label: componentLabel(key, names.locale),
    value: ev.values[key],
    weight: options.weights[key],
    detail: componentDetail(key, facts, names),
  }));
  return { mentorId: m.id, score: ev.tenths / 10, components, overlapMinutesPerWeek: ev.overlapMinutesPerWeek, explanation: explanation(facts, names) };
}

/** The match of one mentor for one switcher, or null when a hard filter applies. */
export function scoreMentor(s: SwitcherFeatures, m: MentorFeatures, options: ScoreOptions, names: NameLookup): MentorMatch | null {
  if (hardFilter(s, m) !== null) return null;
  const resolved = resolveOptions(options);
  const context = switcherContext(s, resolved);
  return describe(s, m, resolved, context, evaluate(s, m, resolved, context), names);
}

/**
 * Reference recommendation: score every mentor, sort by score descending then
 * mentor id ascending (code-unit order), take k (floored; k <= 0 gives []).
 * Mentor ids are assumed unique. Texts are built for the k results only; they
 * do not affect the order.
 */
export function recommend(s: SwitcherFeatures, mentors: MentorFeatures[], k: number, options: ScoreOptions, names: NameLookup): MentorMatch[] {
  const resolved = resolveOptions(options);
  const count = Math.floor(k);
  if (!(count > 0)) return [];
  const context = switcherContext(s, resolved);
  const ranked: { mentor: MentorFeatures; ev: Evaluation }[] = [];
  for (const mentor of mentors) {
    if (hardFilter(s, mentor) !== null) continue;
    ranked.push({ mentor, ev: evaluate(s, mentor, resolved, context) });
  }
  ranked.sort((a, b) => compareRanked(a.ev.tenths, a.mentor.id, b.ev.tenths, b.mentor.id));
  return ranked.slice(0, count).map(({ mentor, ev }) => describe(s, mentor, resolved, context, ev, names));
}

/**
 * Scores of one switcher against many mentors, without texts: one entry per
 * mentor that passes the hard filters, `mentor` being its index in `mentors`
 * and `score` the same 0..100 score `scoreMentor` gives. For cohort matching,
 * which needs every candidate pair rather than the top k.
 */
export function pairScores(s: SwitcherFeatures, mentors: readonly MentorFeatures[], options: ScoreOptions): { mentor: number; score: number }[] {
  const resolved = resolveOptions(options);
  const context = switcherContext(s, resolved);
  const out: { mentor: number; score: number }[] = [];
  mentors.forEach((mentor, index) => {
    if (hardFilter(s, mentor) === null) out.push({ mentor: index, score: evaluate(s, mentor, resolved, context).tenths / 10 });
  });
  return out;
}
