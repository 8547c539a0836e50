import { Args, Context, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext, NotFoundError } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { FieldType, ProfilesService } from '@switchyard/profiles';
import { CohortRunsService } from './cohort-runs.service';
import { CohortType, MatchMode, MatchPairType, MatchRunType } from './cohort-runs.types';

@Resolver(() => MatchRunType)
export class MatchRunResolver {
  constructor(private readonly runs: CohortRunsService) {}

  @Mutation(() => MatchRunType, { description: "Queues a matching of the cohort's admitted switchers and mentors (organizers); runs in the worker" })
  runCohortMatching(
    @CurrentUser() viewer: AuthUser,
    @Args('cohortId', { type: () => ID }) cohortId: string,
    @Args('mode', { type: () => MatchMode }) mode: MatchMode,
    @Args('minScore', { type: () => Float, nullable: true, description: 'Leave pairs below this score (0-100) unmatched' }) minScore: number | null,
  ) {
    return this.runs.start(viewer, cohortId, mode, minScore);
  }

  @Query(() => MatchRunType, { nullable: true })
  matchRun(@CurrentUser() viewer: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.runs.get(viewer, id);
  }

  @Mutation(() => MatchRunType, { description: 'Creates all the mentorships of a finished run, or none' })
  publishMatchRun(@CurrentUser() viewer: AuthUser, @Args('matchRunId', { type: () => ID }) matchRunId: string) {
    return this.runs.publish(viewer, matchRunId);
  }

  @ResolveField(() => CohortType)
  async cohort(@Parent() run: MatchRunType) {
    const cohort = await this.runs.cohort(run.cohortId);
    if (!cohort) throw new NotFoundError('Cohort', run.cohortId);
    return cohort;
  }

  @ResolveField(() => [MatchPairType])
  pairs(@Parent() run: MatchRunType) {
    return this.runs.pairs(run.id);
  }
}

@Resolver(() => MatchPairType)
export class MatchPairResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User)
  switcher(@Parent() pair: MatchPairType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(pair.switcherId);
  }

  @ResolveField(() => User)
  mentor(@Parent() pair: MatchPairType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(pair.mentorId);
  }
}

@Resolver(() => CohortType)
export class CohortResolver {
  constructor(private readonly profiles: ProfilesService) {}

  @ResolveField(() => FieldType)
  async targetField(@Parent() cohort: CohortType, @Context() { req }: GraphQLContext) {
    return (await this.profiles.view(req)).field(cohort.targetFieldId);
  }
}
