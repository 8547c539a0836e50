import { statusText } from './referral-texts';
import { ReferralStatus } from './transitions';

describe('referral notification texts', () => {
  const data = { company: 'Acme AI', title: 'AI Product Manager', actorName: 'Lin', note: null };

  it('has an English and a Chinese title and body for every status, naming the job', () => {
    for (const status of Object.values(ReferralStatus)) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const text = statusText(status, data, locale);
        expect(text.title.length).toBeGreaterThan(0);
        expect(text.body).toContain('Acme AI');
        expect(text.body).toContain('AI Product Manager');
      }
      expect(statusText(status, data, 'zh-CN').title).not.toBe(statusText(status, data, 'en').title);
    }
  });

  it('quotes the note when there is one', () => {
    expect(statusText(ReferralStatus.DECLINED, { ...data, note: 'Not hiring juniors' }, 'en').body).toBe(
      'Lin declined to refer you to AI Product Manager at Acme AI. Note: "Not hiring juniors"',
    );
    expect(statusText(ReferralStatus.ACCEPTED, { ...data, note: '好的' }, 'zh-CN').body).toBe('Lin 将为你内推 Acme AI 的「AI Product Manager」职位。留言：“好的”');
  });
});
