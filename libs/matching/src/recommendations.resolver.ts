import { Args, Context, Field, Float, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User, UsersService } from '@switchyard/identity';
import { RecommendationsService } from './recommendations.service';

@ObjectType('ScoreComponent')
export class ScoreComponentType {
  @Field({ description: 'gapCoverage, fieldFit, sameSwitch, timeOverlap, language, load or reliability' }) key!: string;
  @Field() label!: string;
  @Field(() => Float, { description: '0..1' }) value!: number;
  @Field(() => Float) weight!: number;
  @Field({ description: 'A sentence explaining the value' }) detail!: string;
}

@ObjectType('MentorMatch')
export class MentorMatchType {
  mentorId!: string;
  @Field(() => Float, { description: '0..100' }) score!: number;
  @Field(() => [ScoreComponentType]) components!: ScoreComponentType[];
  @Field(() => Int) overlapMinutesPerWeek!: number;
  @Field() explanation!: string;
}

@Resolver(() => MentorMatchType)
export class RecommendationsResolver {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly users: UsersService,
  ) {}

  @Query(() => [MentorMatchType], { description: 'The best mentors for you (SWITCHER), each score explained' })
  mentorRecommendations(
    @CurrentUser() viewer: AuthUser,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
    @Context() { req }: GraphQLContext,
  ) {
    return this.recommendations.forViewer(req, viewer, first);
  }

  @ResolveField(() => User)
  mentor(@Parent() match: MentorMatchType, @Context() { req }: GraphQLContext) {
    return this.users.loader(req).load(match.mentorId);
  }
}
