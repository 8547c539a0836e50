import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { JobPayload } from '@switchyard/queue';
import { DigestDelivery } from './digests/digest-delivery.service';
import { DigestScheduler } from './digests/digest-scheduler.service';
import { EmailOutboxRelay } from './email/email-outbox.relay';
import { UnsubscribeLinks } from './unsubscribe/unsubscribe-links';
import { NOTIFICATIONS_QUEUE, NotificationJobName } from './notifications.queue';

/** How often due digests are looked for (UTC). Slots are whole hours, so a digest goes out within 15 minutes of its hour. */
export const DIGEST_TICK_PATTERN = '*/15 * * * *';

@Processor(NOTIFICATIONS_QUEUE)
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly relay: EmailOutboxRelay,
    private readonly digests: DigestDelivery,
    private readonly scheduler: DigestScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  // Digests are one job per user and kind: they need WORKER_CONCURRENCY jobs at
  // once (the default of 1 would send one mail at a time). The outbox relay is
  // safe to run concurrently (it claims rows with SKIP LOCKED).
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name as NotificationJobName) {
      case 'relay-email-outbox':
        return this.relay.relay();
      case 'digest-tick':
        return this.scheduler.tick();
      case 'send-digest': {
        const key = job.data as JobPayload<'notifications', 'send-digest'>;
        const outcome = await this.digests.deliver(key as Parameters<DigestDelivery['deliver']>[0], {
          lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
        });
        if (outcome.state === 'busy') {
          // Another worker holds the claim, or held it and died: come back when its lease lapses.
          await job.moveToDelayed(outcome.until.getTime() + 1000, token);
          throw new DelayedError();
        }
        return outcome;
      }
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
    // A failed tick may be retried: it only queues jobs with deterministic ids.
    await this.queue.upsertJobScheduler(
      'digest-tick',
      { pattern: DIGEST_TICK_PATTERN, tz: 'UTC' },
      { name: 'digest-tick', data: {}, opts: { attempts: 3, removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } } },
    );
    if (!this.links.available) {
      this.logger.warn('neither UNSUBSCRIBE_SECRET nor JWT_SECRET is set: emails go out without unsubscribe links');
    }
    if (!this.config.mail.smtpUrl) this.logger.log(`no SMTP_URL: emails are written to ${this.config.mail.dir}`);
  }
}
