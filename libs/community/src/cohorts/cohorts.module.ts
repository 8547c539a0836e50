import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';
import { CommunitiesModule } from '../communities/communities.module';

/** Cohorts: phases, milestones, enrollment, the organizer dashboard. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule, CommunitiesModule],
  providers: [],
})
export class CohortsModule {}
