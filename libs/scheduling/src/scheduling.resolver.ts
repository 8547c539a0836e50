import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { assertId, GraphQLContext, requestScoped } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { Cadence, MentorshipRequestsService, MentorshipType } from '@switchyard/matching';
import {
  AvailabilityOverrideInput,
  AvailabilityRuleInput,
  AvailabilityRuleType,
  AvailabilityType,
  SchedulingSettingsInput,
  SlotType,
} from './availability/availability.types';
import { AvailabilityService } from './availability/availability.service';
import { FeedTokens } from './calendar/feed-tokens';
import { MentoringSessionType } from './sessions/session.types';
import { SessionsService } from './sessions/sessions.service';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { Inject } from '@nestjs/common';

@Resolver()
export class AvailabilityResolver {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => [AvailabilityRuleType], { description: 'Replaces all your weekly hours (MENTOR); times are wall-clock times in timeZone' })
  setWeeklyAvailability(
    @CurrentUser() viewer: AuthUser,
    @Args('timeZone') timeZone: string,
    @Args('rules', { type: () => [AvailabilityRuleInput] }) rules: AvailabilityRuleInput[],
  ) {
    return this.availability.setWeeklyAvailability(viewer, timeZone, rules);
  }

  @Mutation(() => Boolean, { description: 'A day off or different hours on one date of your own calendar (MENTOR)' })
  setAvailabilityOverride(@CurrentUser() viewer: AuthUser, @Args('input') input: AvailabilityOverrideInput) {
    return this.availability.setOverride(viewer, input);
  }

  @Mutation(() => Boolean, { description: 'Minimum notice, booking horizon and buffer between sessions (MENTOR); unset fields keep their value' })
  setSchedulingSettings(@CurrentUser() viewer: AuthUser, @Args('input') input: SchedulingSettingsInput) {
    return this.availability.setSettings(viewer, input);
  }

  @Query(() => AvailabilityType, { description: "A mentor's weekly hours, upcoming overrides and booking settings" })
  async mentorAvailability(@Args('mentorId', { type: () => ID }) mentorId: string) {
    assertId(mentorId, 'mentorId');
    return this.availability.availability(mentorId);
  }

  @Query(() => [SlotType], {
    description: 'Bookable slots of a mentor starting in [from, to), rendered in timeZone (default: yours). DST: wall times that do not exist are not offered; repeated ones once.',
  })
  async availableSlots(
    @CurrentUser() viewer: AuthUser,
    @Context() { req }: GraphQLContext,
    @Args('mentorId', { type: () => ID }) mentorId: string,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('durationMinutes', { type: () => Int, defaultValue: 60 }) durationMinutes: number,
    @Args('timeZone', { type: () => String, nullable: true }) timeZone: string | null,
  ) {
    const me = await this.users.loader(req).load(viewer.id);
    return this.availability.availableSlots(viewer, { mentorId, from, to, durationMinutes, timeZone }, me?.timeZone ?? 'UTC');
  }
}

@Resolver(() => MentoringSessionType)
export class SessionsResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly requests: MentorshipRequestsService,
    private readonly users: UsersService,
    private readonly feeds: FeedTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Mutation(() => MentoringSessionType, { description: 'Books an offered slot in an active mentorship you are part of; a taken slot is CONFLICT' })
  bookSession(
    @CurrentUser() viewer: AuthUser,
    @Args('mentorshipId', { type: () => ID }) mentorshipId: string,
    @Args('start') start: Date,
    @Args('durationMinutes', { type: () => Int, defaultValue: 60 }) durationMinutes: number,
    @Args('idempotencyKey', { type: () => String, nullable: true, description: 'Replays with the same key return the first booking' })
    idempotencyKey: string | null,
  ) {
    return this.sessions.book(viewer, { mentorshipId, start, durationMinutes, idempotencyKey });
  }

  @Mutation(() => MentoringSessionType, { description: 'Moves a scheduled session to another offered slot (same length); sequence increments' })
  rescheduleSession(@CurrentUser() viewer: AuthUser, @Args('sessionId', { type: () => ID }) sessionId: string, @Args('start') start: Date) {
    return this.sessions.reschedule(viewer, sessionId, start);
  }

  @Mutation(() => MentoringSessionType)
  cancelSession(
    @CurrentUser() viewer: AuthUser,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ) {
    return this.sessions.cancel(viewer, sessionId, reason);
  }

  @Mutation(() => Boolean, { description: 'Once per participant after the session ended; noShow: the other person did not come' })
  submitSessionFeedback(
    @CurrentUser() viewer: AuthUser,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('rating', { type: () => Int }) rating: number,
    @Args('comment', { type: () => String, nullable: true }) comment: string | null,
    @Args('noShow', { type: () => Boolean, nullable: true }) noShow: boolean | null,
  ) {
    return this.sessions.submitFeedback(viewer, { sessionId, rating, comment, noShow });
  }

  @Query(() => [MentoringSessionType], { description: 'Your sessions (as mentor or switcher) overlapping [from, to), by start' })
  mySessions(@CurrentUser() viewer: AuthUser, @Args('from') from: Date, @Args('to') to: Date) {
    return this.sessions.mySessions(viewer, from, to);
  }

  @Query(() => MentoringSessionType, { description: 'One of your sessions' })
  session(@CurrentUser() viewer: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.sessions.get(viewer, id);
  }

  @ResolveField(() => MentorshipType)
  mentorship(@Parent() session: MentoringSessionType) {
    return this.requests.mentorship(session.mentorshipId);
  }

  @ResolveField(() => User)
  mentor(@Parent() session: MentoringSessionType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(session.mentorId);
  }

  @ResolveField(() => User)
  switcher(@Parent() session: MentoringSessionType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(session.switcherId);
  }

  @ResolveField(() => String, { description: 'The session as an .ics invite; the link carries your calendar feed token' })
  async icsUrl(@Parent() session: MentoringSessionType, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    const token = await requestScoped(req, 'calendar.token', () => this.feeds.tokenFor(viewer.id));
    return `${this.config.publicUrl}/calendar/sessions/${session.id}.ics?token=${token}`;
  }
}

@Resolver(() => MentorshipType)
export class MentorshipSessionsResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly requests: MentorshipRequestsService,
  ) {}

  @Mutation(() => MentorshipType, { description: 'Changes how often sessions happen; background scheduling re-books the upcoming ones' })
  async setMentorshipCadence(
    @CurrentUser() viewer: AuthUser,
    @Args('mentorshipId', { type: () => ID }) mentorshipId: string,
    @Args('cadence', { type: () => Cadence }) cadence: Cadence,
  ) {
    await this.sessions.setCadence(viewer, mentorshipId, cadence);
    return this.requests.mentorship(mentorshipId);
  }

  @ResolveField('sessions', () => [MentoringSessionType], { description: 'All sessions, by start' })
  sessionList(@Parent() mentorship: MentorshipType, @Context() { req }: GraphQLContext) {
    return requestScoped(req, 'sessions.byMentorship', () => new DataLoader<string, MentoringSessionType[]>((ids) => this.sessions.byMentorships(ids))).load(
      mentorship.id,
    );
  }
}

@Resolver(() => User)
export class UserCalendarResolver {
  constructor(private readonly feeds: FeedTokens) {}

  @ResolveField(() => String, { nullable: true, description: 'Your secret calendar feed (self only; null for others)' })
  async calendarFeedUrl(@Parent() user: User, @CurrentUser() viewer: AuthUser) {
    if (user.id !== viewer.id) return null;
    return this.feeds.feedUrl(await this.feeds.tokenFor(viewer.id));
  }

  @Mutation(() => String, { description: 'Revokes your calendar feed URL (and the session links carrying it) and returns the new feed URL' })
  async rotateCalendarFeedUrl(@CurrentUser() viewer: AuthUser) {
    return this.feeds.feedUrl(await this.feeds.rotate(viewer.id));
  }
}
