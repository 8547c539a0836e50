import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { FieldType, ProfilesService } from '@switchyard/profiles';
import { CommunitiesService } from './communities.service';
import { CommunityConnection, CommunityType, CreateCommunityInput, MembershipStatus } from './community.types';

@Resolver(() => CommunityType)
export class CommunitiesResolver {
  constructor(
    private readonly service: CommunitiesService,
    private readonly users: UsersService,
    private readonly profiles: ProfilesService,
  ) {}

  @Mutation(() => CommunityType, { description: 'Creates a community you own and organize (ORGANIZER role)' })
  createCommunity(@CurrentUser() viewer: AuthUser, @Args('input') input: CreateCommunityInput) {
    return this.service.create(viewer, input);
  }

  @Mutation(() => CommunityType, { description: 'Makes another ORGANIZER a co-organizer (organizers of the community)' })
  addCommunityOrganizer(
    @CurrentUser() viewer: AuthUser,
    @Args('communityId', { type: () => ID }) communityId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ) {
    return this.service.addOrganizer(viewer, communityId, userId);
  }

  @Mutation(() => CommunityType, { description: 'Public: you are a member at once; invite-only: you wait for an organizer. Joining twice is harmless.' })
  joinCommunity(@CurrentUser() viewer: AuthUser, @Args('communityId', { type: () => ID }) communityId: string) {
    return this.service.join(viewer, communityId);
  }

  @Mutation(() => CommunityType, { description: 'Approves or declines a pending member (organizers of the community)' })
  decideCommunityMember(
    @CurrentUser() viewer: AuthUser,
    @Args('communityId', { type: () => ID }) communityId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('approve') approve: boolean,
  ) {
    return this.service.decideMember(viewer, communityId, userId, approve);
  }

  @Mutation(() => CommunityType, { description: 'Leaves a community or withdraws a request to join; the owner cannot leave' })
  leaveCommunity(@CurrentUser() viewer: AuthUser, @Args('communityId', { type: () => ID }) communityId: string) {
    return this.service.leave(viewer, communityId);
  }

  @Query(() => CommunityType)
  community(@Args('id', { type: () => ID }) id: string, @Context() { req }: GraphQLContext) {
    return this.service.get(req, id);
  }

  @Query(() => CommunityConnection, { description: 'Every community, public and invite-only, oldest first' })
  communities(
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return this.service.list({ first, after });
  }

  @Query(() => [CommunityType], { description: 'Communities you are a member of or asked to join, by name' })
  myCommunities(@CurrentUser() viewer: AuthUser) {
    return this.service.mine(viewer);
  }

  @ResolveField(() => [User], { description: 'The owner first' })
  async organizers(@Parent() community: CommunityType, @Context() { req }: GraphQLContext) {
    const ids = await this.service.organizerIdsLoader(req).load(community.id);
    return (await this.users.loader(req).loadMany(ids)).filter((u) => u instanceof User);
  }

  @ResolveField(() => User, { description: 'Who created the community' })
  owner(@Parent() community: CommunityType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(community.ownerId);
  }

  @ResolveField(() => Int, { description: 'ACTIVE members, organizers included' })
  memberCount(@Parent() community: CommunityType, @Context() { req }: GraphQLContext) {
    return this.service.memberCountLoader(req).load(community.id);
  }

  @ResolveField(() => [FieldType], { description: 'Focus fields' })
  async fields(@Parent() community: CommunityType, @Context() { req }: GraphQLContext) {
    const [view, ids] = await Promise.all([this.profiles.view(req), this.service.fieldIdsLoader(req).load(community.id)]);
    return ids.map((id) => view.field(id)).sort((a, b) => a.slug.localeCompare(b.slug));
  }

  @ResolveField(() => Boolean, { description: 'Whether you can manage it (an organizer, or an administrator)' })
  viewerIsOrganizer(@Parent() community: CommunityType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    return this.service.viewerManagesLoader(req, viewer).load(community.id);
  }

  @ResolveField(() => MembershipStatus, { nullable: true, description: 'Your membership; null when you are not a member' })
  viewerMembership(@Parent() community: CommunityType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    return this.service.viewerMembershipLoader(req, viewer).load(community.id);
  }

  @ResolveField(() => [User], { nullable: true, description: 'People waiting for approval, oldest first (organizers only; null for others)' })
  async pendingMembers(@Parent() community: CommunityType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    if (!(await this.service.viewerManagesLoader(req, viewer).load(community.id))) return null;
    const ids = await this.service.pendingMemberIds(community.id);
    return (await this.users.loader(req).loadMany(ids)).filter((u) => u instanceof User);
  }
}
