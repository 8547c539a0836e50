import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionType, GraphQLContext } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { MentorProfileInput, SkillRatingInput, SwitcherProfileInput } from './dto/profile.inputs';
import { MentorProfileType, SkillGapType, SkillLevelType, SwitcherProfileType } from './profile.types';
import { ProfilesService } from './profiles.service';
import { RadarService } from './radar.service';
import { FieldType } from './taxonomy/taxonomy.types';
import { computeSkillGap, readiness } from './skill-gap';
import { BadUserInputError, NotFoundError } from '@switchyard/graphql';

const MentorConnection = ConnectionType(MentorProfileType, 'Mentor');

@Resolver(() => SwitcherProfileType)
export class SwitcherProfileResolver {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
    private readonly radar: RadarService,
  ) {}

  @Mutation(() => SwitcherProfileType, { description: 'Creates or updates your switcher profile (SWITCHER role)' })
  async upsertSwitcherProfile(
    @CurrentUser() viewer: AuthUser,
    @Args('input') input: SwitcherProfileInput,
    @Context() { req }: GraphQLContext,
  ): Promise<SwitcherProfileType> {
    await this.profiles.upsertSwitcherProfile(viewer, input);
    return (await this.profiles.switcherProfileLoader(req).load(viewer.id))!;
  }

  @Mutation(() => SwitcherProfileType, { description: 'Records your current level for some skills; earlier ratings are kept as history' })
  async rateSkills(
    @CurrentUser() viewer: AuthUser,
    @Args('ratings', { type: () => [SkillRatingInput] }) ratings: SkillRatingInput[],
    @Context() { req }: GraphQLContext,
  ): Promise<SwitcherProfileType> {
    await this.profiles.rateSkills(viewer, ratings);
    return (await this.profiles.switcherProfileLoader(req).load(viewer.id))!;
  }

  @ResolveField(() => User)
  async user(@Parent() profile: SwitcherProfileType, @Context() { req }: GraphQLContext): Promise<User> {
    return (await this.users.loader(req).load(profile.userId))!;
  }

  @ResolveField(() => FieldType, { nullable: true })
  async currentField(@Parent() profile: SwitcherProfileType, @Context() { req }: GraphQLContext): Promise<FieldType | null> {
    return profile.currentFieldId ? (await this.profiles.view(req)).field(profile.currentFieldId) : null;
  }

  @ResolveField(() => FieldType)
  async targetField(@Parent() profile: SwitcherProfileType, @Context() { req }: GraphQLContext): Promise<FieldType> {
    return (await this.profiles.view(req)).field(profile.targetFieldId);
  }

  @ResolveField(() => [SkillLevelType], { description: 'Latest rating per skill' })
  async skills(@Parent() profile: SwitcherProfileType, @Context() { req }: GraphQLContext): Promise<SkillLevelType[]> {
    const [view, ratings] = await Promise.all([this.profiles.view(req), this.profiles.latestRatingsLoader(req).load(profile.userId)]);
    return [...ratings.entries()]
      .map(([skillId, r]) => ({ skill: view.skill(skillId), level: r.level, ratedAt: r.ratedAt }))
      .sort((a, b) => view.snapshot.skillById.get(a.skill.id)!.position - view.snapshot.skillById.get(b.skill.id)!.position);
  }

  @ResolveField(() => [SkillLevelType], { description: 'Every rating with its time, oldest first; one skill or all' })
  async skillHistory(
    @Parent() profile: SwitcherProfileType,
    @Args('skillSlug', { type: () => String, nullable: true }) skillSlug: string | null,
    @Context() { req }: GraphQLContext,
  ): Promise<SkillLevelType[]> {
    const view = await this.profiles.view(req);
    const skill = skillSlug ? view.snapshot.skill(skillSlug) : undefined;
    if (skillSlug && !skill) throw BadUserInputError.field('skillSlug', `"${skillSlug}" is not a known skill`);
    const history = await this.profiles.ratingHistory(profile.userId, skill?.id);
    return history.map((h) => ({ skill: view.skill(h.skillId), level: h.level, ratedAt: h.ratedAt }));
  }

  @ResolveField(() => SkillGapType, { description: 'Against the target field; unrated skills count as 0' })
  async skillGap(@Parent() profile: SwitcherProfileType, @Context() { req }: GraphQLContext): Promise<SkillGapType> {
    const [view, ratings] = await Promise.all([this.profiles.view(req), this.profiles.latestRatingsLoader(req).load(profile.userId)]);
    const field = view.snapshot.fieldById.get(profile.targetFieldId)!;
    const gap = computeSkillGap(field.requirements, new Map([...ratings].map(([id, r]) => [id, r.level])));
    return {
      total: gap.total,
      maxTotal: gap.maxTotal,
      readiness: readiness(gap),
      items: gap.items.map((item) => ({ ...item, skill: view.skill(item.skillId) })),
    };
  }

  @ResolveField(() => String, { description: 'Radar chart of current vs required levels, as SVG' })
  async radarSvg(@Parent() profile: SwitcherProfileType, @Context() { req }: GraphQLContext): Promise<string> {
    return this.radar.render(req, profile);
  }
}

@Resolver(() => MentorProfileType)
export class MentorProfileResolver {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
  ) {}

  @Mutation(() => MentorProfileType, { description: 'Creates or updates your mentor profile (MENTOR role)' })
  async upsertMentorProfile(
    @CurrentUser() viewer: AuthUser,
    @Args('input') input: MentorProfileInput,
    @Context() { req }: GraphQLContext,
  ): Promise<MentorProfileType> {
    await this.profiles.upsertMentorProfile(viewer, input);
    return (await this.profiles.mentorProfileLoader(req).load(viewer.id))!;
  }

  @Query(() => MentorConnection, { description: 'Mentor profiles, oldest first; any signed-in user' })
  mentors(
    @Args('fieldSlug', { type: () => String, nullable: true }) fieldSlug: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() { req }: GraphQLContext,
  ) {
    return this.profiles.listMentors(req, { fieldSlug, first, after });
  }

  @ResolveField(() => User)
  async user(@Parent() profile: MentorProfileType, @Context() { req }: GraphQLContext): Promise<User> {
    return (await this.users.loader(req).load(profile.userId))!;
  }

  @ResolveField(() => [FieldType])
  async fields(@Parent() profile: MentorProfileType, @Context() { req }: GraphQLContext): Promise<FieldType[]> {
    const view = await this.profiles.view(req);
    return profile.fieldIds.map((id) => view.field(id)).sort((a, b) => a.slug.localeCompare(b.slug));
  }

  @ResolveField(() => FieldType, { nullable: true, description: 'The field the mentor switched from' })
  async switchedFrom(@Parent() profile: MentorProfileType, @Context() { req }: GraphQLContext): Promise<FieldType | null> {
    return profile.switchedFromFieldId ? (await this.profiles.view(req)).field(profile.switchedFromFieldId) : null;
  }

  @ResolveField(() => [SkillLevelType])
  async skills(@Parent() profile: MentorProfileType, @Context() { req }: GraphQLContext): Promise<SkillLevelType[]> {
    const view = await this.profiles.view(req);
    return profile.skillLevels
      .map((s) => ({ skill: view.skill(s.skillId), level: s.level, ratedAt: null }))
      .sort((a, b) => view.snapshot.skillById.get(a.skill.id)!.position - view.snapshot.skillById.get(b.skill.id)!.position);
  }
}

/** Profiles as fields of User, and looking up one user. */
@Resolver(() => User)
export class UserProfilesResolver {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly users: UsersService,
  ) {}

  @Query(() => User, { description: 'A user by id; profile fields follow their own visibility rules' })
  async user(@Args('id', { type: () => ID }) id: string, @Context() { req }: GraphQLContext): Promise<User> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw BadUserInputError.field('id', 'is not a user id');
    const user = await this.users.loader(req).load(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  @ResolveField(() => SwitcherProfileType, {
    nullable: true,
    description: 'Visible to the switcher, mentors they asked or work with, and administrators (FORBIDDEN otherwise)',
  })
  switcherProfile(@Parent() user: User, @CurrentUser() viewer: AuthUser, @Context() { req }: GraphQLContext) {
    return this.profiles.visibleSwitcherProfile(req, viewer, user.id);
  }

  @ResolveField(() => MentorProfileType, { nullable: true, description: 'Visible to every signed-in user' })
  mentorProfile(@Parent() user: User, @CurrentUser() _viewer: AuthUser, @Context() { req }: GraphQLContext) {
    return this.profiles.mentorProfileLoader(req).load(user.id);
  }
}
