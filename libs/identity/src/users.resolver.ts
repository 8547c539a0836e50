import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionType } from '@switchyard/graphql';
import { CurrentUser, Public, Roles } from './auth.decorators';
import { UpdateMeInput } from './dto/update-me.input';
import { AuthUser, Role } from './role';
import { User, isOwnView } from './user.entity';
import { UsersService } from './users.service';

const UserConnection = ConnectionType(User);

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly userService: UsersService) {}

  @Query(() => User)
  me(@CurrentUser() viewer: AuthUser): Promise<User> {
    return this.userService.get(viewer.id);
  }

  @Mutation(() => User)
  updateMe(@CurrentUser() viewer: AuthUser, @Args('input') input: UpdateMeInput): Promise<User> {
    return this.userService.updateMe(viewer.id, input);
  }

  @Roles(Role.ADMIN)
  @Query(() => UserConnection)
  users(
    @Args('role', { type: () => Role, nullable: true }) role: Role | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return this.userService.list({ role, first, after });
  }

  /** Public so any user object can be resolved; the value itself is only for the owner and admins. */
  @Public()
  @ResolveField(() => String, { nullable: true, description: 'Only visible to the account owner and administrators' })
  email(@Parent() user: User, @CurrentUser({ optional: true }) viewer?: AuthUser): string | null {
    if (isOwnView(user) || (viewer && (viewer.id === user.id || viewer.roles.includes(Role.ADMIN)))) return user.email;
    return null;
  }
}
