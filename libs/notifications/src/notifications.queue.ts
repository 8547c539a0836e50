import { JobName, QUEUES } from '@switchyard/queue';

/** The notifications feature's queue (registered with the others by the queue module). */
export const NOTIFICATIONS_QUEUE = QUEUES.notifications;

export type NotificationJobName = JobName<'notifications'>;
