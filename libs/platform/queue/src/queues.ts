import type { DefaultJobOptions } from 'bullmq';

/**
 * Every queue and job the platform runs, with its payload type. Payloads carry
 * ids and parameters only, never personal data or secrets: they sit in Redis
 * and show up in dashboards and logs.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  mentorship: 'mentorship',
  matching: 'matching',
  scheduling: 'scheduling',
  community: 'community',
  notifications: 'notifications',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  maintenance: {
    /** Deletes refresh tokens that expired or were revoked more than `graceDays` ago. */
    'purge-refresh-tokens': { graceDays: number };
  };
  mentorship: {
    /** Half-way through a pending request's life: nudge the mentor. */
    'remind-request': { requestId: string };
    /** At the end of its life: expire it if still pending, tell the switcher. */
    'expire-request': { requestId: string };
    /** Safety net for expiry jobs lost from Redis: expires every overdue pending request. */
    'expire-overdue-requests': Record<string, never>;
  };
  matching: {
    /** Scores and solves one queued cohort match run. */
    'run-cohort-matching': { runId: string };
  };
  scheduling: {
    /** Books the mentorship's next sessions at its cadence in mutual availability (idempotent). */
    'schedule-mentorship': { mentorshipId: string };
    /** Daily: enqueues schedule-mentorship for every active mentorship, topping the horizon up. */
    'top-up-schedules': Record<string, never>;
    /** One reminder of one version of a session; the processor re-reads the session. */
    'session-reminder': { sessionId: string; sequence: number; minutesBefore: number };
    /** Re-creates reminder jobs lost from Redis and marks ended sessions completed. */
    'sweep-sessions': Record<string, never>;
  };
  community: {
    /** One reminder of one version of a meetup; the processor re-reads the meetup and the RSVPs. */
    'meetup-reminder': { meetupId: string; version: number; minutesBefore: number };
    /** Re-creates meetup reminder jobs lost from Redis. */
    'sweep-meetups': Record<string, never>;
  };
  notifications: {
    /** Sends the due rows of the email outbox; carries nothing, the rows are in PostgreSQL. */
    'relay-email-outbox': Record<string, never>;
    /** Every 15 minutes (UTC): enqueues send-digests for users whose weekly digest slot has come in their own zone. */
    'digest-tick': Record<string, never>;
    /**
     * Digests of one kind for one period (the ISO week in the users' zone,
     * e.g. "2026-W49") for a batch of users. The job id is derived from the
     * three, so enqueueing the same batch twice adds one job; the delivery
     * ledger makes sending a digest twice impossible whatever the batches.
     */
    'send-digests': { kind: 'REFERRAL' | 'MEETUP'; period: string; userIds: string[] };
  };
}

export type JobName<Q extends QueueName> = keyof JobPayloads[Q] & string;
export type JobPayload<Q extends QueueName, N extends JobName<Q>> = JobPayloads[Q][N];

/**
 * Retries back off exponentially with jitter so a burst of failures (a mail
 * server hiccup) does not come back as a synchronised burst. Finished jobs are
 * kept long enough to inspect, bounded so Redis does not grow without limit.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};
