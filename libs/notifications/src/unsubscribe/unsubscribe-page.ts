import { EmailLocale, UNSUBSCRIBE_WHAT, escapeHtml } from '../email/email-templates';
import { UnsubscribeKind } from './unsubscribe-tokens';

const TEXTS = {
  en: {
    title: 'Unsubscribe',
    ask: (what: string) => `Stop receiving ${what} from Switchyard?`,
    button: 'Unsubscribe',
    done: (what: string) => `You will no longer receive ${what}.`,
    undo: 'You can turn it back on at any time in your notification preferences.',
    invalid: 'This unsubscribe link is not valid.',
    invalidHelp: 'Copy the whole link from the email, or change your notification preferences after signing in.',
  },
  'zh-CN': {
    title: '退订',
    ask: (what: string) => `不再接收来自 Switchyard 的${what}？`,
    button: '退订',
    done: (what: string) => `你将不再收到${what}。`,
    undo: '你可以随时在通知设置中重新开启。',
    invalid: '这个退订链接无效。',
    invalidHelp: '请复制邮件中的完整链接，或登录后修改通知设置。',
  },
} as const;

function page(locale: EmailLocale, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Switchyard · ${TEXTS[locale].title}</title></head>
<body style="font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;max-width:480px;margin:48px auto;padding:0 16px;color:#1f2933">
${body}
</body>
</html>
`;
}

/**
 * The confirmation page behind the link. Opening it changes nothing: link
 * scanners and prefetchers GET every URL in a message, so only the form's
 * POST (or the mail client's one-click POST) unsubscribes.
 */
export function confirmationPage(locale: EmailLocale, kind: UnsubscribeKind, token: string): string {
  const t = TEXTS[locale];
  return page(
    locale,
    `<h1 style="font-size:20px">${escapeHtml(t.ask(UNSUBSCRIBE_WHAT[locale][kind]))}</h1>
<form method="post" action="?token=${encodeURIComponent(token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:15px;padding:8px 16px">${escapeHtml(t.button)}</button>
</form>`,
  );
}

export function unsubscribedPage(locale: EmailLocale, kind: UnsubscribeKind): string {
  const t = TEXTS[locale];
  return page(locale, `<h1 style="font-size:20px">${escapeHtml(t.done(UNSUBSCRIBE_WHAT[locale][kind]))}</h1>\n<p>${escapeHtml(t.undo)}</p>`);
}

export function invalidLinkPage(locale: EmailLocale): string {
  const t = TEXTS[locale];
  return page(locale, `<h1 style="font-size:20px">${escapeHtml(t.invalid)}</h1>\n<p>${escapeHtml(t.invalidHelp)}</p>`);
}
