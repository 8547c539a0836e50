import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTIFICATIONS_QUEUE, UnsubscribeKind, UnsubscribeLinks } from '@switchyard/notifications';
import { SessionsService } from '@switchyard/scheduling';
import { ReceivedMail, RegisteredUser, TestApi, TestSmtp, headersOf, registerUser, startTestApi, startTestWorker } from '@switchyard/testing';

async function until<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PREFERENCES = 'referralDigest meetupDigest sessionReminders emailNotifications digestWeekday digestHour';

async function mentor(api: TestApi, overrides: Record<string, unknown> = {}): Promise<RegisteredUser> {
  const user = await registerUser(api, { roles: ['MENTOR'], ...overrides });
  const res = await api.gql(
    `mutation { upsertMentorProfile(input: { headline: "AI PM", fieldSlugs: ["ai-product-management"], capacity: 10, skills: [] }) { capacity } }`,
    { token: user.accessToken },
  );
  expect(res.errors).toBeUndefined();
  return user;
}

/** A new switcher asks `m` to mentor them: the mentor is notified (and mailed) in the same transaction. */
async function requestFrom(api: TestApi, m: RegisteredUser, displayName = 'Ada Lovelace'): Promise<void> {
  const s = await registerUser(api, { roles: ['SWITCHER'], displayName });
  const profile = await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, { token: s.accessToken });
  expect(profile.errors).toBeUndefined();
  const req = await api.gql(`mutation ($m: ID!) { requestMentorship(mentorId: $m, message: "Could you help?") { id } }`, {
    token: s.accessToken,
    variables: { m: m.id },
  });
  expect(req.errors).toBeUndefined();
}

async function outboxOf(api: TestApi, userId: string) {
  return api.db.query<{ status: string; attempts: number; last_error: string | null; kind: string }>(
    'SELECT status, attempts, last_error, kind FROM email_outbox WHERE user_id = $1 ORDER BY created_at',
    [userId],
  );
}

function unsubscribeUrlOf(api: TestApi, received: ReceivedMail): string {
  const header = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(headersOf(received.raw))?.[1];
  expect(header).toBeDefined();
  // The link is built from PUBLIC_URL; the test API listens on a random port.
  const url = new URL(header!);
  return `${api.baseUrl}${url.pathname}${url.search}`;
}

const ONE_CLICK = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' };

describe('notifications: email delivery, preferences, unsubscribe, queue operations', () => {
  const smtp = new TestSmtp();
  let api: TestApi;
  let worker: { close(): Promise<void> };
  let admin: string;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    api = await startTestApi({
      SMTP_URL: smtpUrl,
      EMAIL_RELAY_INTERVAL_MS: '200',
      EMAIL_RETRY_BASE_MS: '300',
      EMAIL_MAX_ATTEMPTS: '4',
      BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'admin password 123',
    });
    worker = await startTestWorker(api);
    const login = await api.gql(`mutation { login(email: "admin@example.org", password: "admin password 123") { accessToken } }`);
    admin = login.data!.login.accessToken;
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.stop();
  });

  it('mails a notification exactly once, in the recipient\'s language, as HTML and text with a way out', async () => {
    const m = await mentor(api, { locale: 'zh-CN', displayName: 'Lin Wei' });
    await requestFrom(api, m, 'Ada Lovelace');

    const mails = await until(() => smtp.to(m.email), (r) => r.length >= 1);
    await sleep(1000); // several relay ticks: nothing more may arrive
    expect(smtp.to(m.email)).toHaveLength(1);

    const [notification] = (await api.gql(`{ notifications(first: 1) { kind title body } }`, { token: m.accessToken })).data!.notifications;
    expect(notification).toEqual({
      kind: 'mentorship.requested',
      title: 'Ada Lovelace 想请你做导师',
      body: '请在过期前接受或拒绝这个请求。留言：“Could you help?”',
    });
    const { mail, raw } = mails[0];
    expect(mail.subject).toBe(notification.title);
    expect(mail.from?.value).toEqual([{ name: 'Switchyard', address: 'no-reply@localhost' }]);
    expect(mail.text).toContain(notification.body);
    expect(mail.text).toContain('打开 Switchyard: http://localhost:3000');
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('请在过期前接受或拒绝这个请求。');
    expect(mail.html).toContain('退订邮件通知');
    expect(headersOf(raw)).toMatch(/^List-Unsubscribe:\s*<http:\/\/localhost:3000\/unsubscribe\?token=[A-Za-z0-9_-]{44}>$/im);
    expect(headersOf(raw)).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
    expect(mail.messageId).toMatch(/^<outbox-[0-9a-f-]{36}@localhost>$/);
    expect(await outboxOf(api, m.id)).toEqual([{ status: 'SENT', attempts: 1, last_error: null, kind: 'mentorship.requested' }]);
  });

  it('sends no email while email notifications are off, and still records the in-app one', async () => {
    const m = await mentor(api);
    const off = await api.gql(`mutation { updateNotificationPreferences(input: { emailNotifications: false }) { ${PREFERENCES} } }`, { token: m.accessToken });
    expect(off.data!.updateNotificationPreferences).toEqual({
      referralDigest: true,
      meetupDigest: true,
      sessionReminders: true,
      emailNotifications: false,
      digestWeekday: 1,
      digestHour: 9,
    });
    await requestFrom(api, m);
    await sleep(1200);
    expect(smtp.to(m.email)).toHaveLength(0);
    expect(await outboxOf(api, m.id)).toEqual([]);
    expect((await api.gql(`{ notifications { kind } }`, { token: m.accessToken })).data!.notifications).toEqual([{ kind: 'mentorship.requested' }]);
  });

  it('does not send what is queued once the recipient turns email off', async () => {
    const m = await mentor(api);
    // Hold delivery with a temporary failure, then opt out before the retry.
    smtp.plan.set(m.email.toLowerCase(), [451, 451, 451]);
    await requestFrom(api, m);
    await until(() => smtp.attempts.get(m.email.toLowerCase()) ?? 0, (n) => n >= 1);
    await api.gql(`mutation { updateNotificationPreferences(input: { emailNotifications: false }) { emailNotifications } }`, { token: m.accessToken });
    const rows = await until(() => outboxOf(api, m.id), (r) => r[0]?.status === 'SKIPPED');
    expect(rows).toEqual([expect.objectContaining({ status: 'SKIPPED', attempts: expect.any(Number) })]);
    expect(smtp.to(m.email)).toHaveLength(0);
  });

  it('retries a temporary SMTP failure (4xx) with backoff, then delivers once', async () => {
    const m = await mentor(api);
    smtp.plan.set(m.email.toLowerCase(), [451, 452]);
    await requestFrom(api, m);
    await until(() => smtp.to(m.email), (r) => r.length >= 1);
    await sleep(800);
    expect(smtp.to(m.email)).toHaveLength(1);
    expect(smtp.attempts.get(m.email.toLowerCase())).toBe(3);
    const [row] = await outboxOf(api, m.id);
    expect(row).toMatchObject({ status: 'SENT', attempts: 3, last_error: null });
  });

  it('fails a permanent SMTP failure (5xx) at once and records why', async () => {
    const m = await mentor(api);
    smtp.plan.set(m.email.toLowerCase(), [550, 550, 550]);
    await requestFrom(api, m);
    const rows = await until(() => outboxOf(api, m.id), (r) => r[0]?.status === 'FAILED');
    await sleep(1000);
    expect(smtp.attempts.get(m.email.toLowerCase())).toBe(1);
    expect(await outboxOf(api, m.id)).toEqual([{ status: 'FAILED', attempts: 1, last_error: expect.stringContaining('550'), kind: 'mentorship.requested' }]);
    expect(rows[0].last_error).not.toContain(m.email);
    expect(smtp.to(m.email)).toHaveLength(0);
  });

  it('gives up on a temporary failure after EMAIL_MAX_ATTEMPTS', async () => {
    const m = await mentor(api);
    smtp.plan.set(m.email.toLowerCase(), [450, 450, 450, 450, 450]);
    await requestFrom(api, m);
    const [row] = await until(() => outboxOf(api, m.id), (r) => r[0]?.status === 'FAILED', 20_000);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 4, last_error: expect.stringContaining('450') });
    expect(smtp.attempts.get(m.email.toLowerCase())).toBe(4);
  });

  it('re-sends a message whose sender died mid-send once its claim lapses', async () => {
    const m = await mentor(api);
    const [{ id: notificationId }] = await api.db.query<{ id: string }>(
      `INSERT INTO notifications (user_id, kind, title, body) VALUES ($1, 'test.crash', 'Left behind', 'By a killed worker') RETURNING id`,
      [m.id],
    );
    // What a worker killed after claiming leaves: SENDING, attempt 1, claim lapsed.
    await api.db.query(
      `INSERT INTO email_outbox (user_id, notification_id, kind, status, attempts, claim_id, next_attempt_at)
       VALUES ($1, $2, 'test.crash', 'SENDING', 1, gen_random_uuid(), now() - interval '1 second')`,
      [m.id, notificationId],
    );
    const mails = await until(() => smtp.to(m.email), (r) => r.length >= 1);
    expect(mails.map((r) => r.mail.subject)).toEqual(['Left behind']);
    expect(await outboxOf(api, m.id)).toEqual([expect.objectContaining({ status: 'SENT', attempts: 2 })]);
  });

  it('sends every message exactly once with two workers relaying at the same time', async () => {
    const m = await mentor(api);
    const second = await startTestWorker(api);
    try {
      // 120 rows due at once: more than one claim batch, raced by both workers' relays.
      await api.db.query(
        `WITH n AS (
           INSERT INTO notifications (user_id, kind, title, body)
           SELECT $1, 'test.burst', 'Burst ' || i, 'Message ' || i FROM generate_series(1, 120) i RETURNING id)
         INSERT INTO email_outbox (user_id, notification_id, kind) SELECT $1, id, 'test.burst' FROM n`,
        [m.id],
      );
      const mails = await until(() => smtp.to(m.email), (r) => r.length >= 120, 30_000);
      await sleep(800);
      expect(smtp.to(m.email)).toHaveLength(120);
      expect(new Set(mails.map((r) => r.mail.subject)).size).toBe(120);
      expect(await api.db.query(`SELECT status, count(*)::int AS n FROM email_outbox WHERE user_id = $1 GROUP BY status`, [m.id])).toEqual([
        { status: 'SENT', n: 120 },
      ]);
    } finally {
      await second.close();
    }
  });

  it('sends session reminders (in-app and email) only to participants who keep them on', async () => {
    const m = await mentor(api, { displayName: 'Mentor Reminded' });
    const s = await registerUser(api, { roles: ['SWITCHER'], displayName: 'Switcher Quiet' });
    const off = await api.gql(`mutation { updateNotificationPreferences(input: { sessionReminders: false }) { sessionReminders } }`, { token: s.accessToken });
    expect(off.data!.updateNotificationPreferences.sessionReminders).toBe(false);
    const [{ id: mentorshipId }] = await api.db.query<{ id: string }>('INSERT INTO mentorships (mentor_id, switcher_id) VALUES ($1, $2) RETURNING id', [m.id, s.id]);
    const [{ id: sessionId }] = await api.db.query<{ id: string }>(
      `INSERT INTO mentoring_sessions (mentorship_id, mentor_id, switcher_id, starts_at, ends_at, mentor_time_zone)
       VALUES ($1, $2, $3, now() + interval '1 hour', now() + interval '2 hours', 'Europe/Berlin') RETURNING id`,
      [mentorshipId, m.id, s.id],
    );
    // The reminder job's own entry point, as the worker runs it when the delay is up.
    expect(await api.app.get(SessionsService).remind(sessionId, 0, 60)).toBe(true);

    const mails = await until(() => smtp.to(m.email), (r) => r.length >= 1);
    expect(mails.map((r) => r.mail.subject)).toEqual(['Session with Switcher Quiet in 1 hour']);
    expect(mails[0].mail.text).toContain('Unsubscribe from session reminders');
    await sleep(600);
    expect(smtp.to(s.email)).toHaveLength(0);
    const kinds = async (user: RegisteredUser) => (await api.gql(`{ notifications { kind } }`, { token: user.accessToken })).data!.notifications;
    expect(await kinds(m)).toEqual([{ kind: 'session.reminder' }]);
    expect(await kinds(s)).toEqual([]);
  });

  describe('unsubscribe', () => {
    let m: RegisteredUser;
    let url: string;

    beforeAll(async () => {
      m = await mentor(api, { locale: 'zh-CN' });
      await requestFrom(api, m);
      url = unsubscribeUrlOf(api, (await until(() => smtp.to(m.email), (r) => r.length >= 1))[0]);
    });

    const preferences = async () => (await api.gql(`{ notificationPreferences { ${PREFERENCES} } }`, { token: m.accessToken })).data!.notificationPreferences;

    it('shows a confirmation page in the user\'s language without changing anything', async () => {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('不再接收来自 Switchyard 的邮件通知？');
      expect(html).toMatch(/<form method="post" action="\?token=[A-Za-z0-9_-]{44}">/);
      expect((await preferences()).emailNotifications).toBe(true);
    });

    it('refuses a forged or malformed token, changing nothing', async () => {
      const token = new URL(url).searchParams.get('token')!;
      const forged = `${token.slice(0, 30)}${token[30] === 'A' ? 'B' : 'A'}${token.slice(31)}`;
      for (const bad of [forged, 'nonsense', '']) {
        const target = `${api.baseUrl}/unsubscribe?token=${encodeURIComponent(bad)}`;
        expect((await fetch(target)).status).toBe(404);
        const post = await fetch(target, ONE_CLICK);
        expect(post.status).toBe(404);
        expect(await post.text()).toContain('This unsubscribe link is not valid.');
      }
      expect((await preferences()).emailNotifications).toBe(true);
    });

    it('turns email notifications off with an RFC 8058 one-click POST', async () => {
      const res = await fetch(url, ONE_CLICK);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('你将不再收到邮件通知。');
      expect(await preferences()).toMatchObject({ emailNotifications: false, referralDigest: true, meetupDigest: true, sessionReminders: true });
      // Again: still fine (mail clients retry).
      expect((await fetch(url, ONE_CLICK)).status).toBe(200);
      await requestFrom(api, m);
      await sleep(800);
      expect(smtp.to(m.email)).toHaveLength(1);
    });

    it('has a link per kind that turns off only that kind, also from a multipart or empty POST', async () => {
      const links = api.app.get(UnsubscribeLinks);
      const local = (kind: UnsubscribeKind) => `${api.baseUrl}/unsubscribe?${new URL(links.url(m.id, kind)).searchParams}`;
      const form = new FormData();
      form.set('List-Unsubscribe', 'One-Click');
      expect((await fetch(local(UnsubscribeKind.REFERRAL), { method: 'POST', body: form })).status).toBe(200);
      expect(await preferences()).toMatchObject({ referralDigest: false, meetupDigest: true, sessionReminders: true });
      expect((await fetch(local(UnsubscribeKind.MEETUP), { method: 'POST' })).status).toBe(200);
      expect((await fetch(local(UnsubscribeKind.SESSION_REMINDERS), ONE_CLICK)).status).toBe(200);
      expect(await preferences()).toMatchObject({ referralDigest: false, meetupDigest: false, sessionReminders: false });
      expect(links.headers(links.url(m.id, UnsubscribeKind.MEETUP))).toEqual({
        'List-Unsubscribe': `<${links.url(m.id, UnsubscribeKind.MEETUP)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
    });
  });

  describe('preferences', () => {
    it('start with the defaults and change only what is given', async () => {
      const user = await registerUser(api);
      const initial = await api.gql(`{ notificationPreferences { ${PREFERENCES} } me { notificationPreferences { digestHour } } }`, { token: user.accessToken });
      expect(initial.data).toEqual({
        notificationPreferences: { referralDigest: true, meetupDigest: true, sessionReminders: true, emailNotifications: true, digestWeekday: 1, digestHour: 9 },
        me: { notificationPreferences: { digestHour: 9 } },
      });
      const first = await api.gql(`mutation { updateNotificationPreferences(input: { digestWeekday: 7, digestHour: 0, meetupDigest: false }) { ${PREFERENCES} } }`, {
        token: user.accessToken,
      });
      expect(first.data!.updateNotificationPreferences).toMatchObject({ digestWeekday: 7, digestHour: 0, meetupDigest: false, referralDigest: true });
      const second = await api.gql(`mutation { updateNotificationPreferences(input: { digestHour: 23, referralDigest: null }) { ${PREFERENCES} } }`, {
        token: user.accessToken,
      });
      expect(second.data!.updateNotificationPreferences).toEqual({
        referralDigest: true,
        meetupDigest: false,
        sessionReminders: true,
        emailNotifications: true,
        digestWeekday: 7,
        digestHour: 23,
      });
    });

    it('keeps every field of concurrent partial updates', async () => {
      const user = await registerUser(api);
      const inputs = ['referralDigest: false', 'meetupDigest: false', 'sessionReminders: false', 'emailNotifications: false', 'digestWeekday: 5', 'digestHour: 18'];
      const results = await Promise.all(
        inputs.map((input) => api.gql(`mutation { updateNotificationPreferences(input: { ${input} }) { digestHour } }`, { token: user.accessToken })),
      );
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      const after = await api.gql(`{ notificationPreferences { ${PREFERENCES} } }`, { token: user.accessToken });
      expect(after.data!.notificationPreferences).toEqual({
        referralDigest: false,
        meetupDigest: false,
        sessionReminders: false,
        emailNotifications: false,
        digestWeekday: 5,
        digestHour: 18,
      });
    });

    it.each([
      ['{ digestWeekday: 0 }', 'input.digestWeekday', /ISO weekday from 1 \(Monday\) to 7 \(Sunday\)/],
      ['{ digestWeekday: 8 }', 'input.digestWeekday', /ISO weekday/],
      ['{ digestHour: 24 }', 'input.digestHour', /hour from 0 to 23/],
      ['{ digestHour: -1, meetupDigest: false }', 'input.digestHour', /hour from 0 to 23/],
    ])('refuses %s naming %s, changing nothing', async (input, field, message) => {
      const user = await registerUser(api);
      const res = await api.gql(`mutation { updateNotificationPreferences(input: ${input}) { digestHour } }`, { token: user.accessToken });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [field] });
      expect(res.errors?.[0].message).toMatch(message);
      const after = await api.gql(`{ notificationPreferences { ${PREFERENCES} } }`, { token: user.accessToken });
      expect(after.data!.notificationPreferences).toMatchObject({ digestWeekday: 1, digestHour: 9, meetupDigest: true });
      expect(await api.db.query('SELECT 1 FROM notification_preferences WHERE user_id = $1', [user.id])).toEqual([]);
    });

    it('need a signed-in user, and are visible only to their owner', async () => {
      const anonymous = await api.gql(`mutation { updateNotificationPreferences(input: { digestHour: 3 }) { digestHour } }`);
      expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await api.gql(`{ notificationPreferences { digestHour } }`)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const other = await registerUser(api);
      const listed = await api.gql(`query ($first: Int) { users(first: $first) { edges { node { id notificationPreferences { digestHour } } } } }`, {
        token: admin,
        variables: { first: 100 },
      });
      expect(listed.errors).toBeUndefined();
      const nodes = listed.data!.users.edges.map((e: { node: { id: string; notificationPreferences: unknown } }) => e.node);
      expect(nodes.find((n: { id: string }) => n.id === other.id)).toEqual({ id: other.id, notificationPreferences: null });
    });
  });

  describe('queue operations', () => {
    const STATS = `{ queueStats { name waiting active delayed completed failed paused latestFailed { id name failedReason attemptsMade failedAt } } }`;

    it('queueStats is for administrators and shows failed jobs without payloads', async () => {
      const user = await registerUser(api);
      expect((await api.gql(STATS)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await api.gql(STATS, { token: user.accessToken })).errors?.[0].extensions.code).toBe('FORBIDDEN');

      const queue = api.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
      const job = await queue.add('no-such-job', { secret: 'payload' } as never, { attempts: 1 });
      await until(() => job.isFailed(), Boolean);

      const res = await api.gql(STATS, { token: admin });
      expect(res.errors).toBeUndefined();
      const stats = res.data!.queueStats as { name: string; failed: number; latestFailed: Record<string, unknown>[] }[];
      expect(stats.map((s) => s.name)).toEqual(expect.arrayContaining(['community', 'maintenance', 'matching', 'mentorship', 'notifications', 'scheduling']));
      const notifications = stats.find((s) => s.name === 'notifications')!;
      expect(notifications).toMatchObject({ failed: 1, paused: false });
      expect(notifications.latestFailed).toEqual([
        { id: job.id, name: 'no-such-job', failedReason: 'Unknown notifications job no-such-job', attemptsMade: 1, failedAt: expect.any(String) },
      ]);
      expect(JSON.stringify(res.data)).not.toContain('payload');
      const bad = await api.gql(`{ queueStats(failedLimit: 51) { name } }`, { token: admin });
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['failedLimit'] });
    });

    it('the dashboard at /admin/queues lets only administrators in, through a one-time token and a strict cookie', async () => {
      const user = await registerUser(api);
      const board = `${api.baseUrl}/admin/queues`;
      expect((await fetch(board)).status).toBe(401);
      expect((await fetch(`${board}/api/queues`)).status).toBe(401);
      expect((await fetch(`${board}?token=not-a-token`, { redirect: 'manual' })).status).toBe(401);
      expect((await fetch(`${board}?token=${user.accessToken}`, { redirect: 'manual' })).status).toBe(403);
      expect((await fetch(`${board}/api/queues`, { headers: { cookie: `sy_queue_board=${user.accessToken}` } })).status).toBe(403);

      const entry = await fetch(`${board}?token=${admin}`, { redirect: 'manual' });
      expect(entry.status).toBe(303);
      expect(entry.headers.get('location')).toBe('/admin/queues');
      const cookie = entry.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^sy_queue_board=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=900$/);
      const session = { headers: { cookie: cookie.split(';')[0] } };

      const page = await fetch(board, session);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<base href="/admin/queues/"');
      const api_ = await fetch(`${board}/api/queues`, session);
      expect(api_.status).toBe(200);
      const names = ((await api_.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
      expect(names).toEqual(expect.arrayContaining(['notifications', 'scheduling', 'mentorship']));
      expect((await fetch(`${board}/api/queues`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
    });

    it('/health/ready reports the depth of every queue', async () => {
      const res = await fetch(`${api.baseUrl}/health/ready`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { queues: Record<string, { waiting: number; delayed: number; active: number; depth: number }> };
      expect(Object.keys(body.queues)).toEqual(expect.arrayContaining(['notifications', 'scheduling', 'mentorship']));
      for (const depth of Object.values(body.queues)) expect(depth.depth).toBe(depth.waiting + depth.delayed + depth.active);
    });
  });
});

describe('notifications without SMTP_URL', () => {
  let api: TestApi;
  let worker: { close(): Promise<void> };
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-mail-'));
    api = await startTestApi({ MAIL_DIR: dir, EMAIL_RELAY_INTERVAL_MS: '200', MAIL_FROM: 'Team <team@example.org>' });
    worker = await startTestWorker(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each message as an .eml file', async () => {
    const m = await mentor(api);
    await requestFrom(api, m, 'Grace Hopper');
    const files = await until(() => readdir(dir), (f) => f.length >= 1);
    expect(files).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*-outbox-[0-9a-f-]{36}_localhost\.eml$/)]);
    const mail = await simpleParser(await readFile(join(dir, files[0])));
    expect(mail.subject).toBe('Grace Hopper asked you to be their mentor');
    expect(mail.from?.value).toEqual([{ name: 'Team', address: 'team@example.org' }]);
    expect((mail.to as { text: string }).text).toBe(m.email);
    expect(mail.text).toContain('Accept or decline before the request expires.');
    expect(mail.html).toContain('<html lang="en">');
    expect(await api.db.query('SELECT status FROM email_outbox WHERE user_id = $1', [m.id])).toEqual([{ status: 'SENT' }]);
  });
});
