import { RegisteredUser, TestApi, registerUser, startTestApi } from '@switchyard/testing';

const CREATE = `mutation ($input: CreateReferralOpeningInput!) {
  createReferralOpening(input: $input) {
    id company title location remote closesOn description closed closedAt createdAt
    referrer { id } field { slug } skills { slug }
  } }`;
const CLOSE = `mutation ($id: ID!) { closeReferralOpening(openingId: $id) { id closed closedAt } }`;
const REQUEST = `mutation ($id: ID!, $note: String) {
  requestReferral(openingId: $id, note: $note) { id status note readiness createdAt opening { id } switcher { id } } }`;
const UPDATE = `mutation ($id: ID!, $status: ReferralStatus!, $note: String) {
  updateReferralRequest(requestId: $id, status: $status, note: $note) { id status updatedAt } }`;
const REQUEST_DETAIL = `query ($id: ID!) { referralRequest(id: $id) {
  id status note readiness opening { id } switcher { id }
  history { from to note at actor { id } } } }`;
const LIST = `query ($field: String, $first: Int, $after: String) {
  referralOpenings(fieldSlug: $field, first: $first, after: $after) {
    edges { cursor node { id title closesOn createdAt viewerReadiness } }
    pageInfo { hasNextPage endCursor } } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { kind title body } }`;
const DAY = 24 * 3600_000;
const ADMIN = { email: 'referrals-admin@example.org', password: 'admin password 123' };

type Opening = Record<string, any>;

function localDate(timeZone: string, offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offsetDays * DAY));
}

describe('referrals', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(() => api.close());

  async function mentor(overrides: Record<string, unknown> = {}): Promise<RegisteredUser> {
    return registerUser(api, { roles: ['MENTOR'], ...overrides });
  }

  async function switcher(ratings: { skillSlug: string; level: number }[] = [], overrides: Record<string, unknown> = {}): Promise<RegisteredUser> {
    const user = await registerUser(api, { roles: ['SWITCHER'], ...overrides });
    const profile = await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, {
      token: user.accessToken,
    });
    expect(profile.errors).toBeUndefined();
    if (ratings.length > 0) await rate(user, ratings);
    return user;
  }

  async function rate(user: RegisteredUser, ratings: { skillSlug: string; level: number }[]): Promise<void> {
    const res = await api.gql(`mutation ($r: [SkillRatingInput!]!) { rateSkills(ratings: $r) { stage } }`, { token: user.accessToken, variables: { r: ratings } });
    expect(res.errors).toBeUndefined();
  }

  async function opening(referrer: RegisteredUser, input: Record<string, unknown> = {}): Promise<Opening> {
    const res = await api.gql(CREATE, {
      token: referrer.accessToken,
      variables: {
        input: { company: 'Acme AI', title: 'AI Product Manager', fieldSlug: 'ai-product-management', skillSlugs: ['prd-writing'], remote: true, ...input },
      },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.createReferralOpening;
  }

  async function request(user: RegisteredUser, openingId: string, note?: string): Promise<string> {
    const res = await api.gql(REQUEST, { token: user.accessToken, variables: { id: openingId, note } });
    expect(res.errors).toBeUndefined();
    return res.data!.requestReferral.id;
  }

  async function update(user: RegisteredUser, id: string, status: string, note?: string) {
    return api.gql(UPDATE, { token: user.accessToken, variables: { id, status, note } });
  }

  async function notificationKinds(user: RegisteredUser): Promise<string[]> {
    const res = await api.gql(NOTIFICATIONS, { token: user.accessToken });
    return (res.data!.notifications as { kind: string }[]).map((n) => n.kind);
  }

  it('creates openings for mentors and refuses bad input, naming every bad field and creating nothing', async () => {
    const m = await mentor({ timeZone: 'Pacific/Kiritimati' });
    const created = await opening(m, {
      company: '  Acme AI  ',
      skillSlugs: ['prd-writing', 'LLM-Principles', 'prd-writing'],
      location: 'Shanghai',
      remote: false,
      closesOn: localDate('Pacific/Kiritimati'),
      description: 'Own the evaluation roadmap.',
    });
    expect(created).toMatchObject({
      company: 'Acme AI',
      title: 'AI Product Manager',
      location: 'Shanghai',
      remote: false,
      closesOn: localDate('Pacific/Kiritimati'),
      description: 'Own the evaluation roadmap.',
      closed: false,
      closedAt: null,
      referrer: { id: m.id },
      field: { slug: 'ai-product-management' },
      skills: [{ slug: 'prd-writing' }, { slug: 'llm-principles' }],
    });
    // Requests are taken through the whole closing day in the referrer's zone (UTC+14).
    const [{ closes_at }] = await api.db.query<{ closes_at: Date }>('SELECT closes_at FROM referral_openings WHERE id = $1', [created.id]);
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati', hour: '2-digit', hourCycle: 'h23' }).format(closes_at)).toBe('00');
    expect(closes_at.getTime() - Date.now()).toBeGreaterThan(0);
    expect(closes_at.getTime() - Date.now()).toBeLessThanOrEqual(DAY);

    const bad = await api.gql(CREATE, {
      token: m.accessToken,
      variables: {
        input: {
          company: 'x'.repeat(121),
          title: ' ',
          fieldSlug: 'ai-product-management',
          skillSlugs: [],
          remote: true,
          description: 'y'.repeat(5001),
        },
      },
    });
    expect(bad.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect([...bad.errors![0].extensions.fields!].sort()).toEqual(['input.company', 'input.description', 'input.skillSlugs', 'input.title']);

    const unknown = await api.gql(CREATE, {
      token: m.accessToken,
      variables: {
        input: { company: 'Acme', title: 'PM', fieldSlug: 'astrology', skillSlugs: ['prd-writing', 'juggling'], remote: true, closesOn: localDate('Pacific/Kiritimati', -1) },
      },
    });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.fieldSlug', 'input.skillSlugs.1', 'input.closesOn'] });
    expect(unknown.errors![0].message).toContain('must be today or later');

    const tooMany = await api.gql(CREATE, {
      token: m.accessToken,
      variables: { input: { company: 'Acme', title: 'PM', fieldSlug: 'ai-product-management', skillSlugs: Array(21).fill('prd-writing'), remote: true } },
    });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.skillSlugs'] });
    const farAway = await api.gql(CREATE, {
      token: m.accessToken,
      variables: { input: { company: 'Acme', title: 'PM', fieldSlug: 'ai-product-management', skillSlugs: ['prd-writing'], remote: true, closesOn: '2099-01-01' } },
    });
    expect(farAway.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.closesOn'] });

    const s = await switcher();
    const notMentor = await api.gql(CREATE, {
      token: s.accessToken,
      variables: { input: { company: 'Acme', title: 'PM', fieldSlug: 'ai-product-management', skillSlugs: ['prd-writing'], remote: true } },
    });
    expect(notMentor.errors![0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await api.gql(CREATE, {
      variables: { input: { company: 'Acme', title: 'PM', fieldSlug: 'ai-product-management', skillSlugs: ['prd-writing'], remote: true } },
    });
    expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');

    const mine = await api.gql(`{ myReferralOpenings { id } }`, { token: m.accessToken });
    expect(mine.data!.myReferralOpenings).toEqual([{ id: created.id }]);
    const one = await api.gql(`query ($id: ID!) { referralOpening(id: $id) { id title } }`, { token: s.accessToken, variables: { id: created.id } });
    expect(one.data!.referralOpening).toEqual({ id: created.id, title: 'AI Product Manager' });
    const missing = await api.gql(`query { referralOpening(id: "00000000-0000-4000-8000-000000000000") { id } }`, { token: s.accessToken });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('runs a request REQUESTED -> ACCEPTED -> SUBMITTED -> INTERVIEWING -> OFFER -> HIRED with history, notifications and live readiness', async () => {
    const m = await mentor();
    const s = await switcher([{ skillSlug: 'prd-writing', level: 2 }], { locale: 'zh-CN' });
    // prd-writing is required at 4 with weight 8 in AI product management; the other skill is not listed (3, weight 1).
    const o = await opening(m, { skillSlugs: ['prd-writing', 'domain-education'] });
    const made = await api.gql(REQUEST, { token: s.accessToken, variables: { id: o.id, note: '  I shipped two LLM features.  ' } });
    expect(made.errors).toBeUndefined();
    const requestId = made.data!.requestReferral.id;
    expect(made.data!.requestReferral).toMatchObject({ status: 'REQUESTED', note: 'I shipped two LLM features.', opening: { id: o.id }, switcher: { id: s.id } });
    expect(made.data!.requestReferral.readiness).toBe(Math.round((16 / 35) * 10_000) / 10_000);

    const [told] = (await api.gql(NOTIFICATIONS, { token: m.accessToken })).data!.notifications;
    expect(told).toMatchObject({ kind: 'referral.requested', title: 'New referral request' });
    expect(told.body).toContain('I shipped two LLM features.');
    const [{ data }] = await api.db.query<{ data: Record<string, unknown> }>(`SELECT data FROM notifications WHERE user_id = $1`, [m.id]);
    expect(data).toEqual({ requestId, openingId: o.id, status: 'REQUESTED' });

    // The referrer sees the request with the switcher's readiness, which follows their ratings.
    const incoming = `query ($id: ID!) { referralOpening(id: $id) { requests { id readiness switcher { id } } } }`;
    const seen = await api.gql(incoming, { token: m.accessToken, variables: { id: o.id } });
    expect(seen.data!.referralOpening.requests).toEqual([{ id: requestId, readiness: 0.4571, switcher: { id: s.id } }]);
    await rate(s, [{ skillSlug: 'prd-writing', level: 5 }, { skillSlug: 'domain-education', level: 1 }]);
    const later = await api.gql(incoming, { token: m.accessToken, variables: { id: o.id } });
    expect(later.data!.referralOpening.requests[0].readiness).toBe(Math.round((33 / 35) * 10_000) / 10_000);
    const peek = await api.gql(incoming, { token: s.accessToken, variables: { id: o.id } });
    expect(peek.errors![0]).toMatchObject({ path: ['referralOpening', 'requests'], extensions: { code: 'FORBIDDEN' } });

    const steps: [string, string, string][] = [
      ['ACCEPTED', 'Happy to refer you', 'referral.accepted'],
      ['SUBMITTED', 'Sent to the hiring manager', 'referral.submitted'],
      ['INTERVIEWING', 'First round on Monday', 'referral.interviewing'],
      ['OFFER', 'They liked you', 'referral.offer'],
      ['HIRED', 'Welcome aboard', 'referral.hired'],
    ];
    for (const [status, note, kind] of steps) {
      const moved = await update(m, requestId, status, note);
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.updateReferralRequest.status).toBe(status);
      const [latest] = (await api.gql(NOTIFICATIONS, { token: s.accessToken })).data!.notifications;
      expect(latest.kind).toBe(kind);
      expect(latest.body).toContain(note);
    }
    const [accepted] = (await api.gql(NOTIFICATIONS, { token: s.accessToken })).data!.notifications.filter((n: any) => n.kind === 'referral.accepted');
    expect(accepted.title).toBe('内推请求已接受');

    const detail = await api.gql(REQUEST_DETAIL, { token: s.accessToken, variables: { id: requestId } });
    expect(detail.data!.referralRequest.status).toBe('HIRED');
    expect(detail.data!.referralRequest.history.map((h: any) => [h.from, h.to, h.actor.id, h.note])).toEqual([
      [null, 'REQUESTED', s.id, 'I shipped two LLM features.'],
      ['REQUESTED', 'ACCEPTED', m.id, 'Happy to refer you'],
      ['ACCEPTED', 'SUBMITTED', m.id, 'Sent to the hiring manager'],
      ['SUBMITTED', 'INTERVIEWING', m.id, 'First round on Monday'],
      ['INTERVIEWING', 'OFFER', m.id, 'They liked you'],
      ['OFFER', 'HIRED', m.id, 'Welcome aboard'],
    ]);
    const times = detail.data!.referralRequest.history.map((h: any) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    for (const user of [s, m]) {
      const mine = await api.gql(`{ myReferralRequests { id status } }`, { token: user.accessToken });
      expect(mine.data!.myReferralRequests).toEqual([{ id: requestId, status: 'HIRED' }]);
    }
    const filtered = await api.gql(`{ myReferralRequests(status: REQUESTED) { id } }`, { token: m.accessToken });
    expect(filtered.data!.myReferralRequests).toEqual([]);
    const stranger = await switcher();
    const hidden = await api.gql(REQUEST_DETAIL, { token: stranger.accessToken, variables: { id: requestId } });
    expect(hidden.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses every invalid transition with BAD_USER_INPUT on status naming the allowed next states, changing nothing', async () => {
    const m = await mentor();
    const s = await switcher();
    const o = await opening(m);
    const id = await request(s, o.id);

    const cases: [RegisteredUser, string, string][] = [
      [m, 'HIRED', 'cannot move from REQUESTED to HIRED; allowed: ACCEPTED, DECLINED'],
      [m, 'REQUESTED', 'cannot move from REQUESTED to REQUESTED; allowed: ACCEPTED, DECLINED'],
      [m, 'WITHDRAWN', 'cannot move from REQUESTED to WITHDRAWN; allowed: ACCEPTED, DECLINED'],
      [s, 'ACCEPTED', 'cannot move from REQUESTED to ACCEPTED; allowed: WITHDRAWN'],
      [s, 'SUBMITTED', 'cannot move from REQUESTED to SUBMITTED; allowed: WITHDRAWN'],
    ];
    for (const [user, status, message] of cases) {
      const res = await update(user, id, status);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['status'] });
      expect(res.errors![0].message).toContain(message);
    }
    expect((await update(m, id, 'ACCEPTED')).errors).toBeUndefined();
    const skip = await update(m, id, 'INTERVIEWING');
    expect(skip.errors![0].message).toContain('cannot move from ACCEPTED to INTERVIEWING; allowed: SUBMITTED');
    const rejectEarly = await update(m, id, 'REJECTED');
    expect(rejectEarly.errors![0].message).toContain('cannot move from ACCEPTED to REJECTED; allowed: SUBMITTED');
    expect((await update(m, id, 'SUBMITTED')).errors).toBeUndefined();
    const tooEarly = await update(m, id, 'HIRED');
    expect(tooEarly.errors![0].message).toContain('cannot move from SUBMITTED to HIRED; allowed: INTERVIEWING, REJECTED');
    const switcherAfterSubmit = await update(s, id, 'REJECTED');
    expect(switcherAfterSubmit.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['status'] });
    expect(switcherAfterSubmit.errors![0].message).toContain('cannot move from SUBMITTED to REJECTED; allowed: none for you');
    expect((await update(m, id, 'REJECTED', 'The team hired internally')).errors).toBeUndefined();
    const final = await update(m, id, 'OFFER');
    expect(final.errors![0].message).toContain('cannot move from REJECTED to OFFER; REJECTED is final');

    const detail = await api.gql(REQUEST_DETAIL, { token: m.accessToken, variables: { id } });
    expect(detail.data!.referralRequest.status).toBe('REJECTED');
    expect(detail.data!.referralRequest.history.map((h: any) => h.to)).toEqual(['REQUESTED', 'ACCEPTED', 'SUBMITTED', 'REJECTED']);
    expect((await notificationKinds(s)).filter((k) => k.startsWith('referral.'))).toEqual(['referral.rejected', 'referral.submitted', 'referral.accepted']);

    // Declined is final too; strangers, other mentors and bad ids learn nothing.
    const other = await switcher();
    const declinedId = await request(other, o.id);
    expect((await update(m, declinedId, 'DECLINED', 'Not a fit right now')).errors).toBeUndefined();
    const reopen = await update(m, declinedId, 'ACCEPTED');
    expect(reopen.errors![0].message).toContain('cannot move from DECLINED to ACCEPTED; DECLINED is final');
    const afterDecline = await update(other, declinedId, 'WITHDRAWN');
    expect(afterDecline.errors![0].message).toContain('DECLINED is final');
    for (const outsider of [await mentor(), await switcher()]) {
      const res = await update(outsider, declinedId, 'ACCEPTED');
      expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
    }
    const badId = await update(m, 'not-an-id', 'ACCEPTED');
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['requestId'] });
    const longNote = await update(m, id, 'OFFER', 'z'.repeat(1001));
    expect(longNote.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['note'] });
  });

  it('lets the switcher withdraw before SUBMITTED only, telling the referrer, and serialises concurrent moves', async () => {
    const m = await mentor();
    const o = await opening(m);
    const [a, b, c] = [await switcher(), await switcher(), await switcher()];

    const fromRequested = await request(a, o.id);
    const withdrawn = await update(a, fromRequested, 'WITHDRAWN', 'Found another way in');
    expect(withdrawn.data!.updateReferralRequest.status).toBe('WITHDRAWN');
    const [told] = (await api.gql(NOTIFICATIONS, { token: m.accessToken })).data!.notifications;
    expect(told).toMatchObject({ kind: 'referral.withdrawn', title: 'Referral request withdrawn' });
    expect(told.body).toContain('Found another way in');
    const acceptWithdrawn = await update(m, fromRequested, 'ACCEPTED');
    expect(acceptWithdrawn.errors![0].message).toContain('WITHDRAWN is final');
    // A withdrawn request still counts as the one request for that opening.
    const again = await api.gql(REQUEST, { token: a.accessToken, variables: { id: o.id } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REQUESTED' });

    const fromAccepted = await request(b, o.id);
    expect((await update(m, fromAccepted, 'ACCEPTED')).errors).toBeUndefined();
    expect((await update(b, fromAccepted, 'WITHDRAWN')).data!.updateReferralRequest.status).toBe('WITHDRAWN');

    const submitted = await request(c, o.id);
    expect((await update(m, submitted, 'ACCEPTED')).errors).toBeUndefined();
    expect((await update(m, submitted, 'SUBMITTED')).errors).toBeUndefined();
    const late = await update(c, submitted, 'WITHDRAWN');
    expect(late.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['status'] });

    // Concurrent answers (two tabs): exactly one wins, and history shows one move from REQUESTED.
    const d = await switcher();
    const raced = await request(d, o.id);
    const results = await Promise.all([update(m, raced, 'ACCEPTED'), update(m, raced, 'DECLINED'), update(m, raced, 'ACCEPTED')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const history = await api.db.query<{ from_status: string | null }>('SELECT from_status FROM referral_status_changes WHERE request_id = $1', [raced]);
    expect(history.map((h) => h.from_status).sort()).toEqual([null, 'REQUESTED'].sort());
  });

  it('takes no requests on closed or expired openings, and only the referrer (or an administrator) closes one', async () => {
    const m = await mentor();
    const s = await switcher();
    const o = await opening(m, { fieldSlug: 'data-engineering', title: 'Closing soon' });
    const listed = async () =>
      ((await api.gql(LIST, { token: s.accessToken, variables: { field: 'data-engineering' } })).data!.referralOpenings.edges as any[]).map((e) => e.node.id);
    expect(await listed()).toEqual([o.id]);

    const otherMentor = await mentor();
    const forbidden = await api.gql(CLOSE, { token: otherMentor.accessToken, variables: { id: o.id } });
    expect(forbidden.errors![0].extensions.code).toBe('FORBIDDEN');
    const missing = await api.gql(CLOSE, { token: m.accessToken, variables: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
    const closed = await api.gql(CLOSE, { token: m.accessToken, variables: { id: o.id } });
    expect(closed.data!.closeReferralOpening).toMatchObject({ id: o.id, closed: true });
    expect(closed.data!.closeReferralOpening.closedAt).not.toBeNull();
    const twice = await api.gql(CLOSE, { token: m.accessToken, variables: { id: o.id } });
    expect(twice.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CLOSED' });
    const refused = await api.gql(REQUEST, { token: s.accessToken, variables: { id: o.id } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OPENING_CLOSED' });
    expect(await listed()).toEqual([]);

    // Expired: its last day ended (set in the database: the API refuses past dates).
    const expiring = await opening(m, { fieldSlug: 'data-engineering', closesOn: localDate('Europe/Berlin', 1) });
    expect(await listed()).toEqual([expiring.id]);
    await api.db.query(`UPDATE referral_openings SET closes_on = current_date - 1, closes_at = now() - interval '1 minute' WHERE id = $1`, [expiring.id]);
    const expired = await api.gql(REQUEST, { token: s.accessToken, variables: { id: expiring.id } });
    expect(expired.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OPENING_CLOSED' });
    expect(expired.errors![0].message).toContain('closing date');
    expect(await listed()).toEqual([]);
    const view = await api.gql(`query ($id: ID!) { referralOpening(id: $id) { closed closedAt } }`, { token: s.accessToken, variables: { id: expiring.id } });
    expect(view.data!.referralOpening).toEqual({ closed: true, closedAt: null });
    expect(await api.db.query('SELECT 1 FROM referral_requests WHERE switcher_id = $1', [s.id])).toHaveLength(0);

    // Requests made before the close go on.
    const open = await opening(m, { fieldSlug: 'data-engineering' });
    const made = await request(s, open.id);
    const admin = await api.gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      variables: { e: ADMIN.email, p: ADMIN.password },
    });
    const byAdmin = await api.gql(CLOSE, { token: admin.data!.login.accessToken, variables: { id: open.id } });
    expect(byAdmin.data!.closeReferralOpening.closed).toBe(true);
    expect((await update(m, made, 'ACCEPTED')).data!.updateReferralRequest.status).toBe('ACCEPTED');
  });

  it('allows one request per switcher and opening, never on your own opening, and needs a switcher with a profile', async () => {
    const m = await mentor();
    const o = await opening(m);
    const s = await switcher();
    const results = await Promise.all([1, 2, 3].map(() => api.gql(REQUEST, { token: s.accessToken, variables: { id: o.id } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REQUESTED' });

    const both = await registerUser(api, { roles: ['SWITCHER', 'MENTOR'] });
    expect((await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, { token: both.accessToken })).errors).toBeUndefined();
    const own = await opening(both);
    const self = await api.gql(REQUEST, { token: both.accessToken, variables: { id: own.id } });
    expect(self.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['openingId'] });

    const noProfile = await registerUser(api, { roles: ['SWITCHER'] });
    expect((await api.gql(REQUEST, { token: noProfile.accessToken, variables: { id: o.id } })).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await api.gql(REQUEST, { token: m.accessToken, variables: { id: o.id } })).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(REQUEST, { variables: { id: o.id } })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const missing = await api.gql(REQUEST, { token: s.accessToken, variables: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
    const longNote = await api.gql(REQUEST, { token: noProfile.accessToken, variables: { id: o.id, note: 'n'.repeat(1001) } });
    expect(longNote.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['note'] });
    const [{ n }] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM referral_requests WHERE opening_id = $1', [o.id]);
    expect(n).toBe(1);
  });

  it('limits a switcher to 5 open requests in a rolling 7 days, with retryAfterSeconds until a place frees', async () => {
    const m = await mentor();
    const openings = [];
    for (let i = 0; i < 8; i += 1) openings.push(await opening(m, { title: `Role ${i}` }));
    const s = await switcher();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await request(s, openings[i].id));
    const sixth = await api.gql(REQUEST, { token: s.accessToken, variables: { id: openings[5].id } });
    expect(sixth.errors![0].extensions.code).toBe('RATE_LIMITED');
    const retry = sixth.errors![0].extensions.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(7 * 86_400 - 120);
    expect(retry).toBeLessThanOrEqual(7 * 86_400);

    // When the oldest is 6 days old, a place frees in about a day.
    await api.db.query(`UPDATE referral_requests SET created_at = now() - interval '6 days' WHERE id = $1`, [ids[0]]);
    const inADay = await api.gql(REQUEST, { token: s.accessToken, variables: { id: openings[5].id } });
    expect(Math.abs((inADay.errors![0].extensions.retryAfterSeconds as number) - 86_400)).toBeLessThan(120);
    // Older than the window: it no longer counts.
    await api.db.query(`UPDATE referral_requests SET created_at = now() - interval '7 days 1 minute' WHERE id = $1`, [ids[0]]);
    await request(s, openings[5].id);
    expect((await api.gql(REQUEST, { token: s.accessToken, variables: { id: openings[6].id } })).errors![0].extensions.code).toBe('RATE_LIMITED');
    // A request that left the pipeline (declined) is no longer open.
    expect((await update(m, ids[1], 'DECLINED')).errors).toBeUndefined();
    await request(s, openings[6].id);
    expect((await api.gql(REQUEST, { token: s.accessToken, variables: { id: openings[7].id } })).errors![0].extensions.code).toBe('RATE_LIMITED');
  });

  it('lets exactly 5 of 8 concurrent requests through', async () => {
    const m = await mentor();
    const openings = [];
    for (let i = 0; i < 8; i += 1) openings.push(await opening(m, { title: `Concurrent ${i}` }));
    const s = await switcher();
    const results = await Promise.all(openings.map((o) => api.gql(REQUEST, { token: s.accessToken, variables: { id: o.id } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(5);
    const limited = results.filter((r) => r.errors);
    expect(limited).toHaveLength(3);
    for (const r of limited) expect(r.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const [{ n }] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM referral_requests WHERE switcher_id = $1', [s.id]);
    expect(n).toBe(5);
    const told = await api.db.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'referral.requested'`, [m.id]);
    expect(told).toHaveLength(5);
  });

  it('ranks open openings by the switcher’s readiness, then closing date, then id, and newest first for others, with cursors for both', async () => {
    const fields = await api.gql(`{ fields { slug requirements { skill { slug } level weight } } }`);
    const science = (fields.data!.fields as any[]).find((f) => f.slug === 'data-science');
    const requirement = (slug: string) => science.requirements.find((r: any) => r.skill.slug === slug) ?? { level: 3, weight: 1 };
    const ratings: Record<string, number> = { statistics: 2, 'python-programming': 5, 'prd-writing': 1, 'domain-education': 3 };
    const expected = (skills: string[]) => {
      let met = 0;
      let total = 0;
      for (const slug of skills) {
        const r = requirement(slug);
        met += r.weight * Math.min(ratings[slug] ?? 0, r.level);
        total += r.weight * r.level;
      }
      return Math.round((met / total) * 10_000) / 10_000;
    };

    const m = await mentor({ timeZone: 'UTC' });
    const specs: [string, string[], string | null][] = [
      ['A', ['statistics'], null],
      ['B', ['statistics', 'domain-education'], null],
      ['C', ['prd-writing'], null],
      ['D', ['python-programming'], localDate('UTC', 20)],
      ['E', ['python-programming'], localDate('UTC', 10)],
      ['F', ['python-programming'], null],
      ['G', ['python-programming', 'domain-education'], localDate('UTC', 10)],
    ];
    const byTitle = new Map<string, Opening>();
    for (const [title, skillSlugs, closesOn] of specs) byTitle.set(title, await opening(m, { title, skillSlugs, closesOn, fieldSlug: 'data-science' }));
    const s = await switcher(Object.entries(ratings).map(([skillSlug, level]) => ({ skillSlug, level })));

    async function pages(user: RegisteredUser): Promise<any[]> {
      const nodes: any[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const res: any = await api.gql(LIST, { token: user.accessToken, variables: { field: 'data-science', first: 2, after } });
        expect(res.errors).toBeUndefined();
        nodes.push(...res.data.referralOpenings.edges.map((e: any) => e.node));
        if (!res.data.referralOpenings.pageInfo.hasNextPage) return nodes;
        after = res.data.referralOpenings.pageInfo.endCursor;
      }
      throw new Error('did not reach the last page');
    }

    const ranked = await pages(s);
    for (const node of ranked) expect(node.viewerReadiness).toBe(expected(specs.find(([t]) => t === node.title)![1]));
    // D, E, F and G are all ready (1); among them the soonest closing first, open-ended last; G ties with E on date, then by id.
    const tie = [byTitle.get('E')!, byTitle.get('G')!].sort((x, y) => (x.id < y.id ? -1 : 1)).map((o) => o.title);
    expect(ranked.map((n) => n.title)).toEqual([...tie, 'D', 'F', 'B', 'A', 'C']);
    expect(expected(['statistics', 'domain-education'])).toBeGreaterThan(expected(['statistics']));
    expect(expected(['statistics'])).toBeGreaterThan(expected(['prd-writing']));

    const otherMentor = await mentor();
    const newest = await pages(otherMentor);
    expect(newest.map((n) => n.title)).toEqual(['G', 'F', 'E', 'D', 'C', 'B', 'A']);
    for (const node of newest) expect(node.viewerReadiness).toBeNull();

    // A cursor from one order does not continue the other.
    const first = await api.gql(LIST, { token: s.accessToken, variables: { field: 'data-science', first: 2 } });
    const mixed = await api.gql(LIST, { token: otherMentor.accessToken, variables: { field: 'data-science', after: first.data!.referralOpenings.pageInfo.endCursor } });
    expect(mixed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['after'] });
    const forged = await api.gql(LIST, { token: s.accessToken, variables: { after: Buffer.from('["R","x",1]').toString('base64url') } });
    expect(forged.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['after'] });
    const badField = await api.gql(LIST, { token: s.accessToken, variables: { field: 'astrology' } });
    expect(badField.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['fieldSlug'] });
    const tooMany = await api.gql(LIST, { token: s.accessToken, variables: { first: 101 } });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['first'] });
  });
});
