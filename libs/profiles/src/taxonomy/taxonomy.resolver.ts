import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionType, GraphQLContext, Public } from '@switchyard/graphql';
import { AuthUser, CurrentUser, Role, Roles, User, UsersService } from '@switchyard/identity';
import { ProfilesService } from '../profiles.service';
import { FieldInput, FieldRequirementInput, SkillInput } from './taxonomy-admin.inputs';
import { TaxonomyAdminService } from './taxonomy-admin.service';
import { FieldType, SkillDimensionType, SkillType } from './taxonomy.types';

@ObjectType('TaxonomyChange')
export class TaxonomyChangeType {
  @Field(() => ID) id!: string;
  @Field() at!: Date;
  actorId!: string | null;
  @Field({ description: 'skill.created, skill.updated, field.created, field.updated, field.requirements.set' }) action!: string;
  @Field({ description: 'Slug of the skill or field' }) subject!: string;
  before!: unknown;
  after!: unknown;
}

const TaxonomyChangeConnection = ConnectionType(TaxonomyChangeType, 'TaxonomyChange');

@Resolver()
export class TaxonomyResolver {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly admin: TaxonomyAdminService,
  ) {}

  @Public()
  @Query(() => [SkillDimensionType])
  async skillDimensions(@Context() { req }: GraphQLContext): Promise<SkillDimensionType[]> {
    const view = await this.profiles.view(req);
    return view.snapshot.dimensions.map((d) => view.dimension(d));
  }

  @Public()
  @Query(() => [SkillType], { description: 'Every skill, by dimension; names in your locale (or Accept-Language)' })
  async skills(@Context() { req }: GraphQLContext): Promise<SkillType[]> {
    const view = await this.profiles.view(req);
    const order = new Map(view.snapshot.dimensions.map((d, i) => [d.id, i]));
    return [...view.snapshot.skills]
      .sort((a, b) => order.get(a.dimensionId)! - order.get(b.dimensionId)! || a.position - b.position)
      .map((s) => view.skill(s.id));
  }

  @Public()
  @Query(() => [FieldType], { description: 'Every field with its requirement profile' })
  async fields(@Context() { req }: GraphQLContext): Promise<FieldType[]> {
    const view = await this.profiles.view(req);
    return view.snapshot.fields.map((f) => view.field(f.id));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => SkillType, { description: 'ADMIN: adds a skill or changes one (by slug); audited' })
  async upsertSkill(@CurrentUser() actor: AuthUser, @Args('input') input: SkillInput, @Context() { req }: GraphQLContext): Promise<SkillType> {
    const id = await this.admin.upsertSkill(actor, input);
    return (await this.freshView(req)).skill(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => FieldType, { description: 'ADMIN: adds a field or changes one (by slug); requirements replace the profile when given; audited' })
  async upsertField(@CurrentUser() actor: AuthUser, @Args('input') input: FieldInput, @Context() { req }: GraphQLContext): Promise<FieldType> {
    const id = await this.admin.upsertField(actor, input);
    return (await this.freshView(req)).field(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => FieldType, { description: "ADMIN: replaces a field's requirement profile; audited" })
  async setFieldRequirements(
    @CurrentUser() actor: AuthUser,
    @Args('fieldSlug') fieldSlug: string,
    @Args('requirements', { type: () => [FieldRequirementInput] }) requirements: FieldRequirementInput[],
    @Context() { req }: GraphQLContext,
  ): Promise<FieldType> {
    const id = await this.admin.setFieldRequirements(actor, fieldSlug, requirements);
    return (await this.freshView(req)).field(id);
  }

  @Roles(Role.ADMIN)
  @Query(() => TaxonomyChangeConnection, { description: 'ADMIN: the audit log of taxonomy changes, newest first' })
  taxonomyChanges(
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return this.admin.changes({ first, after });
  }

  /** The request's cached view predates the change it just made. */
  private freshView(req: GraphQLContext['req']) {
    return this.profiles.view(req, { fresh: true });
  }
}

@Resolver(() => TaxonomyChangeType)
export class TaxonomyChangeResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true })
  actor(@Parent() change: TaxonomyChangeType, @Context() { req }: GraphQLContext) {
    return change.actorId ? this.users.loader(req).load(change.actorId) : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'JSON of the record before the change' })
  beforeJson(@Parent() change: TaxonomyChangeType): string | null {
    return change.before === null || change.before === undefined ? null : JSON.stringify(change.before);
  }

  @ResolveField(() => String, { description: 'JSON of the record after the change' })
  afterJson(@Parent() change: TaxonomyChangeType): string {
    return JSON.stringify(change.after);
  }
}
