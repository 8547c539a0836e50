import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { returning } from '@switchyard/database';
import { SESSION_REMINDER_KINDS } from '../notifications.service';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { UnsubscribeKind } from '../unsubscribe/unsubscribe-tokens';
import { classifySendError, describeSendError, retryDelayMs } from './delivery-policy';
import { emailLocale, renderEmail } from './email-templates';
import { MailSender } from './mail-sender';

/** Rows claimed per round trip. */
const BATCH = 50;
/** One relay job stops taking new batches after this, so it never outlives its BullMQ lock (30 s). */
const BUDGET_MS = 15_000;

export interface RelayOutcome {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

interface Claimed {
  id: string;
  attempts: number;
  claim_id: string;
}

interface Message {
  id: string;
  user_id: string;
  kind: string;
  email: string;
  locale: string;
  title: string | null;
  body: string | null;
  email_on: boolean;
  reminders_on: boolean;
}

type Result = keyof RelayOutcome | 'lost';

/**
 * Delivers the email outbox. Each round claims due rows with
 * `FOR UPDATE SKIP LOCKED` in a short transaction (so any number of relays,
 * in any number of workers, take disjoint rows), sends them outside it, and
 * records the outcome. A claim sets `next_attempt_at` to now + the claim
 * timeout; if the worker dies, the row becomes due again then.
 *
 * The duplicate window: a worker killed after the SMTP server accepted a
 * message and before the `SENT` update commits (a few milliseconds per
 * message, at most the messages in flight: WORKER_CONCURRENCY) sends those
 * again once their claim lapses. Their Message-ID is the outbox id, so
 * receivers that deduplicate show one. The SMTP timeouts are far shorter than
 * the claim timeout, so a slow server cannot cause a second claim of a
 * message still being sent.
 */
@Injectable()
export class EmailOutboxRelay {
  private readonly logger = new Logger('EmailOutbox');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailSender,
    private readonly links: UnsubscribeLinks,
  ) {}

  async relay(): Promise<RelayOutcome> {
    const outcome: RelayOutcome = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    const started = Date.now();
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) break;
      const messages = new Map(
        (
          await this.dataSource.query<Message[]>(
            `SELECT o.id, o.user_id, o.kind, u.email, u.locale, n.title, n.body,
                    coalesce(p.email_notifications, true) AS email_on, coalesce(p.session_reminders, true) AS reminders_on
               FROM email_outbox o
               JOIN users u ON u.id = o.user_id
               LEFT JOIN notifications n ON n.id = o.notification_id
               LEFT JOIN notification_preferences p ON p.user_id = o.user_id
              WHERE o.id = ANY($1::uuid[])`,
            [claimed.map((c) => c.id)],
          )
        ).map((m) => [m.id, m]),
      );
      const results = await mapLimit(claimed, this.config.worker.concurrency, (row) => this.deliver(row, messages.get(row.id)));
      for (const result of results) if (result !== 'lost') outcome[result] += 1;
      if (claimed.length < BATCH || Date.now() - started > BUDGET_MS) break;
    }
    if (outcome.sent + outcome.retrying + outcome.failed + outcome.skipped > 0) {
      this.logger.log(`sent ${outcome.sent}, retrying ${outcome.retrying}, failed ${outcome.failed}, skipped ${outcome.skipped}`);
    }
    return outcome;
  }

  private claim(): Promise<Claimed[]> {
    return returning<Claimed>(
      this.dataSource,
      `UPDATE email_outbox o
          SET status = 'SENDING', attempts = o.attempts + 1, claim_id = $1,
              next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM (SELECT id FROM email_outbox
                WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT $3
                  FOR UPDATE SKIP LOCKED) due
        WHERE o.id = due.id
        RETURNING o.id, o.attempts, o.claim_id`,
      [randomUUID(), this.config.mail.claimTimeoutMs, BATCH],
    );
  }

  private async deliver(row: Claimed, message: Message | undefined): Promise<Result> {
    // Deleted with its user or notification between the claim and now.
    if (!message) return 'lost';
    const reminder = SESSION_REMINDER_KINDS.has(message.kind);
    // Preferences are read again at send time: turning email off stops what is queued too.
    if (!message.email_on || (reminder && !message.reminders_on)) {
      return this.finish(row, 'skipped', 'SKIPPED', 'the recipient turned these emails off');
    }
    if (message.title === null || message.body === null) return this.finish(row, 'failed', 'FAILED', 'the row names no notification to send');
    if (row.attempts > this.config.mail.maxAttempts) {
      return this.finish(row, 'failed', 'FAILED', `gave up: claimed ${row.attempts} times without a recorded outcome`);
    }

    const kind = reminder ? UnsubscribeKind.SESSION_REMINDERS : UnsubscribeKind.ALL;
    const unsubscribe = this.links.available ? { kind, url: this.links.url(message.user_id, kind) } : undefined;
    const email = renderEmail({
      locale: emailLocale(message.locale),
      title: message.title,
      body: message.body,
      appUrl: this.config.publicUrl,
      unsubscribe,
    });
    try {
      const sent = await this.mail.send({
        to: message.email,
        ...email,
        headers: unsubscribe ? this.links.headers(unsubscribe.url) : undefined,
        messageId: this.mail.messageIdFor(`outbox-${row.id}`),
      });
      await this.dataSource.query(
        `UPDATE email_outbox SET status = 'SENT', sent_at = now(), message_id = $3, last_error = NULL, claim_id = NULL
          WHERE id = $1 AND claim_id = $2`,
        [row.id, row.claim_id, sent.messageId],
      );
      return 'sent';
    } catch (error) {
      const reason = describeSendError(error);
      const permanent = classifySendError(error) === 'permanent';
      if (permanent || row.attempts >= this.config.mail.maxAttempts) {
        this.logger.warn(`outbox ${row.id} failed after ${row.attempts} attempt(s): ${reason}`);
        return this.finish(row, 'failed', 'FAILED', reason);
      }
      const delay = retryDelayMs(row.attempts, this.config.mail.retryBaseMs);
      this.logger.warn(`outbox ${row.id} attempt ${row.attempts} failed, retrying in ${Math.round(delay / 1000)} s: ${reason}`);
      await this.dataSource.query(
        `UPDATE email_outbox SET status = 'PENDING', next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4, claim_id = NULL
          WHERE id = $1 AND claim_id = $2`,
        [row.id, row.claim_id, delay, reason],
      );
      return 'retrying';
    }
  }

  private async finish(row: Claimed, result: Result, status: 'FAILED' | 'SKIPPED', reason: string): Promise<Result> {
    await this.dataSource.query(
      `UPDATE email_outbox SET status = $3, failed_at = CASE WHEN $3 = 'FAILED' THEN now() END, last_error = $4, claim_id = NULL
        WHERE id = $1 AND claim_id = $2`,
      [row.id, row.claim_id, status, reason],
    );
    return result;
  }
}

/** Runs `task` over `items` with at most `limit` at once, keeping the order of results. */
async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}
