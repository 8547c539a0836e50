import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext, NotFoundError } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { Stage } from '@switchyard/profiles';
import { CommunitiesService } from '../communities/communities.service';
import { CommunityType } from '../communities/community.types';
import { CohortDashboardService } from './dashboard.service';
import { CohortsService } from './cohorts.service';
import { EnrollmentsService } from './enrollments.service';
import { MilestonesService } from './milestones.service';
import {
  AddCohortMilestoneInput,
  CohortDashboardType,
  CohortEnrollmentType,
  CohortMilestoneType,
  CohortPhaseType,
  CohortType,
  CreateCohortInput,
  EnrollmentRole,
  EnrollmentStatus,
  MilestoneProgressType,
} from './cohort.types';

function users(loaded: (User | null | Error)[]): User[] {
  return loaded.filter((u): u is User => u instanceof User);
}

/** The community feature's fields of Cohort (matching's CohortResolver adds targetField). */
@Resolver(() => CohortType)
export class CohortProgramResolver {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly enrollmentsService: EnrollmentsService,
    private readonly milestonesService: MilestonesService,
    private readonly communities: CommunitiesService,
  ) {}

  @Mutation(() => CohortType, { description: 'Creates a cohort with its phases and the default milestones (organizers of the community)' })
  createCohort(@CurrentUser() viewer: AuthUser, @Args('input') input: CreateCohortInput) {
    return this.cohorts.create(viewer, input);
  }

  @Mutation(() => CohortMilestoneType, { description: 'Adds a milestone at the end of a phase (organizers of the community)' })
  addCohortMilestone(@CurrentUser() viewer: AuthUser, @Args('input') input: AddCohortMilestoneInput) {
    return this.cohorts.addMilestone(viewer, input);
  }

  @Query(() => CohortType)
  cohort(@Args('id', { type: () => ID }) id: string, @Context() { req }: GraphQLContext) {
    return this.cohorts.get(req, id);
  }

  @ResolveField(() => CommunityType)
  async community(@Parent() cohort: CohortType, @Context() { req }: GraphQLContext) {
    const community = await this.communities.loader(req).load(cohort.communityId);
    if (!community) throw new NotFoundError('Community', cohort.communityId);
    return community;
  }

  @ResolveField(() => [CohortPhaseType], { description: 'KNOWLEDGE, VALIDATION, LEAP' })
  phases(@Parent() cohort: CohortType, @Context() { req }: GraphQLContext) {
    return this.cohorts.phasesLoader(req).load(cohort.id);
  }

  @ResolveField(() => [CohortMilestoneType], { description: 'By phase, then position; one phase when stage is given' })
  async milestones(
    @Parent() cohort: CohortType,
    @Args('stage', { type: () => Stage, nullable: true }) stage: Stage | null,
    @Context() { req }: GraphQLContext,
  ) {
    const all = await this.cohorts.milestonesLoader(req).load(cohort.id);
    return stage ? all.filter((m) => m.stage === stage) : all;
  }

  @ResolveField(() => Int, { nullable: true, description: 'Switchers admitted at most; null: unlimited' })
  async seats(@Parent() cohort: CohortType, @Context() { req }: GraphQLContext) {
    return (await this.cohorts.info(req, cohort.id)).seats;
  }

  @ResolveField(() => Int, { description: 'Admitted switchers (mentors take no seats)' })
  seatsTaken(@Parent() cohort: CohortType, @Context() { req }: GraphQLContext) {
    return this.cohorts.seatsTakenLoader(req).load(cohort.id);
  }

  @ResolveField(() => Date)
  async createdAt(@Parent() cohort: CohortType, @Context() { req }: GraphQLContext) {
    return (await this.cohorts.info(req, cohort.id)).createdAt;
  }

  @ResolveField(() => [CohortEnrollmentType], { description: 'Organizers see every enrollment, others only their own; oldest first' })
  async enrollments(
    @Parent() cohort: CohortType,
    @CurrentUser() viewer: AuthUser,
    @Args('role', { type: () => EnrollmentRole, nullable: true }) role: EnrollmentRole | null,
    @Args('status', { type: () => EnrollmentStatus, nullable: true }) status: EnrollmentStatus | null,
    @Context() { req }: GraphQLContext,
  ) {
    const all = await this.enrollmentsService.visibleLoader(req, viewer).load(cohort.id);
    return all.filter((e) => (!role || e.role === role) && (!status || e.status === status));
  }

  @ResolveField(() => CohortEnrollmentType, { nullable: true, description: 'Your open enrollment if any, else your latest' })
  viewerEnrollment(@Parent() cohort: CohortType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    return this.enrollmentsService.viewerLoader(req, viewer).load(cohort.id);
  }

  @ResolveField(() => Boolean, { description: "Whether you can manage it (an organizer of the cohort's community, or an administrator)" })
  viewerIsOrganizer(@Parent() cohort: CohortType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    return this.communities.viewerManagesLoader(req, viewer).load(cohort.communityId);
  }

  @ResolveField(() => [MilestoneProgressType], {
    description: "A switcher's state on every milestone: yours by default; organizers and the switcher's cohort mentor may ask for others",
  })
  progress(
    @Parent() cohort: CohortType,
    @CurrentUser() viewer: AuthUser,
    @Args('switcherId', { type: () => ID, nullable: true }) switcherId: string | null,
    @Context() { req }: GraphQLContext,
  ) {
    return this.milestonesService.progress(req, viewer, cohort.id, switcherId, 'id');
  }
}

@Resolver(() => CommunityType)
export class CommunityCohortsResolver {
  constructor(private readonly cohortsService: CohortsService) {}

  @ResolveField(() => [CohortType], { description: 'By start date' })
  cohorts(@Parent() community: CommunityType, @Context() { req }: GraphQLContext) {
    return this.cohortsService.byCommunityLoader(req).load(community.id);
  }
}

@Resolver(() => CohortEnrollmentType)
export class CohortEnrollmentResolver {
  constructor(
    private readonly enrollments: EnrollmentsService,
    private readonly cohorts: CohortsService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => CohortEnrollmentType, {
    description:
      'Applies to a cohort as a switcher or mentor (you need that role and profile); public communities enrol you as a member, invite-only ones need membership first',
  })
  enrollInCohort(
    @CurrentUser() viewer: AuthUser,
    @Args('cohortId', { type: () => ID }) cohortId: string,
    @Args('as', { type: () => EnrollmentRole }) role: EnrollmentRole,
  ) {
    return this.enrollments.enroll(viewer, cohortId, role);
  }

  @Mutation(() => CohortEnrollmentType, { description: 'Withdraws your application or gives up your admitted seat' })
  withdrawEnrollment(@CurrentUser() viewer: AuthUser, @Args('enrollmentId', { type: () => ID }) enrollmentId: string) {
    return this.enrollments.withdraw(viewer, enrollmentId);
  }

  @Mutation(() => CohortEnrollmentType, { description: 'Admits or rejects an application (organizers); a full cohort is CONFLICT COHORT_FULL' })
  decideEnrollment(
    @CurrentUser() viewer: AuthUser,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('admit') admit: boolean,
  ) {
    return this.enrollments.decide(viewer, enrollmentId, admit);
  }

  @Query(() => [CohortEnrollmentType], { description: 'Your cohort enrollments, newest first' })
  myCohortEnrollments(@CurrentUser() viewer: AuthUser) {
    return this.enrollments.mine(viewer);
  }

  @ResolveField(() => CohortType)
  cohort(@Parent() enrollment: CohortEnrollmentType, @Context() { req }: GraphQLContext) {
    return this.cohorts.get(req, enrollment.cohortId);
  }

  @ResolveField(() => User)
  user(@Parent() enrollment: CohortEnrollmentType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(enrollment.userId);
  }
}

@Resolver(() => CohortMilestoneType)
export class CohortMilestoneResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => String, { description: "In the viewer's locale (English when there is no Chinese title)" })
  async title(@Parent() milestone: CohortMilestoneType, @Context() { req }: GraphQLContext) {
    const locale = await this.users.viewerLocale(req);
    return locale === 'zh-CN' && milestone.titleZh ? milestone.titleZh : milestone.titleEn;
  }
}

@Resolver(() => MilestoneProgressType)
export class MilestoneProgressResolver {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => MilestoneProgressType, {
    description: 'Marks a milestone done with an evidence link (admitted switchers of the cohort); the link can change until it is verified',
  })
  completeMilestone(
    @CurrentUser() viewer: AuthUser,
    @Args('milestoneId', { type: () => ID }) milestoneId: string,
    @Args('evidenceUrl') evidenceUrl: string,
  ) {
    return this.milestones.complete(viewer, milestoneId, evidenceUrl);
  }

  @Mutation(() => MilestoneProgressType, {
    description: "Verifies (or, with verified: false, rejects) a switcher's completed milestone: their mentor in the cohort or an organizer",
  })
  verifyMilestone(
    @CurrentUser() viewer: AuthUser,
    @Args('milestoneId', { type: () => ID }) milestoneId: string,
    @Args('switcherId', { type: () => ID }) switcherId: string,
    @Args('verified') verified: boolean,
  ) {
    return this.milestones.verify(viewer, milestoneId, switcherId, verified);
  }

  @Query(() => [MilestoneProgressType], { description: 'Your state on every milestone of a cohort, in program order' })
  myMilestones(@CurrentUser() viewer: AuthUser, @Args('cohortId', { type: () => ID }) cohortId: string, @Context() { req }: GraphQLContext) {
    return this.milestones.progress(req, viewer, cohortId, null);
  }

  @ResolveField(() => User)
  switcher(@Parent() progress: MilestoneProgressType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(progress.switcherId);
  }

  @ResolveField(() => User, { nullable: true, description: 'Who verified or rejected it' })
  reviewedBy(@Parent() progress: MilestoneProgressType, @Context() { req }: GraphQLContext) {
    return progress.reviewedById ? this.users.loader(req).load(progress.reviewedById) : null;
  }
}

@Resolver(() => CohortDashboardType)
export class CohortDashboardResolver {
  constructor(
    private readonly dashboard: CohortDashboardService,
    private readonly cohorts: CohortsService,
    private readonly users: UsersService,
  ) {}

  @Query(() => CohortDashboardType, { description: 'Enrollment, matching, milestone and session figures of a cohort (organizers)' })
  cohortDashboard(@CurrentUser() viewer: AuthUser, @Args('cohortId', { type: () => ID }) cohortId: string) {
    return this.dashboard.dashboard(viewer, cohortId);
  }

  @ResolveField(() => CohortType)
  cohort(@Parent() dashboard: CohortDashboardType, @Context() { req }: GraphQLContext) {
    return this.cohorts.get(req, dashboard.cohortId);
  }

  @ResolveField(() => [User], {
    description: 'Admitted switchers with no session (completed, or scheduled and past) in the last 14 days in the cohort’s mentorships; at most 1,000',
  })
  async switchersWithoutRecentSession(@Parent() dashboard: CohortDashboardType, @Context() { req }: GraphQLContext) {
    return users(await this.users.loader(req).loadMany(dashboard.switchersWithoutRecentSessionIds));
  }
}
