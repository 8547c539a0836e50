import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { IdentityCoreModule } from '@switchyard/identity';
import { NotificationsCoreModule } from '@switchyard/notifications';
import { MentorChanges, ProfilesCoreModule } from '@switchyard/profiles';
import { QUEUES } from '@switchyard/queue';
import { CohortRunsProcessor } from './cohort-runs/cohort-runs.processor';
import { CohortResolver, MatchPairResolver, MatchRunResolver } from './cohort-runs/cohort-runs.resolver';
import { CohortRunsService } from './cohort-runs/cohort-runs.service';
import { FeaturesRepository } from './features.repository';
import { RecommendationsResolver } from './recommendations.resolver';
import { RecommendationsService } from './recommendations.service';
import { MENTOR_CHANGED, MentorshipRequestsService, RECOMMEND_NAMES } from './requests/mentorship-requests.service';
import { MentorshipProcessor } from './requests/mentorship.processor';
import { MentorshipRequestResolver, MentorshipResolver } from './requests/mentorship.resolver';

const providers = [
  FeaturesRepository,
  RecommendationsService,
  MentorshipRequestsService,
  CohortRunsService,
  { provide: MENTOR_CHANGED, inject: [MentorChanges], useFactory: (changes: MentorChanges) => (id: string) => changes.changed(id) },
  {
    provide: RECOMMEND_NAMES,
    inject: [RecommendationsService],
    useFactory: (service: RecommendationsService) => (id: string, count: number) => service.recommendNames(id, count),
  },
];

/** Recommendations and the request lifecycle, for the API. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule],
  providers: [...providers, RecommendationsResolver, MentorshipRequestResolver, MentorshipResolver, MatchRunResolver, MatchPairResolver, CohortResolver],
  exports: [RecommendationsService, MentorshipRequestsService],
})
export class MatchingModule {}

@Injectable()
class MatchingSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.mentorship) private readonly queue: Queue) {}

  // Idempotent, so every worker instance may do it.
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('expire-overdue-requests', { every: 10 * 60 * 1000 }, { name: 'expire-overdue-requests', data: {} });
  }
}

/** The request lifecycle's background jobs, for the worker. */
@Module({
  imports: [IdentityCoreModule, ProfilesCoreModule, NotificationsCoreModule],
  providers: [...providers, MentorshipProcessor, CohortRunsProcessor, MatchingSchedule],
})
export class MatchingJobsModule {}
