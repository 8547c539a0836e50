import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { MentorshipRequestsService } from './mentorship-requests.service';
import { MentorshipRequestType, MentorshipType, RequestStatus } from './mentorship.types';

@Resolver(() => MentorshipRequestType)
export class MentorshipRequestResolver {
  constructor(
    private readonly requests: MentorshipRequestsService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => MentorshipRequestType, { description: 'Asks a mentor to mentor you (SWITCHER); CONFLICT when they are full or not accepting' })
  requestMentorship(
    @CurrentUser() viewer: AuthUser,
    @Args('mentorId', { type: () => ID }) mentorId: string,
    @Args('message', { type: () => String, nullable: true }) message: string | null,
  ) {
    return this.requests.request(viewer, mentorId, message);
  }

  @Mutation(() => MentorshipRequestType, { description: 'Accepts (creating the mentorship) or declines a request made to you' })
  respondToMentorshipRequest(
    @CurrentUser() viewer: AuthUser,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('accept') accept: boolean,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
  ) {
    return this.requests.respond(viewer, requestId, accept, note);
  }

  @Mutation(() => MentorshipRequestType, { description: 'Withdraws a pending request you made' })
  withdrawMentorshipRequest(@CurrentUser() viewer: AuthUser, @Args('requestId', { type: () => ID }) requestId: string) {
    return this.requests.withdraw(viewer, requestId);
  }

  @Query(() => [MentorshipRequestType], { description: 'Requests you made and requests made to you, newest first' })
  myMentorshipRequests(
    @CurrentUser() viewer: AuthUser,
    @Args('status', { type: () => RequestStatus, nullable: true }) status: RequestStatus | null,
  ) {
    return this.requests.myRequests(viewer, status);
  }

  @ResolveField(() => User)
  async switcher(@Parent() request: MentorshipRequestType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(request.switcherId);
  }

  @ResolveField(() => User)
  async mentor(@Parent() request: MentorshipRequestType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(request.mentorId);
  }

  @ResolveField(() => MentorshipType, { nullable: true, description: 'The mentorship an accepted request created' })
  mentorship(@Parent() request: MentorshipRequestType) {
    return request.mentorshipId ? this.requests.mentorship(request.mentorshipId) : null;
  }
}

@Resolver(() => MentorshipType)
export class MentorshipResolver {
  constructor(
    private readonly requests: MentorshipRequestsService,
    private readonly users: UsersService,
  ) {}

  @Query(() => [MentorshipType], { description: 'Mentorships you mentor in or are mentored in, newest first' })
  myMentorships(@CurrentUser() viewer: AuthUser) {
    return this.requests.myMentorships(viewer);
  }

  @ResolveField(() => User)
  mentor(@Parent() mentorship: MentorshipType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(mentorship.mentorId);
  }

  @ResolveField(() => User)
  switcher(@Parent() mentorship: MentorshipType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(mentorship.switcherId);
  }
}
