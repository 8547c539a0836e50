import { UnsubscribeKind } from '../unsubscribe/unsubscribe-tokens';

export type EmailLocale = 'en' | 'zh-CN';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function emailLocale(locale: string | null | undefined): EmailLocale {
  return locale === 'zh-CN' ? 'zh-CN' : 'en';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A subject is one header line: names and notes come from users, so no line breaks and a sane length. */
export function subjectLine(title: string): string {
  const line = title.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** What each unsubscribe kind turns off, as the footer and the confirmation page name it. */
export const UNSUBSCRIBE_WHAT: Record<EmailLocale, Record<UnsubscribeKind, string>> = {
  en: {
    [UnsubscribeKind.REFERRAL]: 'the weekly referral digest',
    [UnsubscribeKind.MEETUP]: 'the weekly meetup digest',
    [UnsubscribeKind.SESSION_REMINDERS]: 'session reminders',
    [UnsubscribeKind.ALL]: 'email notifications',
  },
  'zh-CN': {
    [UnsubscribeKind.REFERRAL]: '每周内推摘要',
    [UnsubscribeKind.MEETUP]: '每周活动摘要',
    [UnsubscribeKind.SESSION_REMINDERS]: '会面提醒',
    [UnsubscribeKind.ALL]: '邮件通知',
  },
};

const TEXTS = {
  en: {
    open: 'Open Switchyard',
    why: (what: string) => `You get this email because ${what} are on for your Switchyard account.`,
    whyDigest: (what: string) => `You get ${what} because you subscribed to it on Switchyard.`,
    unsubscribe: (what: string) => `Unsubscribe from ${what}`,
  },
  'zh-CN': {
    open: '打开 Switchyard',
    why: (what: string) => `你收到这封邮件，是因为你的 Switchyard 账户开启了${what}。`,
    whyDigest: (what: string) => `你收到${what}，是因为你在 Switchyard 上订阅了它。`,
    unsubscribe: (what: string) => `退订${what}`,
  },
} as const;

export interface EmailContent {
  locale: EmailLocale;
  /** Becomes the subject and the heading. */
  title: string;
  /** Plain paragraphs (separated by blank lines); escaped for HTML here. */
  body: string;
  /** The app link under the body. */
  appUrl: string;
  /** Footer: why this was sent and a one-click way out (omitted when links cannot be signed). */
  unsubscribe?: { kind: UnsubscribeKind; url: string };
}

/**
 * One email in the recipient's language, as HTML and plain text with the same
 * content. Digests pass their own body through the same layout so every
 * message carries the same footer. Inline styles only: mail clients drop
 * style sheets.
 */
export function renderEmail(content: EmailContent): RenderedEmail {
  const t = TEXTS[content.locale];
  const subject = subjectLine(content.title);
  const paragraphs = content.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const footer = content.unsubscribe ? footerOf(content.locale, content.unsubscribe.kind) : undefined;

  const text = [
    subject,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    `${t.open}: ${content.appUrl}`,
    ...(footer && content.unsubscribe ? ['', '--', footer.why, `${footer.action}: ${content.unsubscribe.url}`] : []),
    '',
  ].join('\n');

  const html = `<!DOCTYPE html>
<html lang="${content.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;color:#1f2933">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
${paragraphs.map((p) => `<p style="font-size:15px;line-height:1.5;margin:0 0 12px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
<p style="margin:20px 0 0"><a href="${escapeHtml(content.appUrl)}" style="display:inline-block;background:#2457c5;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px">${escapeHtml(t.open)}</a></p>
</div>
${
  footer && content.unsubscribe
    ? `<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#616e7c">${escapeHtml(footer.why)} <a href="${escapeHtml(content.unsubscribe.url)}" style="color:#616e7c">${escapeHtml(footer.action)}</a></p>`
    : ''
}
</body>
</html>
`;
  return { subject, text, html };
}

function footerOf(locale: EmailLocale, kind: UnsubscribeKind): { why: string; action: string } {
  const t = TEXTS[locale];
  const what = UNSUBSCRIBE_WHAT[locale][kind];
  const digest = kind === UnsubscribeKind.REFERRAL || kind === UnsubscribeKind.MEETUP;
  return { why: digest ? t.whyDigest(what) : t.why(what), action: t.unsubscribe(what) };
}
