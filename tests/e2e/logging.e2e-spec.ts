import { Writable } from 'node:stream';
import { TestApi, registerUser, startTestApi } from '@switchyard/testing';

describe('logs', () => {
  let api: TestApi;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    api = await startTestApi({ LOG_LEVEL: 'trace' }, { logDestination: sink });
  });
  afterAll(() => api.close());

  it('are JSON with a request id and hold no passwords, tokens or emails', async () => {
    const user = await registerUser(api, { email: 'private.person@example.org', password: 'my very secret passphrase' });
    await api.gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      variables: { e: user.email, p: 'wrong passphrase here!' },
    });
    await api.gql(`mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, { variables: { t: user.refreshToken } });
    await api.gql(`{ me { id email } }`, { token: user.accessToken, headers: { 'x-request-id': 'req-abcdefgh' } });
    await fetch(`${api.baseUrl}/unsubscribe?token=secret-unsubscribe-token`);
    // A crash, so an error with its stack is logged too.
    await api.db.query('ALTER TABLE users RENAME TO users_gone');
    await api.gql(`{ me { id } }`, { token: user.accessToken });
    await api.db.query('ALTER TABLE users_gone RENAME TO users');

    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.find((l) => l.reqId === 'req-abcdefgh' && l.msg === 'request')).toMatchObject({ statusCode: 200, url: '/graphql' });
    expect(parsed.some((l) => l.errorId && l.err)).toBe(true);

    const all = lines.join('\n');
    for (const secret of [
      'my very secret passphrase',
      'wrong passphrase here!',
      'private.person@example.org',
      user.accessToken,
      user.refreshToken,
      user.refreshToken.split('.')[1],
      'secret-unsubscribe-token',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
