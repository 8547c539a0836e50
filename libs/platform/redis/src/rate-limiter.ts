import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { REDIS } from './redis.tokens';

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until one more hit would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Sliding-window log in a sorted set: exact counts over the last `windowMs`,
 * with no burst at window boundaries (a fixed window would let 2x through).
 * One round trip; the script is atomic, so API instances share the limit.
 */
const SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local member = ARGV[4]
local consume = ARGV[5] == '1'
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  local retry = window
  if oldest[2] then retry = tonumber(oldest[2]) + window - now end
  return {0, 0, retry}
end
if consume then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
  count = count + 1
end
return {1, limit - count, 0}
`;

@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis.defineCommand('switchyardRateLimit', { numberOfKeys: 1, lua: SCRIPT });
  }

  /** Records one hit and tells whether it was within `limit` per `windowMs`. A limit of 0 disables the check. */
  hit(bucket: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    return this.run(bucket, limit, windowMs, true);
  }

  /** Tells whether one more hit would be allowed, without recording one. */
  peek(bucket: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    return this.run(bucket, limit, windowMs, false);
  }

  async reset(bucket: string): Promise<void> {
    await this.redis.del(this.key(bucket));
  }

  private async run(bucket: string, limit: number, windowMs: number, consume: boolean): Promise<RateLimitResult> {
    if (limit <= 0) return { allowed: true, remaining: Number.POSITIVE_INFINITY, retryAfterSeconds: 0 };
    const command = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<[number, number, number]>>)
      .switchyardRateLimit;
    const [allowed, remaining, retryMs] = await command.call(
      this.redis,
      this.key(bucket),
      Date.now(),
      windowMs,
      limit,
      randomUUID(),
      consume ? '1' : '0',
    );
    return { allowed: allowed === 1, remaining, retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) * (allowed ? 0 : 1) };
  }

  private key(bucket: string): string {
    return `${this.config.redis.prefix}:rl:${bucket}`;
  }
}
