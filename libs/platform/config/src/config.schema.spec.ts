import { ConfigError, loadConfig } from './config.schema';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/switchyard',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

function problemsOf(env: Record<string, string | undefined>, role: 'api' | 'worker' | 'tool' = 'api'): string[] {
  try {
    loadConfig(env, role);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.rateLimits).toEqual({
      loginPerIpPerMinute: 5,
      loginFailuresPerAccountPerHour: 10,
      registerPerIpPerHour: 10,
      requestsPerUserPerMinute: 600,
    });
    expect(config.trustProxy).toBe(false);
    expect(config.auth.bootstrapAdmin).toBeUndefined();
  });

  it('runs one worker process unless WORKER_PROCESSES says more (1-64)', () => {
    expect(loadConfig(valid).worker).toEqual({ concurrency: 5, processes: 1 });
    expect(loadConfig({ ...valid, WORKER_PROCESSES: '2' }).worker.processes).toBe(2);
    expect(problemsOf({ ...valid, WORKER_PROCESSES: '0' }).map((p) => p.split(' ')[0])).toEqual(['WORKER_PROCESSES']);
    expect(problemsOf({ ...valid, WORKER_PROCESSES: '1.5' }).map((p) => p.split(' ')[0])).toEqual(['WORKER_PROCESSES']);
  });

  it('lists every offending variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', REDIS_URL: 'http://x', JWT_SECRET: 'short', NODE_ENV: 'staging' });
    const names = problems.map((p) => p.split(' ')[0]);
    expect(names).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'NODE_ENV']));
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('is required');
  });

  it('needs only DATABASE_URL for tools such as the migration CLI', () => {
    expect(problemsOf({ DATABASE_URL: valid.DATABASE_URL }, 'tool')).toEqual([]);
    expect(problemsOf({ DATABASE_URL: valid.DATABASE_URL }, 'worker')).toEqual(['REDIS_URL is required']);
  });

  it('requires JWT_SECRET only for the API', () => {
    const { JWT_SECRET: _unused, ...withoutSecret } = valid;
    expect(problemsOf(withoutSecret, 'api')).toEqual([expect.stringContaining('JWT_SECRET is required')]);
    expect(problemsOf(withoutSecret, 'worker')).toEqual([]);
  });

  it('requires both bootstrap admin variables or neither', () => {
    expect(problemsOf({ ...valid, BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org' })).toEqual([
      expect.stringContaining('BOOTSTRAP_ADMIN_PASSWORD'),
    ]);
    expect(problemsOf({ ...valid, BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'short' })).toEqual([
      'BOOTSTRAP_ADMIN_PASSWORD must be 12-128 characters',
    ]);
  });

  it.each([
    ['true', true],
    ['2', 2],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['', false],
  ])('parses TRUST_PROXY=%p', (value, expected) => {
    expect(loadConfig({ ...valid, TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('refuses a nonsensical TRUST_PROXY', () => {
    expect(problemsOf({ ...valid, TRUST_PROXY: 'sometimes' })).toEqual([expect.stringMatching(/^TRUST_PROXY /)]);
  });

  it('applies the email defaults, blank values included', () => {
    const config = loadConfig({ ...valid, MAIL_FROM: '', MAIL_DIR: ' ' });
    expect(config.mail).toEqual({
      smtpUrl: undefined,
      from: 'Switchyard <no-reply@localhost>',
      dir: `${process.cwd()}/.data/mail`,
      maxAttempts: 8,
      retryBaseMs: 30_000,
      relayIntervalMs: 5000,
      claimTimeoutMs: 300_000,
    });
  });

  it('signs unsubscribe links with UNSUBSCRIBE_SECRET, else JWT_SECRET', () => {
    expect(loadConfig(valid).unsubscribeSecret).toBe(valid.JWT_SECRET);
    expect(loadConfig({ ...valid, UNSUBSCRIBE_SECRET: 'u'.repeat(40) }).unsubscribeSecret).toBe('u'.repeat(40));
    expect(loadConfig({ DATABASE_URL: valid.DATABASE_URL, REDIS_URL: valid.REDIS_URL }, 'worker').unsubscribeSecret).toBe('');
    expect(problemsOf({ ...valid, UNSUBSCRIBE_SECRET: 'short' })).toEqual(['UNSUBSCRIBE_SECRET must be at least 32 characters']);
  });

  it('refuses a sender with a line break or without an address', () => {
    expect(problemsOf({ ...valid, MAIL_FROM: 'Switchyard' })).toEqual([expect.stringMatching(/^MAIL_FROM /)]);
    expect(problemsOf({ ...valid, MAIL_FROM: 'a@b.org\nBcc: x@y.org' })).toEqual([expect.stringMatching(/^MAIL_FROM /)]);
    expect(loadConfig({ ...valid, MAIL_FROM: 'Team <team@example.org>' }).mail.from).toBe('Team <team@example.org>');
  });

  it('bounds the email retry settings', () => {
    expect(problemsOf({ ...valid, EMAIL_MAX_ATTEMPTS: '0', EMAIL_RELAY_INTERVAL_MS: '10', EMAIL_CLAIM_TIMEOUT_SECONDS: '5' }).map((p) => p.split(' ')[0])).toEqual(
      ['EMAIL_MAX_ATTEMPTS', 'EMAIL_RELAY_INTERVAL_MS', 'EMAIL_CLAIM_TIMEOUT_SECONDS'],
    );
  });
});
