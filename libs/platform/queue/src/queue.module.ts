import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DrainWorkersFirst } from './drain-workers';
import type { ConnectionOptions } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { redisOptions } from '@switchyard/redis';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues';

/**
 * BullMQ wiring. The API only produces jobs and must fail fast when Redis is
 * away; the worker blocks on Redis and retries forever.
 */
@Module({})
export class QueueModule {
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    const root = BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redis.url, role === 'worker' ? 'worker' : 'queue') as ConnectionOptions,
        prefix: `${config.redis.prefix}:bull`,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    });
    // forceDisconnectOnShutdown: when Redis is down at shutdown, close() alone
    // leaves the connection reconnecting forever and the process never idles.
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name, forceDisconnectOnShutdown: true })));
    return {
      module: QueueModule,
      global: true,
      imports: [root, queues, DiscoveryModule],
      providers: role === 'worker' ? [DrainWorkersFirst] : [],
      exports: [queues],
    };
  }
}
