import { Module } from '@nestjs/common';
import { CohortsModule } from './cohorts/cohorts.module';
import { CommunitiesModule } from './communities/communities.module';
import { MeetupsJobsModule, MeetupsModule } from './meetups/meetups.module';

/** Communities, cohorts and meetups, for the API. */
@Module({ imports: [CommunitiesModule, CohortsModule, MeetupsModule] })
export class CommunityModule {}

/** Meetup reminders and the other community jobs, for the worker. */
@Module({ imports: [MeetupsJobsModule] })
export class CommunityJobsModule {}
