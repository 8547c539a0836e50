import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { ConnectionType, ForbiddenError, GraphQLContext, requestScoped } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { FieldType, ProfilesService, SkillType } from '@switchyard/profiles';
import { FeedTokens } from '@switchyard/scheduling';
import { CommunitiesService } from '../communities/communities.service';
import { CommunityType } from '../communities/community.types';
import { CreateMeetupInput } from './meetup.inputs';
import { MeetupStatus, MeetupType, RsvpStatus, RsvpType } from './meetup.types';
import { MeetupsService } from './meetups.service';

const MeetupConnection = ConnectionType(MeetupType, 'Meetup');

@Resolver(() => MeetupType)
export class MeetupsResolver {
  constructor(
    private readonly meetups: MeetupsService,
    private readonly communities: CommunitiesService,
    private readonly profiles: ProfilesService,
    private readonly feeds: FeedTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Mutation(() => MeetupType, { description: 'A workshop, talk or hackathon of your community (its organizers); reminders go to attendees before it' })
  createMeetup(@CurrentUser() viewer: AuthUser, @Args('input') input: CreateMeetupInput) {
    return this.meetups.create(viewer, input);
  }

  @Mutation(() => MeetupType, { description: 'Cancels a meetup that has not started (its organizers); attendees and the waitlist are told, RSVPs close' })
  cancelMeetup(
    @CurrentUser() viewer: AuthUser,
    @Args('meetupId', { type: () => ID }) meetupId: string,
    @Args('reason', { type: () => String, nullable: true, description: 'At most 500 characters; shown to attendees' }) reason: string | null,
  ) {
    return this.meetups.cancel(viewer, meetupId, reason);
  }

  @Mutation(() => RsvpType, {
    description:
      'GOING while seats remain, else WAITLISTED with a position. Members only (joining a public community happens here); asking again returns the current RSVP',
  })
  rsvp(@CurrentUser() viewer: AuthUser, @Args('meetupId', { type: () => ID }) meetupId: string) {
    return this.meetups.rsvp(viewer, meetupId);
  }

  @Mutation(() => RsvpType, { description: 'Leaves the meetup or its waitlist; a freed seat goes to the first person waiting, who is told' })
  cancelRsvp(@CurrentUser() viewer: AuthUser, @Args('meetupId', { type: () => ID }) meetupId: string) {
    return this.meetups.cancelRsvp(viewer, meetupId);
  }

  @Query(() => MeetupType, { description: "A meetup; an invite-only community's meetups are for its members" })
  meetup(@CurrentUser() viewer: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.meetups.get(viewer, id);
  }

  @Query(() => MeetupConnection, {
    description: "Meetups not yet started, soonest first: of one community, or (without communityId) of public communities and the ones you belong to",
  })
  upcomingMeetups(
    @CurrentUser() viewer: AuthUser,
    @Args('communityId', { type: () => ID, nullable: true }) communityId: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return this.meetups.upcoming(viewer, { communityId, first, after });
  }

  @Query(() => [RsvpType], { description: 'Your RSVPs (going or waitlisted) to meetups that have not ended, soonest first' })
  myRsvps(@CurrentUser() viewer: AuthUser) {
    return this.meetups.myRsvps(viewer);
  }

  @ResolveField(() => CommunityType)
  async community(@Parent() meetup: MeetupType, @Context() { req }: GraphQLContext): Promise<CommunityType> {
    return (await this.communities.loader(req).load(meetup.communityId))!;
  }

  @ResolveField(() => Int)
  async goingCount(@Parent() meetup: MeetupType, @Context() { req }: GraphQLContext): Promise<number> {
    return (await this.meetups.countsLoader(req).load(meetup.id)).going;
  }

  @ResolveField(() => Int)
  async waitlistCount(@Parent() meetup: MeetupType, @Context() { req }: GraphQLContext): Promise<number> {
    return (await this.meetups.countsLoader(req).load(meetup.id)).waitlisted;
  }

  @ResolveField(() => [FieldType], { description: 'Topic fields' })
  async fields(@Parent() meetup: MeetupType, @Context() { req }: GraphQLContext): Promise<FieldType[]> {
    const [topics, view] = await Promise.all([this.meetups.topicsLoader(req).load(meetup.id), this.profiles.view(req)]);
    return topics.fieldIds.map((id) => view.field(id)).sort((a, b) => a.slug.localeCompare(b.slug));
  }

  @ResolveField(() => [SkillType], { description: 'Topic skills' })
  async skills(@Parent() meetup: MeetupType, @Context() { req }: GraphQLContext): Promise<SkillType[]> {
    const [topics, view] = await Promise.all([this.meetups.topicsLoader(req).load(meetup.id), this.profiles.view(req)]);
    return topics.skillIds.map((id) => view.skill(id)).sort((a, b) => a.slug.localeCompare(b.slug));
  }

  @ResolveField(() => [RsvpType], {
    nullable: true,
    description: "Who is going (in the order they joined), then the waitlist in order. The community's organizers only; FORBIDDEN for others",
  })
  async attendees(@Parent() meetup: MeetupType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext): Promise<RsvpType[]> {
    if (!(await this.meetups.organizesLoader(req, viewer).load(meetup.communityId))) {
      throw new ForbiddenError("Only the community's organizers see who is coming.");
    }
    return this.meetups.attendeesLoader(req).load(meetup.id);
  }

  @ResolveField(() => RsvpType, { nullable: true, description: 'Your RSVP, if you ever made one' })
  viewerRsvp(@Parent() meetup: MeetupType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext): Promise<RsvpType | null> {
    return this.meetups.viewerRsvpLoader(req, viewer.id).load(meetup.id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The meetup as an .ics file, for people going and the organizers (null for others); the link carries your calendar feed token',
  })
  async icsUrl(@Parent() meetup: MeetupType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext): Promise<string | null> {
    const [organizes, rsvp] = await Promise.all([
      this.meetups.organizesLoader(req, viewer).load(meetup.communityId),
      this.meetups.viewerRsvpLoader(req, viewer.id).load(meetup.id),
    ]);
    if (!organizes && rsvp?.status !== RsvpStatus.GOING) return null;
    const token = await requestScoped(req, 'calendar.token', () => this.feeds.tokenFor(viewer.id));
    return `${this.config.publicUrl}/calendar/meetups/${meetup.id}.ics?token=${token}`;
  }

  @ResolveField(() => Boolean, { description: 'Whether RSVPs are open: scheduled and not started' })
  rsvpOpen(@Parent() meetup: MeetupType): boolean {
    return meetup.status === MeetupStatus.SCHEDULED && meetup.startsAt.getTime() > Date.now();
  }
}

@Resolver(() => RsvpType)
export class RsvpResolver {
  constructor(
    private readonly meetups: MeetupsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => MeetupType)
  async meetup(@Parent() rsvp: RsvpType, @Context() { req }: GraphQLContext): Promise<MeetupType> {
    return (await this.meetups.meetupLoader(req).load(rsvp.meetupId))!;
  }

  @ResolveField(() => User)
  async user(@Parent() rsvp: RsvpType, @Context() { req }: GraphQLContext): Promise<User> {
    return (await this.users.loader(req).load(rsvp.userId))!;
  }
}
