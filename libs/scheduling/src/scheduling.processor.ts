import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayload, QUEUES } from '@switchyard/queue';
import { SessionsService } from './sessions/sessions.service';

type Payload<N extends JobName<'scheduling'>> = JobPayload<'scheduling', N>;

@Processor(QUEUES.scheduling)
export class SchedulingProcessor extends WorkerHost {
  private readonly logger = new Logger(SchedulingProcessor.name);

  constructor(private readonly sessions: SessionsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName<'scheduling'>) {
      case 'schedule-mentorship':
        return this.sessions.scheduleMentorship((job.data as Payload<'schedule-mentorship'>).mentorshipId);
      case 'top-up-schedules': {
        const enqueued = await this.sessions.topUp();
        this.logger.log(`enqueued scheduling for ${enqueued} active mentorships`);
        return { enqueued };
      }
      case 'session-reminder': {
        const { sessionId, sequence, minutesBefore } = job.data as Payload<'session-reminder'>;
        return { sent: await this.sessions.remind(sessionId, sequence, minutesBefore) };
      }
      case 'sweep-sessions':
        return this.sessions.sweep();
      default:
        throw new Error(`Unknown scheduling job ${job.name}`);
    }
  }
}
