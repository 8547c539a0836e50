import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { IdentityCoreModule } from '@switchyard/identity';
import { MatchingModule } from '@switchyard/matching';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';
import { QUEUES } from '@switchyard/queue';
import { AvailabilityService } from './availability/availability.service';
import { CalendarController } from './calendar/calendar.controller';
import { FeedTokens } from './calendar/feed-tokens';
import { SchedulingProcessor } from './scheduling.processor';
import { AvailabilityResolver, MentorshipSessionsResolver, SessionsResolver, UserCalendarResolver } from './scheduling.resolver';
import { SessionsService } from './sessions/sessions.service';

const providers = [AvailabilityService, SessionsService, FeedTokens];

/** Availability, slots, booking and calendars, for the API. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule, MatchingModule],
  controllers: [CalendarController],
  providers: [...providers, AvailabilityResolver, SessionsResolver, MentorshipSessionsResolver, UserCalendarResolver],
  exports: [SessionsService],
})
export class SchedulingModule {}

@Injectable()
class SchedulingSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.scheduling) private readonly queue: Queue) {}

  // Idempotent, so every worker instance may do it.
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('top-up-schedules', { pattern: '0 3 * * *', tz: 'UTC' }, { name: 'top-up-schedules', data: {} });
    await this.queue.upsertJobScheduler('sweep-sessions', { every: 5 * 60 * 1000 }, { name: 'sweep-sessions', data: {} });
  }
}

/** Background scheduling, reminders and the session sweeper, for the worker. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule],
  providers: [...providers, SchedulingProcessor, SchedulingSchedule],
})
export class SchedulingJobsModule {}
