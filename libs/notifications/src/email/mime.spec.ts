import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { buildMime, encodeHeaderText, parseMailbox, rfc5322Date } from './mime';

const base = {
  from: 'Switchyard <no-reply@switchyard.example.org>',
  to: 'lin@example.org',
  subject: 'Your weekly meetups: 3 in the next two weeks',
  text: 'Hello\n\nA line\n.\nA dot line above',
  html: '<p>Hello</p>',
  messageId: '<digest-meetup-2026-w49-u1@switchyard.example.org>',
  date: new Date('2026-11-29T11:20:05Z'),
};

describe('buildMime', () => {
  it('builds a multipart/alternative message a mail parser reads back field by field', async () => {
    const raw = buildMime({
      ...base,
      headers: { 'List-Unsubscribe': '<https://switchyard.example.org/unsubscribe?token=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    const source = raw.toString('utf8');
    expect(source).toMatch(/^From: "Switchyard" <no-reply@switchyard\.example\.org>\r\n/);
    expect(source).toContain('\r\nDate: Sun, 29 Nov 2026 11:20:05 +0000\r\n');
    // Every line ends in CRLF and none is longer than SMTP allows (998 + CRLF).
    expect(source.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of source.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);

    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([{ name: 'Switchyard', address: 'no-reply@switchyard.example.org' }]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'lin@example.org' }] });
    expect(parsed.subject).toBe(base.subject);
    expect(parsed.messageId).toBe(base.messageId);
    expect(parsed.date?.toISOString()).toBe('2026-11-29T11:20:05.000Z');
    expect(parsed.text).toBe(base.text);
    expect(parsed.html).toBe(base.html);
    const lines = new Map(parsed.headerLines.map((h) => [h.key, h.line]));
    expect(lines.get('list-unsubscribe')).toBe('List-Unsubscribe: <https://switchyard.example.org/unsubscribe?token=abc>');
    expect(lines.get('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('encodes Chinese subjects and sender names as folded encoded words of at most 75 characters', async () => {
    const subject = '每周活动摘要：未来两周 12 场活动，包括「大模型评测之夜」和「产品经理模拟面试」，欢迎报名参加！';
    const raw = buildMime({ ...base, from: '转行站 <no-reply@example.org>', subject, text: '你好', html: '<p>你好</p>' });
    const headerBlock = raw.toString('utf8').split('\r\n\r\n')[0];
    const words = headerBlock.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? [];
    expect(words.length).toBeGreaterThan(2);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value[0]).toEqual({ name: '转行站', address: 'no-reply@example.org' });
    expect(parsed.text).toBe('你好');
  });

  it('sends ASCII parts as 7bit with CRLF line ends and anything else as base64', async () => {
    const raw = buildMime({ ...base, text: 'Line one\n... and 3 more on Switchyard.\n', html: '<p>你好</p>' }).toString('utf8');
    expect(raw).toContain('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nLine one\r\n... and 3 more on Switchyard.\r\n--');
    expect(raw).toContain('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n');
    const long = buildMime({ ...base, text: 'x'.repeat(1200) }).toString('utf8');
    expect(long).toContain('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n');
    expect((await simpleParser(long)).text).toBe('x'.repeat(1200));
  });

  it('refuses header values with line breaks instead of letting them start new headers', () => {
    expect(() => buildMime({ ...base, subject: 'Hi\r\nBcc: victim@example.org' })).toThrow(/line breaks/);
    expect(() => buildMime({ ...base, to: 'a@example.org\nBcc: b@example.org' })).toThrow(/line breaks/);
    expect(() => buildMime({ ...base, headers: { 'X-Note': 'a\rb' } })).toThrow(/line breaks/);
    expect(() => buildMime({ ...base, headers: { 'Bad Name': 'x' } })).toThrow(/header name/);
  });

  it('round-trips any subject and bodies through a mail parser', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 120 }).filter((s) => !/[\r\n]/.test(s) && s.trim() === s && !/\s{2}/.test(s)),
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        async (subject, body) => {
          const text = body.replace(/\r\n?/g, '\n');
          const parsed = await simpleParser(buildMime({ ...base, subject, text, html: `<p>${text}</p>` }));
          expect(parsed.subject ?? '').toBe(subject);
          // The parser drops a last line break of a text part.
          expect((parsed.text ?? '').replace(/\n$/, '')).toBe(text.replace(/\n$/, ''));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('mail header helpers', () => {
  it('reads mailboxes with and without a name', () => {
    expect(parseMailbox('Switchyard <no-reply@localhost>')).toEqual({ name: 'Switchyard', address: 'no-reply@localhost' });
    expect(parseMailbox('"Switchyard, Berlin" <a@b.org>')).toEqual({ name: 'Switchyard, Berlin', address: 'a@b.org' });
    expect(parseMailbox('<a@b.org>')).toEqual({ name: null, address: 'a@b.org' });
    expect(parseMailbox(' a@b.org ')).toEqual({ name: null, address: 'a@b.org' });
  });

  it('leaves printable ASCII alone and formats dates in UTC', () => {
    expect(encodeHeaderText('Your weekly referrals: 3 new openings')).toBe('Your weekly referrals: 3 new openings');
    expect(encodeHeaderText('Café')).toBe('=?UTF-8?B?Q2Fmw6k=?=');
    expect(rfc5322Date(new Date('2027-01-03T04:05:06Z'))).toBe('Sun, 03 Jan 2027 04:05:06 +0000');
  });
});
