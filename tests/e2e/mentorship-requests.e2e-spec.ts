import { RegisteredUser, TestApi, registerUser, startTestApi, startTestWorker } from '@switchyard/testing';

const REQUEST = `mutation ($mentorId: ID!, $message: String) {
  requestMentorship(mentorId: $mentorId, message: $message) { id status message expiresAt createdAt switcher { id } mentor { id } }
}`;
const RESPOND = `mutation ($id: ID!, $accept: Boolean!, $note: String) {
  respondToMentorshipRequest(requestId: $id, accept: $accept, note: $note) { id status responseNote mentorship { id status cadence mentor { id } switcher { id } } }
}`;
const WITHDRAW = `mutation ($id: ID!) { withdrawMentorshipRequest(requestId: $id) { id status } }`;
const NOTIFICATIONS = `{ notifications { kind title body readAt } }`;

async function switcher(api: TestApi): Promise<RegisteredUser> {
  const user = await registerUser(api, { roles: ['SWITCHER'] });
  const res = await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management", currentFieldSlug: "backend-engineering" }) { stage } }`, {
    token: user.accessToken,
  });
  expect(res.errors).toBeUndefined();
  return user;
}

async function mentor(api: TestApi, capacity = 3, accepting = true): Promise<RegisteredUser> {
  const user = await registerUser(api, { roles: ['MENTOR'] });
  const res = await api.gql(
    `mutation ($capacity: Int!, $accepting: Boolean) { upsertMentorProfile(input: { headline: "AI PM", fieldSlugs: ["ai-product-management"], capacity: $capacity, acceptingMentees: $accepting, skills: [] }) { capacity } }`,
    { token: user.accessToken, variables: { capacity, accepting } },
  );
  expect(res.errors).toBeUndefined();
  return user;
}

describe('mentorship requests', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('runs request -> accept, creating the mentorship and telling both sides', async () => {
    const [s, m] = [await switcher(api), await mentor(api)];
    const req = await api.gql(REQUEST, { token: s.accessToken, variables: { mentorId: m.id, message: 'Could you help me with PRDs?' } });
    expect(req.errors).toBeUndefined();
    const request = req.data!.requestMentorship;
    expect(request).toMatchObject({ status: 'PENDING', message: 'Could you help me with PRDs?', switcher: { id: s.id }, mentor: { id: m.id } });
    const ttl = new Date(request.expiresAt).getTime() - new Date(request.createdAt).getTime();
    expect(Math.round(ttl / 3600_000)).toBe(168);

    const incoming = await api.gql(`{ myMentorshipRequests(status: PENDING) { id switcher { id } } }`, { token: m.accessToken });
    expect(incoming.data!.myMentorshipRequests).toEqual([{ id: request.id, switcher: { id: s.id } }]);
    expect((await api.gql(NOTIFICATIONS, { token: m.accessToken })).data!.notifications[0]).toMatchObject({ kind: 'mentorship.requested' });

    const accepted = await api.gql(RESPOND, { token: m.accessToken, variables: { id: request.id, accept: true, note: 'Happy to!' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.respondToMentorshipRequest).toMatchObject({
      status: 'ACCEPTED',
      responseNote: 'Happy to!',
      mentorship: { status: 'ACTIVE', cadence: 'WEEKLY', mentor: { id: m.id }, switcher: { id: s.id } },
    });
    for (const user of [s, m]) {
      const mine = await api.gql(`{ myMentorships { id mentor { id } switcher { id } } }`, { token: user.accessToken });
      expect(mine.data!.myMentorships).toHaveLength(1);
    }
    const told = await api.gql(NOTIFICATIONS, { token: s.accessToken });
    expect(told.data!.notifications[0]).toMatchObject({ kind: 'mentorship.accepted', readAt: null });
    expect(told.data!.notifications[0].body).toContain('Happy to!');

    // Answering twice is refused.
    const again = await api.gql(RESPOND, { token: m.accessToken, variables: { id: request.id, accept: false } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACCEPTED' });
    const profile = await api.gql(`query ($id: ID!) { user(id: $id) { mentorProfile { activeMentees } } }`, { token: s.accessToken, variables: { id: m.id } });
    expect(profile.data!.user.mentorProfile.activeMentees).toBe(1);
  });

  it('declines and withdraws; only the right party may act', async () => {
    const [s, m] = [await switcher(api), await mentor(api)];
    const first = (await api.gql(REQUEST, { token: s.accessToken, variables: { mentorId: m.id } })).data!.requestMentorship;
    expect((await api.gql(RESPOND, { token: s.accessToken, variables: { id: first.id, accept: true } })).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await api.gql(RESPOND, { token: m.accessToken, variables: { id: first.id, accept: false } })).data!.respondToMentorshipRequest.status).toBe('DECLINED');
    expect((await api.gql(NOTIFICATIONS, { token: s.accessToken })).data!.notifications[0].kind).toBe('mentorship.declined');

    const second = (await api.gql(REQUEST, { token: s.accessToken, variables: { mentorId: m.id } })).data!.requestMentorship;
    expect((await api.gql(WITHDRAW, { token: m.accessToken, variables: { id: second.id } })).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await api.gql(WITHDRAW, { token: s.accessToken, variables: { id: second.id } })).data!.withdrawMentorshipRequest.status).toBe('WITHDRAWN');
    expect((await api.gql(WITHDRAW, { token: s.accessToken, variables: { id: second.id } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses mentors who are full, not accepting, or already asked, and a 4th pending request', async () => {
    const s = await switcher(api);
    const closed = await mentor(api, 3, false);
    const full = await mentor(api, 0);
    const codes = async (mentorId: string) => (await api.gql(REQUEST, { token: s.accessToken, variables: { mentorId } })).errors?.[0].extensions;
    expect(await codes(closed.id)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_ACCEPTING' });
    expect(await codes(full.id)).toMatchObject({ code: 'CONFLICT', reason: 'AT_CAPACITY' });
    const open = [await mentor(api), await mentor(api), await mentor(api), await mentor(api)];
    expect(await codes(open[0].id)).toBeUndefined();
    expect(await codes(open[0].id)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REQUESTED' });
    expect(await codes(open[1].id)).toBeUndefined();
    expect(await codes(open[2].id)).toBeUndefined();
    expect(await codes(open[3].id)).toMatchObject({ code: 'CONFLICT', reason: 'TOO_MANY_PENDING' });
    expect(await codes('not-an-id')).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['mentorId'] });
    expect(await codes(s.id)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const [{ n }] = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentorship_requests WHERE switcher_id = $1`, [s.id]);
    expect(n).toBe(3);
  });

  it('holds capacity under 20 concurrent accepts: exactly 2 mentorships for a capacity of 2', async () => {
    const m = await mentor(api, 2);
    const switchers = await Promise.all(Array.from({ length: 20 }, () => switcher(api)));
    const requests = [];
    for (const s of switchers) requests.push((await api.gql(REQUEST, { token: s.accessToken, variables: { mentorId: m.id } })).data!.requestMentorship.id);
    const results = await Promise.all(requests.map((id) => api.gql(RESPOND, { token: m.accessToken, variables: { id, accept: true } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(2);
    expect(results.filter((r) => r.errors?.[0].extensions.reason === 'AT_CAPACITY')).toHaveLength(18);
    const [{ n }] = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentorships WHERE mentor_id = $1`, [m.id]);
    expect(n).toBe(2);
    const [{ pending }] = await api.db.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM mentorship_requests WHERE mentor_id = $1 AND status = 'PENDING'`, [m.id]);
    expect(pending).toBe(18);
  });
});

describe('mentorship request expiry (real worker)', () => {
  let api: TestApi;
  let worker: { close(): Promise<void> };

  beforeAll(async () => {
    // 2.4 seconds to answer: the reminder comes at 1.2 s.
    api = await startTestApi({ MENTORSHIP_REQUEST_TTL_HOURS: String(2.4 / 3600) });
    worker = await startTestWorker(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('reminds the mentor at half time and expires once, even when the expiry job runs twice', async () => {
    const [s, m] = [await switcher(api), await mentor(api)];
    await mentor(api); // someone to recommend instead
    const request = (await api.gql(REQUEST, { token: s.accessToken, variables: { mentorId: m.id } })).data!.requestMentorship;

    const waitFor = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > until) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const kinds = async (user: RegisteredUser) =>
      ((await api.gql(NOTIFICATIONS, { token: user.accessToken })).data!.notifications as { kind: string }[]).map((n) => n.kind);

    await waitFor(async () => (await kinds(m)).includes('mentorship.request.reminder'));
    await waitFor(async () => (await kinds(s)).includes('mentorship.request.expired'));
    const [row] = await api.db.query<{ status: string }>('SELECT status FROM mentorship_requests WHERE id = $1', [request.id]);
    expect(row.status).toBe('EXPIRED');

    // The same expiry again (a retried or duplicated job) changes nothing.
    const { Queue } = await import('bullmq');
    const queue = new Queue('mentorship', { connection: { url: api.config.redis.url }, prefix: `${api.config.redis.prefix}:bull` });
    const again = await queue.add('expire-request', { requestId: request.id }, { jobId: `again-${request.id}` });
    await waitFor(async () => (await again.getState()) === 'completed');
    expect(await queue.getJob(again.id!).then((j) => j!.returnvalue)).toEqual({ expired: false });
    await queue.close();

    expect((await kinds(s)).filter((k) => k === 'mentorship.request.expired')).toHaveLength(1);
    expect((await kinds(m)).filter((k) => k === 'mentorship.request.reminder')).toHaveLength(1);
    const expired = (await api.gql(NOTIFICATIONS, { token: s.accessToken })).data!.notifications.find((n: any) => n.kind === 'mentorship.request.expired');
    expect(expired.title).toMatch(/expired/);

    const late = await api.gql(RESPOND, { token: m.accessToken, variables: { id: request.id, accept: true } });
    expect(late.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'EXPIRED' });
  });
});
