import { formatInstant } from '@switchyard/notifications';
import { ReceivedMail, RegisteredUser, TestApi, TestSmtp, headersOf, registerUser, startTestApi, startTestWorker } from '@switchyard/testing';
import { zoneClock } from '../../libs/notifications/src/digests/digest-period';

/** Digests only: the same server also gets the notification emails of the actions that set the scene. */
function digestsTo(smtp: TestSmtp, user: RegisteredUser, kind?: 'referral' | 'meetup'): ReceivedMail[] {
  return smtp.to(user.email).filter((r) => r.mail.messageId?.startsWith(kind ? `<digest-${kind}-` : '<digest-'));
}

async function until<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const HOUR = 3600_000;
const ADMIN = { email: 'digests-admin@example.org', password: 'admin password 123' };
const RUN = 'mutation ($k: DigestKind!) { runDigestsNow(kind: $k) }';
const PREFERENCES = '{ notificationPreferences { referralDigest meetupDigest } }';

describe('weekly digests: runDigestsNow, content, exactly once, unsubscribe', () => {
  const smtp = new TestSmtp();
  let api: TestApi;
  let worker: { close(): Promise<void> } | undefined;
  let admin: string;
  const people: Record<string, RegisteredUser> = {};
  let meetupStart: Date;

  async function gql(user: RegisteredUser | string, query: string, variables?: Record<string, unknown>) {
    const res = await api.gql(query, { token: typeof user === 'string' ? user : user.accessToken, variables });
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  async function switcher(displayName: string, overrides: Record<string, unknown>, ratings: { skillSlug: string; level: number }[] = []) {
    const user = await registerUser(api, { roles: ['SWITCHER'], displayName, ...overrides });
    await gql(user, 'mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }');
    if (ratings.length > 0) await gql(user, 'mutation ($r: [SkillRatingInput!]!) { rateSkills(ratings: $r) { stage } }', { r: ratings });
    return user;
  }

  async function opening(referrer: RegisteredUser, company: string, title: string, skillSlugs: string[]): Promise<string> {
    const data = await gql(referrer, 'mutation ($i: CreateReferralOpeningInput!) { createReferralOpening(input: $i) { id } }', {
      i: { company, title, fieldSlug: 'ai-product-management', skillSlugs, remote: true, location: 'Berlin' },
    });
    return data.createReferralOpening.id;
  }

  async function requestReferral(user: RegisteredUser, openingId: string): Promise<string> {
    return (await gql(user, 'mutation ($id: ID!) { requestReferral(openingId: $id) { id } }', { id: openingId })).requestReferral.id;
  }

  async function community(organizer: RegisteredUser, visibility: 'PUBLIC' | 'INVITE_ONLY', name: string): Promise<string> {
    const [row] = await api.db.query<{ id: string }>('INSERT INTO communities (name, visibility, created_by) VALUES ($1, $2, $3) RETURNING id', [
      name,
      visibility,
      organizer.id,
    ]);
    await api.db.query('INSERT INTO community_organizers (community_id, user_id) VALUES ($1, $2)', [row.id, organizer.id]);
    await api.db.query(`INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'ACTIVE')`, [row.id, organizer.id]);
    return row.id;
  }

  async function meetup(organizer: RegisteredUser, communityId: string, title: string, startsAt: Date, capacity = 1): Promise<string> {
    const data = await gql(organizer, 'mutation ($i: CreateMeetupInput!) { createMeetup(input: $i) { id } }', {
      i: {
        communityId,
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
        timeZone: 'Asia/Shanghai',
        location: 'Switchyard Hub',
        capacity,
        fieldSlugs: ['ai-product-management'],
      },
    });
    return data.createMeetup.id;
  }

  async function ledger(userId: string) {
    return api.db.query<{ kind: string; period: string; status: string; skip_reason: string | null; attempts: number }>(
      'SELECT kind, period, status, skip_reason, attempts FROM digest_deliveries WHERE user_id = $1 ORDER BY kind',
      [userId],
    );
  }

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    api = await startTestApi({ SMTP_URL: smtpUrl, BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password });
    admin = (await api.gql(`mutation { login(email: "${ADMIN.email}", password: "${ADMIN.password}") { accessToken } }`)).data!.login.accessToken;

    // A referrer with two openings in AI product management.
    const mentor = await registerUser(api, { roles: ['MENTOR'], displayName: 'Mia Mentor', timeZone: 'Europe/Berlin' });
    await gql(mentor, 'mutation { upsertMentorProfile(input: { headline: "AI PM", fieldSlugs: ["ai-product-management"], capacity: 3, skills: [] }) { capacity } }');
    const acme = await opening(mentor, 'Acme AI', 'AI Product Manager', ['prd-writing', 'llm-principles']);
    const initech = await opening(mentor, 'Initech', 'Platform PM', ['ab-testing']);

    // Lin (zh-CN, Shanghai) is strong in what Acme asks and has no A/B testing: Acme ranks first.
    people.lin = await switcher('Lin Wei', { locale: 'zh-CN', timeZone: 'Asia/Shanghai' }, [
      { skillSlug: 'prd-writing', level: 4 },
      { skillSlug: 'llm-principles', level: 4 },
    ]);
    // Ada (New York) asked Acme for a referral and was accepted: news on her request; Acme is not "new" for her.
    people.ada = await switcher('Ada Lovelace', { timeZone: 'America/New_York' });
    const adaRequest = await requestReferral(people.ada, acme);
    await gql(mentor, 'mutation ($id: ID!) { updateReferralRequest(requestId: $id, status: ACCEPTED) { id } }', { id: adaRequest });
    // Sam asked Initech: that request waits for the mentor's answer.
    people.sam = await switcher('Sam Waiting', { timeZone: 'UTC' });
    await requestReferral(people.sam, initech);
    people.mentor = mentor;

    // Nobody with nothing to read: no profile, no community.
    people.nobody = await registerUser(api, { roles: ['SWITCHER'], displayName: 'No Body' });
    // Unsubscribed before the run: never queued.
    people.unsubscribed = await switcher('Una Subscribed', {});
    await gql(people.unsubscribed, 'mutation { updateNotificationPreferences(input: { referralDigest: false, meetupDigest: false }) { referralDigest } }');
    // Opts out after the run queued her digests, before the worker gets to them.
    people.late = await switcher('Lea Late', {});

    // A public community's meetup in the field, 3 days ahead, one seat: Lin goes, Ada waits.
    const organizer = await registerUser(api, { roles: ['ORGANIZER'], displayName: 'Olu Organizer', timeZone: 'Europe/London' });
    people.organizer = organizer;
    const open = await community(organizer, 'PUBLIC', 'AI PM Circle');
    meetupStart = new Date(Date.now() + 3 * 24 * HOUR);
    meetupStart.setUTCMinutes(0, 0, 0);
    const soon = await meetup(organizer, open, 'PRD clinic', meetupStart);
    expect((await gql(people.lin, 'mutation ($id: ID!) { rsvp(meetupId: $id) { status } }', { id: soon })).rsvp.status).toBe('GOING');
    expect((await gql(people.ada, 'mutation ($id: ID!) { rsvp(meetupId: $id) { status } }', { id: soon })).rsvp.status).toBe('WAITLISTED');
    // Beyond the 14 days: in no digest.
    await meetup(organizer, open, 'Far future summit', new Date(meetupStart.getTime() + 17 * 24 * HOUR));
    // An invite-only community's meetup in the same field: for its members only.
    const closed = await community(organizer, 'INVITE_ONLY', 'Secret Society');
    await meetup(organizer, closed, 'Members-only dinner', new Date(meetupStart.getTime() + 24 * HOUR));
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
    await smtp.stop();
  });

  it('is ADMIN only and checks its argument', async () => {
    const denied = await api.gql(RUN, { token: people.lin.accessToken, variables: { k: 'REFERRAL' } });
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(RUN, { variables: { k: 'REFERRAL' } })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const bad = await api.gql(RUN, { token: admin, variables: { k: 'WEEKLY' } });
    expect(bad.errors).toBeDefined();
    expect(await api.db.query('SELECT 1 FROM digest_deliveries')).toEqual([]);
  });

  it('sends each opted-in user with content exactly one digest of each kind, however often it runs', async () => {
    // Everyone except the unsubscribed user: admin, mentor, organizer and six switchers.
    const first = await gql(admin, RUN, { k: 'REFERRAL' });
    expect(first.runDigestsNow).toBe(8);
    expect((await gql(admin, RUN, { k: 'MEETUP' })).runDigestsNow).toBe(8);
    // Queued, not sent yet: running again queues the same jobs (same ids), nothing more.
    expect((await gql(admin, RUN, { k: 'REFERRAL' })).runDigestsNow).toBe(8);

    // Preferences count when the digest is built, not when it was queued.
    await gql(people.late, 'mutation { updateNotificationPreferences(input: { referralDigest: false, meetupDigest: false }) { referralDigest } }');

    worker = await startTestWorker(api);
    const final = await until(
      () => api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM digest_deliveries WHERE status <> 'CLAIMED'`),
      ([row]) => row.n >= 16,
    );
    expect(final[0].n).toBe(16);
    // Again while the worker runs, and once everyone has had it: nothing new.
    expect((await gql(admin, RUN, { k: 'REFERRAL' })).runDigestsNow).toBe(0);
    expect((await gql(admin, RUN, { k: 'MEETUP' })).runDigestsNow).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const expected: Record<string, [number, number]> = {
      lin: [1, 1],
      ada: [1, 1],
      sam: [1, 1],
      mentor: [1, 1],
      organizer: [0, 1],
      nobody: [0, 0],
      unsubscribed: [0, 0],
      late: [0, 0],
    };
    for (const [name, [referral, meetup]] of Object.entries(expected)) {
      expect([name, digestsTo(smtp, people[name], 'referral').length, digestsTo(smtp, people[name], 'meetup').length]).toEqual([name, referral, meetup]);
    }
    expect(await ledger(people.nobody.id)).toEqual([
      expect.objectContaining({ kind: 'MEETUP', status: 'SKIPPED', skip_reason: 'EMPTY' }),
      expect.objectContaining({ kind: 'REFERRAL', status: 'SKIPPED', skip_reason: 'EMPTY' }),
    ]);
    expect(await ledger(people.late.id)).toEqual([
      expect.objectContaining({ kind: 'MEETUP', status: 'SKIPPED', skip_reason: 'OPTED_OUT' }),
      expect.objectContaining({ kind: 'REFERRAL', status: 'SKIPPED', skip_reason: 'OPTED_OUT' }),
    ]);
    expect(await ledger(people.unsubscribed.id)).toEqual([]);
    const period = zoneClock(new Date(), 'Asia/Shanghai').period;
    expect(await ledger(people.lin.id)).toEqual([
      { kind: 'MEETUP', period, status: 'SENT', skip_reason: null, attempts: 1 },
      { kind: 'REFERRAL', period, status: 'SENT', skip_reason: null, attempts: 1 },
    ]);
  });

  it('ranks new openings by readiness, in the reader\'s language', () => {
    const [{ mail, raw }] = digestsTo(smtp, people.lin, 'referral');
    expect(mail.subject).toBe('每周内推摘要：2 个新职位');
    const text = mail.text!;
    expect(text).toContain('「AI 产品经理」领域的新内推职位，按你的匹配度排序：');
    // Lin meets both skills Acme asks for at the level the field requires.
    expect(text).toContain('Acme AI「AI Product Manager」（远程，Berlin）：匹配度 100%');
    const acme = text.indexOf('Acme AI「AI Product Manager」');
    const initech = text.indexOf('Initech「Platform PM」');
    expect(acme).toBeGreaterThan(-1);
    expect(initech).toBeGreaterThan(acme);
    expect(text).toMatch(/Initech「Platform PM」（远程，Berlin）：匹配度 0%/);
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('退订每周内推摘要');
    const period = zoneClock(new Date(), 'Asia/Shanghai').period.toLowerCase();
    expect(mail.messageId).toBe(`<digest-referral-${period}-${people.lin.id}@localhost>`);
    expect(headersOf(raw)).toMatch(/^List-Unsubscribe:\s*<http:\/\/localhost:3000\/unsubscribe\?token=[A-Za-z0-9_-]{44}>$/im);
    expect(headersOf(raw)).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
  });

  it('tells switchers what happened to their requests and mentors what waits for them', () => {
    const ada = digestsTo(smtp, people.ada, 'referral')[0].mail;
    expect(ada.subject).toBe('Your weekly referrals: 1 new opening, news on your requests');
    expect(ada.text).toContain('• Platform PM at Initech (remote, Berlin): readiness 0%');
    expect(ada.text).not.toContain('AI Product Manager at Acme AI (remote');
    expect(ada.text).toMatch(/• AI Product Manager at Acme AI: accepted: they will refer you \(\w{3}, \w{3} \d+, \d{4}, \d{2}:\d{2} [AP]M E[SD]T\)/);

    const mentor = digestsTo(smtp, people.mentor, 'referral')[0].mail;
    expect(mentor.subject).toBe('Your weekly referrals: 1 waiting for you');
    expect(mentor.text).toContain('1 referral request is waiting for your answer:');
    expect(mentor.text).toMatch(/• Sam Waiting asks for a referral to Platform PM at Initech \(.* GMT\+[12]\)/);
    expect(mentor.text).not.toContain('Ada Lovelace');
  });

  it('lists upcoming meetups of the next 14 days at the reader\'s local time with their RSVP or waitlist place', () => {
    const lin = digestsTo(smtp, people.lin, 'meetup')[0].mail;
    expect(lin.subject).toBe('每周活动摘要：未来两周 1 场活动');
    expect(lin.text).toContain(`• ${formatInstant(meetupStart.toISOString(), 'zh-CN', 'Asia/Shanghai')}：PRD clinic（AI PM Circle，Switchyard Hub）— 你已报名参加`);
    const ada = digestsTo(smtp, people.ada, 'meetup')[0].mail;
    expect(ada.text).toContain(
      `• ${formatInstant(meetupStart.toISOString(), 'en', 'America/New_York')}: PRD clinic (AI PM Circle, Switchyard Hub) - you're number 1 on the waitlist`,
    );
    // The mentor is in the meetup's field but not in the community; the organizer is in it.
    expect(digestsTo(smtp, people.mentor, 'meetup')[0].mail.text).toContain('PRD clinic (AI PM Circle, Switchyard Hub) - not signed up yet');
    const organizer = digestsTo(smtp, people.organizer, 'meetup')[0].mail.text!;
    expect(organizer).toContain(formatInstant(meetupStart.toISOString(), 'en', 'Europe/London'));
    for (const mail of [lin, ada, digestsTo(smtp, people.mentor, 'meetup')[0].mail]) {
      expect(mail.text).not.toContain('Far future summit');
      expect(mail.text).not.toContain('Members-only dinner');
    }
    // The organizer is a member of the invite-only community.
    expect(organizer).toContain('Members-only dinner');
    expect(organizer).not.toContain('Far future summit');
  });

  it('unsubscribes from one digest with the one-click header', async () => {
    const { raw } = digestsTo(smtp, people.lin, 'meetup')[0];
    const link = new URL(/^List-Unsubscribe:\s*<([^>]+)>/im.exec(headersOf(raw))![1]);
    const response = await fetch(`${api.baseUrl}${link.pathname}${link.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect((await gql(people.lin, PREFERENCES)).notificationPreferences).toEqual({ referralDigest: true, meetupDigest: false });
  });
});
