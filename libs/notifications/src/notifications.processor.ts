import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { JobPayload } from '@switchyard/queue';
import { DigestDelivery, DigestOutcome } from './digests/digest-delivery.service';
import { DigestKind } from './digests/digest-period';
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

  // Digest batches overlap their waves (DigestDelivery bounds the claims), and
  // the outbox relay is safe to run concurrently (it claims rows with SKIP
  // LOCKED): WORKER_CONCURRENCY jobs at once rather than BullMQ's default 1.
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name as NotificationJobName) {
      case 'relay-email-outbox':
        return this.relay.relay();
      case 'digest-tick':
        return this.scheduler.tick();
      case 'send-digests': {
        const batch = job.data as JobPayload<'notifications', 'send-digests'>;
        const keys = batch.userIds.map((userId) => ({ userId, kind: batch.kind as DigestKind, period: batch.period }));
        const outcomes = await this.digests.deliver(keys, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
        const left = (state: DigestOutcome['state']) => keys.filter((_, i) => outcomes[i].state === state).map((k) => k.userId);
        const retry = left('retry');
        const busy = left('busy');
        if (retry.length > 0) {
          // This job comes back with backoff for the digests a mail server turned away for now (and any held elsewhere).
          await job.updateData({ ...batch, userIds: [...retry, ...busy] });
          const reason = outcomes.find((o): o is Extract<DigestOutcome, { state: 'retry' }> => o.state === 'retry')!.error;
          throw new Error(`${retry.length} digest(s) could not be sent yet: ${reason}`);
        }
        if (busy.length > 0) {
          // Another worker holds their claims, or held them and died: come back when the last lease lapses.
          const until = Math.max(...outcomes.map((o) => (o.state === 'busy' ? o.until.getTime() : 0)));
          await job.updateData({ ...batch, userIds: busy });
          await job.moveToDelayed(until + 1000, token);
          throw new DelayedError();
        }
        return countStates(outcomes);
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

/** A batch's outcomes for the job's return value: how many of each state. */
function countStates(outcomes: readonly DigestOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.state] = (counts[o.state] ?? 0) + 1;
  return counts;
}
