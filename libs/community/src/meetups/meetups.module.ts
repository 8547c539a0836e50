import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';
import { QUEUES } from '@switchyard/queue';
import { FeedTokens } from '@switchyard/scheduling';
import { CommunitiesModule } from '../communities/communities.module';
import { MeetupCalendarController } from './meetup-calendar.controller';
import { MEETUP_SWEEP_EVERY_MS, MeetupRemindersService } from './meetup-reminders.service';
import { MeetupsProcessor } from './meetups.processor';
import { MeetupsResolver, RsvpResolver } from './meetups.resolver';
import { MeetupsService } from './meetups.service';

/** Meetups, RSVPs and waitlists, for the API. */
@Module({
  imports: [IdentityCoreModule, NotificationsCoreModule, ProfilesCoreModule, CommunitiesModule],
  controllers: [MeetupCalendarController],
  providers: [MeetupsService, MeetupRemindersService, FeedTokens, MeetupsResolver, RsvpResolver],
  exports: [MeetupsService],
})
export class MeetupsModule {}

@Injectable()
class MeetupsSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.community) private readonly queue: Queue) {}

  // Idempotent, so every worker instance may do it.
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('sweep-meetups', { every: MEETUP_SWEEP_EVERY_MS }, { name: 'sweep-meetups', data: {} });
  }
}

/** Meetup reminders and their sweeper, for the worker. */
@Module({
  imports: [IdentityCoreModule, NotificationsCoreModule, CommunitiesModule],
  providers: [MeetupRemindersService, MeetupsProcessor, MeetupsSchedule],
})
export class MeetupsJobsModule {}
