import ICAL from 'ical.js';
import { CalendarEvent, foldLine, sessionFeed, sessionInvite } from './ics';

const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: '7d1c0b8e-2f7e-4a43-9d57-2c7c5f4f2a11@switchyard',
  sequence: 2,
  start: new Date('2026-03-08T14:00:00Z'),
  end: new Date('2026-03-08T15:00:00Z'),
  status: 'CONFIRMED',
  summary: 'Mentoring: Lin Wei, Maya Patel',
  description: 'Times are UTC; the mentor is in America/New_York (10:00; Sunday).\nBring your PRD draft, please.',
  organizer: { name: '林伟 (Lin Wei); mentor', email: 'sessions@switchyard.example' },
  attendees: [{ name: 'Maya Patel', email: 'sessions@switchyard.example' }],
  organizerTimeZone: 'America/New_York',
  lastModified: new Date('2026-03-01T10:00:00Z'),
  url: 'http://localhost:3000/calendar/sessions/x.ics',
  ...over,
});

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const vevent = component.getFirstSubcomponent('vevent')!;
  return { component, vevent, event: new ICAL.Event(vevent) };
}

describe('session invites', () => {
  it('parses with ical.js with the UID, SEQUENCE, METHOD and UTC instants it was given', () => {
    const { component, vevent, event: parsed } = parse(sessionInvite(event(), new Date('2026-03-02T00:00:00Z')));
    expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(parsed.uid).toBe('7d1c0b8e-2f7e-4a43-9d57-2c7c5f4f2a11@switchyard');
    expect(parsed.sequence).toBe(2);
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2026-03-08T14:00:00.000Z');
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2026-03-08T15:00:00.000Z');
    expect(parsed.startDate.zone?.tzid).toBe('UTC');
    expect(parsed.summary).toBe('Mentoring: Lin Wei, Maya Patel');
    expect(parsed.description).toBe('Times are UTC; the mentor is in America/New_York (10:00; Sunday).\nBring your PRD draft, please.');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('x-switchyard-organizer-tz')).toBe('America/New_York');
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('林伟 (Lin Wei); mentor');
  });

  it('a cancelled session is a CANCEL of the same UID', () => {
    const { component, event: parsed } = parse(sessionInvite(event({ status: 'CANCELLED', sequence: 3 })));
    expect(component.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(parsed.uid).toBe('7d1c0b8e-2f7e-4a43-9d57-2c7c5f4f2a11@switchyard');
    expect(parsed.sequence).toBe(3);
  });

  it('uses CRLF and folds long lines at 75 octets without splitting a character', () => {
    const text = sessionInvite(event({ summary: '导师会面：'.repeat(20) }));
    const lines = text.split('\r\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(text).event.summary).toBe('导师会面：'.repeat(20));
    const folded = foldLine('X:' + 'é'.repeat(80));
    expect(folded.split('\r\n ').join('')).toBe('X:' + 'é'.repeat(80));
  });

  it('a feed holds every event and parses as PUBLISH', () => {
    const text = sessionFeed('Switchyard sessions', [event(), event({ uid: 'other@switchyard', sequence: 0 })]);
    const component = new ICAL.Component(ICAL.parse(text));
    expect(component.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid)).toEqual([
      '7d1c0b8e-2f7e-4a43-9d57-2c7c5f4f2a11@switchyard',
      'other@switchyard',
    ]);
  });
});
