import { UnsubscribeKind } from '../unsubscribe/unsubscribe-tokens';
import { emailLocale, renderEmail, subjectLine } from './email-templates';

const unsubscribe = { kind: UnsubscribeKind.ALL, url: 'https://switchyard.example/unsubscribe?token=abc' };

describe('renderEmail', () => {
  it('puts the same content in the text and HTML parts, with the app link and the way out', () => {
    const email = renderEmail({ locale: 'en', title: 'Ada asked you to be their mentor', body: 'Accept or decline.\n\nSecond paragraph.', appUrl: 'https://switchyard.example', unsubscribe });
    expect(email.subject).toBe('Ada asked you to be their mentor');
    expect(email.text).toContain('Accept or decline.\n\nSecond paragraph.');
    expect(email.text).toContain('Open Switchyard: https://switchyard.example');
    expect(email.text).toContain('Unsubscribe from email notifications: https://switchyard.example/unsubscribe?token=abc');
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('<p style="font-size:15px;line-height:1.5;margin:0 0 12px">Second paragraph.</p>');
    expect(email.html).toContain('href="https://switchyard.example/unsubscribe?token=abc"');
  });

  it('speaks Simplified Chinese to zh-CN recipients', () => {
    const email = renderEmail({ locale: 'zh-CN', title: 'Ada 想请你做导师', body: '请在过期前接受或拒绝这个请求。', appUrl: 'https://s.example', unsubscribe: { ...unsubscribe, kind: UnsubscribeKind.SESSION_REMINDERS } });
    expect(email.html).toContain('<html lang="zh-CN">');
    expect(email.text).toContain('打开 Switchyard: https://s.example');
    expect(email.text).toContain('退订会面提醒');
    expect(email.html).toContain('开启了会面提醒');
  });

  it('escapes what users wrote', () => {
    const email = renderEmail({ locale: 'en', title: '<script>alert(1)</script> asked', body: 'Note: "<b>hi</b>" & bye', appUrl: 'https://s.example' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; asked');
    expect(email.html).toContain('Note: &quot;&lt;b&gt;hi&lt;/b&gt;&quot; &amp; bye');
    expect(email.text).toContain('Note: "<b>hi</b>" & bye');
    expect(email.text).not.toContain('Unsubscribe');
  });

  it('keeps the subject on one bounded line', () => {
    expect(subjectLine('Hi\r\nBcc: victim@example.org')).toBe('Hi Bcc: victim@example.org');
    expect(subjectLine('x'.repeat(300))).toHaveLength(200);
  });

  it('falls back to English for unknown locales', () => {
    expect(emailLocale('zh-CN')).toBe('zh-CN');
    expect(emailLocale('de')).toBe('en');
    expect(emailLocale(null)).toBe('en');
  });
});
