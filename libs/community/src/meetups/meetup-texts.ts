import { formatInstant } from '@switchyard/notifications';

type Locale = 'en' | 'zh-CN';
type Text = { title: string; body: string };

export interface MeetupFacts {
  title: string;
  startsAt: Date;
}

function when(meetup: MeetupFacts, locale: Locale, timeZone: string): string {
  return formatInstant(meetup.startsAt.toISOString(), locale, timeZone);
}

/**
 * "in 24 hours", "in 3 days", "in 15 minutes", from the real time left when
 * the text is written (a reminder may run a little late), rounded the way a
 * person would say it.
 */
export function leadTime(minutes: number, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const m = Math.max(1, Math.round(minutes));
  if (m >= 2880) {
    const days = Math.round(m / 1440);
    return zh ? `${days} 天后` : `in ${days} days`;
  }
  if (m >= 55) {
    const hours = Math.round(m / 60);
    return zh ? `${hours} 小时后` : `in ${hours} hour${hours === 1 ? '' : 's'}`;
  }
  return zh ? `${m} 分钟后` : `in ${m} minute${m === 1 ? '' : 's'}`;
}

export const meetupTexts = {
  promoted(meetup: MeetupFacts) {
    return (locale: Locale, timeZone: string): Text =>
      locale === 'zh-CN'
        ? { title: `你已从候补转为参加：${meetup.title}`, body: `有人让出了名额，你的位置已确认。时间：${when(meetup, locale, timeZone)}。` }
        : {
            title: `You're in: ${meetup.title}`,
            body: `A seat opened up and you moved from the waitlist to going. It starts ${when(meetup, locale, timeZone)}.`,
          };
  },

  cancelled(meetup: MeetupFacts, reason: string | null) {
    return (locale: Locale, timeZone: string): Text =>
      locale === 'zh-CN'
        ? {
            title: `活动已取消：${meetup.title}`,
            body: `原定于 ${when(meetup, locale, timeZone)} 的活动已被组织者取消。${reason ? `原因：“${reason}”` : ''}`,
          }
        : {
            title: `Cancelled: ${meetup.title}`,
            body: `The organizers cancelled this meetup, planned for ${when(meetup, locale, timeZone)}.${reason ? ` Reason: "${reason}"` : ''}`,
          };
  },

  reminder(meetup: MeetupFacts, now: Date) {
    const left = (meetup.startsAt.getTime() - now.getTime()) / 60_000;
    return (locale: Locale, timeZone: string): Text =>
      locale === 'zh-CN'
        ? { title: `活动提醒：${meetup.title}`, body: `${leadTime(left, locale)}开始（${when(meetup, locale, timeZone)}）。` }
        : { title: `Reminder: ${meetup.title}`, body: `Starts ${leadTime(left, locale)}, ${when(meetup, locale, timeZone)}.` };
  },
};
