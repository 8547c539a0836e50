import { ReferralDigestContent } from './digest-content.types';
import { formatInstant } from '../templates';
import { formatTime, meetupDigestText, referralDigestText } from './digest-texts';

const referral: ReferralDigestContent = {
  field: { en: 'AI Product Management', zh: 'AI 产品管理' },
  openings: [
    { id: 'o1', company: 'Acme', title: 'AI PM', location: 'Berlin', remote: true, closesOn: '2026-12-14', readiness: 0.7251 },
    { id: 'o2', company: 'Initech', title: 'Platform PM', location: null, remote: false, closesOn: null, readiness: 0.4 },
  ],
  moreOpenings: 3,
  changes: [{ requestId: 'r1', company: 'Acme', title: 'AI PM', status: 'INTERVIEWING', at: new Date('2026-12-03T09:30:00Z') }],
  moreChanges: 0,
  waiting: [],
  moreWaiting: 0,
};

describe('digest texts', () => {
  it('lists openings by readiness with percentages, request news in the reader\'s zone, and what is left', () => {
    const { title, body } = referralDigestText(referral, 'en', 'Asia/Shanghai');
    expect(title).toBe('Your weekly referrals: 5 new openings, news on your requests');
    expect(body).toContain('New referral openings in AI Product Management, best match for your skills first:');
    expect(body).toContain('• AI PM at Acme (remote, Berlin): readiness 73%, closes Dec 14, 2026');
    expect(body).toContain('• Platform PM at Initech: readiness 40%');
    expect(body).toContain('... and 3 more on Switchyard.');
    // 09:30 UTC is 17:30 in Shanghai.
    expect(body).toMatch(/• AI PM at Acme: in interviews \(Thu, Dec 3, 2026, 05:30 PM GMT\+8\)/);
    expect(body).not.toContain('waiting for your answer');
  });

  it('speaks Simplified Chinese', () => {
    const { title, body } = referralDigestText({ ...referral, moreOpenings: 0, changes: [], waiting: [
      { requestId: 'q', switcherName: 'Ada', company: 'Acme', title: 'AI PM', requestedAt: new Date('2026-12-01T00:00:00Z') },
    ] }, 'zh-CN', 'Asia/Shanghai');
    expect(title).toBe('每周内推摘要：2 个新职位，1 个请求待回复');
    expect(body).toContain('「AI 产品管理」领域的新内推职位');
    expect(body).toContain('• Acme「AI PM」（远程，Berlin）：匹配度 73%');
    expect(body).toContain('有 1 个内推请求在等你回复：');
    expect(body).toContain('• Ada 请你内推 Acme「AI PM」（2026年12月1日周二 GMT+8 08:00）');
  });

  it('shows meetups with their local time and the reader\'s RSVP or waitlist place', () => {
    const meetups = {
      meetups: [
        { id: 'm1', title: 'LLM evals', community: 'AI PMs', startsAt: new Date('2026-12-10T18:00:00Z'), endsAt: new Date('2026-12-10T20:00:00Z'), location: 'Berlin', online: false, rsvp: 'GOING' as const, waitlistPosition: null },
        { id: 'm2', title: 'PRD clinic', community: 'AI PMs', startsAt: new Date('2026-12-11T18:00:00Z'), endsAt: new Date('2026-12-11T19:00:00Z'), location: null, online: true, rsvp: 'WAITLISTED' as const, waitlistPosition: 2 },
        { id: 'm3', title: 'Demo night', community: 'Switchers', startsAt: new Date('2026-12-12T18:00:00Z'), endsAt: new Date('2026-12-12T19:00:00Z'), location: null, online: true, rsvp: null, waitlistPosition: null },
      ],
      more: 0,
    };
    const en = meetupDigestText(meetups, 'en', 'Europe/Berlin');
    expect(en.title).toBe('Your weekly meetups: 3 in the next two weeks');
    expect(en.body).toContain("• Thu, Dec 10, 2026, 07:00 PM GMT+1: LLM evals (AI PMs, Berlin) - you're going");
    expect(en.body).toContain("PRD clinic (AI PMs, online) - you're number 2 on the waitlist");
    expect(en.body).toContain('Demo night (Switchers, online) - not signed up yet');
    const zh = meetupDigestText(meetups, 'zh-CN', 'Asia/Shanghai');
    expect(zh.title).toBe('每周活动摘要：未来两周 3 场活动');
    expect(zh.body).toContain('你在候补名单第 2 位');
  });

  it('formats times exactly as notifications do (formatInstant), from cached formatters', () => {
    const at = new Date('2026-03-08T07:30:00Z');
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Asia/Kolkata', 'UTC']) {
      for (const locale of ['en', 'zh-CN'] as const) {
        expect(formatTime(at, locale, zone)).toBe(formatInstant(at.toISOString(), locale, zone));
        expect(formatTime(at, locale, zone)).toBe(formatTime(at, locale, zone));
      }
    }
    expect(formatTime(at, 'en', 'Not/A_Zone')).toBe('Sun, Mar 8, 2026, 07:30 AM UTC');
  });
});
