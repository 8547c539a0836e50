import { RegisteredUser, TestApi, registerUser, startTestApi } from '@switchyard/testing';

const COMMUNITY_FIELDS = `id name description visibility memberCount createdAt viewerIsOrganizer viewerMembership
  organizers { id } owner { id } fields { slug } pendingMembers { id } cohorts { id }`;
const CREATE = `mutation ($input: CreateCommunityInput!) { createCommunity(input: $input) { ${COMMUNITY_FIELDS} } }`;
const GET = `query ($id: ID!) { community(id: $id) { ${COMMUNITY_FIELDS} } }`;
const JOIN = `mutation ($id: ID!) { joinCommunity(communityId: $id) { id memberCount viewerMembership } }`;
const LEAVE = `mutation ($id: ID!) { leaveCommunity(communityId: $id) { id memberCount viewerMembership viewerIsOrganizer } }`;
const DECIDE = `mutation ($c: ID!, $u: ID!, $approve: Boolean!) {
  decideCommunityMember(communityId: $c, userId: $u, approve: $approve) { id memberCount pendingMembers { id } } }`;
const ADD_ORGANIZER = `mutation ($c: ID!, $u: ID!) { addCommunityOrganizer(communityId: $c, userId: $u) { id organizers { id } } }`;
const MINE = `query { myCommunities { id viewerMembership } }`;
const LIST = `query ($first: Int, $after: String) { communities(first: $first, after: $after) {
  edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`;

describe('communities', () => {
  let api: TestApi;
  let owner: RegisteredUser;
  let otherOrganizer: RegisteredUser;
  let switcher: RegisteredUser;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi({ BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin password 123' });
    admin = (await api.gql(`mutation { login(email: "admin@example.org", password: "admin password 123") { accessToken } }`)).data!.login.accessToken;
    owner = await registerUser(api, { roles: ['ORGANIZER'] });
    otherOrganizer = await registerUser(api, { roles: ['ORGANIZER'] });
    switcher = await registerUser(api, { roles: ['SWITCHER'] });
  });
  afterAll(() => api.close());

  async function create(token: string, input: Record<string, unknown>) {
    const res = await api.gql(CREATE, { token, variables: { input } });
    expect(res.errors).toBeUndefined();
    return res.data!.createCommunity;
  }

  async function count(): Promise<number> {
    return (await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM communities'))[0].n;
  }

  it('lets an organizer create a community they own, organize and belong to, with focus fields', async () => {
    const community = await create(owner.accessToken, {
      name: '  AI PM switchers  ',
      description: 'From engineering to AI product management',
      fieldSlugs: ['ai-product-management', 'ML-Engineering'],
    });
    expect(community).toMatchObject({
      name: 'AI PM switchers',
      visibility: 'PUBLIC',
      memberCount: 1,
      viewerIsOrganizer: true,
      viewerMembership: 'ACTIVE',
      organizers: [{ id: owner.id }],
      owner: { id: owner.id },
      pendingMembers: [],
      cohorts: [],
    });
    expect(community.fields.map((f: { slug: string }) => f.slug)).toEqual(['ai-product-management', 'ml-engineering']);
    const seen = await api.gql(GET, { token: switcher.accessToken, variables: { id: community.id } });
    expect(seen.data!.community).toMatchObject({ viewerIsOrganizer: false, viewerMembership: null, pendingMembers: null, memberCount: 1 });
  });

  it('refuses non-organizers and bad input, naming the fields, and creates nothing', async () => {
    const before = await count();
    const input = { name: 'Not mine' };
    expect((await api.gql(CREATE, { variables: { input } })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(CREATE, { token: switcher.accessToken, variables: { input } })).errors![0].extensions.code).toBe('FORBIDDEN');
    const bad = await api.gql(CREATE, {
      token: owner.accessToken,
      variables: { input: { name: 'AI', description: 'x'.repeat(5001), fieldSlugs: ['ai-product-management'] } },
    });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.errors![0].extensions.fields).toEqual(expect.arrayContaining(['input.name', 'input.description']));
    const fields = await api.gql(CREATE, {
      token: owner.accessToken,
      variables: { input: { name: 'Fields', fieldSlugs: ['ai-product-management', 'basket-weaving', 'ai-product-management'] } },
    });
    expect(fields.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.fieldSlugs.1', 'input.fieldSlugs.2'] });
    const many = await api.gql(CREATE, {
      token: owner.accessToken,
      variables: { input: { name: 'Many fields', fieldSlugs: Array.from({ length: 21 }, () => 'ai-product-management') } },
    });
    expect(many.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.fieldSlugs'] });
    expect(await count()).toBe(before);
  });

  it('makes joiners of a public community members at once; joining twice and leaving are harmless', async () => {
    const community = await create(owner.accessToken, { name: 'Open circle' });
    const joined = await api.gql(JOIN, { token: switcher.accessToken, variables: { id: community.id } });
    expect(joined.data!.joinCommunity).toEqual({ id: community.id, memberCount: 2, viewerMembership: 'ACTIVE' });
    const again = await api.gql(JOIN, { token: switcher.accessToken, variables: { id: community.id } });
    expect(again.data!.joinCommunity).toEqual({ id: community.id, memberCount: 2, viewerMembership: 'ACTIVE' });
    expect((await api.gql(MINE, { token: switcher.accessToken })).data!.myCommunities).toContainEqual({ id: community.id, viewerMembership: 'ACTIVE' });

    const left = await api.gql(LEAVE, { token: switcher.accessToken, variables: { id: community.id } });
    expect(left.data!.leaveCommunity).toMatchObject({ memberCount: 1, viewerMembership: null });
    expect((await api.gql(LEAVE, { token: switcher.accessToken, variables: { id: community.id } })).errors).toBeUndefined();
    expect((await api.gql(MINE, { token: switcher.accessToken })).data!.myCommunities.map((c: { id: string }) => c.id)).not.toContain(community.id);

    const ownerLeaves = await api.gql(LEAVE, { token: owner.accessToken, variables: { id: community.id } });
    expect(ownerLeaves.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OWNER_CANNOT_LEAVE' });
  });

  it('holds invite-only joiners as PENDING, tells the organizers, and lets only organizers decide', async () => {
    const community = await create(owner.accessToken, { name: 'Closed circle', visibility: 'INVITE_ONLY' });
    const [a, b] = [await registerUser(api, { roles: ['SWITCHER'] }), await registerUser(api, { roles: ['MENTOR'], locale: 'zh-CN' })];
    for (const u of [a, b]) {
      const res = await api.gql(JOIN, { token: u.accessToken, variables: { id: community.id } });
      expect(res.data!.joinCommunity).toEqual({ id: community.id, memberCount: 1, viewerMembership: 'PENDING' });
    }
    // Asking twice tells the organizers once.
    await api.gql(JOIN, { token: a.accessToken, variables: { id: community.id } });
    const told = await api.db.query<{ data: { userId: string } }>(`SELECT data FROM notifications WHERE user_id = $1 AND kind = 'community.join_requested'`, [
      owner.id,
    ]);
    expect(told.map((n) => n.data.userId).sort()).toEqual([a.id, b.id].sort());
    expect((await api.gql(MINE, { token: a.accessToken })).data!.myCommunities).toContainEqual({ id: community.id, viewerMembership: 'PENDING' });

    const seen = await api.gql(GET, { token: owner.accessToken, variables: { id: community.id } });
    expect(seen.data!.community.pendingMembers.map((u: { id: string }) => u.id)).toEqual([a.id, b.id]);

    const variables = { c: community.id, u: a.id, approve: true };
    expect((await api.gql(DECIDE, { token: otherOrganizer.accessToken, variables })).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(DECIDE, { token: b.accessToken, variables })).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(DECIDE, { variables })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(DECIDE, { token: owner.accessToken, variables: { ...variables, c: 'nope' } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['communityId'],
    });
    const missing = await api.gql(DECIDE, { token: owner.accessToken, variables: { ...variables, c: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');

    const approved = await api.gql(DECIDE, { token: owner.accessToken, variables });
    expect(approved.data!.decideCommunityMember).toMatchObject({ memberCount: 2, pendingMembers: [{ id: b.id }] });
    const twice = await api.gql(DECIDE, { token: owner.accessToken, variables });
    expect(twice.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MEMBER' });

    // Administrators may act in any community.
    const declined = await api.gql(DECIDE, { token: admin, variables: { c: community.id, u: b.id, approve: false } });
    expect(declined.data!.decideCommunityMember).toMatchObject({ memberCount: 2, pendingMembers: [] });
    const [note] = await api.db.query<{ title: string }>(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'community.member_declined'`, [b.id]);
    expect(note.title).toContain('Closed circle');
    expect(note.title).toMatch(/[\u4e00-\u9fff]/);
    const gone = await api.gql(DECIDE, { token: owner.accessToken, variables: { c: community.id, u: b.id, approve: true } });
    expect(gone.errors![0].extensions.code).toBe('NOT_FOUND');
    const [{ n }] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM community_members WHERE community_id = $1 AND user_id = $2', [
      community.id,
      b.id,
    ]);
    expect(n).toBe(0);
  });

  it('lets organizers add co-organizers who hold the ORGANIZER role, and only those', async () => {
    const community = await create(owner.accessToken, { name: 'Co-run', visibility: 'INVITE_ONLY' });
    const co = await registerUser(api, { roles: ['ORGANIZER'] });
    const wrong = await api.gql(ADD_ORGANIZER, { token: owner.accessToken, variables: { c: community.id, u: switcher.id } });
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['userId'] });
    const nobody = await api.gql(ADD_ORGANIZER, { token: owner.accessToken, variables: { c: community.id, u: '00000000-0000-4000-8000-000000000000' } });
    expect(nobody.errors![0].extensions.code).toBe('NOT_FOUND');
    const outsider = await api.gql(ADD_ORGANIZER, { token: otherOrganizer.accessToken, variables: { c: community.id, u: otherOrganizer.id } });
    expect(outsider.errors![0].extensions.code).toBe('FORBIDDEN');

    const added = await api.gql(ADD_ORGANIZER, { token: owner.accessToken, variables: { c: community.id, u: co.id } });
    expect(added.data!.addCommunityOrganizer.organizers).toEqual([{ id: owner.id }, { id: co.id }]);
    expect((await api.gql(ADD_ORGANIZER, { token: owner.accessToken, variables: { c: community.id, u: co.id } })).data!.addCommunityOrganizer.organizers).toHaveLength(2);
    const coView = await api.gql(GET, { token: co.accessToken, variables: { id: community.id } });
    expect(coView.data!.community).toMatchObject({ viewerIsOrganizer: true, viewerMembership: 'ACTIVE', memberCount: 2 });

    // The co-organizer manages members now, and stops when they leave.
    const joiner = await registerUser(api, { roles: ['SWITCHER'] });
    await api.gql(JOIN, { token: joiner.accessToken, variables: { id: community.id } });
    const decided = await api.gql(DECIDE, { token: co.accessToken, variables: { c: community.id, u: joiner.id, approve: true } });
    expect(decided.data!.decideCommunityMember.memberCount).toBe(3);
    const left = await api.gql(LEAVE, { token: co.accessToken, variables: { id: community.id } });
    expect(left.data!.leaveCommunity).toMatchObject({ viewerIsOrganizer: false, viewerMembership: null, memberCount: 2 });
    const after = await api.gql(ADD_ORGANIZER, { token: co.accessToken, variables: { c: community.id, u: co.id } });
    expect(after.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('lists every community, invite-only ones too, in pages', async () => {
    const mine = [];
    for (const visibility of ['PUBLIC', 'INVITE_ONLY', 'PUBLIC']) mine.push(await create(otherOrganizer.accessToken, { name: `Listed ${visibility}`, visibility }));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: any = await api.gql(LIST, { token: switcher.accessToken, variables: { first: 2, after } });
      expect(res.errors).toBeUndefined();
      expect(res.data.communities.edges.length).toBeLessThanOrEqual(2);
      seen.push(...res.data.communities.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.data.communities.pageInfo.hasNextPage) break;
      after = res.data.communities.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(await count());
    expect(new Set(seen).size).toBe(seen.length);
    for (const c of mine) expect(seen).toContain(c.id);
    expect((await api.gql(LIST, { token: switcher.accessToken, variables: { first: 101 } })).errors![0].extensions.fields).toEqual(['first']);
    expect((await api.gql(LIST, { token: switcher.accessToken, variables: { after: 'garbage' } })).errors![0].extensions.fields).toEqual(['after']);
    const missing = await api.gql(GET, { token: switcher.accessToken, variables: { id: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
  });
});
