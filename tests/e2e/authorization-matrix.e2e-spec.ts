import { GraphQLSchemaHost } from '@nestjs/graphql';
import { RegisteredUser, TestApi, makeRegistration, registerUser, startTestApi } from '@switchyard/testing';

/**
 * Every mutation of the schema, run as each kind of caller against objects
 * owned by someone else. The list of mutations comes from the schema itself:
 * a new mutation without a row here fails the test, so nobody adds one
 * without deciding who may call it.
 *
 * Outcomes: ALLOW = the call got past authorization (it succeeded, or failed
 * for another reason such as CONFLICT or BAD_USER_INPUT); otherwise the exact
 * error code. NOT_FOUND is how the API denies objects one may not even know
 * about (someone else's session, request or mentorship).
 */
type Outcome = 'ALLOW' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
const ACTORS = ['anonymous', 'switcher', 'mentor', 'otherOrganizer', 'owningOrganizer', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

interface Fixtures {
  admin: RegisteredUser;
  switcher: RegisteredUser;
  mentor: RegisteredUser;
  otherOrganizer: RegisteredUser;
  owningOrganizer: RegisteredUser;
  /** Someone else's objects. */
  ownerSwitcher: RegisteredUser;
  ownerMentor: RegisteredUser;
  requestId: string;
  mentorshipId: string;
  sessionId: string;
  communityId: string;
  cohortId: string;
  matchRunId: string;
  notificationId: string;
  extraOrganizer: RegisteredUser;
  pendingMember: RegisteredUser;
  inviteOnlyId: string;
  enrollmentApplied: string;
  milestoneId: string;
  meetupToCancel: string;
  meetupToJoin: string;
  meetupOfOwner: string;
  openingId: string;
  referralRequestId: string;
  [key: string]: unknown;
}

interface Case {
  doc: string;
  vars?: (fx: Fixtures, actor: Actor) => Record<string, unknown> | Promise<Record<string, unknown>>;
  expect: Record<Actor, Outcome>;
}

const all = (outcome: Outcome, overrides: Partial<Record<Actor, Outcome>> = {}): Record<Actor, Outcome> => ({
  anonymous: outcome,
  switcher: outcome,
  mentor: outcome,
  otherOrganizer: outcome,
  owningOrganizer: outcome,
  admin: outcome,
  ...overrides,
});
/** Signed-in callers only; the rest as given. */
const signedIn = (outcome: Outcome, overrides: Partial<Record<Actor, Outcome>> = {}) => all(outcome, { anonymous: 'UNAUTHENTICATED', ...overrides });
const onlyRole = (actors: Actor[]) =>
  signedIn('FORBIDDEN', Object.fromEntries(actors.map((a) => [a, 'ALLOW'])) as Partial<Record<Actor, Outcome>>);

const ADMIN_EMAIL = 'matrix-admin@example.org';
const ADMIN_PASSWORD = 'matrix admin password 1';

const MATRIX: Record<string, Case> = {
  // ------------------------------------------------------------ identity
  register: {
    doc: 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    vars: () => ({ input: makeRegistration() }),
    expect: all('ALLOW'),
  },
  login: {
    doc: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    vars: (fx) => ({ e: fx.ownerSwitcher.email, p: fx.ownerSwitcher.password }),
    expect: all('ALLOW'),
  },
  refreshToken: {
    doc: 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }',
    // A malformed token is refused as such (BAD_USER_INPUT or UNAUTHENTICATED), never FORBIDDEN.
    vars: () => ({ t: 'not-a-refresh-token' }),
    expect: all('UNAUTHENTICATED'),
  },
  logout: {
    doc: 'mutation ($t: String!) { logout(refreshToken: $t) }',
    vars: () => ({ t: 'not-a-refresh-token' }),
    expect: all('ALLOW'),
  },
  updateMe: {
    doc: 'mutation { updateMe(input: { displayName: "Renamed" }) { id } }',
    expect: signedIn('ALLOW'),
  },
  // ------------------------------------------------------------ taxonomy (ADMIN)
  upsertSkill: {
    doc: 'mutation { upsertSkill(input: { slug: "matrix-skill", dimensionSlug: "product-craft", nameEn: "Matrix", nameZh: "矩阵" }) { id } }',
    expect: onlyRole(['admin']),
  },
  upsertField: {
    doc: 'mutation { upsertField(input: { slug: "matrix-field", nameEn: "Matrix", nameZh: "矩阵" }) { id } }',
    expect: onlyRole(['admin']),
  },
  setFieldRequirements: {
    doc: 'mutation { setFieldRequirements(fieldSlug: "ai-product-management", requirements: [{ skillSlug: "prd-writing", level: 4, weight: 1 }]) { id } }',
    expect: onlyRole(['admin']),
  },
  // ------------------------------------------------------------ profiles (self)
  upsertSwitcherProfile: {
    doc: 'mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }',
    expect: onlyRole(['switcher']),
  },
  rateSkills: {
    doc: 'mutation { rateSkills(ratings: [{ skillSlug: "prd-writing", level: 2 }]) { stage } }',
    expect: onlyRole(['switcher']),
  },
  upsertMentorProfile: {
    doc: 'mutation { upsertMentorProfile(input: { headline: "Matrix", fieldSlugs: ["ai-product-management"], capacity: 3, skills: [] }) { capacity } }',
    expect: onlyRole(['mentor']),
  },
  // ------------------------------------------------------------ matching
  requestMentorship: {
    doc: 'mutation ($m: ID!) { requestMentorship(mentorId: $m) { id } }',
    vars: (fx) => ({ m: fx.ownerMentor.id }),
    expect: onlyRole(['switcher']),
  },
  respondToMentorshipRequest: {
    doc: 'mutation ($id: ID!) { respondToMentorshipRequest(requestId: $id, accept: false) { id } }',
    vars: (fx) => ({ id: fx.requestId }),
    expect: signedIn('NOT_FOUND'),
  },
  withdrawMentorshipRequest: {
    doc: 'mutation ($id: ID!) { withdrawMentorshipRequest(requestId: $id) { id } }',
    vars: (fx) => ({ id: fx.requestId }),
    expect: signedIn('NOT_FOUND'),
  },
  setMentorshipCadence: {
    doc: 'mutation ($id: ID!) { setMentorshipCadence(mentorshipId: $id, cadence: MONTHLY) { id } }',
    vars: (fx) => ({ id: fx.mentorshipId }),
    expect: signedIn('NOT_FOUND'),
  },
  runCohortMatching: {
    doc: 'mutation ($c: ID!) { runCohortMatching(cohortId: $c, mode: OPTIMAL) { id } }',
    vars: (fx) => ({ c: fx.cohortId }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  publishMatchRun: {
    doc: 'mutation ($r: ID!) { publishMatchRun(matchRunId: $r) { id } }',
    vars: (fx) => ({ r: fx.matchRunId }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  markNotificationsRead: {
    // Someone else's notification id: nothing of theirs changes, the caller's own count is 0.
    doc: 'mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }',
    vars: (fx) => ({ ids: [fx.notificationId] }),
    expect: signedIn('ALLOW'),
  },
  // ------------------------------------------------------------ scheduling
  setWeeklyAvailability: {
    doc: 'mutation { setWeeklyAvailability(timeZone: "Europe/Berlin", rules: [{ weekday: 1, start: "09:00", end: "12:00" }]) { id } }',
    expect: onlyRole(['mentor']),
  },
  setAvailabilityOverride: {
    doc: 'mutation ($d: Date!) { setAvailabilityOverride(input: { date: $d, available: false }) }',
    vars: () => ({ d: new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10) }),
    expect: onlyRole(['mentor']),
  },
  setSchedulingSettings: {
    doc: 'mutation { setSchedulingSettings(input: { bufferMinutes: 15 }) }',
    expect: onlyRole(['mentor']),
  },
  bookSession: {
    doc: 'mutation ($m: ID!, $s: DateTime!) { bookSession(mentorshipId: $m, start: $s) { id } }',
    vars: (fx) => ({ m: fx.mentorshipId, s: new Date(Date.now() + 5 * 86400_000).toISOString() }),
    expect: signedIn('NOT_FOUND'),
  },
  rescheduleSession: {
    doc: 'mutation ($id: ID!, $s: DateTime!) { rescheduleSession(sessionId: $id, start: $s) { id } }',
    vars: (fx) => ({ id: fx.sessionId, s: new Date(Date.now() + 6 * 86400_000).toISOString() }),
    expect: signedIn('NOT_FOUND'),
  },
  cancelSession: {
    doc: 'mutation ($id: ID!) { cancelSession(sessionId: $id) { id } }',
    vars: (fx) => ({ id: fx.sessionId }),
    expect: signedIn('NOT_FOUND'),
  },
  submitSessionFeedback: {
    doc: 'mutation ($id: ID!) { submitSessionFeedback(sessionId: $id, rating: 5) }',
    vars: (fx) => ({ id: fx.sessionId }),
    expect: signedIn('NOT_FOUND'),
  },
  rotateCalendarFeedUrl: {
    doc: 'mutation { rotateCalendarFeedUrl }',
    expect: signedIn('ALLOW'),
  },
  updateNotificationPreferences: {
    doc: 'mutation { updateNotificationPreferences(input: { digestHour: 8 }) { digestHour } }',
    expect: signedIn('ALLOW'),
  },
  runDigestsNow: {
    // Queues jobs only; no worker runs in this file.
    doc: 'mutation { runDigestsNow(kind: MEETUP) }',
    expect: onlyRole(['admin']),
  },
  // ------------------------------------------------------------ communities
  createCommunity: {
    doc: 'mutation { createCommunity(input: { name: "Matrix community" }) { id } }',
    expect: signedIn('ALLOW', { switcher: 'FORBIDDEN', mentor: 'FORBIDDEN' }),
  },
  addCommunityOrganizer: {
    doc: 'mutation ($c: ID!, $u: ID!) { addCommunityOrganizer(communityId: $c, userId: $u) { id } }',
    vars: (fx) => ({ c: fx.communityId, u: fx.extraOrganizer.id }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  joinCommunity: {
    doc: 'mutation ($c: ID!) { joinCommunity(communityId: $c) { id } }',
    vars: (fx) => ({ c: fx.inviteOnlyId }),
    expect: signedIn('ALLOW'),
  },
  decideCommunityMember: {
    doc: 'mutation ($c: ID!, $u: ID!) { decideCommunityMember(communityId: $c, userId: $u, approve: true) { id } }',
    vars: (fx) => ({ c: fx.inviteOnlyId, u: fx.pendingMember.id }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  leaveCommunity: {
    // Leaving is one's own business (the owner is refused with CONFLICT, past authorization).
    doc: 'mutation ($c: ID!) { leaveCommunity(communityId: $c) { id } }',
    vars: (fx) => ({ c: fx.communityId }),
    expect: signedIn('ALLOW'),
  },
  // ------------------------------------------------------------ cohorts
  createCohort: {
    doc: 'mutation ($c: ID!) { createCohort(input: { communityId: $c, name: "Matrix cohort", targetFieldSlug: "ai-product-management", startsOn: "2027-09-01", endsOn: "2027-12-31" }) { id } }',
    vars: (fx) => ({ c: fx.communityId }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  addCohortMilestone: {
    doc: 'mutation ($c: ID!) { addCohortMilestone(input: { cohortId: $c, stage: LEAP, title: "Matrix milestone" }) { id } }',
    vars: (fx) => ({ c: fx.cohortId }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  enrollInCohort: {
    doc: 'mutation ($c: ID!) { enrollInCohort(cohortId: $c, as: SWITCHER) { id } }',
    vars: (fx) => ({ c: fx.cohortId }),
    expect: onlyRole(['switcher']),
  },
  decideEnrollment: {
    doc: 'mutation ($e: ID!) { decideEnrollment(enrollmentId: $e, admit: false) { id } }',
    vars: (fx) => ({ e: fx.enrollmentApplied }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  withdrawEnrollment: {
    doc: 'mutation ($e: ID!) { withdrawEnrollment(enrollmentId: $e) { id } }',
    vars: (fx) => ({ e: fx.enrollmentApplied }),
    expect: signedIn('FORBIDDEN'),
  },
  completeMilestone: {
    doc: 'mutation ($m: ID!) { completeMilestone(milestoneId: $m, evidenceUrl: "https://example.org/prd") { status } }',
    vars: (fx) => ({ m: fx.milestoneId }),
    expect: signedIn('FORBIDDEN'),
  },
  verifyMilestone: {
    doc: 'mutation ($m: ID!, $s: ID!) { verifyMilestone(milestoneId: $m, switcherId: $s, verified: true) { status } }',
    vars: (fx) => ({ m: fx.milestoneId, s: fx.ownerSwitcher.id }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  // ------------------------------------------------------------ meetups
  createMeetup: {
    doc: 'mutation ($c: ID!, $s: DateTime!, $e: DateTime!) { createMeetup(input: { communityId: $c, title: "Matrix meetup", startsAt: $s, endsAt: $e, timeZone: "Europe/Berlin", onlineUrl: "https://meet.example.org/x", capacity: 10 }) { id } }',
    vars: (fx) => ({ c: fx.communityId, s: new Date(Date.now() + 9 * 86400_000).toISOString(), e: new Date(Date.now() + 9 * 86400_000 + 7200_000).toISOString() }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  cancelMeetup: {
    doc: 'mutation ($m: ID!) { cancelMeetup(meetupId: $m, reason: "Matrix") { id } }',
    vars: (fx) => ({ m: fx.meetupToCancel }),
    expect: signedIn('FORBIDDEN', { owningOrganizer: 'ALLOW', admin: 'ALLOW' }),
  },
  rsvp: {
    doc: 'mutation ($m: ID!) { rsvp(meetupId: $m) { status } }',
    vars: (fx) => ({ m: fx.meetupToJoin }),
    expect: signedIn('ALLOW'),
  },
  cancelRsvp: {
    // Only one's own RSVP can be cancelled; here only the owner switcher has one.
    doc: 'mutation ($m: ID!) { cancelRsvp(meetupId: $m) { status } }',
    vars: (fx) => ({ m: fx.meetupOfOwner }),
    expect: signedIn('NOT_FOUND'),
  },
  // ------------------------------------------------------------ referrals
  createReferralOpening: {
    doc: 'mutation { createReferralOpening(input: { company: "Matrix Inc", title: "AI PM", fieldSlug: "ai-product-management", skillSlugs: ["prd-writing"], remote: true }) { id } }',
    expect: onlyRole(['mentor']),
  },
  requestReferral: {
    doc: 'mutation ($o: ID!) { requestReferral(openingId: $o, note: "Matrix") { id } }',
    vars: (fx) => ({ o: fx.openingId }),
    expect: onlyRole(['switcher']),
  },
  updateReferralRequest: {
    doc: 'mutation ($r: ID!) { updateReferralRequest(requestId: $r, status: ACCEPTED) { id } }',
    vars: (fx) => ({ r: fx.referralRequestId }),
    expect: signedIn('NOT_FOUND'),
  },
  closeReferralOpening: {
    doc: 'mutation ($o: ID!) { closeReferralOpening(openingId: $o) { id } }',
    vars: (fx) => ({ o: fx.openingId }),
    expect: signedIn('FORBIDDEN', { admin: 'ALLOW' }),
  },
};

async function outcomeOf(api: TestApi, token: string | undefined, c: Case, fx: Fixtures, actor: Actor): Promise<Outcome | string> {
  const res = await api.gql(c.doc, { token, variables: c.vars ? await c.vars(fx, actor) : undefined });
  const error = res.errors?.[0];
  if (!error) return 'ALLOW';
  // An error without a path never reached a resolver: the document itself is wrong.
  if (!error.path) return `INVALID DOCUMENT (${error.message})`;
  const code = error.extensions?.code as string | undefined;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'NOT_FOUND') return code;
  // Past authorization: the call was judged on its merits.
  if (code === 'INTERNAL') return `INTERNAL (${error.message})`;
  return 'ALLOW';
}

async function fixtures(api: TestApi): Promise<Fixtures> {
  const gql = async (doc: string, token: string, variables?: Record<string, unknown>) => {
    const res = await api.gql(doc, { token, variables });
    if (res.errors) throw new Error(`${doc}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const login = await api.gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }', {
    variables: { e: ADMIN_EMAIL, p: ADMIN_PASSWORD },
  });
  const adminPayload = login.data!.login;
  const admin = { id: adminPayload.user.id, email: ADMIN_EMAIL, password: ADMIN_PASSWORD, accessToken: adminPayload.accessToken, refreshToken: adminPayload.refreshToken };

  const switcherProfile = 'mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }';
  const mentorProfile = 'mutation { upsertMentorProfile(input: { headline: "Owner", fieldSlugs: ["ai-product-management"], capacity: 5, skills: [] }) { capacity } }';
  const [switcher, mentor, otherOrganizer, owningOrganizer, ownerSwitcher, ownerMentor] = [
    await registerUser(api, { roles: ['SWITCHER'] }),
    await registerUser(api, { roles: ['MENTOR'] }),
    await registerUser(api, { roles: ['ORGANIZER'] }),
    await registerUser(api, { roles: ['ORGANIZER'] }),
    await registerUser(api, { roles: ['SWITCHER'] }),
    await registerUser(api, { roles: ['MENTOR'] }),
  ];
  await gql(switcherProfile, switcher.accessToken);
  await gql(switcherProfile, ownerSwitcher.accessToken);
  await gql(mentorProfile, mentor.accessToken);
  await gql(mentorProfile, ownerMentor.accessToken);
  await gql(
    'mutation { setWeeklyAvailability(timeZone: "UTC", rules: [{ weekday: 1, start: "00:00", end: "24:00" }, { weekday: 2, start: "00:00", end: "24:00" }, { weekday: 3, start: "00:00", end: "24:00" }, { weekday: 4, start: "00:00", end: "24:00" }, { weekday: 5, start: "00:00", end: "24:00" }, { weekday: 6, start: "00:00", end: "24:00" }, { weekday: 7, start: "00:00", end: "24:00" }]) { id } }',
    ownerMentor.accessToken,
  );
  await gql('mutation { setSchedulingSettings(input: { minimumNoticeMinutes: 0 }) }', ownerMentor.accessToken);

  // A mentorship with a session between the owners, and a pending request of theirs to another mentor.
  const first = await gql('mutation ($m: ID!) { requestMentorship(mentorId: $m) { id } }', ownerSwitcher.accessToken, { m: ownerMentor.id });
  const accepted = await gql('mutation ($id: ID!) { respondToMentorshipRequest(requestId: $id, accept: true) { mentorship { id } } }', ownerMentor.accessToken, {
    id: first.requestMentorship.id,
  });
  const mentorshipId = accepted.respondToMentorshipRequest.mentorship.id as string;
  const start = new Date(Date.now() + 3 * 86400_000);
  start.setUTCHours(10, 0, 0, 0);
  const session = await gql('mutation ($m: ID!, $s: DateTime!) { bookSession(mentorshipId: $m, start: $s) { id } }', ownerSwitcher.accessToken, {
    m: mentorshipId,
    s: start.toISOString(),
  });
  const secondMentor = await registerUser(api, { roles: ['MENTOR'] });
  await gql(mentorProfile, secondMentor.accessToken);
  const pending = await gql('mutation ($m: ID!) { requestMentorship(mentorId: $m) { id } }', ownerSwitcher.accessToken, { m: secondMentor.id });
  const [notification] = await api.db.query<{ id: string }>('SELECT id FROM notifications WHERE user_id = $1 LIMIT 1', [ownerMentor.id]);

  // Communities through the API: the owning organizer's public and invite-only ones, another organizer's.
  const extraOrganizer = await registerUser(api, { roles: ['ORGANIZER'] });
  const pendingMember = await registerUser(api, { roles: ['SWITCHER'] });
  const community = (await gql('mutation { createCommunity(input: { name: "Owned" }) { id } }', owningOrganizer.accessToken)).createCommunity;
  const inviteOnly = (await gql('mutation { createCommunity(input: { name: "Owned, invite only", visibility: INVITE_ONLY }) { id } }', owningOrganizer.accessToken))
    .createCommunity;
  await gql('mutation { createCommunity(input: { name: "Other" }) { id } }', otherOrganizer.accessToken);
  await gql('mutation ($c: ID!) { joinCommunity(communityId: $c) { id } }', pendingMember.accessToken, { c: inviteOnly.id });

  // A cohort with an admitted switcher who completed a milestone, and an open application.
  const cohort = (
    await gql(
      'mutation ($c: ID!) { createCohort(input: { communityId: $c, name: "Owned cohort", targetFieldSlug: "ai-product-management", startsOn: "2027-03-01", endsOn: "2027-08-31" }) { id milestones { id } } }',
      owningOrganizer.accessToken,
      { c: community.id },
    )
  ).createCohort;
  const admitted = (await gql('mutation ($c: ID!) { enrollInCohort(cohortId: $c, as: SWITCHER) { id } }', ownerSwitcher.accessToken, { c: cohort.id })).enrollInCohort;
  await gql('mutation ($e: ID!) { decideEnrollment(enrollmentId: $e, admit: true) { id } }', owningOrganizer.accessToken, { e: admitted.id });
  const applied = (await gql('mutation ($c: ID!) { enrollInCohort(cohortId: $c, as: MENTOR) { id } }', ownerMentor.accessToken, { c: cohort.id })).enrollInCohort;
  const milestoneId = cohort.milestones[0].id as string;
  await gql('mutation ($m: ID!) { completeMilestone(milestoneId: $m, evidenceUrl: "https://example.org/my-prd") { status } }', ownerSwitcher.accessToken, {
    m: milestoneId,
  });
  const [run] = await api.db.query<{ id: string }>(`INSERT INTO match_runs (cohort_id, mode, status, metrics) VALUES ($1, 'OPTIMAL', 'SUCCEEDED', '{}') RETURNING id`, [
    cohort.id,
  ]);

  // Meetups of the owned community: one to cancel, one to join, one only the owner switcher joined.
  const meetup = async (title: string) => {
    const startsAt = new Date(Date.now() + 8 * 86400_000);
    return (
      await gql(
        'mutation ($c: ID!, $t: String!, $s: DateTime!, $e: DateTime!) { createMeetup(input: { communityId: $c, title: $t, startsAt: $s, endsAt: $e, timeZone: "Europe/Berlin", location: "Berlin", capacity: 30 }) { id } }',
        owningOrganizer.accessToken,
        { c: community.id, t: title, s: startsAt.toISOString(), e: new Date(startsAt.getTime() + 2 * 3600_000).toISOString() },
      )
    ).createMeetup.id as string;
  };
  const [meetupToCancel, meetupToJoin, meetupOfOwner] = [await meetup('To cancel'), await meetup('To join'), await meetup('Owner only')];
  await gql('mutation ($m: ID!) { rsvp(meetupId: $m) { status } }', ownerSwitcher.accessToken, { m: meetupOfOwner });

  // A referral opening of the owner mentor with the owner switcher's request.
  const opening = (
    await gql(
      'mutation { createReferralOpening(input: { company: "Owned Inc", title: "AI PM", fieldSlug: "ai-product-management", skillSlugs: ["prd-writing"], remote: true }) { id } }',
      ownerMentor.accessToken,
    )
  ).createReferralOpening;
  const referral = (await gql('mutation ($o: ID!) { requestReferral(openingId: $o) { id } }', ownerSwitcher.accessToken, { o: opening.id })).requestReferral;
  return {
    admin,
    switcher,
    mentor,
    otherOrganizer,
    owningOrganizer,
    ownerSwitcher,
    ownerMentor,
    requestId: pending.requestMentorship.id,
    mentorshipId,
    sessionId: session.bookSession.id,
    communityId: community.id,
    cohortId: cohort.id,
    matchRunId: run.id,
    notificationId: notification.id,
    extraOrganizer,
    pendingMember,
    inviteOnlyId: inviteOnly.id,
    enrollmentApplied: applied.id,
    milestoneId,
    meetupToCancel,
    meetupToJoin,
    meetupOfOwner,
    openingId: opening.id,
    referralRequestId: referral.id,
  };
}

describe('authorization matrix', () => {
  let api: TestApi;
  let fx: Fixtures;

  beforeAll(async () => {
    api = await startTestApi({ BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD });
    fx = await fixtures(api);
  }, 60_000);
  afterAll(() => api.close());

  it('declares every mutation of the schema', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect(mutations.filter((name) => !(name in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((name) => !mutations.includes(name))).toEqual([]);
  });

  it('gives each caller exactly the declared outcome for every mutation', async () => {
    const token = (actor: Actor) => (actor === 'anonymous' ? undefined : fx[actor].accessToken);
    const mismatches: string[] = [];
    for (const [name, c] of Object.entries(MATRIX)) {
      for (const actor of ACTORS) {
        const got = await outcomeOf(api, token(actor), c, fx, actor);
        if (got !== c.expect[actor]) mismatches.push(`${name} as ${actor}: expected ${c.expect[actor]}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
