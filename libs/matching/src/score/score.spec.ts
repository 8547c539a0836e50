import fc from 'fast-check';
import type { MentorFeatures, NameLookup, SwitcherFeatures, WeeklyWindow } from './features';
import { expandWindows, horizonOf, SLOT_MS } from './overlap';
import { DEFAULT_WEIGHTS, hardFilter, pairScores, recommend, reliabilityValue, scoreMentor, scoreOptions, type MentorMatch, type ScoreOptions } from './score';

const SKILLS: Record<string, { en: string; zh: string }> = {
  prd: { en: 'PRD writing', zh: '需求文档撰写' },
  ab: { en: 'A/B testing', zh: 'A/B 测试' },
  ml: { en: 'ML workflow', zh: '机器学习流程' },
  pricing: { en: 'monetisation models', zh: '商业化模式' },
};
const FIELDS: Record<string, { en: string; zh: string }> = {
  backend: { en: 'backend engineering', zh: '后端工程' },
  aipm: { en: 'AI product management', zh: 'AI 产品管理' },
  ds: { en: 'data science', zh: '数据科学' },
  design: { en: 'product design', zh: '产品设计' },
};

function names(locale: 'en' | 'zh-CN'): NameLookup {
  const key = locale === 'en' ? 'en' : 'zh';
  return { locale, skillName: (id) => SKILLS[id]?.[key] ?? id, fieldName: (id) => FIELDS[id]?.[key] ?? id };
}
const EN = names('en');
const ZH = names('zh-CN');

/** Monday 2025-03-03 00:00 UTC: the US springs forward on Sunday 9 March, the EU on Sunday 30 March. */
const MARCH = new Date('2025-03-03T00:00:00Z');
const OPTIONS: ScoreOptions = scoreOptions(MARCH);

function window(weekday: number, start: string, end: string): WeeklyWindow {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return { weekday, startMinute: minutes(start), endMinute: minutes(end) };
}

function mentor(overrides: Partial<MentorFeatures> = {}): MentorFeatures {
  return {
    id: 'm1',
    displayName: 'Mentor',
    fieldIds: ['aipm'],
    switchedFromFieldId: 'backend',
    languages: ['en'],
    capacity: 4,
    activeMentees: 1,
    acceptingMentees: true,
    skillLevels: { prd: 4, ab: 4, ml: 1 },
    timeZone: 'UTC',
    availability: [],
    reliability: null,
    ...overrides,
  };
}

function switcher(overrides: Partial<SwitcherFeatures> = {}): SwitcherFeatures {
  return {
    id: 's1',
    currentFieldId: 'backend',
    targetFieldId: 'aipm',
    languages: ['en'],
    timeZone: 'UTC',
    preferredWindows: [],
    gap: [
      { skillId: 'prd', required: 4, current: 0, weight: 1 },
      { skillId: 'ab', required: 4, current: 1, weight: 1 },
      { skillId: 'ml', required: 3, current: 0, weight: 1 },
    ],
    excludedMentorIds: [],
    ...overrides,
  };
}

function score(s: SwitcherFeatures, m: MentorFeatures, options: ScoreOptions = OPTIONS, lookup: NameLookup = EN): MentorMatch {
  const match = scoreMentor(s, m, options, lookup);
  if (!match) throw new Error('unexpectedly filtered');
  return match;
}

function value(match: MentorMatch, key: string): number {
  return match.components.find((c) => c.key === key)!.value;
}

function detail(match: MentorMatch, key: string): string {
  return match.components.find((c) => c.key === key)!.detail;
}

function overlap(s: Partial<SwitcherFeatures>, m: Partial<MentorFeatures>, options: ScoreOptions = OPTIONS): number {
  return score(switcher(s), mentor(m), options).overlapMinutesPerWeek;
}

describe('components', () => {
  it('gapCoverage: weighted share of the open gap the mentor is ahead by', () => {
    const s = switcher({
      gap: [
        { skillId: 'prd', required: 4, current: 1, weight: 2 }, // gap 3, mentor 3 covers 2
        { skillId: 'ab', required: 3, current: 3, weight: 5 }, // no gap: ignored
        { skillId: 'ml', required: 5, current: 0, weight: 1 }, // gap 5, mentor 5 covers 5
        { skillId: 'pricing', required: 2, current: 0, weight: 1 }, // gap 2, mentor has nothing
      ],
    });
    const match = score(s, mentor({ skillLevels: { prd: 3, ab: 5, ml: 5 } }));
    expect(value(match, 'gapCoverage')).toBeCloseTo((2 * 2 + 5) / (2 * 3 + 5 + 2), 12);
    expect(detail(match, 'gapCoverage')).toBe('Covers 69% of your weighted skill gap, strongest in ML workflow and PRD writing');
  });

  it('gapCoverage: capped at the gap, 0 when the mentor is behind, 1 without a gap', () => {
    const s = switcher({ gap: [{ skillId: 'prd', required: 3, current: 1, weight: 1 }] });
    expect(value(score(s, mentor({ skillLevels: { prd: 5 } })), 'gapCoverage')).toBe(1);
    const behind = score(s, mentor({ skillLevels: { prd: 1 } }));
    expect(value(behind, 'gapCoverage')).toBe(0);
    expect(detail(behind, 'gapCoverage')).toBe('Is not ahead of you in any skill you still need');
    const noGap = score(switcher({ gap: [{ skillId: 'prd', required: 2, current: 4, weight: 1 }] }), mentor({ skillLevels: {} }));
    expect(value(noGap, 'gapCoverage')).toBe(1);
    expect(value(score(switcher({ gap: [{ skillId: 'prd', required: 3, current: 0, weight: 0 }] }), mentor()), 'gapCoverage')).toBe(1);
  });

  it('fieldFit and sameSwitch', () => {
    const s = switcher();
    const same = score(s, mentor());
    expect([value(same, 'fieldFit'), value(same, 'sameSwitch')]).toEqual([1, 1]);
    expect(detail(same, 'sameSwitch')).toBe('Made the same switch, from backend engineering to AI product management');

    const elsewhere = score(s, mentor({ fieldIds: ['ds'] }));
    expect([value(elsewhere, 'fieldFit'), value(elsewhere, 'sameSwitch')]).toEqual([0, 0.5]);
    expect(detail(elsewhere, 'sameSwitch')).toBe('Also switched away from backend engineering, but into data science');
    expect(detail(elsewhere, 'fieldFit')).toBe('Works in data science, not in AI product management');

    const native = score(s, mentor({ switchedFromFieldId: null }));
    expect([value(native, 'fieldFit'), value(native, 'sameSwitch')]).toEqual([1, 0]);
    expect(detail(native, 'sameSwitch')).toBe('Has not made a career switch');

    const other = score(s, mentor({ switchedFromFieldId: 'design' }));
    expect(value(other, 'sameSwitch')).toBe(0);
    expect(detail(other, 'sameSwitch')).toBe('Switched from product design, not from backend engineering');

    // A switcher without a current field shares no switch, even with a mentor who never switched.
    expect(value(score(switcher({ currentFieldId: null }), mentor({ switchedFromFieldId: null })), 'sameSwitch')).toBe(0);
  });

  it('language: 1 for the first language, 0.7 for another shared one', () => {
    expect(value(score(switcher({ languages: ['zh', 'en'] }), mentor({ languages: ['zh'] })), 'language')).toBe(1);
    const second = score(switcher({ languages: ['zh', 'en'] }), mentor({ languages: ['en', 'fr'] }));
    expect(value(second, 'language')).toBe(0.7);
    expect(detail(second, 'language')).toBe('Speaks English with you, but not your first language, Chinese');
  });

  it('load: share of free places', () => {
    const match = score(switcher(), mentor({ capacity: 5, activeMentees: 2 }));
    expect(value(match, 'load')).toBe(0.6);
    expect(detail(match, 'load')).toBe('3 of 5 mentee places free');
  });

  it('reliability: neutral until 3 sessions, then rating x (1 - no-show rate) shrunk towards 0.5', () => {
    expect(reliabilityValue(null)).toBe(0.5);
    expect(reliabilityValue({ sessions: 2, meanRating: 5, noShows: 0 })).toBe(0.5);
    expect(reliabilityValue({ sessions: 3, meanRating: 5, noShows: 0 })).toBe(0.75);
    expect(reliabilityValue({ sessions: 3, meanRating: 1, noShows: 0 })).toBe(0.25);
    expect(reliabilityValue({ sessions: 10, meanRating: 5, noShows: 1 })).toBeCloseTo((10 * 0.9 + 1.5) / 13, 12);
    expect(reliabilityValue({ sessions: 20, meanRating: null, noShows: 0 })).toBe(0.5);
    expect(reliabilityValue({ sessions: 5, meanRating: 5, noShows: 9 })).toBeCloseTo(1.5 / 8, 12);
    const match = score(switcher(), mentor({ reliability: { sessions: 12, meanRating: 4.6, noShows: 0 } }));
    expect(detail(match, 'reliability')).toBe('Rated 4.6/5 on average over 12 sessions, no no-shows');
  });

  it('score: 100 x weighted mean of the values, one decimal', () => {
    const match = score(switcher(), mentor());
    const expected = match.components.reduce((sum, c) => sum + c.weight * c.value, 0) / match.components.reduce((sum, c) => sum + c.weight, 0);
    expect(match.score).toBeCloseTo(Math.round(expected * 1000) / 10, 10);
    expect(match.components.map((c) => c.key)).toEqual(['gapCoverage', 'fieldFit', 'sameSwitch', 'timeOverlap', 'language', 'load', 'reliability']);
    expect(match.components.map((c) => c.weight)).toEqual([0.35, 0.15, 0.15, 0.15, 0.05, 0.1, 0.05]);
    const onlyField = score(switcher(), mentor(), { ...OPTIONS, weights: { ...zeroWeights(), fieldFit: 2 } });
    expect(onlyField.score).toBe(100);
  });

  it('rejects invalid options', () => {
    expect(() => scoreMentor(switcher(), mentor(), { ...OPTIONS, weights: zeroWeights() }, EN)).toThrow(RangeError);
    expect(() => scoreMentor(switcher(), mentor(), { ...OPTIONS, weights: { ...DEFAULT_WEIGHTS, load: -1 } }, EN)).toThrow(RangeError);
    expect(() => scoreMentor(switcher(), mentor(), { ...OPTIONS, weeks: 0 }, EN)).toThrow(RangeError);
    expect(() => scoreMentor(switcher(), mentor(), { ...OPTIONS, overlapTargetMinutes: 0 }, EN)).toThrow(RangeError);
    expect(() => scoreMentor(switcher(), mentor(), { ...OPTIONS, weekStart: new Date('nope') }, EN)).toThrow(RangeError);
  });
});

function zeroWeights() {
  return { gapCoverage: 0, fieldFit: 0, sameSwitch: 0, timeOverlap: 0, language: 0, load: 0, reliability: 0 };
}

describe('hard filters', () => {
  it.each([
    ['self', switcher(), mentor({ id: 's1' })],
    ['already-requested-or-matched', switcher({ excludedMentorIds: ['x', 'm1'] }), mentor()],
    ['not-accepting', switcher(), mentor({ acceptingMentees: false })],
    ['at-capacity', switcher(), mentor({ capacity: 2, activeMentees: 2 })],
    ['at-capacity', switcher(), mentor({ capacity: 2, activeMentees: 3 })],
    ['at-capacity', switcher(), mentor({ capacity: 0, activeMentees: 0 })],
    ['no-shared-language', switcher({ languages: ['zh'] }), mentor({ languages: ['en', 'de'] })],
  ] as const)('%s', (reason, s, m) => {
    expect(hardFilter(s, m)).toBe(reason);
    expect(scoreMentor(s, m, OPTIONS, EN)).toBeNull();
    expect(recommend(s, [m], 5, OPTIONS, EN)).toEqual([]);
  });

  it('passes an eligible mentor', () => {
    expect(hardFilter(switcher(), mentor())).toBeNull();
  });
});

describe('time overlap', () => {
  it('Berlin 19-21 vs New York 15-16 on Tuesdays overlaps only while the US is on summer time and Europe is not', () => {
    const s = { timeZone: 'America/New_York', preferredWindows: [window(2, '15:00', '16:00')] };
    const m = { timeZone: 'Europe/Berlin', availability: [window(2, '19:00', '21:00')] };
    // Tuesdays 4 (both standard: none), 11, 18, 25 March (EDT vs CET: 19:00-20:00 UTC): 180 min / 4 weeks.
    expect(overlap(s, m)).toBe(45);
    // From 10 March: three full weeks inside the gap.
    expect(overlap(s, m, scoreOptions(new Date('2025-03-10T00:00:00Z'), { weeks: 3 }))).toBe(60);
    // April: both on summer time again: Berlin 17-19 UTC, New York 19-20 UTC.
    expect(overlap(s, m, scoreOptions(new Date('2025-04-07T00:00:00Z')))).toBe(0);
    const match = score(switcher(s), mentor(m));
    expect(value(match, 'timeOverlap')).toBe(45 / 180);
    expect(detail(match, 'timeOverlap')).toBe('45 min a week overlap with your afternoons on average over the next 4 weeks');
  });

  it('the mean over the weeks is rounded down', () => {
    const s = { timeZone: 'America/New_York', preferredWindows: [window(2, '15:00', '16:00')] };
    const m = { timeZone: 'Europe/Berlin', availability: [window(2, '19:00', '20:15')] };
    expect(overlap(s, m)).toBe(11); // 3 x 15 min / 4 weeks = 11.25
  });

  it('a wall time skipped by spring forward is shifted forward by the gap, like Luxon does', () => {
    const options = scoreOptions(MARCH, { weeks: 2 }); // Sundays 9 March (New York springs forward at 02:00) and 16 March
    const horizon = horizonOf(MARCH, 2);
    const ranges = expandWindows('America/New_York', [window(7, '02:30', '04:00')], horizon);
    const iso = (slot: number) => new Date(horizon.startMs + slot * SLOT_MS).toISOString();
    // 9 March: 02:30 does not exist and becomes 03:30 EDT; 16 March: a normal EDT morning.
    expect(ranges.map(iso)).toEqual(['2025-03-09T07:30:00.000Z', '2025-03-09T08:00:00.000Z', '2025-03-16T06:30:00.000Z', '2025-03-16T08:00:00.000Z']);
    const wholeSundays = { timeZone: 'UTC', preferredWindows: [window(7, '00:00', '24:00')] };
    expect(overlap(wholeSundays, { timeZone: 'America/New_York', availability: [window(7, '02:30', '04:00')] }, options)).toBe((30 + 90) / 2);
    // A window entirely inside the gap is empty that day.
    expect(overlap(wholeSundays, { timeZone: 'America/New_York', availability: [window(7, '02:00', '03:00')] }, options)).toBe(60 / 2);
  });

  it('an ambiguous fall-back wall time resolves like Luxon (standard time)', () => {
    const horizon = horizonOf(new Date('2025-10-27T00:00:00Z'), 1); // week of Sunday 2 November
    const ranges = expandWindows('America/New_York', [window(7, '01:30', '02:00')], horizon);
    expect(ranges.map((slot) => new Date(horizon.startMs + slot * SLOT_MS).toISOString())).toEqual(['2025-11-02T06:30:00.000Z', '2025-11-02T07:00:00.000Z']);
  });

  it('handles half- and quarter-hour offsets (Kolkata, Kathmandu)', () => {
    const s = { timeZone: 'Asia/Kolkata', preferredWindows: [window(3, '19:00', '21:00')] }; // 13:30-15:30 UTC
    expect(overlap(s, { timeZone: 'UTC', availability: [window(3, '13:00', '15:00')] })).toBe(90);
    expect(overlap(s, { timeZone: 'Asia/Kathmandu', availability: [window(3, '19:00', '21:00')] })).toBe(105); // 13:15-15:15 UTC
    const match = score(switcher(s), mentor({ timeZone: 'UTC', availability: [window(3, '13:00', '15:00')] }));
    expect(match.explanation).toContain('1.5 h a week overlap with your evenings');
  });

  it('quantises every window to the 15-minute UTC grid: start up, end down', () => {
    const s = { timeZone: 'UTC', preferredWindows: [window(1, '18:00', '22:00')] };
    expect(overlap(s, { availability: [window(1, '19:10', '20:20')] })).toBe(60); // 19:15-20:15
    expect(overlap(s, { availability: [window(1, '19:01', '19:14')] })).toBe(0);
    // Windows are quantised one by one, before the union: 10:05-10:20 and 10:20-10:35 leave nothing.
    const morning = { timeZone: 'UTC', preferredWindows: [window(1, '10:00', '11:00')] };
    expect(overlap(morning, { availability: [window(1, '10:05', '10:20'), window(1, '10:20', '10:35')] })).toBe(0);
    // Overlapping windows of one person count once.
    expect(overlap(s, { availability: [window(1, '18:00', '20:00'), window(1, '19:00', '21:00')] })).toBe(180);
  });

  it('uses the 15-minute grid slot containing weekStart, and ignores broken windows and zones', () => {
    const s = { timeZone: 'UTC', preferredWindows: [window(1, '00:00', '01:00')] };
    const m = { availability: [window(1, '00:00', '00:30')] };
    expect(overlap(s, m, scoreOptions(new Date('2025-03-03T00:14:59Z')))).toBe(30);
    const broken: WeeklyWindow[] = [
      { weekday: 1, startMinute: 30, endMinute: 20 },
      { weekday: 8, startMinute: 0, endMinute: 60 },
      { weekday: 1, startMinute: 0.5, endMinute: 60 },
      { weekday: 1, startMinute: 0, endMinute: 1441 },
    ];
    expect(overlap(s, { availability: broken })).toBe(0);
    expect(overlap(s, { timeZone: 'Mars/Olympus_Mons', availability: [window(1, '00:00', '00:30')] })).toBe(0);
  });

  it('an end of 24:00 is the next local midnight', () => {
    const s = { timeZone: 'UTC', preferredWindows: [window(2, '00:00', '01:00')] };
    expect(overlap(s, { timeZone: 'UTC', availability: [window(1, '23:00', '24:00'), window(2, '00:00', '00:30')] })).toBe(30);
    expect(overlap({ timeZone: 'UTC', preferredWindows: [window(1, '23:00', '24:00')] }, { availability: [window(1, '22:00', '24:00')] })).toBe(60);
  });

  it('describes overlap in the switcher’s local time: evenings, mornings, weekends', () => {
    const shanghai = (preferredWindows: WeeklyWindow[]) => switcher({ timeZone: 'Asia/Shanghai', preferredWindows });
    const utcMentor = (availability: WeeklyWindow[]) => mentor({ timeZone: 'UTC', availability });
    const evenings = score(shanghai([1, 2, 3].map((d) => window(d, '19:00', '22:00'))), utcMentor([1, 2, 3].map((d) => window(d, '11:00', '13:00'))));
    expect(evenings.explanation).toContain('6 h a week overlap with your evenings');
    const mornings = score(shanghai([window(2, '08:00', '11:00')]), utcMentor([window(2, '00:00', '02:00')]));
    expect(mornings.explanation).toContain('2 h a week overlap with your mornings');
    const weekends = score(shanghai([window(6, '10:00', '18:00')]), utcMentor([window(6, '02:00', '05:00')]));
    expect(weekends.explanation).toContain('3 h a week overlap with your weekends');
    const mixed = score(shanghai([window(1, '08:00', '22:00')]), utcMentor([window(1, '01:00', '03:00'), window(1, '11:00', '13:00')]));
    expect(mixed.explanation).toContain('4 h a week overlap with your preferred times');
    const none = score(shanghai([window(1, '08:00', '09:00')]), utcMentor([window(5, '01:00', '03:00')]));
    expect(value(none, 'timeOverlap')).toBe(0);
    expect(detail(none, 'timeOverlap')).toBe('No overlap with your preferred times over the next 4 weeks');
    expect(none.explanation).not.toContain('overlap');
  });
});

describe('explanations', () => {
  // Covers 8 of a weighted gap of 10 (PRD 4, A/B 3, ML 1); same switch; Mon-Wed 19-21 Shanghai.
  const s = switcher({ timeZone: 'Asia/Shanghai', preferredWindows: [1, 2, 3, 4, 5].map((d) => window(d, '19:00', '22:00')) });
  const m = mentor({ timeZone: 'UTC', availability: [1, 2, 3].map((d) => window(d, '11:00', '13:00')) });

  it('English', () => {
    const match = score(s, m, OPTIONS, EN);
    expect(match.overlapMinutesPerWeek).toBe(360);
    expect(match.explanation).toBe(
      'Covers 80% of your gap, strongest in PRD writing and A/B testing; made the same switch from backend engineering; 6 h a week overlap with your evenings',
    );
    expect(match.components.map((c) => [c.label, c.detail])).toEqual([
      ['Skill gap coverage', 'Covers 80% of your weighted skill gap, strongest in PRD writing and A/B testing'],
      ['Works in your target field', 'Works in AI product management'],
      ['Same career switch', 'Made the same switch, from backend engineering to AI product management'],
      ['Time overlap', '6 h a week overlap with your evenings on average over the next 4 weeks'],
      ['Language', 'Speaks English, your first language'],
      ['Free mentee places', '3 of 4 mentee places free'],
      ['Reliability', 'No sessions yet, counted as neutral'],
    ]);
  });

  it('Simplified Chinese', () => {
    const match = score(s, m, OPTIONS, ZH);
    expect(match.explanation).toBe('可以覆盖你 80% 的差距，最擅长需求文档撰写和 A/B 测试；同样从后端工程转型；与你的晚间时间每周重叠 6 小时');
    expect(match.components.map((c) => [c.label, c.detail])).toEqual([
      ['技能差距覆盖', '可以覆盖你 80% 的加权技能差距，最擅长需求文档撰写和 A/B 测试'],
      ['目标领域匹配', '从事 AI 产品管理'],
      ['相同的转型路径', '同样从后端工程转型到 AI 产品管理'],
      ['时间重叠', '未来 4 周内平均每周与你的晚间时间重叠 6 小时'],
      ['语言', '会说你的首选语言英语'],
      ['剩余名额', '4 个名额中还有 3 个空缺'],
      ['可靠性', '还没有辅导记录，按中性计算'],
    ]);
  });

  it('mentions a field-only fit, a strong record and a last place, and leaves out what adds nothing', () => {
    const other = mentor({
      switchedFromFieldId: null,
      skillLevels: { ab: 2 },
      capacity: 3,
      activeMentees: 2,
      reliability: { sessions: 20, meanRating: 4.8, noShows: 0 },
    });
    expect(score(switcher(), other, OPTIONS, EN).explanation).toBe(
      'Covers 10% of your gap, strongest in A/B testing; works in AI product management; rated 4.8/5 over 20 sessions; one place left',
    );
    expect(score(switcher(), other, OPTIONS, ZH).explanation).toBe('可以覆盖你 10% 的差距，最擅长 A/B 测试；从事 AI 产品管理；20 次辅导平均评分 4.8/5；只剩最后一个名额');
    const plain = mentor({ fieldIds: ['design'], switchedFromFieldId: null, skillLevels: {} });
    expect(score(switcher(), plain, OPTIONS, EN).explanation).toBe('Speaks your language and has room for another mentee');
    expect(score(switcher(), plain, OPTIONS, ZH).explanation).toBe('会说你的语言，并且还有名额');
    const elsewhere = score(switcher(), mentor({ fieldIds: ['ds'], skillLevels: { ml: 3 } }), OPTIONS, EN);
    expect(elsewhere.explanation).toBe('Covers 30% of your gap, strongest in ML workflow; also switched away from backend engineering');
  });
});

describe('recommend', () => {
  it('sorts by score, then mentor id, and takes k', () => {
    const s = switcher();
    const mentors = [
      mentor({ id: 'b', skillLevels: {} }),
      mentor({ id: 'a', skillLevels: {} }),
      mentor({ id: 'top' }),
      mentor({ id: 'closed', acceptingMentees: false }),
      mentor({ id: 'c', skillLevels: {} }),
    ];
    const result = recommend(s, mentors, 3, OPTIONS, EN);
    expect(result.map((r) => r.mentorId)).toEqual(['top', 'a', 'b']);
    expect(result[1].score).toBe(result[2].score);
    expect(recommend(s, mentors, 0, OPTIONS, EN)).toEqual([]);
    expect(recommend(s, mentors, 10, OPTIONS, EN)).toHaveLength(4);
    expect(recommend(s, mentors, 3, OPTIONS, EN)[0]).toEqual(scoreMentor(s, mentors[2], OPTIONS, EN));
  });
});

describe('pairScores', () => {
  it('scores every mentor passing the hard filters, by index, like scoreMentor', () => {
    const mentors = [mentor({ id: 'a' }), mentor({ id: 'b', acceptingMentees: false }), mentor({ id: 'c', skillLevels: {}, fieldIds: ['ds'] })];
    expect(pairScores(switcher(), mentors, OPTIONS)).toEqual([
      { mentor: 0, score: score(switcher(), mentors[0]).score },
      { mentor: 2, score: score(switcher(), mentors[2]).score },
    ]);
  });
});

describe('properties', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Shanghai', 'Australia/Sydney', 'America/Sao_Paulo'];
  const windowArb = fc
    .record({ weekday: fc.integer({ min: 1, max: 7 }), start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 600 }) })
    .map(({ weekday, start, length }) => ({ weekday, startMinute: start, endMinute: Math.min(1440, start + length) }));
  const skillIds = Object.keys(SKILLS);
  const fieldIds = Object.keys(FIELDS);

  it('scores stay in 0..100 and components in 0..1, with overlap bounded by both sides', () => {
    fc.assert(
      fc.property(
        fc.record({
          zoneS: fc.constantFrom(...zones),
          zoneM: fc.constantFrom(...zones),
          windowsS: fc.array(windowArb, { maxLength: 4 }),
          windowsM: fc.array(windowArb, { maxLength: 4 }),
          levels: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
          required: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
          current: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
          weights: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
          field: fc.constantFrom(...fieldIds),
          from: fc.option(fc.constantFrom(...fieldIds)),
          capacity: fc.integer({ min: 1, max: 20 }),
          sessions: fc.integer({ min: 0, max: 40 }),
          rating: fc.option(fc.double({ min: 1, max: 5, noNaN: true })),
          locale: fc.constantFrom('en' as const, 'zh-CN' as const),
        }),
        (r) => {
          const s = switcher({
            timeZone: r.zoneS,
            preferredWindows: r.windowsS,
            gap: skillIds.map((skillId, i) => ({ skillId, required: r.required[i], current: r.current[i], weight: r.weights[i] })),
          });
          const m = mentor({
            timeZone: r.zoneM,
            availability: r.windowsM,
            skillLevels: Object.fromEntries(skillIds.map((id, i) => [id, r.levels[i]])),
            fieldIds: [r.field],
            switchedFromFieldId: r.from,
            capacity: r.capacity,
            activeMentees: r.capacity - 1,
            reliability: { sessions: r.sessions, meanRating: r.rating, noShows: Math.floor(r.sessions / 7) },
          });
          const match = score(s, m, OPTIONS, names(r.locale));
          expect(match.score).toBeGreaterThanOrEqual(0);
          expect(match.score).toBeLessThanOrEqual(100);
          expect(Math.round(match.score * 10)).toBe(match.score * 10);
          for (const c of match.components) {
            expect(c.value).toBeGreaterThanOrEqual(0);
            expect(c.value).toBeLessThanOrEqual(1);
            expect(c.detail.length).toBeGreaterThan(0);
          }
          const alone = (windows: WeeklyWindow[], zone: string) =>
            score(switcher({ timeZone: zone, preferredWindows: windows }), mentor({ timeZone: zone, availability: windows })).overlapMinutesPerWeek;
          expect(match.overlapMinutesPerWeek).toBeLessThanOrEqual(Math.min(alone(r.windowsS, r.zoneS), alone(r.windowsM, r.zoneM)));
          expect(match.explanation.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
