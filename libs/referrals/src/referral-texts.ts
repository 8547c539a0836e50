import { ReferralStatus } from './transitions';

type Locale = 'en' | 'zh-CN';

export interface ReferralTextData {
  company: string;
  title: string;
  /** The person who made the change: the switcher for a request or withdrawal, else the referrer. */
  actorName: string;
  /** A note from the switcher (request) or from whoever moved the status. */
  note: string | null;
}

function quoted(note: string | null, zh: boolean): string {
  if (!note) return '';
  return zh ? `留言：“${note}”` : ` Note: "${note}"`;
}

const EN: Record<ReferralStatus, [string, (d: ReferralTextData) => string]> = {
  [ReferralStatus.REQUESTED]: ['New referral request', (d) => `${d.actorName} asks you for a referral to ${d.title} at ${d.company}.`],
  [ReferralStatus.ACCEPTED]: ['Referral request accepted', (d) => `${d.actorName} will refer you to ${d.title} at ${d.company}.`],
  [ReferralStatus.DECLINED]: ['Referral request declined', (d) => `${d.actorName} declined to refer you to ${d.title} at ${d.company}.`],
  [ReferralStatus.SUBMITTED]: ['Referral submitted', (d) => `${d.actorName} submitted your referral to ${d.title} at ${d.company}.`],
  [ReferralStatus.INTERVIEWING]: ['Interviews started', (d) => `Your referral to ${d.title} at ${d.company} moved to interviews.`],
  [ReferralStatus.OFFER]: ['Offer', (d) => `${d.company} is making you an offer for ${d.title}.`],
  [ReferralStatus.HIRED]: ['Hired', (d) => `You were hired as ${d.title} at ${d.company}. Congratulations!`],
  [ReferralStatus.REJECTED]: ['Application not successful', (d) => `${d.company} did not go ahead with your application for ${d.title}.`],
  [ReferralStatus.WITHDRAWN]: ['Referral request withdrawn', (d) => `${d.actorName} withdrew their request for a referral to ${d.title} at ${d.company}.`],
};

const ZH: Record<ReferralStatus, [string, (d: ReferralTextData) => string]> = {
  [ReferralStatus.REQUESTED]: ['新的内推请求', (d) => `${d.actorName} 请你内推 ${d.company} 的「${d.title}」职位。`],
  [ReferralStatus.ACCEPTED]: ['内推请求已接受', (d) => `${d.actorName} 将为你内推 ${d.company} 的「${d.title}」职位。`],
  [ReferralStatus.DECLINED]: ['内推请求未被接受', (d) => `${d.actorName} 婉拒了为你内推 ${d.company} 的「${d.title}」职位。`],
  [ReferralStatus.SUBMITTED]: ['内推已提交', (d) => `${d.actorName} 已将你内推到 ${d.company} 的「${d.title}」职位。`],
  [ReferralStatus.INTERVIEWING]: ['进入面试', (d) => `你在 ${d.company}「${d.title}」职位的申请已进入面试阶段。`],
  [ReferralStatus.OFFER]: ['收到录用意向', (d) => `${d.company} 准备向你发出「${d.title}」职位的录用意向。`],
  [ReferralStatus.HIRED]: ['已被录用', (d) => `恭喜！你已被 ${d.company} 录用为「${d.title}」。`],
  [ReferralStatus.REJECTED]: ['申请未通过', (d) => `${d.company} 未继续推进你对「${d.title}」职位的申请。`],
  [ReferralStatus.WITHDRAWN]: ['内推请求已撤回', (d) => `${d.actorName} 撤回了对 ${d.company}「${d.title}」职位的内推请求。`],
};

/** Tells the other party that a request moved to `status`. */
export function statusText(status: ReferralStatus, data: ReferralTextData, locale: Locale): { title: string; body: string } {
  const zh = locale === 'zh-CN';
  const [title, body] = (zh ? ZH : EN)[status];
  return { title, body: body(data) + quoted(data.note, zh) };
}
