import { Module } from '@nestjs/common';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { ProfilesCoreModule } from '@switchyard/profiles';
import { CommunitiesModule } from '../communities/communities.module';
import {
  CohortDashboardResolver,
  CohortEnrollmentResolver,
  CohortMilestoneResolver,
  CohortProgramResolver,
  CommunityCohortsResolver,
  MilestoneProgressResolver,
} from './cohorts.resolver';
import { CohortsService } from './cohorts.service';
import { CohortDashboardService } from './dashboard.service';
import { EnrollmentsService } from './enrollments.service';
import { MilestonesService } from './milestones.service';

/** Cohorts: phases, milestones, enrollment, the organizer dashboard. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule, CommunitiesModule],
  providers: [
    CohortsService,
    EnrollmentsService,
    MilestonesService,
    CohortDashboardService,
    CohortProgramResolver,
    CommunityCohortsResolver,
    CohortEnrollmentResolver,
    CohortMilestoneResolver,
    MilestoneProgressResolver,
    CohortDashboardResolver,
  ],
  exports: [CohortsService],
})
export class CohortsModule {}
