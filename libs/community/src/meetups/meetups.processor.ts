import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, JobPayload, QUEUES } from '@switchyard/queue';
import { MeetupRemindersService } from './meetup-reminders.service';

@Processor(QUEUES.community)
export class MeetupsProcessor extends WorkerHost {
  constructor(private readonly reminders: MeetupRemindersService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName<'community'>) {
      case 'meetup-reminder': {
        const { meetupId, version, minutesBefore } = job.data as JobPayload<'community', 'meetup-reminder'>;
        return { sent: await this.reminders.remind(meetupId, version, minutesBefore) };
      }
      case 'sweep-meetups':
        return this.reminders.sweep();
      default:
        throw new Error(`Unknown community job ${job.name}`);
    }
  }
}
