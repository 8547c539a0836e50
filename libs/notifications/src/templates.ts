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
  | 'mentorship.request.expired';

export interface NotificationData {
  requestId?: string;
  mentorshipId?: string;
  switcherName?: string;
  mentorName?: string;
  note?: string | null;
  /** Display names of fresh recommendations, best first. */
  recommendations?: string[];
  [key: string]: unknown;
}

type Locale = 'en' | 'zh-CN';

const list = (names: string[] | undefined, locale: Locale) =>
  (names ?? []).slice(0, 3).join(locale === 'zh-CN' ? '、' : ', ');

export function renderNotification(kind: NotificationKind, data: NotificationData, locale: Locale): { title: string; body: string } {
  const zh = locale === 'zh-CN';
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
  }
}
