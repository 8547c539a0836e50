import { BullModule } from '@nestjs/bullmq';

/**
 * The notifications feature's queue. (It belongs in QUEUES of
 * @switchyard/queue with the others; kept here until that list is extended.)
 */
export const NOTIFICATIONS_QUEUE = 'notifications';

export interface NotificationJobPayloads {
  /** Sends the due rows of the email outbox; carries nothing, the rows are in PostgreSQL. */
  'relay-email-outbox': Record<string, never>;
}

export type NotificationJobName = keyof NotificationJobPayloads & string;

export const NotificationsQueueModule = BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE, forceDisconnectOnShutdown: true });
