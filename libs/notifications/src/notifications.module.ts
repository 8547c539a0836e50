import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IdentityCoreModule } from '@switchyard/identity';
import { EmailOutboxRelay } from './email/email-outbox.relay';
import { MailSender } from './email/mail-sender';
import { NotificationsProcessor, NotificationsSchedule } from './notifications.processor';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { QueueBoard } from './operations/queue-board';
import { QueueRegistry } from './operations/queue-registry';
import { QueueStatsResolver } from './operations/queue-stats.resolver';
import { PreferencesResolver } from './preferences/preferences.resolver';
import { PreferencesService } from './preferences/preferences.service';
import { UnsubscribeLinks } from './unsubscribe/unsubscribe-links';
import { UnsubscribeRoutes } from './unsubscribe/unsubscribe.routes';

const core = [NotificationsService, PreferencesService];

/**
 * For the API: in-app notifications, preferences, unsubscribe links and the
 * queue operations (queueStats, the dashboard at /admin/queues).
 */
@Module({
  imports: [IdentityCoreModule, DiscoveryModule],
  providers: [
    ...core,
    UnsubscribeLinks,
    NotificationsResolver,
    PreferencesResolver,
    UnsubscribeRoutes,
    QueueRegistry,
    QueueStatsResolver,
    QueueBoard,
  ],
  exports: [...core, UnsubscribeLinks],
})
export class NotificationsModule {}

/** For features that tell people things: recording notifications (and their emails), reading preferences. */
@Module({ providers: core, exports: core })
export class NotificationsCoreModule {}

/**
 * For the worker: the email outbox relay and what digests need to send
 * mail (MailSender, UnsubscribeLinks for the List-Unsubscribe headers).
 */
@Module({
  providers: [...core, UnsubscribeLinks, MailSender, EmailOutboxRelay, NotificationsProcessor, NotificationsSchedule],
  exports: [...core, UnsubscribeLinks, MailSender],
})
export class NotificationsJobsModule {}
