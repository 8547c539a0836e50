import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ForbiddenError, GraphQLContext } from '@switchyard/graphql';
import { AuthUser, CurrentUser, Role, User, UsersService } from '@switchyard/identity';
import { FieldType, ProfilesService, SkillType, TaxonomyService } from '@switchyard/profiles';
import { openingRequirements, referralReadiness } from './readiness';
import { CreateReferralOpeningInput } from './referral.inputs';
import { ReferralOpeningConnection, ReferralOpeningType, ReferralRequestType, ReferralStatusChangeType } from './referral.types';
import { ReferralsService } from './referrals.service';
import { ReferralStatus } from './transitions';

/**
 * Readiness of a switcher for an opening, from their latest ratings at the
 * time of asking, so it follows their progress.
 */
async function readinessOf(
  profiles: ProfilesService,
  taxonomy: TaxonomyService,
  req: GraphQLContext['req'],
  opening: ReferralOpeningType,
  switcherId: string,
): Promise<number> {
  const [snapshot, ratings] = await Promise.all([taxonomy.snapshot(), profiles.latestRatingsLoader(req).load(switcherId)]);
  const field = snapshot.fieldById.get(opening.fieldId);
  const requirements = openingRequirements(field?.requirements ?? [], opening.skillIds);
  return referralReadiness(requirements, new Map([...ratings].map(([skillId, r]) => [skillId, r.level])));
}

@Resolver(() => ReferralOpeningType)
export class ReferralOpeningResolver {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly profiles: ProfilesService,
    private readonly taxonomy: TaxonomyService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => ReferralOpeningType, { description: 'Posts a job you can refer people to (MENTOR)' })
  createReferralOpening(@CurrentUser() viewer: AuthUser, @Args('input') input: CreateReferralOpeningInput) {
    return this.referrals.createOpening(viewer, input);
  }

  @Mutation(() => ReferralOpeningType, { description: 'Stops new requests on your opening; requests already made go on' })
  closeReferralOpening(@CurrentUser() viewer: AuthUser, @Args('openingId', { type: () => ID }) openingId: string) {
    return this.referrals.closeOpening(viewer, openingId);
  }

  @Query(() => ReferralOpeningConnection, {
    description: 'Openings taking requests. For a switcher with a profile: by readiness (highest first), then closing date, then id; otherwise newest first',
  })
  referralOpenings(
    @CurrentUser() viewer: AuthUser,
    @Context() { req }: GraphQLContext,
    @Args('fieldSlug', { type: () => String, nullable: true }) fieldSlug: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return this.referrals.listOpenings(req, viewer, { fieldSlug, first, after });
  }

  @Query(() => ReferralOpeningType, { description: 'One opening, open or not' })
  referralOpening(@Args('id', { type: () => ID }) id: string) {
    return this.referrals.getOpening(id);
  }

  @Query(() => [ReferralOpeningType], { description: 'Openings you posted, newest first, closed ones too (at most 200)' })
  myReferralOpenings(@CurrentUser() viewer: AuthUser) {
    return this.referrals.myOpenings(viewer);
  }

  @ResolveField(() => User)
  referrer(@Parent() opening: ReferralOpeningType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(opening.referrerId);
  }

  @ResolveField(() => FieldType)
  async field(@Parent() opening: ReferralOpeningType, @Context() { req }: GraphQLContext) {
    return (await this.profiles.view(req)).field(opening.fieldId);
  }

  @ResolveField(() => [SkillType])
  async skills(@Parent() opening: ReferralOpeningType, @Context() { req }: GraphQLContext) {
    const view = await this.profiles.view(req);
    return opening.skillIds.map((id) => view.skill(id));
  }

  @ResolveField(() => Float, { nullable: true, description: 'Your readiness for it, 0..1 (switchers with a profile; null for others)' })
  async viewerReadiness(@Parent() opening: ReferralOpeningType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    if (!viewer.roles.includes(Role.SWITCHER)) return null;
    if (!(await this.profiles.switcherProfileLoader(req).load(viewer.id))) return null;
    return readinessOf(this.profiles, this.taxonomy, req, opening, viewer.id);
  }

  @ResolveField(() => ReferralRequestType, { nullable: true, description: 'Your request on this opening, if you made one' })
  viewerRequest(@Parent() opening: ReferralOpeningType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    return this.referrals.viewerRequestLoader(req, viewer).load(opening.id);
  }

  @ResolveField(() => [ReferralRequestType], { nullable: true, description: 'Requests on it, newest first (its referrer only; at most 200)' })
  requests(@Parent() opening: ReferralOpeningType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    if (opening.referrerId !== viewer.id) throw new ForbiddenError('Only the mentor who posted this opening sees its requests.');
    return this.referrals.requestsByOpeningLoader(req).load(opening.id);
  }
}

@Resolver(() => ReferralRequestType)
export class ReferralRequestResolver {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly profiles: ProfilesService,
    private readonly taxonomy: TaxonomyService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => ReferralRequestType, {
    description: `Asks an opening's referrer for a referral (SWITCHER with a profile); one per opening, at most 5 open requests in 7 days`,
  })
  requestReferral(
    @CurrentUser() viewer: AuthUser,
    @Args('openingId', { type: () => ID }) openingId: string,
    @Args('note', { type: () => String, nullable: true, description: 'To the referrer, at most 1000 characters' }) note: string | null,
  ) {
    return this.referrals.requestReferral(viewer, openingId, note);
  }

  @Mutation(() => ReferralRequestType, {
    description:
      'Moves a request along the pipeline: the referrer answers (ACCEPTED, DECLINED) and records SUBMITTED, INTERVIEWING, OFFER, HIRED or REJECTED; the switcher may withdraw before SUBMITTED',
  })
  updateReferralRequest(
    @CurrentUser() viewer: AuthUser,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('status', { type: () => ReferralStatus }) status: ReferralStatus,
    @Args('note', { type: () => String, nullable: true, description: 'Shown to the other party, at most 1000 characters' }) note: string | null,
  ) {
    return this.referrals.updateRequest(viewer, requestId, status, note);
  }

  @Query(() => [ReferralRequestType], { description: 'Requests you made and requests on your openings, newest first (at most 200)' })
  myReferralRequests(
    @CurrentUser() viewer: AuthUser,
    @Args('status', { type: () => ReferralStatus, nullable: true }) status: ReferralStatus | null,
  ) {
    return this.referrals.myRequests(viewer, status);
  }

  @Query(() => ReferralRequestType, { description: 'One request you made or received' })
  referralRequest(@CurrentUser() viewer: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.referrals.getRequest(viewer, id);
  }

  @ResolveField(() => ReferralOpeningType)
  async opening(@Parent() request: ReferralRequestType, @Context() { req }: GraphQLContext) {
    return (await this.referrals.openingLoader(req).load(request.openingId))!;
  }

  @ResolveField(() => User)
  switcher(@Parent() request: ReferralRequestType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(request.switcherId);
  }

  @ResolveField(() => User)
  referrer(@Parent() request: ReferralRequestType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(request.referrerId);
  }

  @ResolveField(() => Float, { description: "The switcher's readiness for the opening now, 0..1, from their latest self-ratings" })
  async readiness(@Parent() request: ReferralRequestType, @Context() { req }: GraphQLContext) {
    const opening = (await this.referrals.openingLoader(req).load(request.openingId))!;
    return readinessOf(this.profiles, this.taxonomy, req, opening, request.switcherId);
  }

  @ResolveField(() => [ReferralStatusChangeType], { description: 'Every change, oldest first; the first is the request itself' })
  history(@Parent() request: ReferralRequestType, @Context() { req }: GraphQLContext) {
    return this.referrals.historyLoader(req).load(request.id);
  }
}

@Resolver(() => ReferralStatusChangeType)
export class ReferralStatusChangeResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { description: 'Who made the change' })
  actor(@Parent() change: ReferralStatusChangeType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(change.actorId);
  }
}
