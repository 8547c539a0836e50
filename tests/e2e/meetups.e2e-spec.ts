import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import ICAL from 'ical.js';
import { RegisteredUser, TestApi, registerUser, startTestApi, startTestWorker } from '@switchyard/testing';

const HOUR = 3600_000;
const CREATE = `mutation ($input: CreateMeetupInput!) {
  createMeetup(input: $input) { id title kind status capacity timeZone location onlineUrl startsAt endsAt goingCount waitlistCount version
    community { id name } fields { slug } skills { slug } } }`;
const RSVP = `mutation ($id: ID!) { rsvp(meetupId: $id) { status waitlistPosition user { id } meetup { id goingCount waitlistCount } } }`;
const CANCEL_RSVP = `mutation ($id: ID!) { cancelRsvp(meetupId: $id) { status waitlistPosition } }`;
const CANCEL_MEETUP = `mutation ($id: ID!, $reason: String) { cancelMeetup(meetupId: $id, reason: $reason) { id status version cancelReason } }`;
const ATTENDEES = `query ($id: ID!) { meetup(id: $id) { goingCount waitlistCount attendees { status waitlistPosition user { id } } } }`;

type Rsvp = { status: string; waitlistPosition: number | null; user: { id: string } };

function meetupInput(communityId: string, overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 3 * 24 * HOUR);
  start.setUTCMinutes(0, 0, 0);
  return {
    communityId,
    kind: 'WORKSHOP',
    title: 'PRD clinic: from backend spec to product doc',
    description: 'Bring a PRD draft; we review it in pairs.',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
    timeZone: 'Asia/Shanghai',
    location: 'Switchyard Hub, 88 Century Ave',
    capacity: 20,
    ...overrides,
  };
}

/** A community made directly in the database: this file tests meetups, not community management. */
async function community(api: TestApi, organizer: RegisteredUser, visibility: 'PUBLIC' | 'INVITE_ONLY' = 'PUBLIC'): Promise<string> {
  const [row] = await api.db.query<{ id: string }>(`INSERT INTO communities (name, visibility, created_by) VALUES ($1, $2, $3) RETURNING id`, [
    `Community ${Math.random().toString(36).slice(2, 8)}`,
    visibility,
    organizer.id,
  ]);
  await api.db.query('INSERT INTO community_organizers (community_id, user_id) VALUES ($1, $2)', [row.id, organizer.id]);
  await api.db.query(`INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'ACTIVE')`, [row.id, organizer.id]);
  return row.id;
}

async function createMeetup(api: TestApi, organizer: RegisteredUser, communityId: string, overrides: Record<string, unknown> = {}) {
  const res = await api.gql(CREATE, { token: organizer.accessToken, variables: { input: meetupInput(communityId, overrides) } });
  expect(res.errors).toBeUndefined();
  return res.data!.createMeetup as { id: string; version: number; startsAt: string };
}

async function users(api: TestApi, n: number, roles = ['SWITCHER']): Promise<RegisteredUser[]> {
  const out: RegisteredUser[] = [];
  // Small batches: registration hashes a password, and the CPUs are shared.
  for (let i = 0; i < n; i += 10) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => registerUser(api, { roles })))));
  }
  return out;
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('meetups', () => {
  let api: TestApi;
  let organizer: RegisteredUser;
  let otherOrganizer: RegisteredUser;
  let switcher: RegisteredUser;
  let mentor: RegisteredUser;
  let admin: string;
  let communityId: string;

  beforeAll(async () => {
    api = await startTestApi({ BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin password 123' });
    [organizer, otherOrganizer] = await users(api, 2, ['ORGANIZER']);
    [switcher] = await users(api, 1, ['SWITCHER']);
    [mentor] = await users(api, 1, ['MENTOR']);
    const login = await api.gql(`mutation { login(email: "admin@example.org", password: "admin password 123") { accessToken } }`);
    admin = login.data!.login.accessToken;
    communityId = await community(api, organizer);
    await community(api, otherOrganizer);
  });
  afterAll(() => api.close());

  it('creates a meetup with topics, in the community of its organizer', async () => {
    const res = await api.gql(CREATE, {
      token: organizer.accessToken,
      variables: { input: meetupInput(communityId, { fieldSlugs: ['ai-product-management'], skillSlugs: ['prd-writing'], onlineUrl: 'https://meet.example.org/prd' }) },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createMeetup).toMatchObject({
      kind: 'WORKSHOP',
      status: 'SCHEDULED',
      capacity: 20,
      timeZone: 'Asia/Shanghai',
      onlineUrl: 'https://meet.example.org/prd',
      goingCount: 0,
      waitlistCount: 0,
      version: 0,
      community: { id: communityId },
      fields: [{ slug: 'ai-product-management' }],
      skills: [{ slug: 'prd-writing' }],
    });
  });

  it('refuses bad input naming every field, and creates nothing', async () => {
    const before = await api.db.query(`SELECT count(*)::int AS n FROM meetups`);
    const start = Date.now() + 2 * 24 * HOUR;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ title: '   ' }, 'input.title', /empty/],
      [{ title: 'x'.repeat(201) }, 'input.title', /200/],
      [{ description: 'x'.repeat(5001) }, 'input.description', /5000/],
      [{ startsAt: new Date(Date.now() - HOUR).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() }, 'input.startsAt', /future/],
      [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start - HOUR).toISOString() }, 'input.endsAt', /after startsAt/],
      [{ startsAt: new Date(start).toISOString(), endsAt: new Date(start + 8 * 24 * HOUR).toISOString() }, 'input.endsAt', /7 days/],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'input.timeZone', /IANA/],
      [{ onlineUrl: 'javascript:alert(1)' }, 'input.onlineUrl', /http/],
      [{ location: null, onlineUrl: null }, 'input.location', /location, an onlineUrl, or both/],
      [{ location: 'x'.repeat(301) }, 'input.location', /300/],
      [{ capacity: 0 }, 'input.capacity', /between 1 and 10000/],
      [{ capacity: 10001 }, 'input.capacity', /between 1 and 10000/],
      [{ fieldSlugs: ['ai-product-management', 'underwater-basket-weaving'] }, 'input.fieldSlugs.1', /not a known field/],
      [{ skillSlugs: ['prd-writing', 'prd-writing'] }, 'input.skillSlugs.1', /more than once/],
      [{ communityId: 'nope' }, 'input.communityId', /not an id/],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await api.gql(CREATE, { token: organizer.accessToken, variables: { input: meetupInput(communityId, overrides) } });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields).toContain(field);
      expect(res.errors![0].message).toMatch(message);
    }
    // Several problems at once are all named.
    const many = await api.gql(CREATE, {
      token: organizer.accessToken,
      variables: { input: meetupInput(communityId, { title: '', capacity: -1, timeZone: 'nowhere' }) },
    });
    expect(many.errors![0].extensions.fields).toEqual(expect.arrayContaining(['input.title', 'input.capacity', 'input.timeZone']));
    expect(await api.db.query(`SELECT count(*)::int AS n FROM meetups`)).toEqual(before);
  });

  it('lets only the organizers of the community (and administrators) create and cancel its meetups', async () => {
    const input = meetupInput(communityId);
    const code = async (token: string | undefined) => (await api.gql(CREATE, { token, variables: { input } })).errors?.[0].extensions.code;
    expect(await code(undefined)).toBe('UNAUTHENTICATED');
    expect(await code(switcher.accessToken)).toBe('FORBIDDEN');
    expect(await code(mentor.accessToken)).toBe('FORBIDDEN');
    expect(await code(otherOrganizer.accessToken)).toBe('FORBIDDEN');
    expect(await code(admin)).toBeUndefined();
    const missing = await api.gql(CREATE, { token: organizer.accessToken, variables: { input: meetupInput('00000000-0000-4000-8000-000000000000') } });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');

    const meetup = await createMeetup(api, organizer, communityId);
    const cancel = async (token: string | undefined) =>
      (await api.gql(CANCEL_MEETUP, { token, variables: { id: meetup.id } })).errors?.[0].extensions.code;
    expect(await cancel(undefined)).toBe('UNAUTHENTICATED');
    expect(await cancel(switcher.accessToken)).toBe('FORBIDDEN');
    expect(await cancel(otherOrganizer.accessToken)).toBe('FORBIDDEN');
    expect(await cancel(admin)).toBeUndefined();
    expect(
      (await api.gql(CANCEL_MEETUP, { token: organizer.accessToken, variables: { id: meetup.id } })).errors?.[0].extensions,
    ).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CANCELLED' });
    const unknown = await api.gql(CANCEL_MEETUP, { token: organizer.accessToken, variables: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.errors![0].extensions.code).toBe('NOT_FOUND');
    const long = await api.gql(CANCEL_MEETUP, { token: organizer.accessToken, variables: { id: meetup.id, reason: 'x'.repeat(501) } });
    expect(long.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['reason'] });
  });

  it('gives exactly the seats under 100 concurrent RSVPs, a gapless waitlist, and promotes the first in line in order', async () => {
    const meetup = await createMeetup(api, organizer, communityId, { capacity: 20 });
    const members = await users(api, 100);
    // The public community is joined on the way: none of them is a member yet.
    const answers = await Promise.all(members.map((m) => api.gql(RSVP, { token: m.accessToken, variables: { id: meetup.id } })));
    for (const a of answers) expect(a.errors).toBeUndefined();
    const rsvps = answers.map((a) => a.data!.rsvp as Rsvp);
    expect(rsvps.filter((r) => r.status === 'GOING')).toHaveLength(20);
    const waitlisted = rsvps.filter((r) => r.status === 'WAITLISTED');
    expect(waitlisted.map((r) => r.waitlistPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(rsvps.filter((r) => r.status === 'GOING').every((r) => r.waitlistPosition === null)).toBe(true);
    const [members100] = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM community_members WHERE community_id = $1 AND user_id = ANY($2) AND status = 'ACTIVE'`,
      [communityId, members.map((m) => m.id)],
    );
    expect(members100.n).toBe(100);

    // The organizers' view agrees with what each person was told.
    const view = await api.gql(ATTENDEES, { token: organizer.accessToken, variables: { id: meetup.id } });
    expect(view.data!.meetup).toMatchObject({ goingCount: 20, waitlistCount: 80 });
    const line = (view.data!.meetup.attendees as Rsvp[]).filter((r) => r.status === 'WAITLISTED');
    expect(line.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    const told = new Map(rsvps.map((r) => [r.user.id, r]));
    for (const r of line) expect(told.get(r.user.id)!.waitlistPosition).toBe(r.waitlistPosition);

    // Asking again changes nothing.
    const byId = new Map(members.map((m) => [m.id, m]));
    const again = await api.gql(RSVP, { token: byId.get(line[4].user.id)!.accessToken, variables: { id: meetup.id } });
    expect(again.data!.rsvp).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 5 });

    // Ten people going leave at once: exactly the first ten in line get their seats, in order, and are told.
    const going = rsvps.filter((r) => r.status === 'GOING').slice(0, 10);
    const left = await Promise.all(going.map((r) => api.gql(CANCEL_RSVP, { token: byId.get(r.user.id)!.accessToken, variables: { id: meetup.id } })));
    for (const l of left) expect(l.data!.cancelRsvp).toEqual({ status: 'CANCELLED', waitlistPosition: null });
    const firstTen = line.slice(0, 10).map((r) => r.user.id);
    const after = await api.gql(ATTENDEES, { token: organizer.accessToken, variables: { id: meetup.id } });
    expect(after.data!.meetup).toMatchObject({ goingCount: 20, waitlistCount: 70 });
    const attendees = after.data!.meetup.attendees as Rsvp[];
    const nowGoing = new Set(attendees.filter((r) => r.status === 'GOING').map((r) => r.user.id));
    for (const id of firstTen) expect(nowGoing.has(id)).toBe(true);
    const rest = attendees.filter((r) => r.status === 'WAITLISTED');
    expect(rest.map((r) => r.user.id)).toEqual(line.slice(10).map((r) => r.user.id));
    expect(rest.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    const promoted = await api.db.query<{ user_id: string; data: { meetupId: string } }>(`SELECT user_id, data FROM notifications WHERE kind = 'meetup.promoted'`);
    expect(promoted.map((p) => p.user_id).sort()).toEqual([...firstTen].sort());
    expect(promoted.every((p) => p.data.meetupId === meetup.id)).toBe(true);
    const note = await api.gql(`{ notifications(first: 1) { kind title } }`, { token: byId.get(firstTen[0])!.accessToken });
    expect(note.data!.notifications[0]).toMatchObject({ kind: 'meetup.promoted', title: expect.stringContaining('PRD clinic') });

    // A waitlisted person leaving just leaves; everyone behind moves up one.
    const third = byId.get(rest[2].user.id)!;
    expect((await api.gql(CANCEL_RSVP, { token: third.accessToken, variables: { id: meetup.id } })).data!.cancelRsvp.status).toBe('CANCELLED');
    const fourth = await api.gql(`query ($id: ID!) { meetup(id: $id) { goingCount waitlistCount viewerRsvp { status waitlistPosition } } }`, {
      token: byId.get(rest[3].user.id)!.accessToken,
      variables: { id: meetup.id },
    });
    expect(fourth.data!.meetup).toEqual({ goingCount: 20, waitlistCount: 69, viewerRsvp: { status: 'WAITLISTED', waitlistPosition: 3 } });
    // Coming back queues afresh, at the end.
    const back = await api.gql(RSVP, { token: third.accessToken, variables: { id: meetup.id } });
    expect(back.data!.rsvp).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 70 });
    // Cancelling twice returns the cancelled RSVP; never having come is NOT_FOUND.
    const twice = await api.gql(CANCEL_RSVP, { token: byId.get(going[0].user.id)!.accessToken, variables: { id: meetup.id } });
    expect(twice.data!.cancelRsvp.status).toBe('CANCELLED');
    const never = await api.gql(CANCEL_RSVP, { token: mentor.accessToken, variables: { id: meetup.id } });
    expect(never.errors![0].extensions.code).toBe('NOT_FOUND');

    // Attendee lists are for organizers.
    const peek = await api.gql(ATTENDEES, { token: byId.get(firstTen[0])!.accessToken, variables: { id: meetup.id } });
    expect(peek.errors![0]).toMatchObject({ path: ['meetup', 'attendees'], extensions: { code: 'FORBIDDEN' } });
    expect(peek.data!.meetup.goingCount).toBe(20);
    const admins = await api.gql(ATTENDEES, { token: admin, variables: { id: meetup.id } });
    expect(admins.errors).toBeUndefined();
  }, 120_000);

  it('keeps invite-only meetups to members; cancelled and past meetups take no RSVPs', async () => {
    const privateId = await community(api, organizer, 'INVITE_ONLY');
    const meetup = await createMeetup(api, organizer, privateId, { capacity: 1 });
    const outsider = switcher;
    const forbidden = await api.gql(RSVP, { token: outsider.accessToken, variables: { id: meetup.id } });
    expect(forbidden.errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(`query ($id: ID!) { meetup(id: $id) { id } }`, { token: outsider.accessToken, variables: { id: meetup.id } })).errors![0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await api.gql(RSVP, { token: outsider.accessToken, variables: { id: '00000000-0000-4000-8000-000000000000' } })).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await api.gql(RSVP, { token: outsider.accessToken, variables: { id: 'x' } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['meetupId'],
    });
    // A pending member is not a member yet.
    await api.db.query(`INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'PENDING')`, [privateId, outsider.id]);
    expect((await api.gql(RSVP, { token: outsider.accessToken, variables: { id: meetup.id } })).errors![0].extensions.code).toBe('FORBIDDEN');
    await api.db.query(`UPDATE community_members SET status = 'ACTIVE' WHERE community_id = $1 AND user_id = $2`, [privateId, outsider.id]);
    expect((await api.gql(RSVP, { token: outsider.accessToken, variables: { id: meetup.id } })).data!.rsvp.status).toBe('GOING');

    // Listing: members see invite-only meetups, others only public ones.
    const listed = async (token: string) =>
      ((await api.gql(`{ upcomingMeetups(first: 100) { edges { node { id } } } }`, { token })).data!.upcomingMeetups.edges as { node: { id: string } }[]).map(
        (e) => e.node.id,
      );
    expect(await listed(outsider.accessToken)).toContain(meetup.id);
    expect(await listed(mentor.accessToken)).not.toContain(meetup.id);
    const scoped = await api.gql(`query ($c: ID) { upcomingMeetups(communityId: $c) { edges { node { id } } } }`, {
      token: mentor.accessToken,
      variables: { c: privateId },
    });
    expect(scoped.errors![0].extensions.code).toBe('FORBIDDEN');

    // Cancelled: everyone going or waiting is told, and RSVPs are closed.
    const waiting = (await users(api, 1))[0];
    await api.db.query(`INSERT INTO community_members (community_id, user_id, status) VALUES ($1, $2, 'ACTIVE')`, [privateId, waiting.id]);
    expect((await api.gql(RSVP, { token: waiting.accessToken, variables: { id: meetup.id } })).data!.rsvp).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
    const cancelled = await api.gql(CANCEL_MEETUP, { token: organizer.accessToken, variables: { id: meetup.id, reason: 'Venue flooded' } });
    expect(cancelled.data!.cancelMeetup).toMatchObject({ status: 'CANCELLED', version: 1, cancelReason: 'Venue flooded' });
    const told = await api.db.query<{ user_id: string; body: string }>(
      `SELECT user_id, body FROM notifications WHERE kind = 'meetup.cancelled' AND data->>'meetupId' = $1`,
      [meetup.id],
    );
    expect(told.map((t) => t.user_id).sort()).toEqual([outsider.id, waiting.id].sort());
    expect(told[0].body).toContain('Venue flooded');
    expect((await api.gql(RSVP, { token: outsider.accessToken, variables: { id: meetup.id } })).errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'MEETUP_CANCELLED',
    });
    expect((await api.gql(CANCEL_RSVP, { token: waiting.accessToken, variables: { id: meetup.id } })).errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'MEETUP_CANCELLED',
    });
    const mine = await api.gql(`{ myRsvps { status meetup { id status } } }`, { token: outsider.accessToken });
    expect(mine.data!.myRsvps).toEqual([{ status: 'GOING', meetup: { id: meetup.id, status: 'CANCELLED' } }]);

    // Started: closed too.
    const started = await createMeetup(api, organizer, communityId);
    await api.db.query(`UPDATE meetups SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1`, [started.id]);
    expect((await api.gql(RSVP, { token: mentor.accessToken, variables: { id: started.id } })).errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'MEETUP_STARTED',
    });
  });

  it('lists upcoming meetups soonest first, a page at a time', async () => {
    const listCommunity = await community(api, otherOrganizer);
    const base = Date.now() + 10 * 24 * HOUR;
    const made: string[] = [];
    for (const days of [3, 1, 2, 0]) {
      const startsAt = new Date(base + days * 24 * HOUR);
      const m = await createMeetup(api, otherOrganizer, listCommunity, {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
        title: `Day ${days}`,
      });
      made[days] = m.id;
    }
    const page = (after?: string) =>
      api.gql(`query ($c: ID, $after: String) { upcomingMeetups(communityId: $c, first: 3, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }`, {
        token: mentor.accessToken,
        variables: { c: listCommunity, after },
      });
    const first = (await page()).data!.upcomingMeetups;
    expect(first.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(['Day 0', 'Day 1', 'Day 2']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first.pageInfo.endCursor)).data!.upcomingMeetups;
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([made[3]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await page('garbage')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['after'] });
    const tooMany = await api.gql(`{ upcomingMeetups(first: 101) { edges { cursor } } }`, { token: mentor.accessToken });
    expect(tooMany.errors![0].extensions.fields).toEqual(['first']);
    expect(
      (await api.gql(`query ($c: ID) { upcomingMeetups(communityId: $c) { edges { cursor } } }`, { token: mentor.accessToken, variables: { c: '00000000-0000-4000-8000-000000000000' } }))
        .errors![0].extensions.code,
    ).toBe('NOT_FOUND');
  });

  it('serves an .ics invite to people going and to organizers, with a stable UID and METHOD:CANCEL once cancelled', async () => {
    const meetup = await createMeetup(api, organizer, communityId, { capacity: 1, onlineUrl: 'https://meet.example.org/ics' });
    const [going, waiting] = await users(api, 2);
    await api.gql(RSVP, { token: going.accessToken, variables: { id: meetup.id } });
    await api.gql(RSVP, { token: waiting.accessToken, variables: { id: meetup.id } });
    const url = async (user: { accessToken: string }) =>
      (await api.gql(`query ($id: ID!) { meetup(id: $id) { icsUrl } }`, { token: user.accessToken, variables: { id: meetup.id } })).data!.meetup.icsUrl as string | null;
    const link = await url(going);
    expect(link).toMatch(new RegExp(`/calendar/meetups/${meetup.id}\\.ics\\?token=`));
    expect(await url(waiting)).toBeNull();
    expect(await url(organizer)).not.toBeNull();

    const fetchIcs = (path: string, token?: string) =>
      fetch(`${api.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const path = new URL(link!).pathname + new URL(link!).search;
    const res = await fetchIcs(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const parsed = new ICAL.Component(ICAL.parse(await res.text()));
    expect(parsed.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(parsed.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`meetup-${meetup.id}@switchyard`);
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe('PRD clinic: from backend spec to product doc');
    expect(event.startDate.toJSDate().getTime()).toBe(new Date(meetup.startsAt).getTime());
    expect(event.description).toContain('https://meet.example.org/ics');

    // The organizer with a Bearer header; the waitlisted person and strangers get nothing.
    expect((await fetchIcs(`/calendar/meetups/${meetup.id}.ics`, organizer.accessToken)).status).toBe(200);
    expect((await fetchIcs(`/calendar/meetups/${meetup.id}.ics`, waiting.accessToken)).status).toBe(404);
    expect((await fetchIcs(`/calendar/meetups/${meetup.id}.ics`)).status).toBe(401);
    expect((await fetchIcs(`/calendar/meetups/${meetup.id}.ics?token=forged`)).status).toBe(401);

    await api.gql(CANCEL_MEETUP, { token: organizer.accessToken, variables: { id: meetup.id } });
    const cancelled = new ICAL.Component(ICAL.parse(await (await fetchIcs(path)).text()));
    expect(cancelled.getFirstPropertyValue('method')).toBe('CANCEL');
    const gone = new ICAL.Event(cancelled.getFirstSubcomponent('vevent')!);
    expect(gone.uid).toBe(`meetup-${meetup.id}@switchyard`);
    expect(gone.sequence).toBe(1);
    expect(cancelled.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe('meetup reminders', () => {
  it('go once to the people going, not to the waitlist, and not at all for a cancelled meetup', async () => {
    // The meetup starts `offset` minutes plus a few seconds after it is created, so
    // its reminder falls due a few seconds after creation; 1440 is long past by then.
    const offset = 30.25;
    const api = await startTestApi({ SESSION_REMINDER_MINUTES: `1440,${offset}` });
    const worker = await startTestWorker(api);
    try {
      const [organizer] = await users(api, 1, ['ORGANIZER']);
      const [a, b, c, d] = await users(api, 4);
      const communityId = await community(api, organizer);
      const startIn = () => {
        const startsAt = new Date(Date.now() + offset * 60_000 + 6000);
        return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + HOUR).toISOString(), capacity: 2 };
      };
      const kept = await createMeetup(api, organizer, communityId, startIn());
      const dropped = await createMeetup(api, organizer, communityId, startIn());
      for (const u of [a, b, c]) await api.gql(RSVP, { token: u.accessToken, variables: { id: kept.id } });
      await api.gql(RSVP, { token: d.accessToken, variables: { id: dropped.id } });
      expect((await api.gql(CANCEL_MEETUP, { token: organizer.accessToken, variables: { id: dropped.id } })).errors).toBeUndefined();

      const ledger = () => api.db.query<{ meetup_id: string; version: number; minutes_before: number; recipients: number }>(`SELECT meetup_id, version, minutes_before, recipients FROM meetup_reminders`);
      await until(ledger, (rows) => rows.length >= 1, 40_000);
      // Give a stray reminder (the cancelled meetup's, a duplicate) time to misfire.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await ledger()).toEqual([{ meetup_id: kept.id, version: 0, minutes_before: offset, recipients: 2 }]);
      const sent = await api.db.query<{ user_id: string; title: string; data: { meetupId: string } }>(
        `SELECT user_id, title, data FROM notifications WHERE kind = 'meetup.reminder'`,
      );
      expect(sent.map((s) => s.user_id).sort()).toEqual([a.id, b.id].sort());
      expect(sent.every((s) => s.data.meetupId === kept.id && s.title.startsWith('Reminder: '))).toBe(true);

      // The same job again (a retry, the sweeper) sends nothing new.
      const queue = api.app.get<Queue>(getQueueToken('community'));
      const job = await queue.add('meetup-reminder', { meetupId: kept.id, version: 0, minutesBefore: offset }, { jobId: `again-${kept.id}` });
      await until(() => job.isCompleted(), Boolean);
      expect(await api.db.query(`SELECT 1 FROM notifications WHERE kind = 'meetup.reminder'`)).toHaveLength(2);
    } finally {
      await worker.close();
      await api.close();
    }
  }, 90_000);
});
