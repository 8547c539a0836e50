import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { createRedis } from './redis.factory';
import { RateLimiter } from './rate-limiter';
import { REDIS } from './redis.tokens';


@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const redis = createRedis(config.redis.url, 'command');
        // The command connection has no offline queue: wait for it once at boot.
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`Redis at ${config.redis.url.replace(/\/\/.*@/, '//***@')} is not reachable`)), 10000);
          redis.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        redis.on('error', (error) => new Logger('Redis').warn(`Redis connection error: ${error.message}`));
        return redis;
      },
    },
    RedisCloser,
    RateLimiter,
  ],
  exports: [REDIS, RateLimiter],
})
export class RedisModule {}
