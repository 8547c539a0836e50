/**
 * In-app notification texts in the recipient's language. Data carries ids and
 * the few names a sentence needs; the notifications feature renders email from
 * the same kinds.
 */
export type NotificationKind =
  | 'mentorship.requested'
  | 'mentorship.request.reminder'
  | 'mentorship.request.withdrawn'
  | 'mentorship.accepted'
  | 'mentorship.declined'
  | 'mentorship.request.expired'
  | 'session.booked'
  | 'session.rescheduled'
  | 'session.cancelled'
  | 'session.reminder'
  | 'sessions.scheduled'
  | 'scheduling.no-mutual-time';

export interface NotificationData {
  requestId?: string;
  mentorshipId?: string;
  switcherName?: string;
  mentorName?: string;
  note?: string | null;
  /** Display names of fresh recommendations, best first. */
  recommendations?: string[];
  sessionId?: string;
  /** ISO instants, shown in the recipient's zone. */
  start?: string;
  previousStart?: string;
  /** The other participant of a session. */
  otherName?: string;
  reason?: string | null;
  minutesBefore?: number;
  problem?: SchedulingProblem;
  /** Starts of sessions booked by background scheduling. */
  starts?: string[];
  [key: string]: unknown;
}

type Locale = 'en' | 'zh-CN';

/** Why background scheduling found no time, for both participants. */
export type SchedulingProblem = 'NO_AVAILABILITY' | 'NO_OVERLAP' | 'FULLY_BOOKED';

const SCHEDULING_PROBLEMS: Record<Locale, Record<SchedulingProblem, string>> = {
  en: {
    NO_AVAILABILITY: 'The mentor has no weekly availability within their booking horizon yet. Once they add hours, sessions are booked automatically.',
    NO_OVERLAP:
      "The mentor's available hours and the switcher's preferred times never overlap. Widen the preferred times or the availability, or book a session by hand.",
    FULLY_BOOKED: "Every shared hour within the mentor's booking horizon is already taken. Free some time or book by hand.",
  },
  'zh-CN': {
    NO_AVAILABILITY: '导师还没有设置预约范围内的每周可用时间。设置后会自动安排会面。',
    NO_OVERLAP: '导师的可用时间与学员的偏好时间没有重叠。请放宽偏好时间或可用时间，或手动预约。',
    FULLY_BOOKED: '导师预约范围内的共同时间都已被占用。请空出时间或手动预约。',
  },
};

const list = (names: string[] | undefined, locale: Locale) =>
  (names ?? []).slice(0, 3).join(locale === 'zh-CN' ? '、' : ', ');

/** How notifications and digests show an instant: weekday, date, time and the zone's short name. */
export const INSTANT_FORMAT: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** "Sun, Mar 8, 2026, 10:00 AM EDT" / "2026年3月8日周日 10:00 GMT-4", in the recipient's zone. */
export function formatInstant(iso: string | undefined, locale: Locale, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, ...INSTANT_FORMAT }).format(new Date(iso));
}

function duration(minutes: number | undefined, zh: boolean): string {
  const m = minutes ?? 0;
  if (m % 60 === 0) return zh ? `${m / 60} 小时` : `${m / 60} hour${m === 60 ? '' : 's'}`;
  return zh ? `${m} 分钟` : `${m} minutes`;
}

export function renderNotification(
  kind: NotificationKind,
  data: NotificationData,
  locale: Locale,
  timeZone = 'UTC',
): { title: string; body: string } {
  const zh = locale === 'zh-CN';
  const at = formatInstant(data.start, locale, timeZone);
  const reason = data.reason ? (zh ? `原因：“${data.reason}”` : ` Reason: "${data.reason}"`) : '';
  const note = data.note ? (zh ? `留言：“${data.note}”` : ` Note: "${data.note}"`) : '';
  switch (kind) {
    case 'mentorship.requested':
      return zh
        ? { title: `${data.switcherName} 想请你做导师`, body: `请在过期前接受或拒绝这个请求。${note}` }
        : { title: `${data.switcherName} asked you to be their mentor`, body: `Accept or decline before the request expires.${note}` };
    case 'mentorship.request.reminder':
      return zh
        ? { title: `${data.switcherName} 还在等你的回复`, body: '这个导师请求已过一半有效期，请尽快接受或拒绝。' }
        : { title: `${data.switcherName} is still waiting for your answer`, body: 'Half the time to answer this mentorship request has passed.' };
    case 'mentorship.request.withdrawn':
      return zh
        ? { title: `${data.switcherName} 撤回了导师请求`, body: '无需再处理这个请求。' }
        : { title: `${data.switcherName} withdrew their request`, body: 'Nothing more to do about it.' };
    case 'mentorship.accepted':
      return zh
        ? { title: `${data.mentorName} 成为了你的导师`, body: `你们的导师关系已开始，可以预约第一次会面了。${note}` }
        : { title: `${data.mentorName} is now your mentor`, body: `Your mentorship has started: book your first session.${note}` };
    case 'mentorship.declined':
      return zh
        ? { title: `${data.mentorName} 这次无法带你`, body: `看看其他推荐的导师吧。${note}` }
        : { title: `${data.mentorName} can't take you on right now`, body: `Have a look at your other recommendations.${note}` };
    case 'mentorship.request.expired': {
      const fresh = list(data.recommendations, locale);
      return zh
        ? { title: `给 ${data.mentorName} 的请求已过期`, body: fresh ? `这些导师现在也很适合你：${fresh}。` : '看看新的导师推荐吧。' }
        : {
            title: `Your request to ${data.mentorName} expired`,
            body: fresh ? `These mentors are a good fit now: ${fresh}.` : 'Have a look at your fresh recommendations.',
          };
    }
    case 'session.booked':
      return zh
        ? { title: `已预约与 ${data.otherName} 的会面`, body: `时间：${at}。` }
        : { title: `Session with ${data.otherName} booked`, body: `It is on ${at}.` };
    case 'session.rescheduled':
      return zh
        ? { title: `与 ${data.otherName} 的会面已改期`, body: `新时间：${at}（原定 ${formatInstant(data.previousStart, locale, timeZone)}）。` }
        : { title: `Session with ${data.otherName} moved`, body: `It is now on ${at} (was ${formatInstant(data.previousStart, locale, timeZone)}).` };
    case 'session.cancelled':
      return zh
        ? { title: `与 ${data.otherName} 的会面已取消`, body: `原定 ${at}。${reason}` }
        : { title: `Session with ${data.otherName} cancelled`, body: `It was on ${at}.${reason}` };
    case 'session.reminder':
      return zh
        ? { title: `${duration(data.minutesBefore, true)}后与 ${data.otherName} 会面`, body: `时间：${at}。` }
        : { title: `Session with ${data.otherName} in ${duration(data.minutesBefore, false)}`, body: `It starts on ${at}.` };
    case 'sessions.scheduled': {
      const starts = (data.starts ?? []).map((s) => formatInstant(s, locale, timeZone));
      return zh
        ? { title: `已为你和 ${data.otherName} 安排 ${starts.length} 次会面`, body: `时间：${starts.join('；')}。可随时改期或取消。` }
        : {
            title: `${starts.length} session${starts.length === 1 ? '' : 's'} with ${data.otherName} scheduled`,
            body: `On ${starts.join('; ')}. Reschedule or cancel any of them if needed.`,
          };
    }
    case 'scheduling.no-mutual-time':
      return zh
        ? { title: `无法自动安排与 ${data.otherName} 的会面`, body: SCHEDULING_PROBLEMS['zh-CN'][data.problem ?? 'NO_OVERLAP'] }
        : { title: `No time found for sessions with ${data.otherName}`, body: SCHEDULING_PROBLEMS.en[data.problem ?? 'NO_OVERLAP'] };
  }
}
