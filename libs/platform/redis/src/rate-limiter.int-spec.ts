import Redis from 'ioredis';
import type { AppConfig } from '@switchyard/config';
import { createTestRedisPrefix, testEnvironment } from '@switchyard/testing';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter (real Redis)', () => {
  const prefix = createTestRedisPrefix();
  let redis: Redis;
  let limiter: RateLimiter;

  beforeAll(() => {
    redis = new Redis(testEnvironment().redisUrl);
    limiter = new RateLimiter(redis, { redis: { url: testEnvironment().redisUrl, prefix: prefix.prefix } } as AppConfig);
  });
  afterAll(async () => {
    await prefix.clear();
    redis.disconnect();
  });

  it('allows exactly `limit` hits per window and says when to retry', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit('a', 3, 60_000));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(55);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('slides: old hits stop counting once the window has passed them', async () => {
    expect((await limiter.hit('b', 2, 300)).allowed).toBe(true);
    expect((await limiter.hit('b', 2, 300)).allowed).toBe(true);
    expect((await limiter.hit('b', 2, 300)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    expect((await limiter.hit('b', 2, 300)).allowed).toBe(true);
  });

  it('peek does not consume; refused hits are not recorded', async () => {
    expect((await limiter.peek('c', 1, 60_000)).allowed).toBe(true);
    expect((await limiter.hit('c', 1, 60_000)).allowed).toBe(true);
    expect((await limiter.peek('c', 1, 60_000)).allowed).toBe(false);
    expect(await redis.zcard(`${prefix.prefix}:rl:c`)).toBe(1);
  });

  it('holds under concurrency: 50 simultaneous hits on a limit of 10 let exactly 10 through', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.hit('d', 10, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('treats a limit of 0 as disabled', async () => {
    expect((await limiter.hit('e', 0, 60_000)).allowed).toBe(true);
    expect(await redis.exists(`${prefix.prefix}:rl:e`)).toBe(0);
  });
});
