/**
 * RFC 5545 calendar data, written by hand: the format is small, and owning it
 * keeps UIDs, SEQUENCE and line folding exactly as calendar clients need them.
 * Times are UTC (`...Z`), which every client converts correctly without the
 * VTIMEZONE blocks a local-time event would need; the organiser's zone is
 * noted in the description and in X-SWITCHYARD-ORGANIZER-TZ.
 */
export interface CalendarEvent {
  /** Stable for the life of a session, so updates replace the same event. */
  uid: string;
  /** Increments on every change the attendee should see (reschedule, cancel). */
  sequence: number;
  start: Date;
  end: Date;
  status: 'CONFIRMED' | 'CANCELLED';
  summary: string;
  description: string;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
  organizerTimeZone: string;
  url?: string;
  lastModified: Date;
}

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

const PRODID = '-//Switchyard//Mentoring sessions//EN';

/** 20260308T140000Z */
export function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and newlines are escaped (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Parameter values with characters that need it are quoted; quotes themselves cannot appear (RFC 5545 3.2). */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, "'");
  return /[;:,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Lines longer than 75 octets are folded with CRLF + space (RFC 5545 3.1),
 * never inside a UTF-8 sequence, so Chinese names survive.
 */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back to a character boundary (continuation bytes are 10xxxxxx).
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end -= 1;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // the leading space of a continuation line counts
  }
  return parts.join('\r\n ');
}

function eventLines(event: CalendarEvent, now: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtc(now)}`,
    `LAST-MODIFIED:${icsUtc(event.lastModified)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `STATUS:${event.status}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`,
    ...event.attendees.map(
      (a) => `ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${event.status === 'CANCELLED' ? 'DECLINED' : 'ACCEPTED'}:mailto:${a.email}`,
    ),
    `X-SWITCHYARD-ORGANIZER-TZ:${escapeText(event.organizerTimeZone)}`,
    'TRANSP:OPAQUE',
  ];
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push('END:VEVENT');
  return lines;
}

function calendar(method: CalendarMethod, name: string | undefined, events: CalendarEvent[], now: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', `METHOD:${method}`];
  if (name) lines.push(`X-WR-CALNAME:${escapeText(name)}`);
  for (const event of events) lines.push(...eventLines(event, now));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** An invite for one session: REQUEST while it stands, CANCEL once cancelled (same UID, higher SEQUENCE). */
export function sessionInvite(event: CalendarEvent, now = new Date()): string {
  return calendar(event.status === 'CANCELLED' ? 'CANCEL' : 'REQUEST', undefined, [event], now);
}

/** A subscribable feed of many sessions (PUBLISH: the subscriber is not asked to reply). */
export function sessionFeed(name: string, events: CalendarEvent[], now = new Date()): string {
  return calendar('PUBLISH', name, events, now);
}
