import { Controller, Get, Inject, Res } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@switchyard/graphql';
import { REDIS } from '@switchyard/redis';

const CHECK_TIMEOUT_MS = 1500;

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

/** Jobs not yet finished per queue; `depth` = waiting + delayed + active. */
export interface QueueDepth {
  waiting: number;
  delayed: number;
  active: number;
  depth: number;
}

async function withTimeout<T>(work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function probe(check: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = performance.now();
  try {
    await withTimeout(check);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/**
 * `live`: the process runs (restart it if not). `ready`: it can serve, so
 * PostgreSQL and Redis answer (take it out of the load balancer if not).
 * `ready` also reports the depth of every queue this process knows, for
 * dashboards and alerts; a deep queue is a backlog, not a reason to stop
 * serving, so it never makes the answer 503.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly discovery: DiscoveryService,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis, queues] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
      withTimeout(() => this.queueDepths()).catch((error: Error) => ({ error: error.message })),
    ]);
    const ok = postgres.status === 'up' && redis.status === 'up';
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis }, queues };
  }

  private async queueDepths(): Promise<Record<string, QueueDepth>> {
    const queues = [
      ...new Map(
        this.discovery
          .getProviders()
          .map((wrapper) => wrapper.instance as unknown)
          .filter((instance): instance is Queue => instance instanceof Queue)
          .map((queue) => [queue.name, queue]),
      ).values(),
    ];
    const depths = await Promise.all(
      queues.map(async (queue) => {
        const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
        const waiting = (c.waiting ?? 0) + (c.prioritized ?? 0);
        return [queue.name, { waiting, delayed: c.delayed ?? 0, active: c.active ?? 0, depth: waiting + (c.delayed ?? 0) + (c.active ?? 0) }] as const;
      }),
    );
    return Object.fromEntries(depths.sort(([a], [b]) => a.localeCompare(b)));
  }
}
