import { Module } from '@nestjs/common';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';

/** In-app notifications. */
@Module({ providers: [NotificationsService, NotificationsResolver], exports: [NotificationsService] })
export class NotificationsModule {}

/** For the worker: recording notifications, no GraphQL. */
@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsCoreModule {}
