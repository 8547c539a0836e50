import { leadTime, meetupTexts } from './meetup-texts';
import { meetupReminderJobId, planReminders } from './reminder-plan';

const MIN = 60_000;
const now = Date.parse('2026-03-02T10:00:00Z');

describe('planReminders', () => {
  it('queues every offset still ahead, with its delay', () => {
    const startsAt = new Date(now + 2 * 1440 * MIN);
    expect(planReminders(startsAt, [1440, 60], now)).toEqual([
      { minutesBefore: 1440, delay: 1440 * MIN },
      { minutesBefore: 60, delay: (2 * 1440 - 60) * MIN },
    ]);
  });

  it('skips offsets already past at creation, and everything once the meetup started', () => {
    expect(planReminders(new Date(now + 90 * MIN), [1440, 60], now)).toEqual([{ minutesBefore: 60, delay: 30 * MIN }]);
    expect(planReminders(new Date(now + 30 * MIN), [1440, 60], now)).toEqual([]);
    expect(planReminders(new Date(now - MIN), [1440, 60], now, 60 * MIN)).toEqual([]);
  });

  it('lets the sweeper send a lost reminder late within its grace period, not later', () => {
    const startsAt = new Date(now + 55 * MIN);
    expect(planReminders(startsAt, [1440, 60], now, 11 * MIN)).toEqual([{ minutesBefore: 60, delay: 0 }]);
    expect(planReminders(startsAt, [1440, 60], now, 4 * MIN)).toEqual([]);
  });

  it('keeps fractional offsets exact and job ids free of colons', () => {
    const startsAt = new Date(now + 31 * MIN);
    expect(planReminders(startsAt, [30.25], now)).toEqual([{ minutesBefore: 30.25, delay: 0.75 * MIN }]);
    const id = meetupReminderJobId('0b0c3f4e-8d9a-4c5b-9e1f-2a3b4c5d6e7f', 3, 30.25);
    expect(id).toBe('meetup-reminder-0b0c3f4e-8d9a-4c5b-9e1f-2a3b4c5d6e7f-3-30.25');
    expect(id).not.toContain(':');
  });
});

describe('meetup texts', () => {
  it('says the lead time the way people do, in both languages', () => {
    expect(leadTime(1440, 'en')).toBe('in 24 hours');
    expect(leadTime(1439.6, 'en')).toBe('in 24 hours');
    expect(leadTime(60, 'en')).toBe('in 1 hour');
    expect(leadTime(57, 'en')).toBe('in 1 hour');
    expect(leadTime(30.25, 'en')).toBe('in 30 minutes');
    expect(leadTime(0.2, 'en')).toBe('in 1 minute');
    expect(leadTime(3 * 1440, 'en')).toBe('in 3 days');
    expect(leadTime(60, 'zh-CN')).toBe('1 小时后');
    expect(leadTime(15, 'zh-CN')).toBe('15 分钟后');
  });

  it("writes times in the recipient's zone", () => {
    const meetup = { title: 'PRD clinic', startsAt: new Date('2026-03-02T11:00:00Z') };
    const en = meetupTexts.reminder(meetup, new Date('2026-03-02T10:00:00Z'))('en', 'Asia/Shanghai');
    expect(en.title).toBe('Reminder: PRD clinic');
    expect(en.body).toMatch(/^Starts in 1 hour, .*07:00 PM/);
    const zh = meetupTexts.promoted(meetup)('zh-CN', 'Europe/Berlin');
    expect(zh.title).toContain('PRD clinic');
    expect(zh.body).toMatch(/12:00/);
    const cancelled = meetupTexts.cancelled(meetup, 'Venue flooded')('en', 'UTC');
    expect(cancelled.body).toContain('Reason: "Venue flooded"');
    expect(meetupTexts.cancelled(meetup, null)('en', 'UTC').body).not.toContain('Reason');
  });
});
