import { RegisteredUser, TestApi, registerUser, startTestApi, startTestWorker } from '@switchyard/testing';

const RUN = `mutation ($cohortId: ID!, $mode: MatchMode!, $minScore: Float) {
  runCohortMatching(cohortId: $cohortId, mode: $mode, minScore: $minScore) { id status mode }
}`;
const GET = `query ($id: ID!) {
  matchRun(id: $id) {
    id status mode totalScore meanScore minScore p10Score unmatchedSwitchers blockingPairs greedyTotalScore durationMs
    mentorLoadSpread { min max stddev }
    cohort { id name targetField { slug } }
    pairs { score switcher { id } mentor { id } }
  }
}`;
const PUBLISH = `mutation ($id: ID!) { publishMatchRun(matchRunId: $id) { id status } }`;

describe('cohort matching (real worker)', () => {
  let api: TestApi;
  let worker: { close(): Promise<void> };
  let organizer: RegisteredUser;
  let cohortId: string;
  const mentors: RegisteredUser[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api);
    organizer = await registerUser(api, { roles: ['ORGANIZER'] });
    const [community] = await api.db.query<{ id: string }>(`INSERT INTO communities (name, created_by) VALUES ('AI PM switchers', $1) RETURNING id`, [organizer.id]);
    await api.db.query('INSERT INTO community_organizers (community_id, user_id) VALUES ($1, $2)', [community.id, organizer.id]);
    const [cohort] = await api.db.query<{ id: string }>(
      `INSERT INTO cohorts (community_id, name, target_field_id, starts_on, ends_on)
       SELECT $1, 'Spring cohort', id, '2027-03-01', '2027-08-31' FROM fields WHERE slug = 'ai-product-management' RETURNING id`,
      [community.id],
    );
    cohortId = cohort.id;
    const skills = ['prd-writing', 'ab-testing', 'monetisation-models', 'layered-communication', 'model-selection'];
    for (let i = 0; i < 3; i++) {
      const m = await registerUser(api, { roles: ['MENTOR'], languages: ['en'] });
      await api.gql(`mutation ($input: MentorProfileInput!) { upsertMentorProfile(input: $input) { capacity } }`, {
        token: m.accessToken,
        variables: {
          input: {
            headline: `Mentor ${i}`,
            fieldSlugs: ['ai-product-management'],
            capacity: i + 1,
            skills: skills.map((skillSlug, j) => ({ skillSlug, level: (i + j) % 6 })),
          },
        },
      });
      mentors.push(m);
    }
    const switchers: RegisteredUser[] = [];
    for (let i = 0; i < 8; i++) {
      const s = await registerUser(api, { roles: ['SWITCHER'], languages: ['en'] });
      await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management", currentFieldSlug: "backend-engineering" }) { stage } }`, {
        token: s.accessToken,
      });
      await api.gql(`mutation ($r: [SkillRatingInput!]!) { rateSkills(ratings: $r) { stage } }`, {
        token: s.accessToken,
        variables: { r: skills.map((skillSlug, j) => ({ skillSlug, level: (i * 3 + j) % 4 })) },
      });
      switchers.push(s);
    }
    await api.db.query(
      `INSERT INTO cohort_enrollments (cohort_id, user_id, role, status)
       SELECT $1::uuid, unnest($2::uuid[]), 'MENTOR', 'ADMITTED' UNION ALL SELECT $1::uuid, unnest($3::uuid[]), 'SWITCHER', 'ADMITTED'`,
      [cohortId, mentors.map((m) => m.id), switchers.map((s) => s.id)],
    );
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  async function finished(runId: string) {
    for (let i = 0; i < 100; i++) {
      const res = await api.gql(GET, { token: organizer.accessToken, variables: { id: runId } });
      if (['SUCCEEDED', 'FAILED'].includes(res.data?.matchRun?.status)) return res.data!.matchRun;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('match run did not finish');
  }

  it('solves OPTIMAL and STABLE in the worker within capacities, with metrics', async () => {
    const runs: Record<string, any> = {};
    for (const mode of ['OPTIMAL', 'STABLE']) {
      const started = await api.gql(RUN, { token: organizer.accessToken, variables: { cohortId, mode } });
      expect(started.data!.runCohortMatching).toMatchObject({ status: 'QUEUED', mode });
      const run = await finished(started.data!.runCohortMatching.id);
      expect(run.status).toBe('SUCCEEDED');
      expect(run.pairs).toHaveLength(6); // capacities 1 + 2 + 3 for 8 switchers
      expect(run.unmatchedSwitchers).toBe(2);
      for (const [i, m] of mentors.entries()) expect(run.pairs.filter((p: any) => p.mentor.id === m.id).length).toBeLessThanOrEqual(i + 1);
      expect(new Set(run.pairs.map((p: any) => p.switcher.id)).size).toBe(6);
      expect(run.totalScore).toBeCloseTo(run.pairs.reduce((sum: number, p: any) => sum + p.score, 0), 3);
      expect(run.cohort).toMatchObject({ id: cohortId, targetField: { slug: 'ai-product-management' } });
      expect(run.durationMs).toEqual(expect.any(Number));
      runs[mode] = run;
    }
    expect(runs.OPTIMAL.totalScore).toBeGreaterThanOrEqual(runs.STABLE.totalScore - 1e-6);
    expect(runs.OPTIMAL.totalScore).toBeGreaterThanOrEqual(runs.OPTIMAL.greedyTotalScore - 1e-6);
    expect(runs.STABLE.blockingPairs).toBe(0);
  });

  it('is for the cohort organizers only', async () => {
    const other = await registerUser(api, { roles: ['ORGANIZER'] });
    expect((await api.gql(RUN, { token: other.accessToken, variables: { cohortId, mode: 'OPTIMAL' } })).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(RUN, { token: organizer.accessToken, variables: { cohortId, mode: 'OPTIMAL', minScore: 101 } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['minScore'],
    });
  });

  it('publishes all or nothing', async () => {
    const started = await api.gql(RUN, { token: organizer.accessToken, variables: { cohortId, mode: 'OPTIMAL' } });
    const run = await finished(started.data!.runCohortMatching.id);

    // A mentor lowers their capacity after the run: publishing must create nothing.
    await api.db.query('UPDATE mentor_profiles SET capacity = 0 WHERE user_id = $1', [mentors[2].id]);
    const refused = await api.gql(PUBLISH, { token: organizer.accessToken, variables: { id: run.id } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'AT_CAPACITY' });
    const [{ n: none }] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mentorships WHERE cohort_id = $1', [cohortId]);
    expect(none).toBe(0);

    await api.db.query('UPDATE mentor_profiles SET capacity = 3 WHERE user_id = $1', [mentors[2].id]);
    const published = await api.gql(PUBLISH, { token: organizer.accessToken, variables: { id: run.id } });
    expect(published.data!.publishMatchRun.status).toBe('PUBLISHED');
    const [{ n }] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mentorships WHERE cohort_id = $1', [cohortId]);
    expect(n).toBe(run.pairs.length);
    expect((await api.gql(PUBLISH, { token: organizer.accessToken, variables: { id: run.id } })).errors![0].extensions.code).toBe('CONFLICT');

    // Publishing triggers background scheduling of every new pair; these mentors published no hours, so both sides are told why.
    for (let i = 0; i < 100; i++) {
      const [{ pending }] = await api.db.query<{ pending: number }>(
        'SELECT count(*)::int AS pending FROM mentorships WHERE cohort_id = $1 AND scheduling_problem IS NULL',
        [cohortId],
      );
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const problems = await api.db.query<{ scheduling_problem: string }>('SELECT scheduling_problem FROM mentorships WHERE cohort_id = $1', [cohortId]);
    expect(problems.map((p) => p.scheduling_problem)).toEqual(run.pairs.map(() => 'NO_AVAILABILITY'));
  });
});
