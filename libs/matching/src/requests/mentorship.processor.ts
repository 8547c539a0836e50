import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayload, QUEUES } from '@switchyard/queue';
import { MentorshipRequestsService } from './mentorship-requests.service';

@Processor(QUEUES.mentorship)
export class MentorshipProcessor extends WorkerHost {
  private readonly logger = new Logger(MentorshipProcessor.name);

  constructor(private readonly requests: MentorshipRequestsService) {
    super();
  }

  async process(job: Job<JobPayload<'mentorship', JobName<'mentorship'>>>): Promise<unknown> {
    switch (job.name as JobName<'mentorship'>) {
      case 'remind-request':
        return { reminded: await this.requests.remind((job.data as JobPayload<'mentorship', 'remind-request'>).requestId) };
      case 'expire-request':
        return { expired: await this.requests.expire((job.data as JobPayload<'mentorship', 'expire-request'>).requestId) };
      case 'expire-overdue-requests': {
        const expired = await this.requests.expireOverdue();
        if (expired) this.logger.log(`expired ${expired} overdue mentorship requests`);
        return { expired };
      }
      default:
        throw new Error(`Unknown mentorship job ${job.name}`);
    }
  }
}
