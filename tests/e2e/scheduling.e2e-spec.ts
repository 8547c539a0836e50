import ICAL from 'ical.js';
import { Client } from 'pg';
import { RegisteredUser, TestApi, registerUser, startTestApi } from '@switchyard/testing';

const SET_AVAILABILITY = `mutation ($tz: String!, $rules: [AvailabilityRuleInput!]!) { setWeeklyAvailability(timeZone: $tz, rules: $rules) { id weekday start end timeZone } }`;
const SETTINGS = `mutation ($input: SchedulingSettingsInput!) { setSchedulingSettings(input: $input) }`;
const OVERRIDE = `mutation ($input: AvailabilityOverrideInput!) { setAvailabilityOverride(input: $input) }`;
const SLOTS = `query ($mentorId: ID!, $from: DateTime!, $to: DateTime!, $d: Int, $tz: String) {
  availableSlots(mentorId: $mentorId, from: $from, to: $to, durationMinutes: $d, timeZone: $tz) { start end } }`;
const BOOK = `mutation ($m: ID!, $start: DateTime!, $d: Int, $key: String) {
  bookSession(mentorshipId: $m, start: $start, durationMinutes: $d, idempotencyKey: $key) { id start end status sequence icsUrl mentorship { id } } }`;
const RESCHEDULE = `mutation ($id: ID!, $start: DateTime!) { rescheduleSession(sessionId: $id, start: $start) { id start end sequence status } }`;
const CANCEL = `mutation ($id: ID!, $reason: String) { cancelSession(sessionId: $id, reason: $reason) { id status sequence cancelReason } }`;
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const HOUR = 3600_000;

async function mentorWithHours(api: TestApi, tz = 'Europe/Berlin', rules = ALL_DAY, capacity = 5): Promise<RegisteredUser> {
  const mentor = await registerUser(api, { roles: ['MENTOR'], timeZone: tz });
  const profile = await api.gql(
    `mutation ($c: Int!) { upsertMentorProfile(input: { headline: "AI PM", fieldSlugs: ["ai-product-management"], capacity: $c, skills: [] }) { capacity } }`,
    { token: mentor.accessToken, variables: { c: capacity } },
  );
  expect(profile.errors).toBeUndefined();
  const set = await api.gql(SET_AVAILABILITY, { token: mentor.accessToken, variables: { tz, rules } });
  expect(set.errors).toBeUndefined();
  expect((await api.gql(SETTINGS, { token: mentor.accessToken, variables: { input: { minimumNoticeMinutes: 0 } } })).errors).toBeUndefined();
  return mentor;
}

async function mentorship(api: TestApi, mentor: RegisteredUser, switcher?: RegisteredUser): Promise<{ switcher: RegisteredUser; id: string }> {
  const s = switcher ?? (await registerUser(api, { roles: ['SWITCHER'], timeZone: 'America/New_York' }));
  if (!switcher) {
    const p = await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, { token: s.accessToken });
    expect(p.errors).toBeUndefined();
  }
  const req = await api.gql(`mutation ($m: ID!) { requestMentorship(mentorId: $m) { id } }`, { token: s.accessToken, variables: { m: mentor.id } });
  const res = await api.gql(`mutation ($id: ID!) { respondToMentorshipRequest(requestId: $id, accept: true) { mentorship { id } } }`, {
    token: mentor.accessToken,
    variables: { id: req.data!.requestMentorship.id },
  });
  expect(res.errors).toBeUndefined();
  return { switcher: s, id: res.data!.respondToMentorshipRequest.mentorship.id };
}

/** A whole UTC hour a few days ahead, so notice and "now" never interfere. */
function hourAhead(days: number, hourUtc: number): Date {
  const d = new Date(Date.now() + days * 24 * HOUR);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
}

describe('availability and sessions', () => {
  let api: TestApi;
  // A pg client handed a query while it already has one waiting queues it (pg 8 warns, pg 9 will
  // refuse): the statements of one transaction share one connection and must be issued one after
  // the other. Recorded here as pg decides it, checked at the end of this file.
  const queuedBehind: string[] = [];
  const query = Client.prototype.query;
  jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client & { _queryQueue: unknown[] }, ...args: unknown[]) {
    if (this._queryQueue.length > 0) queuedBehind.push(new Error('query queued behind another').stack ?? '');
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as never);

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await api.close();
  });

  it('offers slots in the requested zone and refuses bad availability with named fields', async () => {
    const mentor = await mentorWithHours(api, 'Asia/Kathmandu', [{ weekday: 1, start: '09:00', end: '11:00' }]);
    const bad = await api.gql(SET_AVAILABILITY, {
      token: mentor.accessToken,
      variables: { tz: 'Mars/Olympus', rules: [{ weekday: 8, start: '25:00', end: '09:00' }] },
    });
    expect(bad.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions.fields).toEqual(expect.arrayContaining(['rules.0.weekday', 'rules.0.start']));
    const zone = await api.gql(SET_AVAILABILITY, { token: mentor.accessToken, variables: { tz: 'Mars/Olympus', rules: [] } });
    expect(zone.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['timeZone'] });
    // The failed calls left the hours as they were.
    const viewer = await registerUser(api, { roles: ['SWITCHER'] });
    const from = new Date(Date.now() + 24 * HOUR);
    const slots = await api.gql(SLOTS, {
      token: viewer.accessToken,
      variables: { mentorId: mentor.id, from: from.toISOString(), to: new Date(from.getTime() + 7 * 24 * HOUR).toISOString(), tz: 'Europe/London' },
    });
    expect(slots.errors).toBeUndefined();
    // Monday 09:00 and 10:00 in Kathmandu (+05:45) are 03:15 and 04:15 UTC, shown in London time.
    expect(slots.data!.availableSlots).toHaveLength(2);
    for (const slot of slots.data!.availableSlots) expect(slot.start).toMatch(/T0[345]:15:00\.000[+-]0[01]:00$|T0[345]:15:00\.000\+00:00$/);
    const mondayKathmandu = new Date(slots.data!.availableSlots[0].start);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kathmandu' }).format(mondayKathmandu);
    expect((await api.gql(OVERRIDE, { token: mentor.accessToken, variables: { input: { date, available: false } } })).errors).toBeUndefined();
    const after = await api.gql(SLOTS, {
      token: viewer.accessToken,
      variables: { mentorId: mentor.id, from: from.toISOString(), to: new Date(from.getTime() + 7 * 24 * HOUR).toISOString() },
    });
    expect(after.data!.availableSlots).toEqual([]);
    const noOffset = await api.gql(SLOTS, { token: viewer.accessToken, variables: { mentorId: mentor.id, from: '2026-03-08T10:00:00', to: '2026-03-09T10:00:00Z' } });
    expect(noOffset.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['from'] });
    const wrongOverride = await api.gql(OVERRIDE, { token: mentor.accessToken, variables: { input: { date, available: false, start: '10:00', end: '11:00' } } });
    expect(wrongOverride.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.start'] });
    const notMentor = await api.gql(SETTINGS, { token: viewer.accessToken, variables: { input: { horizonDays: 30 } } });
    expect(notMentor.errors![0].extensions.code).toBe('FORBIDDEN');
    const tooFar = await api.gql(SETTINGS, { token: mentor.accessToken, variables: { input: { horizonDays: 366 } } });
    expect(tooFar.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.horizonDays'] });
  });

  it('50 concurrent bookings of one slot make exactly 1 session and 49 CONFLICTs', async () => {
    const mentor = await mentorWithHours(api);
    const pairs: { switcher: RegisteredUser; id: string }[] = [];
    for (let i = 0; i < 5; i += 1) pairs.push(await mentorship(api, mentor));
    const start = hourAhead(3, 10).toISOString();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.gql(BOOK, { token: pairs[i % 5].switcher.accessToken, variables: { m: pairs[i % 5].id, start } })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const conflicts = results.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT');
    expect(conflicts).toHaveLength(49);
    const [{ n }] = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentoring_sessions WHERE mentor_id = $1`, [mentor.id]);
    expect(n).toBe(1);
  });

  it('refuses overlapping bookings of other lengths, a switcher double-booked across mentors, and replays idempotent bookings', async () => {
    const [a, b] = [await mentorWithHours(api), await mentorWithHours(api, 'America/Los_Angeles')];
    const withA = await mentorship(api, a);
    const withB = await mentorship(api, b, withA.switcher);
    const token = withA.switcher.accessToken;
    const ten = hourAhead(4, 10);
    const first = await api.gql(BOOK, { token, variables: { m: withA.id, start: ten.toISOString(), key: 'book-1' } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.bookSession).toMatchObject({ status: 'SCHEDULED', sequence: 0, mentorship: { id: withA.id } });

    const replay = await api.gql(BOOK, { token, variables: { m: withA.id, start: ten.toISOString(), key: 'book-1' } });
    expect(replay.data!.bookSession.id).toBe(first.data!.bookSession.id);
    const reused = await api.gql(BOOK, { token, variables: { m: withB.id, start: ten.toISOString(), key: 'book-1' } });
    expect(reused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });

    const halfPast = new Date(ten.getTime() + HOUR / 2).toISOString();
    const overlapShort = await api.gql(BOOK, { token: a.accessToken, variables: { m: withA.id, start: halfPast, d: 30 } });
    expect(overlapShort.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_TAKEN' });
    const nine = new Date(ten.getTime() - HOUR).toISOString();
    const overlapLong = await api.gql(BOOK, { token, variables: { m: withA.id, start: nine, d: 120 } });
    expect(overlapLong.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SLOT_TAKEN' });

    const otherMentor = await api.gql(BOOK, { token, variables: { m: withB.id, start: ten.toISOString() } });
    expect(otherMentor.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SWITCHER_BUSY' });
    const odd = await api.gql(BOOK, { token, variables: { m: withB.id, start: new Date(ten.getTime() + 7 * 60_000).toISOString() } });
    expect(odd.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['start'] });
    const stranger = await registerUser(api, { roles: ['SWITCHER'] });
    const notMine = await api.gql(BOOK, { token: stranger.accessToken, variables: { m: withB.id, start: ten.toISOString() } });
    expect(notMine.errors![0].extensions.code).toBe('NOT_FOUND');

    // The viewer's own sessions are not offered with another mentor either.
    const slots = await api.gql(SLOTS, {
      token,
      variables: { mentorId: b.id, from: ten.toISOString(), to: new Date(ten.getTime() + HOUR).toISOString() },
    });
    expect(slots.data!.availableSlots).toEqual([]);
    const [{ n }] = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentoring_sessions WHERE switcher_id = $1`, [withA.switcher.id]);
    expect(n).toBe(1);
  });

  it('reschedules (sequence + 1), cancels, serves .ics that parses, and a revocable feed', async () => {
    const mentor = await mentorWithHours(api, 'America/New_York');
    const pair = await mentorship(api, mentor);
    const start = hourAhead(5, 15);
    const booked = (await api.gql(BOOK, { token: pair.switcher.accessToken, variables: { m: pair.id, start: start.toISOString() } })).data!.bookSession;
    const moved = await api.gql(RESCHEDULE, { token: mentor.accessToken, variables: { id: booked.id, start: new Date(start.getTime() + 2 * HOUR).toISOString() } });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.rescheduleSession).toMatchObject({ id: booked.id, sequence: 1, status: 'SCHEDULED' });
    const told = await api.gql(`{ notifications(first: 1) { kind body } }`, { token: pair.switcher.accessToken });
    expect(told.data!.notifications[0].kind).toBe('session.rescheduled');
    const listed = await api.gql(`{ myMentorships { id sessions { id sequence start } } }`, { token: mentor.accessToken });
    expect(listed.data!.myMentorships).toEqual([{ id: pair.id, sessions: [{ id: booked.id, sequence: 1, start: new Date(start.getTime() + 2 * HOUR).toISOString() }] }]);
    const mine = await api.gql(`query ($f: DateTime!, $t: DateTime!) { mySessions(from: $f, to: $t) { id mentorship { id } } }`, {
      token: pair.switcher.accessToken,
      variables: { f: start.toISOString(), t: new Date(start.getTime() + 24 * HOUR).toISOString() },
    });
    expect(mine.data!.mySessions).toEqual([{ id: booked.id, mentorship: { id: pair.id } }]);

    const ics = await fetch(`${api.baseUrl}/calendar/sessions/${booked.id}.ics`, { headers: { authorization: `Bearer ${pair.switcher.accessToken}` } });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`${booked.id}@switchyard`);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().getTime()).toBe(start.getTime() + 2 * HOUR);
    expect(event.endDate.toJSDate().getTime()).toBe(start.getTime() + 3 * HOUR);
    // The link in icsUrl works without a header (calendar apps), for participants only.
    const viaLink = await fetch(booked.icsUrl.replace(/^http:\/\/localhost:\d+/, api.baseUrl));
    expect(viaLink.status).toBe(200);
    const stranger = await registerUser(api, { roles: ['SWITCHER'] });
    expect((await fetch(`${api.baseUrl}/calendar/sessions/${booked.id}.ics`, { headers: { authorization: `Bearer ${stranger.accessToken}` } })).status).toBe(404);
    expect((await fetch(`${api.baseUrl}/calendar/sessions/${booked.id}.ics`)).status).toBe(401);

    const cancelled = await api.gql(CANCEL, { token: pair.switcher.accessToken, variables: { id: booked.id, reason: 'Sick' } });
    expect(cancelled.data!.cancelSession).toMatchObject({ status: 'CANCELLED', sequence: 2, cancelReason: 'Sick' });
    expect((await api.gql(CANCEL, { token: mentor.accessToken, variables: { id: booked.id } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
    const cancelIcs = await (await fetch(`${api.baseUrl}/calendar/sessions/${booked.id}.ics`, { headers: { authorization: `Bearer ${mentor.accessToken}` } })).text();
    const cal = new ICAL.Component(ICAL.parse(cancelIcs));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(new ICAL.Event(cal.getFirstSubcomponent('vevent')!).sequence).toBe(2);

    const me = await api.gql(`{ me { calendarFeedUrl } }`, { token: mentor.accessToken });
    const feedUrl = (me.data!.me.calendarFeedUrl as string).replace(/^http:\/\/localhost:\d+/, api.baseUrl);
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    const uids = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid);
    expect(uids).toEqual([`${booked.id}@switchyard`]);
    const rotated = await api.gql(`mutation { rotateCalendarFeedUrl }`, { token: mentor.accessToken });
    expect(rotated.data!.rotateCalendarFeedUrl).not.toBe(me.data!.me.calendarFeedUrl);
    expect((await fetch(feedUrl)).status).toBe(404);
    expect((await fetch(rotated.data!.rotateCalendarFeedUrl.replace(/^http:\/\/localhost:\d+/, api.baseUrl))).status).toBe(200);
    const other = await api.gql(`query ($id: ID!) { user(id: $id) { calendarFeedUrl } }`, { token: pair.switcher.accessToken, variables: { id: mentor.id } });
    expect(other.data!.user.calendarFeedUrl).toBeNull();
  });

  it('takes feedback once per participant after the session, and feeds the mentor rating', async () => {
    const mentor = await mentorWithHours(api);
    const pair = await mentorship(api, mentor);
    const booked = (await api.gql(BOOK, { token: pair.switcher.accessToken, variables: { m: pair.id, start: hourAhead(2, 9).toISOString() } })).data!.bookSession;
    const FEEDBACK = `mutation ($id: ID!, $r: Int!, $c: String) { submitSessionFeedback(sessionId: $id, rating: $r, comment: $c) }`;
    const early = await api.gql(FEEDBACK, { token: pair.switcher.accessToken, variables: { id: booked.id, r: 5 } });
    expect(early.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_ENDED' });
    // Let the session be over.
    await api.db.query(`UPDATE mentoring_sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [booked.id]);
    const bad = await api.gql(FEEDBACK, { token: pair.switcher.accessToken, variables: { id: booked.id, r: 6 } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['rating'] });
    expect((await api.gql(FEEDBACK, { token: pair.switcher.accessToken, variables: { id: booked.id, r: 4, c: 'Great PRD review' } })).errors).toBeUndefined();
    expect((await api.gql(FEEDBACK, { token: pair.switcher.accessToken, variables: { id: booked.id, r: 5 } })).errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_SUBMITTED',
    });
    expect((await api.gql(FEEDBACK, { token: mentor.accessToken, variables: { id: booked.id, r: 5 } })).errors).toBeUndefined();
    const profile = await api.gql(`query ($id: ID!) { user(id: $id) { mentorProfile { rating } } }`, { token: pair.switcher.accessToken, variables: { id: mentor.id } });
    expect(profile.data!.user.mentorProfile.rating).toBe(4);
    const [row] = await api.db.query<{ status: string }>(`SELECT status FROM mentoring_sessions WHERE id = $1`, [booked.id]);
    expect(row.status).toBe('COMPLETED');
  });

  it("feeds held sessions and ratings into the mentor's reliability in recommendations", async () => {
    const mentor = await mentorWithHours(api);
    const pair = await mentorship(api, mentor);
    const FEEDBACK = `mutation ($id: ID!) { submitSessionFeedback(sessionId: $id, rating: 5) }`;
    for (let i = 0; i < 3; i += 1) {
      const booked = (await api.gql(BOOK, { token: pair.switcher.accessToken, variables: { m: pair.id, start: hourAhead(2 + i, 9).toISOString() } })).data!.bookSession;
      await api.db.query(
        `UPDATE mentoring_sessions SET starts_at = now() - ($2 + 2) * interval '1 day', ends_at = now() - ($2 + 2) * interval '1 day' + interval '1 hour' WHERE id = $1`,
        [booked.id, i],
      );
      expect((await api.gql(FEEDBACK, { token: pair.switcher.accessToken, variables: { id: booked.id } })).errors).toBeUndefined();
    }
    const newcomer = await registerUser(api, { roles: ['SWITCHER'] });
    await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, { token: newcomer.accessToken });
    const recs = await api.gql(`{ mentorRecommendations(first: 50) { mentor { id } components { key value detail } } }`, { token: newcomer.accessToken });
    expect(recs.errors).toBeUndefined();
    const match = (recs.data!.mentorRecommendations as { mentor: { id: string }; components: { key: string; value: number }[] }[]).find(
      (r) => r.mentor.id === mentor.id,
    );
    const reliability = match!.components.find((c) => c.key === 'reliability')!;
    // 3 sessions rated 5/5, shrunk halfway towards neutral: (3 x 1 + 3 x 0.5) / 6.
    expect(reliability.value).toBeCloseTo(0.75, 5);
  });

  it('never hands a connection a query while another runs on it (booking, rescheduling: one transaction)', () => {
    expect(queuedBehind).toEqual([]);
  });
});
