import { PrivateRedis, TestApi, startPrivateRedis, startTestApi } from '@switchyard/testing';

describe('health', () => {
  let redis: PrivateRedis;
  let api: TestApi;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    api = await startTestApi({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    // Closed while Redis answers: commands its clients still had queued would fail after the test otherwise.
    await api.close();
    await redis.stop();
  });

  it('is live', async () => {
    const res = await fetch(`${api.baseUrl}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports each dependency, 503 once Redis is gone, and ready again once it is back', async () => {
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

    await redis.restart();
    let again = 503;
    for (let i = 0; i < 50 && again !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      again = (await fetch(`${api.baseUrl}/health/ready`)).status;
    }
    expect(again).toBe(200);
  });
});
