import { TAXONOMY } from '../../libs/profiles/src/taxonomy/taxonomy.data';
import { cjkSpacing, generateCommunity, hhmm, mulberry32, type Community } from './community';
import { minuteOfDay } from './load';
import { emailPart } from './names';

const NOW = new Date('2025-03-15T08:00:00Z');
const SKILLS = new Map(TAXONOMY.skills.map((s) => [s.slug, s]));
const FIELDS = new Map(TAXONOMY.fields.map((f) => [f.slug, f]));
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Asia/Kolkata']);
const ENGINEERING_FIELDS = new Set(['backend-engineering', 'frontend-engineering', 'data-engineering']);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function latestRatings(community: Community): Map<string, { userKey: string; skill: string; level: number; ratedAt: Date }> {
  const latest = new Map<string, Community['ratings'][number]>();
  for (const r of community.ratings) {
    const key = `${r.userKey}|${r.skill}`;
    const previous = latest.get(key);
    if (!previous || previous.ratedAt.getTime() <= r.ratedAt.getTime()) latest.set(key, r);
  }
  return latest;
}

describe('generateCommunity', () => {
  const MENTORS = 2000;
  const SWITCHERS = 3000;
  const community = generateCommunity({ mentors: MENTORS, switchers: SWITCHERS, seed: 7, now: NOW });
  const userByKey = new Map(community.users.map((u) => [u.key, u]));
  const switcherByKey = new Map(community.switcherProfiles.map((p) => [p.userKey, p]));

  describe('determinism', () => {
    it('gives the same community for the same seed and now', () => {
      const a = generateCommunity({ mentors: 50, switchers: 120, seed: 42, now: NOW });
      const b = generateCommunity({ mentors: 50, switchers: 120, seed: 42, now: NOW });
      expect(b).toEqual(a);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    });

    it('gives a different community for a different seed', () => {
      const a = generateCommunity({ mentors: 50, switchers: 120, seed: 42, now: NOW });
      const b = generateCommunity({ mentors: 50, switchers: 120, seed: 43, now: NOW });
      expect(b).not.toEqual(a);
      expect(b.users.map((u) => u.email)).not.toEqual(a.users.map((u) => u.email));
    });

    it('defaults seed and now to fixed values', () => {
      expect(generateCommunity({ mentors: 5, switchers: 10 })).toEqual(generateCommunity({ mentors: 5, switchers: 10 }));
    });

    it('places rating times relative to now', () => {
      const later = new Date(NOW.getTime() + 86_400_000);
      const a = generateCommunity({ mentors: 1, switchers: 20, seed: 3, now: NOW });
      const b = generateCommunity({ mentors: 1, switchers: 20, seed: 3, now: later });
      expect(b.ratings.map((r) => r.ratedAt.getTime() - 86_400_000)).toEqual(a.ratings.map((r) => r.ratedAt.getTime()));
    });

    it('has a working mulberry32', () => {
      const a = mulberry32(1);
      const b = mulberry32(1);
      const xs = Array.from({ length: 1000 }, () => a());
      expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
      expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
      expect(new Set(xs).size).toBe(1000);
    });
  });

  describe('options', () => {
    it('refuses negative or fractional counts', () => {
      expect(() => generateCommunity({ mentors: -1, switchers: 0 })).toThrow(RangeError);
      expect(() => generateCommunity({ mentors: 0, switchers: 1.5 })).toThrow(RangeError);
      expect(() => generateCommunity({ mentors: 0, switchers: 0, now: new Date('nope') })).toThrow(RangeError);
    });

    it('still has an organizer in an empty community', () => {
      const empty = generateCommunity({ mentors: 0, switchers: 0 });
      expect(empty.users).toHaveLength(1);
      expect(empty.users[0].roles).toEqual(['ORGANIZER']);
      expect(empty.ratings).toEqual([]);
    });
  });

  describe('users', () => {
    it('has the requested numbers of mentors and switchers plus 1-2 organizers', () => {
      expect(community.mentorProfiles).toHaveLength(MENTORS);
      expect(community.switcherProfiles).toHaveLength(SWITCHERS);
      expect(community.users).toHaveLength(MENTORS + SWITCHERS + 1);
      expect(community.users.filter((u) => u.roles.includes('MENTOR'))).toHaveLength(MENTORS);
      expect(community.users.filter((u) => u.roles.includes('SWITCHER'))).toHaveLength(SWITCHERS);
      const organizers = community.users.filter((u) => u.roles.includes('ORGANIZER'));
      expect(organizers.length).toBeGreaterThanOrEqual(1);
      expect(organizers.length).toBeLessThanOrEqual(2);
      expect(new Set(community.users.map((u) => u.key)).size).toBe(community.users.length);
    });

    it('gives every profile a user with the matching role', () => {
      expect(community.switcherProfiles.filter((p) => !userByKey.get(p.userKey)?.roles.includes('SWITCHER'))).toEqual([]);
      expect(community.mentorProfiles.filter((p) => !userByKey.get(p.userKey)?.roles.includes('MENTOR'))).toEqual([]);
      expect(community.ratings.filter((r) => !switcherByKey.has(r.userKey))).toEqual([]);
    });

    it('has unique, deterministic demo emails', () => {
      const emails = community.users.map((u) => u.email.toLowerCase());
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails.filter((email) => !/^[a-z]+\.[a-z]+\.\d+@demo\.switchyard\.dev$/.test(email))).toEqual([]);
    });

    it('has display names, locales and languages that fit the schema', () => {
      const bad = community.users.filter(
        (u) =>
          u.displayName.trim().length === 0 ||
          u.displayName.length > 80 ||
          !['en', 'zh-CN'].includes(u.locale) ||
          u.languages.length === 0 ||
          u.roles.length === 0,
      );
      expect(bad).toEqual([]);
    });

    it('uses canonical IANA zones only, from several regions', () => {
      expect(community.users.filter((u) => !ZONES.has(u.timeZone))).toEqual([]);
      const zones = new Set(community.users.map((u) => u.timeZone));
      for (const zone of ['Asia/Shanghai', 'Asia/Kolkata', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney']) {
        expect(zones).toContain(zone);
      }
    });

    it('matches names, locales and languages to zones', () => {
      const shanghai = community.users.filter((u) => u.timeZone === 'Asia/Shanghai');
      const zh = shanghai.filter((u) => u.locale === 'zh-CN');
      expect(zh.length / shanghai.length).toBeGreaterThan(0.7);
      expect(zh.filter((u) => !/^[\u4e00-\u9fff]{2,4}$/.test(u.displayName))).toEqual([]);
      expect(shanghai.filter((u) => u.languages.join() !== 'zh,en')).toEqual([]);
      expect(community.users.filter((u) => u.timeZone === 'Europe/Berlin' && u.languages.join() !== 'de,en')).toEqual([]);
      expect(community.users.filter((u) => u.timeZone === 'Asia/Kolkata' && u.languages.slice(0, 2).join() !== 'en,hi')).toEqual([]);
      expect(community.users.filter((u) => u.locale === 'zh-CN' && !['Asia/Shanghai', 'Asia/Singapore', 'America/Los_Angeles', 'America/New_York'].includes(u.timeZone))).toEqual([]);
    });
  });

  describe('switchers', () => {
    it('uses only taxonomy fields and sensible profile values', () => {
      const bad = community.switcherProfiles.filter(
        (p) =>
          !FIELDS.has(p.currentField) ||
          !FIELDS.has(p.targetField) ||
          p.currentField === p.targetField ||
          !['KNOWLEDGE', 'VALIDATION', 'LEAP'].includes(p.stage) ||
          !(Number.isInteger(p.weeklyHours) && p.weeklyHours >= 0 && p.weeklyHours <= 80) ||
          p.goals.length <= 10,
      );
      expect(bad).toEqual([]);
    });

    it('is mostly engineers heading for AI product management, with other switches and all stages', () => {
      const n = community.switcherProfiles.length;
      const engToAiPm = community.switcherProfiles.filter((p) => ENGINEERING_FIELDS.has(p.currentField) && p.targetField === 'ai-product-management');
      expect(engToAiPm.length / n).toBeGreaterThan(0.4);
      expect(community.switcherProfiles.filter((p) => p.currentField === 'product-management' && p.targetField === 'ai-product-management').length).toBeGreaterThan(0);
      expect(community.switcherProfiles.filter((p) => p.currentField === 'data-analysis' && p.targetField === 'data-science').length).toBeGreaterThan(0);
      for (const stage of ['KNOWLEDGE', 'VALIDATION', 'LEAP'] as const) {
        expect(community.switcherProfiles.filter((p) => p.stage === stage).length / n).toBeGreaterThan(0.1);
      }
    });

    it('has evening/weekend preferred windows within one day', () => {
      expect(community.switcherProfiles.filter((p) => p.preferredWindows.length === 0)).toEqual([]);
      const windows = community.switcherProfiles.flatMap((p) => p.preferredWindows);
      const bad = windows.filter(
        (w) =>
          !(Number.isInteger(w.weekday) && w.weekday >= 1 && w.weekday <= 7) ||
          !HHMM.test(w.start) ||
          !HHMM.test(w.end) ||
          minuteOfDay(w.end) <= minuteOfDay(w.start),
      );
      expect(bad).toEqual([]);
      const eveningOrWeekend = windows.filter((w) => w.weekday >= 6 || minuteOfDay(w.start) >= 18 * 60);
      expect(eveningOrWeekend.length / windows.length).toBeGreaterThan(0.8);
    });
  });

  describe('ratings', () => {
    it('uses taxonomy skills, levels 0-5 and times at or before now', () => {
      const bad = community.ratings.filter(
        (r) =>
          !SKILLS.has(r.skill) ||
          !(Number.isInteger(r.level) && r.level >= 0 && r.level <= 5) ||
          !(r.ratedAt instanceof Date) ||
          r.ratedAt.getTime() > NOW.getTime() ||
          r.ratedAt.getTime() < NOW.getTime() - 400 * 86_400_000,
      );
      expect(bad).toEqual([]);
    });

    it('leaves some skills unrated, even of the target field', () => {
      const latest = latestRatings(community);
      expect(latest.size).toBeLessThan(SWITCHERS * TAXONOMY.skills.length);
      const missingTarget = community.switcherProfiles.filter((p) =>
        FIELDS.get(p.targetField)!.requirements.some((r) => !latest.has(`${p.userKey}|${r.skill}`)),
      );
      expect(missingTarget.length).toBeGreaterThan(0);
      const perSwitcher = new Map<string, number>();
      for (const r of latest.values()) perSwitcher.set(r.userKey, (perSwitcher.get(r.userKey) ?? 0) + 1);
      expect(Math.max(...perSwitcher.values())).toBeLessThan(TAXONOMY.skills.length);
    });

    it('has progress histories of 2-3 ratings at distinct times, going up', () => {
      const byPair = new Map<string, Community['ratings']>();
      for (const r of community.ratings) {
        const key = `${r.userKey}|${r.skill}`;
        byPair.set(key, [...(byPair.get(key) ?? []), r]);
      }
      const histories = [...byPair.values()].filter((rs) => rs.length > 1);
      expect(histories.length).toBeGreaterThan(SWITCHERS * 0.05);
      expect(new Set(histories.map((h) => h[0].userKey)).size).toBeGreaterThan(SWITCHERS * 0.05);
      const bad = histories.filter((history) => {
        const sorted = [...history].sort((a, b) => a.ratedAt.getTime() - b.ratedAt.getTime());
        const distinctTimes = new Set(sorted.map((r) => r.ratedAt.getTime())).size === sorted.length;
        const rising = sorted.every((r, i) => i === 0 || r.level > sorted[i - 1].level);
        return history.length > 3 || !distinctTimes || !rising;
      });
      expect(bad).toEqual([]);
    });

    it('makes engineers strong in engineering and AI fundamentals, weak in business and collaboration', () => {
      const sums = new Map<string, [number, number]>();
      for (const r of latestRatings(community).values()) {
        if (!ENGINEERING_FIELDS.has(switcherByKey.get(r.userKey)!.currentField)) continue;
        const d = SKILLS.get(r.skill)!.dimension;
        const [sum, n] = sums.get(d) ?? [0, 0];
        sums.set(d, [sum + r.level, n + 1]);
      }
      const mean = (d: string) => sums.get(d)![0] / sums.get(d)![1];
      expect(mean('business')).toBeLessThan(mean('engineering'));
      expect(mean('cross-functional-collaboration')).toBeLessThan(mean('engineering'));
      expect(mean('business')).toBeLessThan(2);
      expect(mean('engineering')).toBeGreaterThanOrEqual(3);
      expect(mean('ai-fundamentals')).toBeGreaterThanOrEqual(2.5);
    });

    it('shows later stages further along in the target skills', () => {
      const byStage = new Map<string, [number, number]>();
      for (const r of latestRatings(community).values()) {
        const p = switcherByKey.get(r.userKey)!;
        if (p.targetField !== 'ai-product-management' || !ENGINEERING_FIELDS.has(p.currentField)) continue;
        if (SKILLS.get(r.skill)!.dimension !== 'product-design') continue;
        const [sum, n] = byStage.get(p.stage) ?? [0, 0];
        byStage.set(p.stage, [sum + r.level, n + 1]);
      }
      const mean = (s: string) => byStage.get(s)![0] / byStage.get(s)![1];
      expect(mean('KNOWLEDGE')).toBeLessThan(mean('VALIDATION'));
      expect(mean('VALIDATION')).toBeLessThan(mean('LEAP'));
    });
  });

  describe('mentors', () => {
    it('uses taxonomy slugs, schema-sized values and unique skills and fields', () => {
      const bad = community.mentorProfiles.filter(
        (m) =>
          m.fields.length === 0 ||
          new Set(m.fields).size !== m.fields.length ||
          !m.fields.every((f) => FIELDS.has(f)) ||
          (m.switchedFrom !== null && (!FIELDS.has(m.switchedFrom) || m.fields.includes(m.switchedFrom))) ||
          m.headline.length === 0 ||
          m.headline.length > 140 ||
          m.bio.length === 0 ||
          !(Number.isInteger(m.yearsExperience) && m.yearsExperience >= 0 && m.yearsExperience <= 60) ||
          !(Number.isInteger(m.capacity) && m.capacity >= 0 && m.capacity <= 20) ||
          new Set(m.skills.map((s) => s.skill)).size !== m.skills.length ||
          !m.skills.every((s) => SKILLS.has(s.skill) && Number.isInteger(s.level) && s.level >= 0 && s.level <= 5),
      );
      expect(bad).toEqual([]);
    });

    it('has about 35% who made the switch into AI product management', () => {
      const same = community.mentorProfiles.filter((m) => m.switchedFrom !== null && m.fields.includes('ai-product-management'));
      expect(same.length / MENTORS).toBeGreaterThan(0.3);
      expect(same.length / MENTORS).toBeLessThan(0.4);
      expect(same.filter((m) => ENGINEERING_FIELDS.has(m.switchedFrom!)).length / same.length).toBeGreaterThan(0.5);
    });

    it('spreads mentors across fields, strong (3-5) in their main field key skills', () => {
      const main = new Set(community.mentorProfiles.map((m) => m.fields[0]));
      expect(main.size).toBeGreaterThanOrEqual(8);
      const bad = community.mentorProfiles.filter((m) => {
        const key = new Set(FIELDS.get(m.fields[0])!.requirements.filter((r) => r.weight >= 6).map((r) => r.skill));
        const listed = m.skills.filter((x) => key.has(x.skill));
        return listed.length === 0 || listed.some((s) => s.level < 3);
      });
      expect(bad).toEqual([]);
    });

    it('has capacity mostly 1-8, a few 0, and about 10% not accepting', () => {
      const n = community.mentorProfiles.length;
      const capacities = community.mentorProfiles.map((m) => m.capacity);
      expect(capacities.filter((c) => c >= 1 && c <= 8).length / n).toBeGreaterThan(0.85);
      expect(capacities.filter((c) => c === 0).length).toBeGreaterThan(0);
      const notAccepting = community.mentorProfiles.filter((m) => !m.acceptingMentees).length / n;
      expect(notAccepting).toBeGreaterThan(0.05);
      expect(notAccepting).toBeLessThan(0.18);
      expect(community.mentorProfiles.filter((m) => m.capacity === 0 && m.acceptingMentees)).toEqual([]);
    });

    it('gives every mentor 2-6 non-overlapping, 30-minute aligned weekly windows in their own zone', () => {
      const byMentor = new Map<string, Community['availability']>();
      for (const a of community.availability) byMentor.set(a.userKey, [...(byMentor.get(a.userKey) ?? []), a]);
      const bad = community.mentorProfiles.filter((m) => {
        const windows = byMentor.get(m.userKey) ?? [];
        const zone = userByKey.get(m.userKey)!.timeZone;
        const wellFormed = windows.every((w) => {
          const start = minuteOfDay(w.start);
          const end = minuteOfDay(w.end);
          return w.timeZone === zone && Number.isInteger(w.weekday) && w.weekday >= 1 && w.weekday <= 7 && end > start && start % 30 === 0 && end % 30 === 0;
        });
        const overlapping = windows.some((a) =>
          windows.some(
            (b) => a !== b && a.weekday === b.weekday && minuteOfDay(a.start) < minuteOfDay(b.end) && minuteOfDay(b.start) < minuteOfDay(a.end),
          ),
        );
        return windows.length < 2 || windows.length > 6 || !wellFormed || overlapping;
      });
      expect(bad).toEqual([]);
      expect(new Set(byMentor.keys()).size).toBe(MENTORS);
    });
  });

  describe('helpers', () => {
    it('formats and parses times of day', () => {
      expect(hhmm(0)).toBe('00:00');
      expect(hhmm(19 * 60 + 30)).toBe('19:30');
      expect(minuteOfDay('22:00')).toBe(1320);
      expect(minuteOfDay('24:00')).toBe(1440);
      expect(() => minuteOfDay('7:00')).toThrow(RangeError);
      expect(() => minuteOfDay('12:60')).toThrow(RangeError);
      expect(() => minuteOfDay('24:30')).toThrow(RangeError);
    });

    it('spells names as ASCII email parts', () => {
      expect(emailPart('Jürgen')).toBe('jurgen');
      expect(emailPart('Weiß')).toBe('weiss');
      expect(emailPart("O'Brien")).toBe('obrien');
      expect(emailPart('Wei Ling')).toBe('weiling');
      expect(emailPart('Élodie')).toBe('elodie');
    });

    it('spaces Chinese and Latin text', () => {
      expect(cjkSpacing('转型为AI 产品经理')).toBe('转型为 AI 产品经理');
      expect(cjkSpacing('从业 8 年')).toBe('从业 8 年');
      expect(cjkSpacing('A/B 测试')).toBe('A/B 测试');
    });
  });
});
