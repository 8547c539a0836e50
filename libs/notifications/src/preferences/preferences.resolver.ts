import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '@switchyard/graphql';
import { AuthUser, CurrentUser, User } from '@switchyard/identity';
import { NotificationPreferencesInput, NotificationPreferencesType } from './preferences.types';
import { PreferencesService } from './preferences.service';

@Resolver(() => User)
export class PreferencesResolver {
  constructor(private readonly preferences: PreferencesService) {}

  @Query(() => NotificationPreferencesType, { description: 'Your notification preferences' })
  notificationPreferences(@CurrentUser() viewer: AuthUser) {
    return this.preferences.get(viewer.id);
  }

  @Mutation(() => NotificationPreferencesType, { description: 'Changes your notification preferences; unset fields keep their value' })
  async updateNotificationPreferences(@CurrentUser() viewer: AuthUser, @Args('input') input: NotificationPreferencesInput) {
    const updated = await this.preferences.update(viewer.id, input);
    // A valid access token of an account deleted since it was issued.
    if (!updated) throw new NotFoundError('User', viewer.id);
    return updated;
  }

  @ResolveField('notificationPreferences', () => NotificationPreferencesType, {
    nullable: true,
    description: 'Notification preferences (self only; null for others)',
  })
  ofUser(@Parent() user: User, @CurrentUser() viewer: AuthUser) {
    return user.id === viewer.id ? this.preferences.get(viewer.id) : null;
  }
}
