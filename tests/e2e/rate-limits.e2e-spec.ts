import { REGISTER, TestApi, makeRegistration, registerUser, startTestApi } from '@switchyard/testing';

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;

describe('rate limits (production defaults)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '5',
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: '10',
      RATE_LIMIT_REGISTER_PER_IP_PER_HOUR: '10',
      // The client address comes from X-Forwarded-For, so each test can act from its own address.
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => api.close());

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('refuses the 6th login from one address within a minute', async () => {
    const user = await registerUser(api, {}, );
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.gql(LOGIN, { variables: { email: user.email, password: user.password }, headers: from('203.0.113.1') });
      codes.push(res.errors?.[0].extensions.code);
    }
    expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined, 'RATE_LIMITED']);
    const limited = await api.gql(LOGIN, { variables: { email: user.email, password: user.password }, headers: from('203.0.113.1') });
    expect(limited.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors![0].extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address is not affected.
    const other = await api.gql(LOGIN, { variables: { email: user.email, password: user.password }, headers: from('203.0.113.2') });
    expect(other.errors).toBeUndefined();
  });

  it('counts each aliased login in one request', async () => {
    const user = await registerUser(api);
    const aliases = Array.from({ length: 6 }, (_, i) => `l${i}: login(email: $email, password: $password) { accessToken }`).join(' ');
    const res = await api.gql(`mutation ($email: String!, $password: String!) { ${aliases} }`, {
      variables: { email: user.email, password: user.password },
      headers: from('203.0.113.3'),
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['l5'], extensions: { code: 'RATE_LIMITED' } });
  });

  it('locks an account after 10 failed logins in an hour, from any address', async () => {
    const user = await registerUser(api);
    for (let i = 0; i < 10; i++) {
      const res = await api.gql(LOGIN, { variables: { email: user.email, password: 'wrong password!!' }, headers: from(`198.51.100.${i}`) });
      expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const right = await api.gql(LOGIN, { variables: { email: user.email, password: user.password }, headers: from('198.51.100.200') });
    expect(right.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(right.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(3000);
  });

  it('refuses the 11th registration from one address within an hour', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await api.gql(REGISTER, { variables: { input: makeRegistration() }, headers: from('192.0.2.77') });
      codes.push(res.errors?.[0].extensions.code);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(undefined));
    expect(codes[10]).toBe('RATE_LIMITED');
  });
});

describe('per-user request budget', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_REQUESTS_PER_USER_PER_MINUTE: '5' });
  });
  afterAll(() => api.close());

  it('answers 429 RATE_LIMITED with Retry-After past the budget, per user', async () => {
    const [a, b] = [await registerUser(api), await registerUser(api)];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.gql(`{ me { id } }`, { token: a.accessToken })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api.gql(`{ me { id } }`, { token: a.accessToken });
    expect(limited.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.gql(`{ me { id } }`, { token: b.accessToken })).status).toBe(200);
  });
});

describe('client address without TRUST_PROXY', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '5' });
  });
  afterAll(() => api.close());

  it('ignores X-Forwarded-For, so a client cannot dodge the limit by forging it', async () => {
    const user = await registerUser(api);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.gql(LOGIN, {
        variables: { email: user.email, password: user.password },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      codes.push(res.errors?.[0].extensions.code);
    }
    expect(codes[5]).toBe('RATE_LIMITED');
  });
});
