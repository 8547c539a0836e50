import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobPayload, QUEUES } from '@switchyard/queue';
import { TokenService } from './token.service';

@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly tokens: TokenService) {
    super();
  }

  async process(job: Job<JobPayload<'maintenance', 'purge-refresh-tokens'>>): Promise<{ deleted: number }> {
    switch (job.name) {
      case 'purge-refresh-tokens': {
        const deleted = await this.tokens.purge(job.data.graceDays);
        this.logger.log(`purged ${deleted} refresh tokens`);
        return { deleted };
      }
      default:
        throw new Error(`Unknown maintenance job ${job.name}`);
    }
  }
}
