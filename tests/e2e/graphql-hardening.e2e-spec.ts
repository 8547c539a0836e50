import { TestApi, registerUser, startTestApi } from '@switchyard/testing';

function nested(levels: number): string {
  // __schema > types > fields > type > ofType ...: introspection is deep enough
  // to build any depth with the foundation's small schema.
  const names = ['__schema', 'types', 'fields', 'type'];
  while (names.length < levels - 1) names.push('ofType');
  return `{ ${names.join(' { ')} { name }${' }'.repeat(names.length)}`;
}

describe('GraphQL hardening', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('accepts a query of depth 10 and refuses depth 11', async () => {
    expect((await api.gql(nested(10))).errors).toBeUndefined();
    const res = await api.gql(nested(11));
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth', max: 10, actual: 11 });
  });

  it('accepts 15 aliases and refuses 16, __typename included', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await api.gql(aliases(15))).errors).toBeUndefined();
    const res = await api.gql(aliases(16));
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'aliases', max: 15 });
  });

  it('refuses an 11th directive', async () => {
    const directives = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename @include(if: true)`).join(' ')} }`;
    expect((await api.gql(directives(10))).errors).toBeUndefined();
    expect((await api.gql(directives(11))).errors![0].extensions).toMatchObject({ limit: 'directives' });
  });

  it('accepts 10,000 characters and refuses 10,001', async () => {
    const padded = (length: number) => {
      const base = '{ __typename }';
      return base + ' '.repeat(length - base.length);
    };
    expect((await api.gql(padded(10_000))).errors).toBeUndefined();
    const res = await api.gql(padded(10_001));
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'length', max: 10_000, actual: 10_001 });
  });

  it('weighs list fields by first when computing cost, with variables', async () => {
    const user = await registerUser(api);
    const admin = { token: user.accessToken };
    // Cost is checked before authorisation, so even a FORBIDDEN caller sees it.
    const cheap = await api.gql(`query ($n: Int) { users(first: $n) { edges { node { id } } } }`, { ...admin, variables: { n: 100 } });
    expect(cheap.errors![0].extensions.code).toBe('FORBIDDEN');
    // Each alias: 1 + (edges + node) x 100 = 201; five of them pass 1000.
    const page = (alias: string) => `${alias}: users(first: $n) { edges { node { id roles displayName timeZone } } }`;
    const expensive = await api.gql(`query ($n: Int) { ${['a', 'b', 'c', 'd', 'e'].map(page).join(' ')} }`, { ...admin, variables: { n: 100 } });
    expect(expensive.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost', max: 1000 });
  });

  it('refuses mutations over GET', async () => {
    const query = encodeURIComponent('mutation { logout(refreshToken: "x") }');
    const res = await fetch(`${api.baseUrl}/graphql?query=${query}`, { headers: { 'graphql-require-preflight': '1' } });
    expect(res.status).toBe(405);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers queries over GET when the client shows it is not a plain cross-site request', async () => {
    const url = `${api.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    expect((await fetch(url)).status).toBe(400);
    const res = await fetch(url, { headers: { 'graphql-require-preflight': '1' } });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses bodies a browser could send cross-site without a preflight', async () => {
    const res = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { logout(refreshToken: "x") }' }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const form = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation%20%7B%20logout(refreshToken%3A%20%22x%22)%20%7D',
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
  });

  it('does not run batched queries', async () => {
    const res = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('names the variable path when a variable has the wrong shape', async () => {
    const res = await api.gql(`mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`, {
      variables: { input: { email: 'a@example.org' } },
    });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual(expect.arrayContaining([expect.stringMatching(/^input\./)]));
  });

  it('sends security headers and a request id', async () => {
    const res = await fetch(`${api.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-request-id': 'trace-me-12345', 'graphql-require-preflight': '1' },
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toBe('trace-me-12345');
  });
});

describe('GraphQL in production mode', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production' });
  });
  afterAll(() => api.close());

  it('refuses introspection', async () => {
    const res = await api.gql(`{ __schema { types { name } } }`);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/introspection/i);
    expect((await api.gql(`{ __type(name: "User") { name } }`)).errors).toBeDefined();
  });

  it('serves no GraphiQL', async () => {
    expect((await fetch(`${api.baseUrl}/graphiql`)).status).toBe(404);
  });

  it('gives no "did you mean" hints', async () => {
    const res = await api.gql(`{ mee { id } }`);
    expect(res.errors![0].message).not.toMatch(/Did you mean/);
  });

  it('masks unexpected errors as INTERNAL with an errorId and no details', async () => {
    const user = await registerUser(api);
    // Break this test's own database underneath the running API.
    await api.db.query('ALTER TABLE users RENAME TO users_gone');
    try {
      const res = await api.gql(`{ me { id } }`, { token: user.accessToken });
      expect(res.errors).toHaveLength(1);
      const [error] = res.errors!;
      expect(error.extensions.code).toBe('INTERNAL');
      expect(error.extensions.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(error.extensions).sort()).toEqual(['code', 'errorId']);
      expect(error.message).not.toMatch(/users|relation|SQL/i);
      expect(JSON.stringify(res)).not.toMatch(/stack|at .*\.ts/);
    } finally {
      await api.db.query('ALTER TABLE users_gone RENAME TO users');
    }
  });
});
