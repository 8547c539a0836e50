import { EmailLocale } from '../email/email-templates';
import { INSTANT_FORMAT } from '../templates';
import { MeetupDigestContent, MeetupItem, OpeningItem, ReferralDigestContent, StatusChangeItem, WaitingRequestItem } from './digest-content.types';

/**
 * The digests' words in English and Simplified Chinese. The result is a title
 * and plain paragraphs for renderEmail(), which adds the shared layout, the
 * HTML escaping and the unsubscribe footer. Times are shown in the
 * recipient's zone.
 */
export interface DigestText {
  title: string;
  body: string;
}

const STATUS: Record<EmailLocale, Record<string, string>> = {
  en: {
    REQUESTED: 'requested',
    ACCEPTED: 'accepted: they will refer you',
    DECLINED: 'declined',
    SUBMITTED: 'submitted to the employer',
    INTERVIEWING: 'in interviews',
    OFFER: 'offer',
    HIRED: 'hired',
    REJECTED: 'not successful',
    WITHDRAWN: 'withdrawn',
  },
  'zh-CN': {
    REQUESTED: '已请求',
    ACCEPTED: '已接受，对方将为你内推',
    DECLINED: '未被接受',
    SUBMITTED: '已提交给用人单位',
    INTERVIEWING: '面试中',
    OFFER: '收到录用意向',
    HIRED: '已录用',
    REJECTED: '未通过',
    WITHDRAWN: '已撤回',
  },
};

/**
 * Building an Intl.DateTimeFormat costs far more than formatting with one, and
 * a digest run formats hundreds of thousands of times in a few dozen zones:
 * one formatter per locale and zone, with the options of formatInstant() (the
 * notifications' format), so digests and notifications show times alike.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: EmailLocale, timeZone: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${key}|${locale}|${timeZone}`;
  let format = formatters.get(cacheKey);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    } catch {
      // A zone this runtime does not know: UTC, with the zone named, rather than no digest.
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    formatters.set(cacheKey, format);
  }
  return format;
}

/**
 * Formatting is still a few microseconds, and a run shows the same few
 * hundred meetup starts in the same zones to everyone: the strings are kept
 * (bounded, so a long-lived worker does not grow without limit).
 */
const formatted = new Map<string, string>();
const MAX_FORMATTED = 200_000;

function remembered(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    text = format();
    if (formatted.size >= MAX_FORMATTED) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** "Sun, Mar 8, 2026, 10:00 AM EDT" / "2026年3月8日周日 GMT-4 10:00": formatInstant(), cached. */
export function formatTime(at: Date, locale: EmailLocale, timeZone: string): string {
  return remembered(`${at.getTime()}|${locale}|${timeZone}`, () => formatter(locale, timeZone, 'instant', INSTANT_FORMAT).format(at));
}

function percent(readiness: number): string {
  return `${Math.round(readiness * 100)}%`;
}

/** A calendar date (no zone: it is the referrer's day) in the reader's language. */
function calendarDate(date: string, locale: EmailLocale): string {
  return remembered(`${date}|${locale}`, () =>
    formatter(locale, 'UTC', 'date', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(`${date}T00:00:00Z`)),
  );
}

function more(count: number, locale: EmailLocale): string[] {
  if (count <= 0) return [];
  return [locale === 'zh-CN' ? `……另有 ${count} 项，请在 Switchyard 中查看。` : `... and ${count} more on Switchyard.`];
}

function openingLine(o: OpeningItem, locale: EmailLocale): string {
  const zh = locale === 'zh-CN';
  const where = [o.remote ? (zh ? '远程' : 'remote') : null, o.location].filter(Boolean).join(zh ? '，' : ', ');
  const closes = o.closesOn ? (zh ? `，截止 ${calendarDate(o.closesOn, locale)}` : `, closes ${calendarDate(o.closesOn, locale)}`) : '';
  return zh
    ? `• ${o.company}「${o.title}」${where ? `（${where}）` : ''}：匹配度 ${percent(o.readiness)}${closes}`
    : `• ${o.title} at ${o.company}${where ? ` (${where})` : ''}: readiness ${percent(o.readiness)}${closes}`;
}

function changeLine(c: StatusChangeItem, locale: EmailLocale, timeZone: string): string {
  const when = formatTime(c.at, locale, timeZone);
  const status = STATUS[locale][c.status] ?? c.status;
  return locale === 'zh-CN' ? `• ${c.company}「${c.title}」：${status}（${when}）` : `• ${c.title} at ${c.company}: ${status} (${when})`;
}

function waitingLine(w: WaitingRequestItem, locale: EmailLocale, timeZone: string): string {
  const when = formatTime(w.requestedAt, locale, timeZone);
  return locale === 'zh-CN'
    ? `• ${w.switcherName} 请你内推 ${w.company}「${w.title}」（${when}）`
    : `• ${w.switcherName} asks for a referral to ${w.title} at ${w.company} (${when})`;
}

export function referralDigestText(content: ReferralDigestContent, locale: EmailLocale, timeZone: string): DigestText {
  const zh = locale === 'zh-CN';
  const paragraphs: string[] = [];
  const openings = content.openings.length + content.moreOpenings;
  if (openings > 0) {
    const field = content.field ? (zh ? content.field.zh : content.field.en) : null;
    const heading = zh
      ? `${field ? `「${field}」领域` : ''}的新内推职位，按你的匹配度排序：`
      : `New referral openings${field ? ` in ${field}` : ''}, best match for your skills first:`;
    paragraphs.push([heading, ...content.openings.map((o) => openingLine(o, locale)), ...more(content.moreOpenings, locale)].join('\n'));
  }
  if (content.changes.length > 0) {
    const heading = zh ? '你的内推请求有了新进展：' : 'News on your referral requests:';
    paragraphs.push([heading, ...content.changes.map((c) => changeLine(c, locale, timeZone)), ...more(content.moreChanges, locale)].join('\n'));
  }
  const waiting = content.waiting.length + content.moreWaiting;
  if (waiting > 0) {
    const heading = zh ? `有 ${waiting} 个内推请求在等你回复：` : `${waiting} referral request${waiting === 1 ? ' is' : 's are'} waiting for your answer:`;
    paragraphs.push([heading, ...content.waiting.map((w) => waitingLine(w, locale, timeZone)), ...more(content.moreWaiting, locale)].join('\n'));
  }
  const parts: string[] = [];
  if (openings > 0) parts.push(zh ? `${openings} 个新职位` : `${openings} new opening${openings === 1 ? '' : 's'}`);
  if (content.changes.length > 0) parts.push(zh ? `${content.changes.length + content.moreChanges} 个请求有进展` : 'news on your requests');
  if (waiting > 0) parts.push(zh ? `${waiting} 个请求待回复` : `${waiting} waiting for you`);
  const title = zh ? `每周内推摘要：${parts.join('，')}` : `Your weekly referrals: ${parts.join(', ')}`;
  return { title, body: paragraphs.join('\n\n') };
}

function rsvpText(m: MeetupItem, locale: EmailLocale): string {
  const zh = locale === 'zh-CN';
  if (m.rsvp === 'GOING') return zh ? '你已报名参加' : "you're going";
  if (m.rsvp === 'WAITLISTED') return zh ? `你在候补名单第 ${m.waitlistPosition} 位` : `you're number ${m.waitlistPosition} on the waitlist`;
  return zh ? '你尚未报名' : 'not signed up yet';
}

function meetupLine(m: MeetupItem, locale: EmailLocale, timeZone: string): string {
  const zh = locale === 'zh-CN';
  const when = formatTime(m.startsAt, locale, timeZone);
  const where = [m.location, m.online ? (zh ? '线上' : 'online') : null].filter(Boolean).join(zh ? ' / ' : ' / ');
  return zh
    ? `• ${when}：${m.title}（${m.community}${where ? `，${where}` : ''}）— ${rsvpText(m, locale)}`
    : `• ${when}: ${m.title} (${m.community}${where ? `, ${where}` : ''}) - ${rsvpText(m, locale)}`;
}

export function meetupDigestText(content: MeetupDigestContent, locale: EmailLocale, timeZone: string): DigestText {
  const zh = locale === 'zh-CN';
  const count = content.meetups.length + content.more;
  const heading = zh
    ? '未来两周，你的社区和领域有这些活动（时间为你所在时区）：'
    : 'Coming up in the next two weeks in your communities and fields (times in your time zone):';
  const body = [heading, ...content.meetups.map((m) => meetupLine(m, locale, timeZone)), ...more(content.more, locale)].join('\n');
  const title = zh ? `每周活动摘要：未来两周 ${count} 场活动` : `Your weekly meetups: ${count} in the next two weeks`;
  return { title, body };
}
