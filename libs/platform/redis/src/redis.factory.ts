import Redis, { RedisOptions } from 'ioredis';

export type RedisRole = 'command' | 'worker' | 'queue';

/**
 * The one place Redis connections are made.
 *
 * - `worker`: BullMQ workers block on Redis and must retry forever
 *   (`maxRetriesPerRequest: null`, as BullMQ requires).
 * - `queue`: producers. An enqueue fails after one reconnection attempt
 *   instead of hanging a request while Redis is away; the offline queue stays
 *   on because BullMQ cannot close a connection without it while Redis is down.
 * - `command`: rate limits and health checks; fail fast so a Redis outage
 *   becomes an error (or a 503) instead of a hung request.
 */
export function redisOptions(url: string, role: RedisRole): RedisOptions {
  const parsed = new URL(url);
  const base: RedisOptions = {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectionName: `switchyard-${role}`,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  };
  switch (role) {
    case 'worker':
      return { ...base, maxRetriesPerRequest: null, enableReadyCheck: true };
    case 'queue':
      return { ...base, maxRetriesPerRequest: 1 };
    case 'command':
      return { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: 2000 };
  }
}

export function createRedis(url: string, role: RedisRole): Redis {
  return new Redis(redisOptions(url, role));
}
