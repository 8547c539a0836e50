import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { CommunitiesModule } from '../communities/communities.module';

/** Meetups, RSVPs and waitlists, for the API. */
@Module({
  imports: [IdentityCoreModule, NotificationsCoreModule, CommunitiesModule],
  providers: [],
})
export class MeetupsModule {}

/** Meetup reminders, for the worker. */
@Module({
  imports: [IdentityCoreModule, NotificationsCoreModule, CommunitiesModule],
  providers: [],
})
export class MeetupsJobsModule {}
