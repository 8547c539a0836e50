import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { BadUserInputError } from '@switchyard/graphql';
import { Role, Roles } from '@switchyard/identity';
import { QueueRegistry } from './queue-registry';
import { QueueStatsType } from './queue-stats.types';

@Resolver()
export class QueueStatsResolver {
  constructor(private readonly queues: QueueRegistry) {}

  @Roles(Role.ADMIN)
  @Query(() => [QueueStatsType], { description: 'Job counts and the latest failures of every queue (ADMIN)' })
  async queueStats(
    @Args('failedLimit', { type: () => Int, nullable: true, description: 'Latest failed jobs per queue, 0-50 (default 5)' }) failedLimit: number | null,
  ): Promise<QueueStatsType[]> {
    const limit = failedLimit ?? 5;
    if (limit < 0 || limit > 50) throw BadUserInputError.field('failedLimit', 'must be between 0 and 50');
    return Promise.all(
      this.queues.all().map(async (queue) => {
        const [counts, paused, failed] = await Promise.all([
          queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'),
          queue.isPaused(),
          limit > 0 ? queue.getFailed(0, limit - 1) : Promise.resolve([]),
        ]);
        return {
          name: queue.name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          completed: counts.completed ?? 0,
          failed: counts.failed ?? 0,
          paused,
          latestFailed: failed
            .filter((job) => job !== undefined)
            .map((job) => ({
              id: job.id ?? null,
              name: job.name,
              failedReason: job.failedReason ? job.failedReason.slice(0, 1000) : null,
              attemptsMade: job.attemptsMade,
              failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
            })),
        };
      }),
    );
  }
}
