import { REGISTER, TestApi, makeRegistration, registerUser, startTestApi } from '@switchyard/testing';

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken user { id email } }
}`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }`;
const ME = `{ me { id email displayName timeZone locale languages roles } }`;

describe('accounts', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ BOOTSTRAP_ADMIN_EMAIL: 'Root@Example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin password 123' });
  });
  afterAll(() => api.close());

  it('registers, signs in and answers me', async () => {
    const input = makeRegistration({ email: '  Ada.Lovelace@Example.ORG ', roles: ['SWITCHER', 'MENTOR'], languages: ['en', 'zh'] });
    const registered = await api.gql(REGISTER, { variables: { input } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.register.user).toMatchObject({
      email: 'ada.lovelace@example.org',
      roles: ['SWITCHER', 'MENTOR'],
      locale: 'en',
      languages: ['en', 'zh'],
    });

    const login = await api.gql(LOGIN, { variables: { email: 'ADA.lovelace@example.org', password: input.password } });
    expect(login.errors).toBeUndefined();
    const token = login.data!.login.accessToken as string;

    const me = await api.gql(ME, { token });
    expect(me.data!.me).toMatchObject({ id: registered.data!.register.user.id, email: 'ada.lovelace@example.org', timeZone: 'Europe/Berlin' });
  });

  it('takes the locale from Accept-Language when none is given', async () => {
    const res = await api.gql(REGISTER, { variables: { input: makeRegistration() }, headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(res.data!.register.user).toMatchObject({ locale: 'zh-CN', languages: ['zh'] });
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    const user = await registerUser(api);
    const wrong = await api.gql(LOGIN, { variables: { email: user.email, password: 'not the password at all' } });
    const unknown = await api.gql(LOGIN, { variables: { email: 'nobody@example.org', password: 'not the password at all' } });
    expect(wrong.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const user = await registerUser(api);
    const res = await api.gql(REGISTER, { variables: { input: makeRegistration({ email: user.email.toUpperCase() }) } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', fields: ['input.email'] });
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const user = await registerUser(api);
    const first = await api.gql(REFRESH, { variables: { t: user.refreshToken } });
    expect(first.errors).toBeUndefined();
    const second = first.data!.refreshToken.refreshToken as string;
    expect(second).not.toBe(user.refreshToken);
    expect(first.data!.refreshToken.user.id).toBe(user.id);

    // The stolen-token case: the old token comes back.
    const reuse = await api.gql(REFRESH, { variables: { t: user.refreshToken } });
    expect(reuse.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(reuse.errors![0].message).toMatch(/already used/);

    // ...and the legitimate holder's newer token is dead too.
    const afterRevocation = await api.gql(REFRESH, { variables: { t: second } });
    expect(afterRevocation.errors![0].extensions.code).toBe('UNAUTHENTICATED');

    // Other sign-ins of the same account are untouched.
    const other = await api.gql(LOGIN, { variables: { email: user.email, password: user.password } });
    const fromOther = await api.gql(REFRESH, { variables: { t: other.data!.login.refreshToken } });
    expect(fromOther.errors).toBeUndefined();

    const rows = await api.db.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [user.id]);
    expect(rows[0].n).toBe(2); // the other sign-in's used token and its successor
  });

  it('refuses a refresh token that is garbage or expired', async () => {
    const user = await registerUser(api);
    expect((await api.gql(REFRESH, { variables: { t: 'nonsense' } })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    await api.db.query("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1", [user.id]);
    const expired = await api.gql(REFRESH, { variables: { t: user.refreshToken } });
    expect(expired.errors![0].message).toMatch(/expired/);
  });

  it('logs out: the refresh token stops working', async () => {
    const user = await registerUser(api);
    const out = await api.gql(`mutation ($t: String!) { logout(refreshToken: $t) }`, { variables: { t: user.refreshToken } });
    expect(out.data).toEqual({ logout: true });
    expect((await api.gql(REFRESH, { variables: { t: user.refreshToken } })).errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ password: 'too short' }, 'input.password', /12-128 characters/],
    [{ password: 'x'.repeat(129) }, 'input.password', /12-128 characters/],
    [{ email: 'not-an-email' }, 'input.email', /valid email/],
    [{ timeZone: 'Mars/Phobos' }, 'input.timeZone', /IANA time zone/],
    [{ timeZone: 'US/Eastern' }, 'input.timeZone', /America\/New_York/],
    [{ roles: ['ADMIN'] }, 'input.roles', /ADMIN cannot be chosen/],
    [{ roles: [] }, 'input.roles', /at least one/],
    [{ locale: 'fr' }, 'input.locale', /en, zh-CN/],
    [{ displayName: '   ' }, 'input.displayName', /1-80/],
  ])('refuses %p naming the field', async (overrides, field, message) => {
    const before = await api.db.query('SELECT count(*)::int AS n FROM users');
    const res = await api.gql(REGISTER, { variables: { input: makeRegistration(overrides) } });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual([field]);
    expect(res.errors![0].message).toMatch(message);
    const after = await api.db.query('SELECT count(*)::int AS n FROM users');
    expect(after[0].n).toBe(before[0].n);
  });

  it('reports every bad field at once', async () => {
    const res = await api.gql(REGISTER, { variables: { input: makeRegistration({ password: 'short', email: 'nope', timeZone: 'Mars/Phobos' }) } });
    expect(res.errors![0].extensions.fields).toEqual(expect.arrayContaining(['input.password', 'input.email', 'input.timeZone']));
  });

  it('updates the profile settings of the signed-in user', async () => {
    const user = await registerUser(api);
    const res = await api.gql(
      `mutation ($input: UpdateMeInput!) { updateMe(input: $input) { displayName timeZone locale languages } }`,
      { token: user.accessToken, variables: { input: { displayName: 'Grace', timeZone: 'Asia/Shanghai', locale: 'zh-CN', languages: ['zh', 'en'] } } },
    );
    expect(res.data!.updateMe).toEqual({ displayName: 'Grace', timeZone: 'Asia/Shanghai', locale: 'zh-CN', languages: ['zh', 'en'] });
    const bad = await api.gql(`mutation { updateMe(input: { timeZone: "Mars/Phobos" }) { id } }`, { token: user.accessToken });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.timeZone'] });
  });

  it('requires a valid access token', async () => {
    expect((await api.gql(ME)).errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await api.gql(ME, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' });
    expect(forged.status).toBe(401);
    expect(forged.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('administration', () => {
    const USERS = `query ($role: Role, $first: Int, $after: String) {
      users(role: $role, first: $first, after: $after) { edges { cursor node { id email roles } } pageInfo { hasNextPage endCursor } }
    }`;

    it('keeps the users listing for admins', async () => {
      const switcher = await registerUser(api);
      const res = await api.gql(USERS, { token: switcher.accessToken });
      expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    });

    it('lets the bootstrap admin page through users by role', async () => {
      const mentors = [await registerUser(api, { roles: ['MENTOR'] }), await registerUser(api, { roles: ['MENTOR', 'SWITCHER'] })];
      const admin = await api.gql(LOGIN, { variables: { email: 'root@example.org', password: 'admin password 123' } });
      const token = admin.data!.login.accessToken as string;
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = await api.gql(USERS, { token, variables: { role: 'MENTOR', first: 1, after } });
        expect(page.errors).toBeUndefined();
        seen.push(...page.data.users.edges.map((e: any) => e.node.id));
        after = page.data.users.pageInfo.hasNextPage ? page.data.users.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expect.arrayContaining(mentors.map((m) => m.id)));
      expect(new Set(seen).size).toBe(seen.length);

      const tooMany = await api.gql(USERS, { token, variables: { first: 101 } });
      expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['first'] });
    });

    it('shows an email only to its owner and admins', async () => {
      const a = await registerUser(api);
      const admin = await api.gql(LOGIN, { variables: { email: 'root@example.org', password: 'admin password 123' } });
      const adminView = await api.gql(`{ users(first: 100) { edges { node { id email } } } }`, { token: admin.data!.login.accessToken });
      const row = adminView.data!.users.edges.find((e: any) => e.node.id === a.id);
      expect(row.node.email).toBe(a.email);
    });
  });
});
