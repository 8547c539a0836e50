import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IdentityCoreModule } from '@switchyard/identity';
import { DigestContentLoader } from './digests/digest-content.loader';
import { DigestDelivery } from './digests/digest-delivery.service';
import { DigestLedger } from './digests/digest-ledger';
import { DIGEST_CLOCK, DigestScheduler, systemClock } from './digests/digest-scheduler.service';
import { DigestsResolver } from './digests/digests.resolver';
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
/** Deciding who is due for a digest and queueing the jobs (the worker's tick, the API's runDigestsNow). */
const digestScheduling = [DigestScheduler, { provide: DIGEST_CLOCK, useValue: systemClock }];

/**
 * For the API: in-app notifications, preferences, unsubscribe links, the
 * queue operations (queueStats, the dashboard at /admin/queues) and
 * runDigestsNow.
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
    ...digestScheduling,
    DigestsResolver,
  ],
  exports: [...core, UnsubscribeLinks],
})
export class NotificationsModule {}

/** For features that tell people things: recording notifications (and their emails), reading preferences. */
@Module({ providers: core, exports: core })
export class NotificationsCoreModule {}

/**
 * For the worker: the email outbox relay and the weekly digests (the tick that
 * queues them, their delivery with the ledger).
 */
@Module({
  providers: [
    ...core,
    UnsubscribeLinks,
    MailSender,
    EmailOutboxRelay,
    ...digestScheduling,
    DigestLedger,
    DigestContentLoader,
    DigestDelivery,
    NotificationsProcessor,
    NotificationsSchedule,
  ],
  exports: [...core, UnsubscribeLinks, MailSender],
})
export class NotificationsJobsModule {}
