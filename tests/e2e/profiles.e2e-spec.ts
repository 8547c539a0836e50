import { DOMParser } from '@xmldom/xmldom';
import { RegisteredUser, TestApi, registerUser, startTestApi } from '@switchyard/testing';

const SWITCHER_PROFILE = `
  mutation ($input: SwitcherProfileInput!) {
    upsertSwitcherProfile(input: $input) {
      stage goals weeklyHours preferredWindows { weekday start end }
      currentField { slug } targetField { slug name requirements { skill { slug } level weight } }
      user { id displayName }
    }
  }`;
const RATE = `
  mutation ($ratings: [SkillRatingInput!]!) {
    rateSkills(ratings: $ratings) { skills { skill { slug name dimension } level ratedAt } skillGap { total maxTotal readiness items { skill { slug } required current gap weight weightedGap } } }
  }`;
const MENTOR_PROFILE = `
  mutation ($input: MentorProfileInput!) {
    upsertMentorProfile(input: $input) {
      headline bio capacity activeMentees acceptingMentees yearsExperience
      fields { slug } switchedFrom { slug } skills { skill { slug } level } user { id }
    }
  }`;
const VIEW_SWITCHER = `query ($id: ID!) { user(id: $id) { id displayName switcherProfile { goals skills { level } skillGap { total } radarSvg } } }`;

describe('profiles', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi({ BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin password 123' });
    const login = await api.gql(`mutation { login(email: "admin@example.org", password: "admin password 123") { accessToken } }`);
    admin = login.data!.login.accessToken;
  });
  afterAll(() => api.close());

  async function switcherWithProfile(overrides: Record<string, unknown> = {}): Promise<RegisteredUser> {
    const user = await registerUser(api, { roles: ['SWITCHER'], timeZone: 'Asia/Shanghai' });
    const res = await api.gql(SWITCHER_PROFILE, {
      token: user.accessToken,
      variables: { input: { currentFieldSlug: 'backend-engineering', targetFieldSlug: 'ai-product-management', ...overrides } },
    });
    expect(res.errors).toBeUndefined();
    return user;
  }

  describe('taxonomy', () => {
    it('lists dimensions, 30+ skills and 6+ fields with requirement profiles, AI PM first', async () => {
      const res = await api.gql(`{ skillDimensions { slug name } skills { slug name dimension nameZh } fields { slug name requirements { skill { slug } level weight } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.skills.length).toBeGreaterThanOrEqual(30);
      expect(res.data!.fields.length).toBeGreaterThanOrEqual(6);
      expect(res.data!.fields[0].slug).toBe('ai-product-management');
      expect(res.data!.fields[0].requirements.length).toBeGreaterThan(0);
      expect(res.data!.skillDimensions.map((d: any) => d.slug)).toEqual(expect.arrayContaining(['ai-technical-judgement', 'product-design', 'business']));
    });

    it("names things in the viewer's language", async () => {
      const zh = await api.gql(`{ fields { slug name } }`, { headers: { 'accept-language': 'zh-CN' } });
      const en = await api.gql(`{ fields { slug name } }`);
      expect(zh.data!.fields[0].name).toMatch(/[\u4e00-\u9fff]/);
      expect(en.data!.fields[0].name).toMatch(/product/i);
      const user = await registerUser(api, { locale: 'zh-CN' });
      const mine = await api.gql(`{ skills { name } }`, { token: user.accessToken });
      expect(mine.data!.skills[0].name).toMatch(/[\u4e00-\u9fff]/);
    });
  });

  describe('switcher profile', () => {
    it('creates and updates a profile, keeping omitted values', async () => {
      const user = await registerUser(api, { roles: ['SWITCHER'] });
      const created = await api.gql(SWITCHER_PROFILE, {
        token: user.accessToken,
        variables: {
          input: {
            currentFieldSlug: 'backend-engineering',
            targetFieldSlug: 'ai-product-management',
            goals: 'Ship an LLM feature as PM',
            weeklyHours: 8,
            preferredWindows: [
              { weekday: 2, start: '20:00', end: '22:00' },
              { weekday: 2, start: '19:00', end: '20:30' },
              { weekday: 6, start: '09:00', end: '12:00' },
            ],
            timeZone: 'Asia/Kolkata',
          },
        },
      });
      expect(created.errors).toBeUndefined();
      expect(created.data!.upsertSwitcherProfile).toMatchObject({
        stage: 'KNOWLEDGE',
        goals: 'Ship an LLM feature as PM',
        weeklyHours: 8,
        preferredWindows: [
          { weekday: 2, start: '19:00', end: '22:00' },
          { weekday: 6, start: '09:00', end: '12:00' },
        ],
        currentField: { slug: 'backend-engineering' },
        targetField: { slug: 'ai-product-management' },
        user: { id: user.id },
      });
      const updated = await api.gql(SWITCHER_PROFILE, {
        token: user.accessToken,
        variables: { input: { targetFieldSlug: 'ai-product-management', stage: 'VALIDATION' } },
      });
      expect(updated.data!.upsertSwitcherProfile).toMatchObject({ stage: 'VALIDATION', goals: 'Ship an LLM feature as PM', weeklyHours: 8 });
      expect((await api.gql(`{ me { timeZone } }`, { token: user.accessToken })).data!.me.timeZone).toBe('Asia/Kolkata');
    });

    it.each([
      [{ targetFieldSlug: 'astronaut' }, 'input.targetFieldSlug', /not a known field/],
      [{ currentFieldSlug: 'nope' }, 'input.currentFieldSlug', /not a known field/],
      [{ preferredWindows: [{ weekday: 1, start: '20:00', end: '19:00' }] }, 'input.preferredWindows.0.end', /after start/],
      [{ preferredWindows: [{ weekday: 1, start: '20:00', end: '20:00' }] }, 'input.preferredWindows.0.end', /after start/],
      [{ preferredWindows: [{ weekday: 8, start: '20:00', end: '21:00' }] }, 'input.preferredWindows.0.weekday', /weekday/],
      [{ preferredWindows: [{ weekday: 1, start: '7pm', end: '21:00' }] }, 'input.preferredWindows.0.start', /HH:mm/],
      [{ weeklyHours: 81 }, 'input.weeklyHours', /0 and 80/],
      [{ timeZone: 'Mars/Phobos' }, 'input.timeZone', /IANA/],
    ])('refuses %p naming the field, saving nothing', async (overrides, field, message) => {
      const user = await registerUser(api, { roles: ['SWITCHER'] });
      const res = await api.gql(SWITCHER_PROFILE, {
        token: user.accessToken,
        variables: { input: { targetFieldSlug: 'ai-product-management', timeZone: 'Europe/London', ...overrides } },
      });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [field] });
      expect(res.errors![0].message).toMatch(message);
      expect(await api.db.query('SELECT 1 FROM switcher_profiles WHERE user_id = $1', [user.id])).toHaveLength(0);
      expect((await api.db.query<{ time_zone: string }>('SELECT time_zone FROM users WHERE id = $1', [user.id]))[0].time_zone).toBe('Europe/Berlin');
    });

    it('is for switchers only', async () => {
      const mentor = await registerUser(api, { roles: ['MENTOR'] });
      const res = await api.gql(SWITCHER_PROFILE, { token: mentor.accessToken, variables: { input: { targetFieldSlug: 'ai-product-management' } } });
      expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('ratings and gap', () => {
    it('keeps every rating with its time and shows the latest; unrated skills count as 0', async () => {
      const user = await switcherWithProfile();
      const first = await api.gql(RATE, { token: user.accessToken, variables: { ratings: [{ skillSlug: 'prd-writing', level: 1 }, { skillSlug: 'ab-testing', level: 2 }] } });
      expect(first.errors).toBeUndefined();
      const second = await api.gql(RATE, { token: user.accessToken, variables: { ratings: [{ skillSlug: 'prd-writing', level: 3 }] } });
      const profile = second.data!.rateSkills;
      expect(profile.skills.map((s: any) => [s.skill.slug, s.level])).toEqual(expect.arrayContaining([['prd-writing', 3], ['ab-testing', 2]]));
      expect(profile.skills).toHaveLength(2);

      const history = await api.gql(`{ me { switcherProfile { skillHistory(skillSlug: "prd-writing") { level ratedAt } all: skillHistory { level } } } }`, { token: user.accessToken });
      const prd = history.data!.me.switcherProfile.skillHistory;
      expect(prd.map((h: any) => h.level)).toEqual([1, 3]);
      expect(new Date(prd[0].ratedAt).getTime()).toBeLessThanOrEqual(new Date(prd[1].ratedAt).getTime());
      expect(history.data!.me.switcherProfile.all).toHaveLength(3);

      const { fields } = (await api.gql(`{ fields { slug requirements { skill { slug } level weight } } }`)).data!;
      const requirements = fields.find((f: any) => f.slug === 'ai-product-management').requirements;
      const current: Record<string, number> = { 'prd-writing': 3, 'ab-testing': 2 };
      const expectedTotal = requirements.reduce((sum: number, r: any) => sum + Math.max(0, r.level - (current[r.skill.slug] ?? 0)) * r.weight, 0);
      const expectedMax = requirements.reduce((sum: number, r: any) => sum + r.level * r.weight, 0);
      const gap = profile.skillGap;
      expect(gap.total).toBeCloseTo(expectedTotal, 5);
      expect(gap.maxTotal).toBeCloseTo(expectedMax, 5);
      expect(gap.items).toHaveLength(requirements.length);
      const weighted = gap.items.map((i: any) => i.weightedGap);
      expect(weighted).toEqual([...weighted].sort((a: number, b: number) => b - a));
      const unrated = gap.items.find((i: any) => !(i.skill.slug in current));
      expect(unrated.current).toBe(0);
      expect(unrated.gap).toBe(unrated.required);
    });

    it.each([
      [[{ skillSlug: 'juggling', level: 3 }], 'ratings.0.skillSlug', /not a known skill/],
      [[{ skillSlug: 'prd-writing', level: 6 }], 'ratings.0.level', /between 0 and 5/],
      [[{ skillSlug: 'prd-writing', level: -1 }], 'ratings.0.level', /between 0 and 5/],
      [[{ skillSlug: 'prd-writing', level: 2 }, { skillSlug: 'PRD-Writing', level: 3 }], 'ratings.1.skillSlug', /more than once/],
    ])('refuses %p and saves none of the batch', async (ratings, field, message) => {
      const user = await switcherWithProfile();
      const res = await api.gql(RATE, { token: user.accessToken, variables: { ratings: [{ skillSlug: 'ab-testing', level: 4 }, ...ratings] } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(res.errors![0].extensions.fields).toEqual([field.replace(/^ratings\.(\d+)/, (_m: string, i: string) => `ratings.${Number(i) + 1}`)]);
      expect(res.errors![0].message).toMatch(message);
      expect(await api.db.query('SELECT 1 FROM skill_ratings WHERE user_id = $1', [user.id])).toHaveLength(0);
    });

    it('needs a profile first', async () => {
      const user = await registerUser(api, { roles: ['SWITCHER'] });
      const res = await api.gql(RATE, { token: user.accessToken, variables: { ratings: [{ skillSlug: 'prd-writing', level: 2 }] } });
      expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
      expect(res.errors![0].message).toMatch(/upsertSwitcherProfile/);
    });
  });

  describe('radar chart', () => {
    it('is valid SVG with a title, a description and one polygon per series, also over REST', async () => {
      const user = await switcherWithProfile();
      await api.gql(RATE, { token: user.accessToken, variables: { ratings: [{ skillSlug: 'prd-writing', level: 2 }] } });
      const res = await api.gql(`{ me { displayName switcherProfile { radarSvg } } }`, { token: user.accessToken });
      for (const svg of [
        res.data!.me.switcherProfile.radarSvg as string,
        await (await fetch(`${api.baseUrl}/profiles/${user.id}/radar.svg`, { headers: { authorization: `Bearer ${user.accessToken}` } })).text(),
      ]) {
        const errors: string[] = [];
        const doc = new DOMParser({ onError: (level: string, message: string) => errors.push(`${level}: ${message}`) }).parseFromString(svg, 'image/svg+xml');
        expect(errors).toEqual([]);
        const root = doc.documentElement!;
        expect(root.nodeName).toBe('svg');
        expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
        expect(doc.getElementsByTagName('title')[0].textContent).toContain(res.data!.me.displayName);
        expect(doc.getElementsByTagName('desc')[0].textContent!.length).toBeGreaterThan(10);
        expect(doc.getElementsByTagName('polygon')).toHaveLength(2);
      }
      const rest = await fetch(`${api.baseUrl}/profiles/${user.id}/radar.svg`, { headers: { authorization: `Bearer ${user.accessToken}` } });
      expect(rest.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(rest.headers.get('cache-control')).toBe('private, no-store');
    });

    it('follows profile visibility over REST', async () => {
      const user = await switcherWithProfile();
      const stranger = await registerUser(api, { roles: ['MENTOR'] });
      const url = `${api.baseUrl}/profiles/${user.id}/radar.svg`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${stranger.accessToken}` } })).status).toBe(403);
      expect((await fetch(url, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
      expect((await fetch(`${api.baseUrl}/profiles/${stranger.id}/radar.svg`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);
    });
  });

  describe('visibility of a switcher profile', () => {
    let switcher: RegisteredUser;
    beforeAll(async () => {
      switcher = await switcherWithProfile({ goals: 'secret goals' });
    });

    const view = (token: string) => api.gql(VIEW_SWITCHER, { token, variables: { id: switcher.id } });

    it('is visible to the switcher and to admins', async () => {
      expect((await view(switcher.accessToken)).data!.user.switcherProfile.goals).toBe('secret goals');
      expect((await view(admin)).data!.user.switcherProfile.goals).toBe('secret goals');
    });

    it('is hidden from other switchers, organizers and unrelated mentors', async () => {
      for (const roles of [['SWITCHER'], ['ORGANIZER'], ['MENTOR']]) {
        const other = await registerUser(api, { roles });
        const res = await view(other.accessToken);
        expect(res.data!.user).toMatchObject({ id: switcher.id, switcherProfile: null });
        expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
        expect(JSON.stringify(res)).not.toContain('secret goals');
      }
    });

    it('is visible to a mentor with a pending or accepted request, or an active mentorship, and not after a decline', async () => {
      const cases: [string, string, boolean][] = [
        ['mentorship_requests', 'PENDING', true],
        ['mentorship_requests', 'ACCEPTED', true],
        ['mentorship_requests', 'DECLINED', false],
        ['mentorships', 'ACTIVE', true],
        ['mentorships', 'COMPLETED', false],
      ];
      for (const [table, status, visible] of cases) {
        const mentor = await registerUser(api, { roles: ['MENTOR'] });
        if (table === 'mentorship_requests') {
          await api.db.query(`INSERT INTO mentorship_requests (switcher_id, mentor_id, status, expires_at) VALUES ($1, $2, $3, now() + interval '7 days')`, [switcher.id, mentor.id, status]);
        } else {
          await api.db.query('INSERT INTO mentorships (switcher_id, mentor_id, status) VALUES ($1, $2, $3)', [switcher.id, mentor.id, status]);
        }
        const res = await view(mentor.accessToken);
        expect([table, status, res.data!.user.switcherProfile?.goals ?? null]).toEqual([table, status, visible ? 'secret goals' : null]);
      }
    });

    it('hides email from everyone but the owner and admins', async () => {
      const other = await registerUser(api, { roles: ['MENTOR'] });
      const q = `query ($id: ID!) { user(id: $id) { email } }`;
      expect((await api.gql(q, { token: other.accessToken, variables: { id: switcher.id } })).data!.user.email).toBeNull();
      expect((await api.gql(q, { token: switcher.accessToken, variables: { id: switcher.id } })).data!.user.email).toBe(switcher.email);
      expect((await api.gql(q, { token: admin, variables: { id: switcher.id } })).data!.user.email).toBe(switcher.email);
    });
  });

  describe('mentor profile', () => {
    const input = {
      headline: 'AI PM at a fintech; ex-backend engineer',
      bio: 'I moved from Java services to product.',
      fieldSlugs: ['ai-product-management', 'product-management'],
      switchedFromFieldSlug: 'backend-engineering',
      yearsExperience: 9,
      capacity: 3,
      skills: [
        { skillSlug: 'prd-writing', level: 5 },
        { skillSlug: 'ab-testing', level: 4 },
      ],
    };

    it('creates and replaces a profile; visible to every signed-in user with derived activeMentees', async () => {
      const mentor = await registerUser(api, { roles: ['MENTOR'] });
      const created = await api.gql(MENTOR_PROFILE, { token: mentor.accessToken, variables: { input } });
      expect(created.errors).toBeUndefined();
      expect(created.data!.upsertMentorProfile).toMatchObject({
        headline: input.headline,
        capacity: 3,
        activeMentees: 0,
        acceptingMentees: true,
        switchedFrom: { slug: 'backend-engineering' },
        fields: [{ slug: 'ai-product-management' }, { slug: 'product-management' }],
      });
      await api.db.query("INSERT INTO mentorships (switcher_id, mentor_id, status) SELECT id, $1, 'ACTIVE' FROM users WHERE id <> $1 LIMIT 2", [mentor.id]);
      const replaced = await api.gql(MENTOR_PROFILE, {
        token: mentor.accessToken,
        variables: { input: { ...input, fieldSlugs: ['ml-engineering'], skills: [{ skillSlug: 'prompt-engineering', level: 3 }], acceptingMentees: false } },
      });
      expect(replaced.data!.upsertMentorProfile).toMatchObject({
        fields: [{ slug: 'ml-engineering' }],
        skills: [{ skill: { slug: 'prompt-engineering' }, level: 3 }],
        acceptingMentees: false,
        activeMentees: 2,
        bio: input.bio,
      });
      const switcher = await registerUser(api, { roles: ['SWITCHER'] });
      const seen = await api.gql(`query ($id: ID!) { user(id: $id) { mentorProfile { headline activeMentees } } }`, { token: switcher.accessToken, variables: { id: mentor.id } });
      expect(seen.data!.user.mentorProfile).toEqual({ headline: input.headline, activeMentees: 2 });
      expect((await api.gql(`query ($id: ID!) { user(id: $id) { mentorProfile { headline } } }`, { variables: { id: mentor.id } })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it.each([
      [{ capacity: 21 }, 'input.capacity', /0 and 20/],
      [{ capacity: -1 }, 'input.capacity', /0 and 20/],
      [{ fieldSlugs: ['ai-product-management', 'chef'] }, 'input.fieldSlugs.1', /not a known field/],
      [{ switchedFromFieldSlug: 'chef' }, 'input.switchedFromFieldSlug', /not a known field/],
      [{ skills: [{ skillSlug: 'prd-writing', level: 9 }] }, 'input.skills.0.level', /0 and 5/],
      [{ skills: [{ skillSlug: 'cooking', level: 3 }] }, 'input.skills.0.skillSlug', /not a known skill/],
      [{ timeZone: 'Moon/Base' }, 'input.timeZone', /IANA/],
    ])('refuses %p naming the field, saving nothing', async (overrides, field, message) => {
      const mentor = await registerUser(api, { roles: ['MENTOR'] });
      const res = await api.gql(MENTOR_PROFILE, { token: mentor.accessToken, variables: { input: { ...input, ...overrides } } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [field] });
      expect(res.errors![0].message).toMatch(message);
      expect(await api.db.query('SELECT 1 FROM mentor_profiles WHERE user_id = $1', [mentor.id])).toHaveLength(0);
    });

    it('is for mentors only', async () => {
      const switcher = await registerUser(api, { roles: ['SWITCHER'] });
      expect((await api.gql(MENTOR_PROFILE, { token: switcher.accessToken, variables: { input } })).errors![0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('administering the taxonomy', () => {
    it('lets admins add and change skills and fields, audited; others are refused', async () => {
      const skill = await api.gql(
        `mutation { upsertSkill(input: { slug: "rag-evaluation", dimensionSlug: "ai-technical-judgement", nameEn: "RAG evaluation", nameZh: "检索增强生成评估" }) { slug name dimension } }`,
        { token: admin },
      );
      expect(skill.data!.upsertSkill).toEqual({ slug: 'rag-evaluation', name: 'RAG evaluation', dimension: 'ai-technical-judgement' });
      const field = await api.gql(
        `mutation { upsertField(input: { slug: "ai-solutions-architecture", nameEn: "AI solutions architecture", nameZh: "AI 解决方案架构",
           requirements: [{ skillSlug: "rag-evaluation", level: 4, weight: 2 }, { skillSlug: "prd-writing", level: 2, weight: 0.5 }] }) {
           slug requirements { skill { slug } level weight } } }`,
        { token: admin },
      );
      expect(field.data!.upsertField.requirements).toEqual([
        expect.objectContaining({ skill: { slug: 'prd-writing' }, level: 2, weight: 0.5 }),
        expect.objectContaining({ skill: { slug: 'rag-evaluation' }, level: 4, weight: 2 }),
      ].sort(() => 0));
      const set = await api.gql(
        `mutation { setFieldRequirements(fieldSlug: "ai-solutions-architecture", requirements: [{ skillSlug: "rag-evaluation", level: 5, weight: 3 }]) { requirements { level weight } } }`,
        { token: admin },
      );
      expect(set.data!.setFieldRequirements.requirements).toEqual([{ level: 5, weight: 3 }]);
      expect((await api.gql(`{ skills { slug } }`)).data!.skills.map((s: any) => s.slug)).toContain('rag-evaluation');

      const log = await api.gql(`{ taxonomyChanges(first: 10) { edges { node { action subject at actor { email } beforeJson afterJson } } } }`, { token: admin });
      const changes = log.data!.taxonomyChanges.edges.map((e: any) => e.node);
      expect(changes.slice(0, 4).map((c: any) => [c.action, c.subject])).toEqual([
        ['field.requirements.set', 'ai-solutions-architecture'],
        ['field.requirements.set', 'ai-solutions-architecture'],
        ['field.created', 'ai-solutions-architecture'],
        ['skill.created', 'rag-evaluation'],
      ]);
      expect(changes[0].actor.email).toBe('admin@example.org');
      expect(JSON.parse(changes[0].afterJson)).toEqual([{ skill: 'rag-evaluation', level: 5, weight: 3 }]);
      expect(JSON.parse(changes[0].beforeJson)).toHaveLength(2);

      const mentor = await registerUser(api, { roles: ['MENTOR', 'ORGANIZER'] });
      const refused = await api.gql(`mutation { upsertSkill(input: { slug: "x-y", dimensionSlug: "business", nameEn: "X", nameZh: "X" }) { slug } }`, { token: mentor.accessToken });
      expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
      expect((await api.gql(`{ taxonomyChanges { edges { node { action } } } }`, { token: mentor.accessToken })).errors![0].extensions.code).toBe('FORBIDDEN');
    });

    it('refuses bad taxonomy input naming the field', async () => {
      const bad = await api.gql(`mutation { upsertSkill(input: { slug: "Bad Slug", dimensionSlug: "nope", nameEn: "", nameZh: "x" }) { slug } }`, { token: admin });
      expect(bad.errors![0].extensions.fields).toEqual(expect.arrayContaining(['input.slug', 'input.nameEn']));
      const req = await api.gql(`mutation { setFieldRequirements(fieldSlug: "ai-product-management", requirements: [{ skillSlug: "prd-writing", level: 7, weight: 1 }]) { slug } }`, { token: admin });
      expect(req.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['requirements.0.level'] });
      const unknownField = await api.gql(`mutation { setFieldRequirements(fieldSlug: "chef", requirements: []) { slug } }`, { token: admin });
      expect(unknownField.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['fieldSlug'] });
    });
  });
});
