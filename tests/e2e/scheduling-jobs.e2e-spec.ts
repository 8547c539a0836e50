import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { RegisteredUser, TestApi, registerUser, startTestApi, startTestWorker } from '@switchyard/testing';

const HOUR = 3600_000;
const BOOK = `mutation ($m: ID!, $start: DateTime!, $d: Int) { bookSession(mentorshipId: $m, start: $start, durationMinutes: $d) { id sequence } }`;

async function mentor(api: TestApi, tz: string, rules: { weekday: number; start: string; end: string }[]): Promise<RegisteredUser> {
  const user = await registerUser(api, { roles: ['MENTOR'], timeZone: tz });
  const calls = [
    api.gql(`mutation { upsertMentorProfile(input: { headline: "AI PM", fieldSlugs: ["ai-product-management"], capacity: 5, skills: [] }) { capacity } }`, {
      token: user.accessToken,
    }),
    api.gql(`mutation ($tz: String!, $rules: [AvailabilityRuleInput!]!) { setWeeklyAvailability(timeZone: $tz, rules: $rules) { id } }`, {
      token: user.accessToken,
      variables: { tz, rules },
    }),
    api.gql(`mutation { setSchedulingSettings(input: { minimumNoticeMinutes: 0 }) }`, { token: user.accessToken }),
  ];
  for (const call of calls) expect((await call).errors).toBeUndefined();
  return user;
}

async function switcher(api: TestApi, windows: { weekday: number; start: string; end: string }[] = []): Promise<RegisteredUser> {
  const user = await registerUser(api, { roles: ['SWITCHER'], timeZone: 'America/New_York' });
  const res = await api.gql(
    `mutation ($w: [WeeklyWindowInput!]) { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management", preferredWindows: $w }) { stage } }`,
    { token: user.accessToken, variables: { w: windows } },
  );
  expect(res.errors).toBeUndefined();
  return user;
}

async function match(api: TestApi, m: RegisteredUser, s: RegisteredUser): Promise<string> {
  const req = await api.gql(`mutation ($m: ID!) { requestMentorship(mentorId: $m) { id } }`, { token: s.accessToken, variables: { m: m.id } });
  const res = await api.gql(`mutation ($id: ID!) { respondToMentorshipRequest(requestId: $id, accept: true) { mentorship { id } } }`, {
    token: m.accessToken,
    variables: { id: req.data!.requestMentorship.id },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.respondToMentorshipRequest.mentorship.id;
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function sessionsOf(api: TestApi, mentorshipId: string) {
  return api.db.query<{ starts_at: Date; status: string; source: string }>(
    `SELECT starts_at, status, source FROM mentoring_sessions WHERE mentorship_id = $1 ORDER BY starts_at`,
    [mentorshipId],
  );
}

describe('background scheduling', () => {
  let api: TestApi;
  let worker: { close(): Promise<void> };

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('books the next 4 sessions weekly at a stable time both can make, and a second run books nothing', async () => {
    const m = await mentor(api, 'Europe/Berlin', [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })));
    // Tuesday and Thursday evenings in New York.
    const s = await switcher(api, [
      { weekday: 2, start: '18:00', end: '20:00' },
      { weekday: 4, start: '18:00', end: '20:00' },
    ]);
    const mentorshipId = await match(api, m, s);
    const booked = await until(() => sessionsOf(api, mentorshipId), (rows) => rows.length >= 4);
    expect(booked).toHaveLength(4);
    const local = booked.map((b) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(b.starts_at));
    expect(new Set(local).size).toBe(1);
    expect(local[0]).toMatch(/^(Tue|Thu) 1[89]:00$/);
    for (let i = 1; i < booked.length; i += 1) {
      const days = (booked[i].starts_at.getTime() - booked[i - 1].starts_at.getTime()) / (24 * HOUR);
      expect(Math.round(days)).toBe(7);
    }
    expect(booked.every((b) => b.source === 'AUTO' && b.status === 'SCHEDULED')).toBe(true);
    const told = await api.gql(`{ notifications(first: 1) { kind } }`, { token: s.accessToken });
    expect(told.data!.notifications[0].kind).toBe('sessions.scheduled');

    // The same job twice more, at once: nothing new.
    const queue = api.app.get<Queue>(getQueueToken('scheduling'));
    const jobs = await Promise.all([1, 2].map((i) => queue.add('schedule-mentorship', { mentorshipId }, { jobId: `again-${mentorshipId}-${i}` })));
    await until(() => Promise.all(jobs.map((j) => j.isCompleted())), (states) => states.every(Boolean));
    expect(await sessionsOf(api, mentorshipId)).toHaveLength(4);

    // A new cadence re-books the scheduler's sessions two weeks apart.
    const cadence = await api.gql(`mutation ($id: ID!) { setMentorshipCadence(mentorshipId: $id, cadence: BIWEEKLY) { cadence } }`, {
      token: s.accessToken,
      variables: { id: mentorshipId },
    });
    expect(cadence.data!.setMentorshipCadence.cadence).toBe('BIWEEKLY');
    const rebooked = await until(
      async () => (await sessionsOf(api, mentorshipId)).filter((r) => r.status === 'SCHEDULED'),
      (rows) => rows.length >= 4,
    );
    expect(rebooked).toHaveLength(4);
    for (let i = 1; i < rebooked.length; i += 1) {
      expect(Math.round((rebooked[i].starts_at.getTime() - rebooked[i - 1].starts_at.getTime()) / (24 * HOUR))).toBe(14);
    }
  });

  it('tells both once when there is no mutual time', async () => {
    const m = await mentor(api, 'Europe/Berlin', [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })));
    const s = await switcher(api, [{ weekday: 7, start: '10:00', end: '12:00' }]);
    const mentorshipId = await match(api, m, s);
    const kinds = async (user: RegisteredUser) =>
      ((await api.gql(`{ notifications { kind body } }`, { token: user.accessToken })).data!.notifications as { kind: string; body: string }[]).filter(
        (n) => n.kind === 'scheduling.no-mutual-time',
      );
    const told = await until(() => kinds(s), (list) => list.length > 0);
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('never overlap');
    expect(await kinds(m)).toHaveLength(1);
    const queue = api.app.get<Queue>(getQueueToken('scheduling'));
    const job = await queue.add('schedule-mentorship', { mentorshipId }, { jobId: `retry-${mentorshipId}` });
    await until(() => job.isCompleted(), Boolean);
    expect(await kinds(s)).toHaveLength(1);
    expect(await sessionsOf(api, mentorshipId)).toHaveLength(0);
  });
});

describe('session reminders', () => {
  it('fire once for the current version: not for the old time after a reschedule, not at all after a cancel', async () => {
    // Reminder offsets are chosen so that, for a session at `slot`, offset `soon`
    // falls due ~15 s from now; a session moved 15 minutes later falls due
    // at the same moment for offset `soon + 15`.
    const now = Date.now();
    const quarter = 15 * 60_000;
    const slot = Math.ceil((now + 20 * 60_000) / quarter) * quarter;
    const soon = (slot - now - 15_000) / 60_000;
    const later = soon + 15;
    const api = await startTestApi({ SESSION_REMINDER_MINUTES: `${later},${soon}`, SESSIONS_AHEAD: '1' });
    const worker = await startTestWorker(api);
    try {
      const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
      const pairs: { m: RegisteredUser; s: RegisteredUser; id: string }[] = [];
      for (let i = 0; i < 3; i += 1) {
        const m = await mentor(api, 'UTC', allDay);
        const s = await switcher(api);
        pairs.push({ m, s, id: await match(api, m, s) });
      }
      // Background scheduling is not what this test is about: let it finish, then clear its sessions.
      await until(async () => (await api.db.query(`SELECT 1 FROM mentoring_sessions`)).length, (n) => n >= 3);
      await api.db.query(`DELETE FROM mentoring_sessions`);

      const book = async (p: (typeof pairs)[number]) =>
        (await api.gql(BOOK, { token: p.s.accessToken, variables: { m: p.id, start: new Date(slot).toISOString(), d: 15 } })).data!.bookSession;
      const [kept, moved, cancelled] = [await book(pairs[0]), await book(pairs[1]), await book(pairs[2])];
      const re = await api.gql(`mutation ($id: ID!, $start: DateTime!) { rescheduleSession(sessionId: $id, start: $start) { sequence } }`, {
        token: pairs[1].m.accessToken,
        variables: { id: moved.id, start: new Date(slot + quarter).toISOString() },
      });
      expect(re.data!.rescheduleSession.sequence).toBe(1);
      expect((await api.gql(`mutation ($id: ID!) { cancelSession(sessionId: $id) { status } }`, { token: pairs[2].s.accessToken, variables: { id: cancelled.id } })).errors).toBeUndefined();

      const sent = () =>
        api.db.query<{ session_id: string; sequence: number; minutes_before: number }>(
          `SELECT session_id, sequence, minutes_before FROM session_reminders ORDER BY session_id`,
        );
      await until(sent, (rows) => rows.length >= 2, 40_000);
      // Give stray reminders (old version, cancelled session) time to misfire.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const rows = await sent();
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(
        expect.arrayContaining([
          { session_id: kept.id, sequence: 0, minutes_before: soon },
          { session_id: moved.id, sequence: 1, minutes_before: later },
        ]),
      );
      const reminders = await api.db.query<{ user_id: string; data: { sessionId: string } }>(
        `SELECT user_id, data FROM notifications WHERE kind = 'session.reminder'`,
      );
      expect(reminders).toHaveLength(4);
      expect(new Set(reminders.map((r) => r.data.sessionId))).toEqual(new Set([kept.id, moved.id]));
    } finally {
      await worker.close();
      await api.close();
    }
  }, 90_000);
});
