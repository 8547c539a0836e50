import { PrivateRedis, TestApi, startPrivateRedis, startTestApi } from '@switchyard/testing';

describe('health', () => {
  let redis: PrivateRedis;
  let api: TestApi;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    api = await startTestApi({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await redis.stop();
    await api.close();
  });

  it('is live', async () => {
    const res = await fetch(`${api.baseUrl}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports each dependency, and 503 once Redis is gone', async () => {
    const up = await fetch(`${api.baseUrl}/health/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });

    await redis.stop();

    const down = await fetch(`${api.baseUrl}/health/ready`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { checks: { redis: { error: string } } };
    expect(body).toMatchObject({ status: 'unavailable', checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
    expect(body.checks.redis.error).toEqual(expect.any(String));
  });
});
