import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AuthUser, CurrentUser } from '@switchyard/identity';
import { NotificationsService } from './notifications.service';

@ObjectType('Notification')
export class NotificationType {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field() title!: string;
  @Field() body!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => [NotificationType], { description: 'Your notifications, newest first' })
  notifications(
    @CurrentUser() viewer: AuthUser,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('unreadOnly', { type: () => Boolean, nullable: true }) unreadOnly: boolean | null,
  ) {
    return this.service.list(viewer.id, { first, unreadOnly });
  }

  @Mutation(() => Int, { description: 'Marks your notifications read; returns how many were unread' })
  markNotificationsRead(@CurrentUser() viewer: AuthUser, @Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.service.markRead(viewer.id, ids);
  }
}
