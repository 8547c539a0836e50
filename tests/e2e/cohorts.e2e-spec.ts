import { RegisteredUser, TestApi, registerUser, startTestApi } from '@switchyard/testing';

const CREATE_COMMUNITY = `mutation ($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }`;
const CREATE = `mutation ($input: CreateCohortInput!) { createCohort(input: $input) {
  id name startsOn endsOn seats seatsTaken viewerIsOrganizer targetField { slug } community { id }
  phases { stage startsOn endsOn } milestones { id stage position slug title titleEn titleZh } } }`;
const ENROLL = `mutation ($c: ID!, $as: EnrollmentRole!) { enrollInCohort(cohortId: $c, as: $as) {
  id role status appliedAt decidedAt user { id } cohort { id } } }`;
const DECIDE = `mutation ($e: ID!, $admit: Boolean!) { decideEnrollment(enrollmentId: $e, admit: $admit) { id status decidedAt } }`;
const WITHDRAW = `mutation ($e: ID!) { withdrawEnrollment(enrollmentId: $e) { id status } }`;
const COHORT = `query ($id: ID!) { cohort(id: $id) {
  id seats seatsTaken viewerIsOrganizer viewerEnrollment { id role status }
  enrollments { id role status user { id } } } }`;
const COMPLETE = `mutation ($m: ID!, $url: String!) { completeMilestone(milestoneId: $m, evidenceUrl: $url) {
  status evidenceUrl completedAt reviewedAt milestone { id } switcher { id } } }`;
const VERIFY = `mutation ($m: ID!, $s: ID!, $v: Boolean!) { verifyMilestone(milestoneId: $m, switcherId: $s, verified: $v) {
  status evidenceUrl reviewedAt reviewedBy { id } } }`;
const MY_MILESTONES = `query ($c: ID!) { myMilestones(cohortId: $c) { status evidenceUrl milestone { id stage title } } }`;
const ADD_MILESTONE = `mutation ($input: AddCohortMilestoneInput!) { addCohortMilestone(input: $input) { id stage position title titleZh } }`;
const DASHBOARD = `query ($c: ID!) { cohortDashboard(cohortId: $c) {
  seats seatsTaken mentorships sessionsHeld sessionsPlanned switchersWithoutRecentSessionCount
  cohort { id } enrollments { role status count }
  match { runId mode status totalScore meanScore minScore pairs unmatchedSwitchers published }
  milestones { stage milestones expected completed verified }
  switchersWithoutRecentSession { id } } }`;

const NO_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 24 * 3600 * 1000;

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

describe('cohorts', () => {
  let api: TestApi;
  let organizer: RegisteredUser;
  let otherOrganizer: RegisteredUser;
  let communityId: string;
  let inviteOnlyId: string;

  beforeAll(async () => {
    api = await startTestApi();
    organizer = await registerUser(api, { roles: ['ORGANIZER'] });
    otherOrganizer = await registerUser(api, { roles: ['ORGANIZER'] });
    communityId = (await api.gql(CREATE_COMMUNITY, { token: organizer.accessToken, variables: { input: { name: 'AI PM switchers' } } })).data!.createCommunity.id;
    inviteOnlyId = (
      await api.gql(CREATE_COMMUNITY, { token: organizer.accessToken, variables: { input: { name: 'Inner circle', visibility: 'INVITE_ONLY' } } })
    ).data!.createCommunity.id;
    await api.gql(CREATE_COMMUNITY, { token: otherOrganizer.accessToken, variables: { input: { name: 'Elsewhere' } } });
  });
  afterAll(() => api.close());

  async function switcher(overrides: Record<string, unknown> = {}): Promise<RegisteredUser> {
    const user = await registerUser(api, { roles: ['SWITCHER'], ...overrides });
    const res = await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management", goals: "cohort goals" }) { stage } }`, {
      token: user.accessToken,
    });
    expect(res.errors).toBeUndefined();
    return user;
  }

  async function mentor(): Promise<RegisteredUser> {
    const user = await registerUser(api, { roles: ['MENTOR'] });
    const res = await api.gql(
      `mutation { upsertMentorProfile(input: { headline: "AI PM", fieldSlugs: ["ai-product-management"], capacity: 3, skills: [] }) { capacity } }`,
      { token: user.accessToken },
    );
    expect(res.errors).toBeUndefined();
    return user;
  }

  async function cohort(input: Record<string, unknown> = {}, token = organizer.accessToken) {
    const res = await api.gql(CREATE, {
      token,
      variables: { input: { communityId, name: 'Spring cohort', targetFieldSlug: 'ai-product-management', startsOn: isoDate(10), endsOn: isoDate(190), ...input } },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.createCohort;
  }

  async function enroll(user: RegisteredUser, cohortId: string, as = 'SWITCHER') {
    const res = await api.gql(ENROLL, { token: user.accessToken, variables: { c: cohortId, as } });
    expect(res.errors).toBeUndefined();
    return res.data!.enrollInCohort;
  }

  async function admitted(cohortId: string, user: RegisteredUser, as = 'SWITCHER') {
    const enrollment = await enroll(user, cohortId, as);
    const res = await api.gql(DECIDE, { token: organizer.accessToken, variables: { e: enrollment.id, admit: true } });
    expect(res.errors).toBeUndefined();
    return enrollment;
  }

  async function cohortCount(): Promise<number> {
    return (await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cohorts'))[0].n;
  }

  describe('creating', () => {
    it('splits the dates in three phases and adds the default milestones in the viewer’s language', async () => {
      const created = await cohort({ startsOn: '2027-03-01', endsOn: '2027-03-30', seats: 12 });
      expect(created).toMatchObject({
        name: 'Spring cohort',
        startsOn: '2027-03-01',
        endsOn: '2027-03-30',
        seats: 12,
        seatsTaken: 0,
        viewerIsOrganizer: true,
        targetField: { slug: 'ai-product-management' },
        community: { id: communityId },
        phases: [
          { stage: 'KNOWLEDGE', startsOn: '2027-03-01', endsOn: '2027-03-10' },
          { stage: 'VALIDATION', startsOn: '2027-03-11', endsOn: '2027-03-20' },
          { stage: 'LEAP', startsOn: '2027-03-21', endsOn: '2027-03-30' },
        ],
      });
      expect(created.milestones.map((m: any) => [m.stage, m.position, m.slug])).toEqual([
        ['KNOWLEDGE', 1, 'prd'],
        ['KNOWLEDGE', 2, 'user-story-map'],
        ['VALIDATION', 1, 'competition'],
        ['VALIDATION', 2, 'open-source'],
        ['VALIDATION', 3, 'hackathon'],
        ['VALIDATION', 4, 'quantified-result'],
        ['LEAP', 1, 'blog-or-demo'],
        ['LEAP', 2, 'mock-interview'],
        ['LEAP', 3, 'referral'],
      ]);
      expect(created.milestones[0]).toMatchObject({ title: 'Write a PRD', titleEn: 'Write a PRD' });

      const zh = await registerUser(api, { roles: ['SWITCHER'], locale: 'zh-CN' });
      const seen = await api.gql(`query ($id: ID!) { cohort(id: $id) { seats viewerIsOrganizer milestones(stage: LEAP) { title } } }`, {
        token: zh.accessToken,
        variables: { id: created.id },
      });
      expect(seen.data!.cohort).toMatchObject({ seats: 12, viewerIsOrganizer: false });
      expect(seen.data!.cohort.milestones.map((m: any) => m.title)).toEqual(['发布一篇博客或演示视频', '通过一次模拟产品设计面试', '获得一次内推']);

      const community = await api.gql(`query ($id: ID!) { community(id: $id) { cohorts { id } } }`, { token: zh.accessToken, variables: { id: communityId } });
      expect(community.data!.community.cohorts.map((c: any) => c.id)).toContain(created.id);
    });

    it('keeps explicit phases that are contiguous and cover the cohort', async () => {
      const phases = [
        { stage: 'KNOWLEDGE', startsOn: '2027-03-01', endsOn: '2027-04-30' },
        { stage: 'VALIDATION', startsOn: '2027-05-01', endsOn: '2027-06-30' },
        { stage: 'LEAP', startsOn: '2027-07-01', endsOn: '2027-08-31' },
      ];
      const created = await cohort({ startsOn: '2027-03-01', endsOn: '2027-08-31', phases });
      expect(created.phases).toEqual(phases);
      expect(created.seats).toBeNull();
    });

    it('is for the community’s organizers, and refuses bad input field by field without creating anything', async () => {
      const before = await cohortCount();
      const input = { communityId, name: 'Not yours', targetFieldSlug: 'ai-product-management', startsOn: '2027-03-01', endsOn: '2027-08-31' };
      expect((await api.gql(CREATE, { variables: { input } })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await api.gql(CREATE, { token: otherOrganizer.accessToken, variables: { input } })).errors![0].extensions.code).toBe('FORBIDDEN');
      const member = await switcher();
      expect((await api.gql(CREATE, { token: member.accessToken, variables: { input } })).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await api.gql(CREATE, { token: organizer.accessToken, variables: { input: { ...input, communityId: NO_ID } } })).errors![0].extensions.code).toBe(
        'NOT_FOUND',
      );

      const bad = async (override: Record<string, unknown>) =>
        (await api.gql(CREATE, { token: organizer.accessToken, variables: { input: { ...input, ...override } } })).errors![0].extensions;
      expect(await bad({ targetFieldSlug: 'basket-weaving', endsOn: '2027-02-01' })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: ['input.targetFieldSlug', 'input.endsOn'],
      });
      expect(await bad({ endsOn: '2027-03-02' })).toMatchObject({ fields: ['input.endsOn'] });
      expect(await bad({ endsOn: '2030-01-01' })).toMatchObject({ fields: ['input.endsOn'] });
      expect(await bad({ seats: 0 })).toMatchObject({ fields: ['input.seats'] });
      expect(await bad({ seats: 1001 })).toMatchObject({ fields: ['input.seats'] });
      expect(await bad({ name: ' x ' })).toMatchObject({ fields: ['input.name'] });
      expect(await bad({ communityId: 'nope' })).toMatchObject({ fields: ['input.communityId'] });
      expect(
        await bad({
          phases: [
            { stage: 'KNOWLEDGE', startsOn: '2027-03-01', endsOn: '2027-04-30' },
            { stage: 'VALIDATION', startsOn: '2027-05-02', endsOn: '2027-06-30' },
            { stage: 'LEAP', startsOn: '2027-07-01', endsOn: '2027-09-01' },
          ],
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.phases.1.startsOn', 'input.phases.2.endsOn'] });
      expect(await bad({ phases: [{ stage: 'LEAP', startsOn: '2027-03-01', endsOn: '2027-08-31' }] })).toMatchObject({ fields: ['input.phases'] });
      expect((await bad({ startsOn: '2027-02-30' })).code).toBe('BAD_USER_INPUT');
      expect(await cohortCount()).toBe(before);
    });

    it('lets organizers add milestones at the end of a phase', async () => {
      const created = await cohort();
      const add = (input: Record<string, unknown>, token = organizer.accessToken) =>
        api.gql(ADD_MILESTONE, { token, variables: { input: { cohortId: created.id, stage: 'VALIDATION', title: 'Ship an AI feature at work', ...input } } });
      const added = await add({ titleZh: '在工作中上线一个 AI 功能' });
      expect(added.data!.addCohortMilestone).toMatchObject({ stage: 'VALIDATION', position: 5, title: 'Ship an AI feature at work', titleZh: '在工作中上线一个 AI 功能' });
      expect((await add({}, otherOrganizer.accessToken)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await add({ title: 'x' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.title'] });
      expect((await add({ cohortId: NO_ID })).errors![0].extensions.code).toBe('NOT_FOUND');
      const [{ n }] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cohort_milestones WHERE cohort_id = $1', [created.id]);
      expect(n).toBe(10);
    });
  });

  describe('enrollment', () => {
    it('takes applications, shows organizers everything and applicants their own, and lets organizers decide', async () => {
      const created = await cohort({ seats: 5 });
      const [a, b, m] = [await switcher(), await switcher(), await mentor()];
      const applied = await enroll(a, created.id);
      expect(applied).toMatchObject({ role: 'SWITCHER', status: 'APPLIED', decidedAt: null, user: { id: a.id }, cohort: { id: created.id } });
      expect((await enroll(a, created.id)).id).toBe(applied.id); // applying twice changes nothing
      await enroll(b, created.id);
      const asMentor = await enroll(m, created.id, 'MENTOR');
      expect(asMentor).toMatchObject({ role: 'MENTOR', status: 'APPLIED' });

      // Enrolling in a public community's cohort makes you a member.
      const [{ status }] = await api.db.query<{ status: string }>('SELECT status FROM community_members WHERE community_id = $1 AND user_id = $2', [
        communityId,
        a.id,
      ]);
      expect(status).toBe('ACTIVE');

      const orgView = await api.gql(COHORT, { token: organizer.accessToken, variables: { id: created.id } });
      expect(orgView.data!.cohort.enrollments.map((e: any) => e.user.id)).toEqual([a.id, b.id, m.id]);
      const ownView = await api.gql(COHORT, { token: a.accessToken, variables: { id: created.id } });
      expect(ownView.data!.cohort).toMatchObject({ viewerEnrollment: { id: applied.id, status: 'APPLIED' }, enrollments: [{ id: applied.id }] });
      const strangerView = await api.gql(COHORT, { token: otherOrganizer.accessToken, variables: { id: created.id } });
      expect(strangerView.data!.cohort).toMatchObject({ viewerEnrollment: null, enrollments: [], viewerIsOrganizer: false });

      // Organizers of the cohort's community see applicants' switcher profiles; organizers elsewhere do not.
      const profiles = `query ($id: ID!) { cohort(id: $id) { enrollments(role: SWITCHER) { user { switcherProfile { goals } } } } }`;
      const visible = await api.gql(profiles, { token: organizer.accessToken, variables: { id: created.id } });
      expect(visible.errors).toBeUndefined();
      expect(visible.data!.cohort.enrollments.map((e: any) => e.user.switcherProfile.goals)).toEqual(['cohort goals', 'cohort goals']);
      const profileOf = `query ($id: ID!) { user(id: $id) { switcherProfile { goals } } }`;
      expect((await api.gql(profileOf, { token: otherOrganizer.accessToken, variables: { id: a.id } })).errors![0].extensions.code).toBe('FORBIDDEN');

      // Deciding is for this community's organizers.
      const decide = (token: string | undefined, admit = true, e = applied.id) => api.gql(DECIDE, { token, variables: { e, admit } });
      expect((await decide(undefined)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await decide(otherOrganizer.accessToken)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await decide(a.accessToken)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await decide(organizer.accessToken, true, NO_ID)).errors![0].extensions.code).toBe('NOT_FOUND');
      expect((await decide(organizer.accessToken, true, 'nope')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['enrollmentId'] });

      const admittedA = await decide(organizer.accessToken);
      expect(admittedA.data!.decideEnrollment).toMatchObject({ status: 'ADMITTED', decidedAt: expect.any(String) });
      expect((await decide(organizer.accessToken, false)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_APPLIED' });
      const [note] = await api.db.query<{ title: string; data: Record<string, string> }>(
        `SELECT title, data FROM notifications WHERE user_id = $1 AND kind = 'cohort.admitted'`,
        [a.id],
      );
      expect(note).toMatchObject({ title: 'You are admitted to Spring cohort', data: { cohortId: created.id, enrollmentId: applied.id } });
      expect((await decide(organizer.accessToken, true, asMentor.id)).data!.decideEnrollment.status).toBe('ADMITTED');
      const after = await api.gql(COHORT, { token: organizer.accessToken, variables: { id: created.id } });
      expect(after.data!.cohort.seatsTaken).toBe(1); // mentors take no seats

      // Withdrawing is for the applicant; re-applying after a withdrawal works, after a rejection it does not.
      expect((await api.gql(WITHDRAW, { token: organizer.accessToken, variables: { e: applied.id } })).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await api.gql(WITHDRAW, { token: a.accessToken, variables: { e: applied.id } })).data!.withdrawEnrollment.status).toBe('WITHDRAWN');
      expect((await api.gql(WITHDRAW, { token: a.accessToken, variables: { e: applied.id } })).data!.withdrawEnrollment.status).toBe('WITHDRAWN');
      expect((await api.gql(COHORT, { token: organizer.accessToken, variables: { id: created.id } })).data!.cohort.seatsTaken).toBe(0);
      const again = await enroll(a, created.id);
      expect(again).toMatchObject({ id: applied.id, status: 'APPLIED', decidedAt: null });
      expect((await decide(organizer.accessToken, false)).data!.decideEnrollment.status).toBe('REJECTED');
      const refused = await api.gql(ENROLL, { token: a.accessToken, variables: { c: created.id, as: 'SWITCHER' } });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'REJECTED' });
      const [rejected] = await api.db.query<{ title: string }>(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'cohort.rejected'`, [a.id]);
      expect(rejected.title).toContain('Spring cohort');
    });

    it('needs the role and its profile, membership of an invite-only community, one role per person and a cohort that has not ended', async () => {
      const created = await cohort();
      const noProfile = await registerUser(api, { roles: ['SWITCHER'] });
      expect((await api.gql(ENROLL, { token: noProfile.accessToken, variables: { c: created.id, as: 'SWITCHER' } })).errors![0].extensions.code).toBe(
        'NOT_FOUND',
      );
      const m = await mentor();
      expect((await api.gql(ENROLL, { token: m.accessToken, variables: { c: created.id, as: 'SWITCHER' } })).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await api.gql(ENROLL, { variables: { c: created.id, as: 'SWITCHER' } })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await api.gql(ENROLL, { token: m.accessToken, variables: { c: NO_ID, as: 'MENTOR' } })).errors![0].extensions.code).toBe('NOT_FOUND');

      const both = await registerUser(api, { roles: ['SWITCHER', 'MENTOR'] });
      await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, { token: both.accessToken });
      await api.gql(`mutation { upsertMentorProfile(input: { headline: "Both", fieldSlugs: ["ai-product-management"], capacity: 1, skills: [] }) { capacity } }`, {
        token: both.accessToken,
      });
      await enroll(both, created.id, 'SWITCHER');
      const twoRoles = await api.gql(ENROLL, { token: both.accessToken, variables: { c: created.id, as: 'MENTOR' } });
      expect(twoRoles.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OTHER_ROLE' });

      const closed = await cohort({ communityId: inviteOnlyId });
      const outsider = await switcher();
      expect((await api.gql(ENROLL, { token: outsider.accessToken, variables: { c: closed.id, as: 'SWITCHER' } })).errors![0].extensions.code).toBe('FORBIDDEN');
      await api.gql(`mutation ($id: ID!) { joinCommunity(communityId: $id) { id } }`, { token: outsider.accessToken, variables: { id: inviteOnlyId } });
      expect((await api.gql(ENROLL, { token: outsider.accessToken, variables: { c: closed.id, as: 'SWITCHER' } })).errors![0].extensions.code).toBe('FORBIDDEN');
      await api.gql(`mutation ($c: ID!, $u: ID!) { decideCommunityMember(communityId: $c, userId: $u, approve: true) { id } }`, {
        token: organizer.accessToken,
        variables: { c: inviteOnlyId, u: outsider.id },
      });
      expect((await enroll(outsider, closed.id)).status).toBe('APPLIED');

      const past = await cohort({ startsOn: isoDate(-100), endsOn: isoDate(-10) });
      const late = await api.gql(ENROLL, { token: outsider.accessToken, variables: { c: past.id, as: 'SWITCHER' } });
      expect(late.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'COHORT_ENDED' });
    });

    it('admits exactly as many switchers as there are seats when 30 admissions race for 10 seats', async () => {
      const created = await cohort({ seats: 10 });
      const applicants: RegisteredUser[] = [];
      for (let i = 0; i < 30; i++) applicants.push(await switcher());
      const enrollments = await Promise.all(applicants.map((a) => enroll(a, created.id)));
      const results = await Promise.all(enrollments.map((e) => api.gql(DECIDE, { token: organizer.accessToken, variables: { e: e.id, admit: true } })));
      expect(results.filter((r) => r.data?.decideEnrollment?.status === 'ADMITTED')).toHaveLength(10);
      const full = results.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT');
      expect(full).toHaveLength(20);
      for (const r of full) expect(r.errors![0].extensions).toMatchObject({ reason: 'COHORT_FULL', seats: 10 });
      const rows = await api.db.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM cohort_enrollments WHERE cohort_id = $1 GROUP BY status ORDER BY status`,
        [created.id],
      );
      expect(rows).toEqual([
        { status: 'ADMITTED', n: 10 },
        { status: 'APPLIED', n: 20 },
      ]);
      // Mentors take no seats: a full cohort still admits them.
      const m = await mentor();
      const mentorEnrollment = await enroll(m, created.id, 'MENTOR');
      expect((await api.gql(DECIDE, { token: organizer.accessToken, variables: { e: mentorEnrollment.id, admit: true } })).data!.decideEnrollment.status).toBe(
        'ADMITTED',
      );
      // A freed seat can be given again.
      const winner = enrollments.find((_, i) => results[i].data?.decideEnrollment?.status === 'ADMITTED')!;
      const winnerUser = applicants[enrollments.indexOf(winner)];
      await api.gql(WITHDRAW, { token: winnerUser.accessToken, variables: { e: winner.id } });
      const loser = enrollments.find((_, i) => results[i].errors)!;
      expect((await api.gql(DECIDE, { token: organizer.accessToken, variables: { e: loser.id, admit: true } })).data!.decideEnrollment.status).toBe('ADMITTED');
    });
  });

  describe('milestones and the dashboard', () => {
    it('lets admitted switchers submit evidence and their cohort mentor or an organizer verify it', async () => {
      const created = await cohort();
      const [prd, map] = created.milestones;
      const [s, other] = [await switcher(), await switcher()];
      const [m, strangerMentor] = [await mentor(), await mentor()];
      await admitted(created.id, s);
      await admitted(created.id, m, 'MENTOR');
      await api.db.query('INSERT INTO mentorships (mentor_id, switcher_id, cohort_id) VALUES ($1, $2, $3)', [m.id, s.id, created.id]);
      const url = 'https://github.com/someone/prd/blob/main/PRD.md';

      const complete = (user: RegisteredUser, milestone: string, evidence = url) =>
        api.gql(COMPLETE, { token: user.accessToken, variables: { m: milestone, url: evidence } });
      expect((await complete(s, prd.id, 'javascript:alert(1)')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['evidenceUrl'] });
      expect((await complete(s, prd.id, `https://example.org/${'a'.repeat(2000)}`)).errors![0].extensions.fields).toEqual(['evidenceUrl']);
      expect((await complete(other, prd.id)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await complete(s, NO_ID)).errors![0].extensions.code).toBe('NOT_FOUND');

      const done = await complete(s, prd.id);
      expect(done.data!.completeMilestone).toMatchObject({ status: 'SUBMITTED', evidenceUrl: url, reviewedAt: null, milestone: { id: prd.id }, switcher: { id: s.id } });
      const [told] = await api.db.query<{ data: Record<string, string> }>(`SELECT data FROM notifications WHERE user_id = $1 AND kind = 'cohort.milestone_submitted'`, [
        m.id,
      ]);
      expect(told.data).toEqual({ cohortId: created.id, milestoneId: prd.id, switcherId: s.id });
      const better = await complete(s, prd.id, 'https://example.org/prd-v2');
      expect(better.data!.completeMilestone).toMatchObject({ status: 'SUBMITTED', evidenceUrl: 'https://example.org/prd-v2' });

      const verify = (token: string, verified: boolean, milestone = prd.id, switcherId = s.id) =>
        api.gql(VERIFY, { token, variables: { m: milestone, s: switcherId, v: verified } });
      expect((await verify(strangerMentor.accessToken, true)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await verify(otherOrganizer.accessToken, true)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await verify(s.accessToken, true)).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await verify(organizer.accessToken, true, map.id)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_COMPLETED' });

      const rejected = await verify(organizer.accessToken, false);
      expect(rejected.data!.verifyMilestone).toMatchObject({ status: 'REJECTED', reviewedBy: { id: organizer.id } });
      expect((await complete(s, prd.id, 'https://example.org/prd-v3')).data!.completeMilestone.status).toBe('SUBMITTED');
      const verified = await verify(m.accessToken, true);
      expect(verified.data!.verifyMilestone).toMatchObject({ status: 'VERIFIED', evidenceUrl: 'https://example.org/prd-v3', reviewedBy: { id: m.id } });
      expect((await complete(s, prd.id)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_VERIFIED' });
      const [verifiedNote] = await api.db.query<{ title: string }>(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'cohort.milestone_verified'`, [
        s.id,
      ]);
      expect(verifiedNote.title).toBe('Milestone verified: Write a PRD');

      const mine = await api.gql(MY_MILESTONES, { token: s.accessToken, variables: { c: created.id } });
      expect(mine.data!.myMilestones).toHaveLength(9);
      expect(mine.data!.myMilestones[0]).toMatchObject({ status: 'VERIFIED', milestone: { id: prd.id, stage: 'KNOWLEDGE' } });
      expect(mine.data!.myMilestones.slice(1).every((p: any) => p.status === 'NOT_STARTED' && p.evidenceUrl === null)).toBe(true);

      const progressOf = `query ($c: ID!, $s: ID) { cohort(id: $c) { progress(switcherId: $s) { status } } }`;
      expect((await api.gql(progressOf, { token: m.accessToken, variables: { c: created.id, s: s.id } })).data!.cohort.progress[0].status).toBe('VERIFIED');
      expect((await api.gql(progressOf, { token: organizer.accessToken, variables: { c: created.id, s: s.id } })).errors).toBeUndefined();
      expect((await api.gql(progressOf, { token: other.accessToken, variables: { c: created.id, s: s.id } })).errors![0].extensions.code).toBe('FORBIDDEN');
    });

    it('gives organizers enrollment, match, milestone and session figures, and who has had no session for 14 days', async () => {
      const created = await cohort({ seats: 3, startsOn: isoDate(-30), endsOn: isoDate(150) });
      const [busy, idle, pastOnly] = [await switcher(), await switcher(), await switcher()];
      const applicant = await switcher();
      const m = await mentor();
      for (const s of [busy, idle, pastOnly]) await admitted(created.id, s);
      await enroll(applicant, created.id);
      await admitted(created.id, m, 'MENTOR');

      const [run] = await api.db.query<{ id: string }>(
        `INSERT INTO match_runs (cohort_id, mode, status, metrics, finished_at, published_at)
         VALUES ($1, 'OPTIMAL', 'PUBLISHED', '{"totalScore": 150.5, "meanScore": 75.25, "minScore": 70, "unmatchedSwitchers": 1}', now(), now()) RETURNING id`,
        [created.id],
      );
      await api.db.query('INSERT INTO match_pairs (run_id, switcher_id, mentor_id, score) VALUES ($1, $2, $4, 80.5), ($1, $3, $4, 70)', [
        run.id,
        busy.id,
        idle.id,
        m.id,
      ]);
      const mentorships: Record<string, string> = {};
      for (const s of [busy, idle, pastOnly]) {
        const [row] = await api.db.query<{ id: string }>('INSERT INTO mentorships (mentor_id, switcher_id, cohort_id) VALUES ($1, $2, $3) RETURNING id', [
          m.id,
          s.id,
          created.id,
        ]);
        mentorships[s.id] = row.id;
      }
      const session = (s: RegisteredUser, daysAgo: number, status: string) =>
        api.db.query(
          `INSERT INTO mentoring_sessions (mentorship_id, mentor_id, switcher_id, starts_at, ends_at, status, mentor_time_zone)
           VALUES ($1, $2, $3, now() - make_interval(days => $4), now() - make_interval(days => $4) + interval '1 hour', $5, 'Europe/Berlin')`,
          [mentorships[s.id], m.id, s.id, daysAgo, status],
        );
      await session(busy, 3, 'COMPLETED');
      await session(busy, -5, 'SCHEDULED'); // upcoming: planned, not held
      await session(idle, 20, 'COMPLETED'); // too long ago
      await session(idle, 2, 'CANCELLED');
      await session(pastOnly, 1, 'SCHEDULED'); // past but not yet marked: counts as happened
      await session(pastOnly, 7, 'NO_SHOW');

      const [knowledge] = (await api.gql(`query ($id: ID!) { cohort(id: $id) { milestones(stage: KNOWLEDGE) { id } } }`, {
        token: organizer.accessToken,
        variables: { id: created.id },
      })).data!.cohort.milestones;
      await api.gql(COMPLETE, { token: busy.accessToken, variables: { m: knowledge.id, url: 'https://example.org/a' } });
      await api.gql(COMPLETE, { token: idle.accessToken, variables: { m: knowledge.id, url: 'https://example.org/b' } });
      await api.gql(VERIFY, { token: m.accessToken, variables: { m: knowledge.id, s: busy.id, v: true } });

      const res = await api.gql(DASHBOARD, { token: organizer.accessToken, variables: { c: created.id } });
      expect(res.errors).toBeUndefined();
      const dashboard = res.data!.cohortDashboard;
      expect(dashboard).toMatchObject({
        cohort: { id: created.id },
        seats: 3,
        seatsTaken: 3,
        mentorships: 3,
        sessionsHeld: 2,
        sessionsPlanned: 5,
        switchersWithoutRecentSessionCount: 1,
        switchersWithoutRecentSession: [{ id: idle.id }],
        match: { runId: run.id, mode: 'OPTIMAL', status: 'PUBLISHED', totalScore: 150.5, meanScore: 75.25, minScore: 70, pairs: 2, unmatchedSwitchers: 1, published: true },
        milestones: [
          { stage: 'KNOWLEDGE', milestones: 2, expected: 6, completed: 2, verified: 1 },
          { stage: 'VALIDATION', milestones: 4, expected: 12, completed: 0, verified: 0 },
          { stage: 'LEAP', milestones: 3, expected: 9, completed: 0, verified: 0 },
        ],
      });
      expect(dashboard.enrollments).toHaveLength(8);
      expect(dashboard.enrollments).toEqual(
        expect.arrayContaining([
          { role: 'SWITCHER', status: 'ADMITTED', count: 3 },
          { role: 'SWITCHER', status: 'APPLIED', count: 1 },
          { role: 'SWITCHER', status: 'REJECTED', count: 0 },
          { role: 'MENTOR', status: 'ADMITTED', count: 1 },
        ]),
      );

      expect((await api.gql(DASHBOARD, { token: otherOrganizer.accessToken, variables: { c: created.id } })).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await api.gql(DASHBOARD, { token: busy.accessToken, variables: { c: created.id } })).errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await api.gql(DASHBOARD, { token: organizer.accessToken, variables: { c: NO_ID } })).errors![0].extensions.code).toBe('NOT_FOUND');

      const fresh = await cohort();
      const empty = await api.gql(DASHBOARD, { token: organizer.accessToken, variables: { c: fresh.id } });
      expect(empty.data!.cohortDashboard).toMatchObject({ match: null, seatsTaken: 0, sessionsHeld: 0, sessionsPlanned: 0, switchersWithoutRecentSession: [] });
    });
  });
});
