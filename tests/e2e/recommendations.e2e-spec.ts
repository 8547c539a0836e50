import { FeaturesRepository } from '../../libs/matching/src/features.repository';
import { RegisteredUser, TestApi, registerUser, startTestApi } from '@switchyard/testing';

const RECOMMEND = `query ($first: Int) {
  mentorRecommendations(first: $first) {
    score overlapMinutesPerWeek explanation
    components { key label value weight detail }
    mentor { id displayName }
  }
}`;

describe('mentor recommendations', () => {
  let api: TestApi;
  let switcher: RegisteredUser;

  async function mentor(name: string, input: Record<string, unknown>, user: Record<string, unknown> = {}) {
    const m = await registerUser(api, { roles: ['MENTOR'], displayName: name, timeZone: 'Asia/Shanghai', languages: ['zh', 'en'], ...user });
    const res = await api.gql(`mutation ($input: MentorProfileInput!) { upsertMentorProfile(input: $input) { capacity } }`, {
      token: m.accessToken,
      variables: { input: { headline: name, fieldSlugs: ['ai-product-management'], capacity: 3, skills: [], ...input } },
    });
    expect(res.errors).toBeUndefined();
    return m;
  }

  beforeAll(async () => {
    api = await startTestApi();
    switcher = await registerUser(api, { roles: ['SWITCHER'], timeZone: 'Asia/Shanghai', languages: ['zh', 'en'] });
    await api.gql(
      `mutation { upsertSwitcherProfile(input: { currentFieldSlug: "backend-engineering", targetFieldSlug: "ai-product-management",
         preferredWindows: [{ weekday: 2, start: "19:00", end: "22:00" }, { weekday: 4, start: "19:00", end: "22:00" }] }) { stage } }`,
      { token: switcher.accessToken },
    );
    await api.gql(`mutation { rateSkills(ratings: [{ skillSlug: "prd-writing", level: 1 }, { skillSlug: "backend-development", level: 5 }]) { stage } }`, {
      token: switcher.accessToken,
    });
  });
  afterAll(() => api.close());

  it('ranks mentors with explained components and hard filters', async () => {
    const strong = await mentor('Strong', {
      switchedFromFieldSlug: 'backend-engineering',
      skills: [
        { skillSlug: 'prd-writing', level: 5 },
        { skillSlug: 'ab-testing', level: 5 },
        { skillSlug: 'monetisation-models', level: 5 },
        { skillSlug: 'layered-communication', level: 5 },
      ],
    });
    // Availability is set by the scheduling feature; arrange it directly: Tuesday evening in Shanghai.
    await api.db.query(`INSERT INTO availability_rules (mentor_id, weekday, start_minute, end_minute, time_zone) VALUES ($1, 2, 1140, 1320, 'Asia/Shanghai')`, [strong.id]);
    const weak = await mentor('Weak', { fieldSlugs: ['data-engineering'], skills: [{ skillSlug: 'prd-writing', level: 2 }] });
    await mentor('Closed', { acceptingMentees: false });
    await mentor('Full', { capacity: 0 });
    await mentor('Monolingual', {}, { languages: ['de'] });

    // The availability row went in behind the index's back; a profile save tells it.
    await api.gql(`mutation { upsertMentorProfile(input: { headline: "Strong", fieldSlugs: ["ai-product-management"], switchedFromFieldSlug: "backend-engineering", capacity: 3,
      skills: [{ skillSlug: "prd-writing", level: 5 }, { skillSlug: "ab-testing", level: 5 }, { skillSlug: "monetisation-models", level: 5 }, { skillSlug: "layered-communication", level: 5 }] }) { capacity } }`, {
      token: strong.accessToken,
    });

    const res = await api.gql(RECOMMEND, { token: switcher.accessToken, variables: { first: 10 } });
    expect(res.errors).toBeUndefined();
    const matches = res.data!.mentorRecommendations;
    expect(matches.map((m: any) => m.mentor.displayName)).toEqual(['Strong', 'Weak']);
    const [best] = matches;
    expect(best.score).toBeGreaterThan(matches[1].score);
    expect(best.score).toBeLessThanOrEqual(100);
    expect(best.overlapMinutesPerWeek).toBe(180);
    expect(best.components.map((c: any) => c.key)).toEqual(['gapCoverage', 'fieldFit', 'sameSwitch', 'timeOverlap', 'language', 'load', 'reliability']);
    for (const c of best.components) {
      expect(c.value).toBeGreaterThanOrEqual(0);
      expect(c.value).toBeLessThanOrEqual(1);
      expect(c.detail.length).toBeGreaterThan(5);
    }
    expect(best.components.find((c: any) => c.key === 'sameSwitch').value).toBe(1);
    expect(best.explanation.length).toBeGreaterThan(20);

    // Asking removes the mentor from the list (already requested).
    await api.gql(`mutation ($id: ID!) { requestMentorship(mentorId: $id) { id } }`, { token: switcher.accessToken, variables: { id: strong.id } });
    const after = await api.gql(RECOMMEND, { token: switcher.accessToken, variables: { first: 10 } });
    expect(after.data!.mentorRecommendations.map((m: any) => m.mentor.displayName)).toEqual(['Weak']);

    // A mentor who stops accepting leaves the list at once.
    await api.gql(`mutation { upsertMentorProfile(input: { headline: "Weak", fieldSlugs: ["data-engineering"], capacity: 3, acceptingMentees: false, skills: [] }) { capacity } }`, {
      token: weak.accessToken,
    });
    expect((await api.gql(RECOMMEND, { token: switcher.accessToken })).data!.mentorRecommendations).toEqual([]);
  });

  it('explains in the viewer\u2019s language', async () => {
    const zh = await registerUser(api, { roles: ['SWITCHER'], locale: 'zh-CN', languages: ['zh'] });
    await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, { token: zh.accessToken });
    await mentor('Zh mentor', { skills: [{ skillSlug: 'prd-writing', level: 5 }] });
    const res = await api.gql(RECOMMEND, { token: zh.accessToken, variables: { first: 1 } });
    expect(res.data!.mentorRecommendations[0].explanation).toMatch(/[\u4e00-\u9fff]/);
  });

  it('loads a whole cohort of switchers in one statement, as one at a time would, in the order asked', async () => {
    const features = api.app.get(FeaturesRepository);
    const other = await registerUser(api, { roles: ['SWITCHER'], timeZone: 'Europe/Berlin', languages: ['de'] });
    await api.gql(`mutation { upsertSwitcherProfile(input: { targetFieldSlug: "ai-product-management" }) { stage } }`, { token: other.accessToken });
    const noProfile = await registerUser(api, { roles: ['MENTOR'] });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const one = [await features.switcher(other.id), await features.switcher(switcher.id)];
    expect(one.every((s) => s !== null)).toBe(true);
    expect(await features.switcher(noProfile.id)).toBeNull();
    expect(await features.switchers([other.id, noProfile.id, unknown, switcher.id])).toEqual(one);
    expect(await features.switchers([])).toEqual([]);
  });

  it('is for switchers with a profile', async () => {
    const m = await registerUser(api, { roles: ['MENTOR'] });
    expect((await api.gql(RECOMMEND, { token: m.accessToken })).errors![0].extensions.code).toBe('FORBIDDEN');
    const s = await registerUser(api, { roles: ['SWITCHER'] });
    expect((await api.gql(RECOMMEND, { token: s.accessToken })).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await api.gql(RECOMMEND, { token: switcher.accessToken, variables: { first: 0 } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['first'],
    });
  });
});
