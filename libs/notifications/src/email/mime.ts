import { randomBytes } from 'node:crypto';

/**
 * Boundaries only have to differ from every line of the parts: base64 lines
 * cannot contain '_', and a 7bit part would have to contain this process's
 * random prefix. A prefix and a counter cost nothing beside random bytes per
 * message.
 */
const BOUNDARY_PREFIX = `=_sy_${randomBytes(6).toString('hex')}_`;
let boundaries = 0;

/** What a message says; the result is the RFC 5322 / MIME text handed to the mail server as is. */
export interface MimeMessage {
  /** `Name <address>` or a bare address. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  headers?: Record<string, string>;
}

export interface Mailbox {
  name: string | null;
  address: string;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
/** Base64 bodies in lines of 76 characters (RFC 2045). */
const BASE64_LINE = 76;
/** An encoded word holds at most 75 characters: `=?UTF-8?B?` + 60 of base64 (45 bytes) + `?=`. */
const ENCODED_WORD_BYTES = 45;

/** `Switchyard <no-reply@example.org>` -> name and address; a bare address has no name. */
export function parseMailbox(value: string): Mailbox {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (!match) return { name: null, address: value.trim() };
  const name = match[1].replace(/^"(.*)"$/, '$1').trim();
  return { name: name || null, address: match[2] };
}

/**
 * Builds the whole message in one buffer: multipart/alternative with a
 * plain-text and an HTML part, each 7bit when it is plain ASCII with short
 * lines and UTF-8 in base64 otherwise (safe for any server, no 8BITMIME
 * needed), non-ASCII header text as RFC 2047 encoded words. Lines that start
 * with a dot are the SMTP client's to escape.
 * Built directly rather than through a streaming MIME composer: a digest run
 * builds a hundred thousand of these, and one string and one socket write per
 * message cost a fraction of a stream pipeline per message.
 */
export function buildMime(message: MimeMessage): Buffer {
  const boundary = `${BOUNDARY_PREFIX}${(boundaries = (boundaries + 1) % Number.MAX_SAFE_INTEGER)}`;
  const lines = [
    `From: ${formatMailbox(parseMailbox(message.from))}`,
    `To: ${headerSafe(message.to)}`,
    `Subject: ${encodeHeaderText(message.subject)}`,
    `Date: ${rfc5322Date(message.date)}`,
    `Message-ID: ${headerSafe(message.messageId)}`,
    'MIME-Version: 1.0',
  ];
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`invalid header name "${name}"`);
    lines.push(`${name}: ${headerSafe(value)}`);
  }
  const text = encodePart(message.text);
  const html = encodePart(message.html);
  lines.push(
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Transfer-Encoding: ${text.encoding}`,
    '',
    text.body,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    `Content-Transfer-Encoding: ${html.encoding}`,
    '',
    html.body,
    `--${boundary}--`,
    '',
  );
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** A header value that came from data: one line (a CR or LF would start a header of someone else's choosing). */
function headerSafe(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('a header value must not contain line breaks');
  return value;
}

function formatMailbox(mailbox: Mailbox): string {
  const address = headerSafe(mailbox.address);
  if (!mailbox.name) return address;
  const name = ASCII_PRINTABLE.test(mailbox.name) ? `"${mailbox.name.replace(/["\\]/g, '\\$&')}"` : encodeHeaderText(mailbox.name);
  return `${name} <${address}>`;
}

/** Printable ASCII as is; anything else as UTF-8 base64 encoded words, split between characters and folded. */
export function encodeHeaderText(value: string): string {
  const text = headerSafe(value);
  if (ASCII_PRINTABLE.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > ENCODED_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Printable ASCII, tabs and line breaks, no line over 998 octets: 7bit as is (RFC 5322 2.1.1). */
const SEVEN_BIT = /^[\t\n\r\x20-\x7e]*$/;
const LONG_LINE = /[^\r\n]{999}/;

/**
 * ASCII text goes as is (7bit): smaller than base64 and cheaper to build.
 * Anything else (Chinese, accents, emoji in a name) goes as UTF-8 in base64.
 */
function encodePart(content: string): { encoding: '7bit' | 'base64'; body: string } {
  if (SEVEN_BIT.test(content) && !LONG_LINE.test(content)) {
    // CRLF line ends; a last line break is the part's own, the boundary line adds one.
    return { encoding: '7bit', body: content.replace(/\r\n|\r|\n/g, '\r\n').replace(/\r\n$/, '') };
  }
  return { encoding: 'base64', body: base64Lines(content) };
}

function base64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += BASE64_LINE) lines.push(encoded.slice(i, i + BASE64_LINE));
  return lines.join('\r\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sun, 29 Nov 2026 11:20:00 +0000" (RFC 5322 3.3, in UTC). */
export function rfc5322Date(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
