import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { EmailOutboxRelay } from './email/email-outbox.relay';
import { UnsubscribeLinks } from './unsubscribe/unsubscribe-links';
import { NOTIFICATIONS_QUEUE, NotificationJobName } from './notifications.queue';

@Processor(NOTIFICATIONS_QUEUE)
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly relay: EmailOutboxRelay) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as NotificationJobName) {
      case 'relay-email-outbox':
        return this.relay.relay();
      default:
        throw new Error(`Unknown notifications job ${job.name}`);
    }
  }
}

@Injectable()
export class NotificationsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: UnsubscribeLinks,
  ) {}

  // Idempotent, so every worker instance may do it; a changed interval replaces the old one.
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'relay-email-outbox',
      { every: this.config.mail.relayIntervalMs },
      // Ticks are frequent and carry nothing worth keeping: keep only a few for the dashboard.
      { name: 'relay-email-outbox', data: {}, opts: { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 200 } } },
    );
    if (!this.links.available) {
      this.logger.warn('neither UNSUBSCRIBE_SECRET nor JWT_SECRET is set: emails go out without unsubscribe links');
    }
    if (!this.config.mail.smtpUrl) this.logger.log(`no SMTP_URL: emails are written to ${this.config.mail.dir}`);
  }
}
