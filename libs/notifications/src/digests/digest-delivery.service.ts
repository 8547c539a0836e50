import { Inject, Injectable, Logger } from '@nestjs/common';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { classifySendError, describeSendError } from '../email/delivery-policy';
import { emailLocale, renderEmail } from '../email/email-templates';
import { MailSender, OutgoingEmail } from '../email/mail-sender';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { UnsubscribeKind } from '../unsubscribe/unsubscribe-tokens';
import { DigestContentLoader, Recipient } from './digest-content.loader';
import { meetupItems, referralItems } from './digest-content.types';
import { DigestKey, DigestLedger, SentRecord, SkipRecord } from './digest-ledger';
import { DigestKind } from './digest-period';
import { meetupDigestText, referralDigestText } from './digest-texts';

/** Digests prepared (claimed, read, rendered) in one go, and how long a job waits for others to join its batch. */
const MAX_BATCH = 100;
const BATCH_WINDOW_MS = 3;
/** Recording a sent digest is retried this many times: giving up means sending it again after the lease. */
const RECORD_ATTEMPTS = 4;

export type DigestOutcome =
  | { state: 'sent'; messageId: string; items: number }
  | { state: 'skipped'; reason: 'EMPTY' | 'OPTED_OUT' }
  | { state: 'failed'; error: string }
  | { state: 'done'; status: string }
  | { state: 'gone' }
  | { state: 'busy'; until: Date };

type Prepared =
  | Exclude<DigestOutcome, { state: 'sent' } | { state: 'failed' }>
  | { state: 'failed'; error: string }
  | { state: 'send'; claimId: string; email: OutgoingEmail; items: number; contentUntil: Date | null };

const UNSUBSCRIBE_KIND: Record<DigestKind, UnsubscribeKind> = {
  [DigestKind.REFERRAL]: UnsubscribeKind.REFERRAL,
  [DigestKind.MEETUP]: UnsubscribeKind.MEETUP,
};

/**
 * Sends one user's digest of one kind for one period, exactly once.
 *
 * 1. Claim the (user, kind, period) row in the ledger, with a lease
 *    (EMAIL_CLAIM_TIMEOUT_SECONDS). A SENT/SKIPPED/FAILED row means done; a row
 *    another worker holds means wait until its lease lapses (it may have
 *    been killed) and try again.
 * 2. Read the preferences and the content now (not when the job was queued):
 *    opted out or nothing to say is SKIPPED.
 * 3. Send, then record SENT in the next statement. A transient SMTP failure
 *    gives the claim back and the job retries with backoff; a permanent one
 *    (5xx), or the last attempt, is FAILED.
 *
 * The one window that cannot be closed: a worker killed after the mail server
 * accepted a digest and before SENT is recorded. Its claim lapses and the
 * digest is sent again: at most one per job in flight, so at most
 * WORKER_CONCURRENCY per killed worker. The Message-ID is derived from user,
 * kind and period, so receivers that deduplicate show one copy. The SMTP
 * socket timeout is a third of the lease, so a slow server cannot make a
 * claim lapse while its digest is still being sent.
 *
 * Jobs run one digest each, but concurrent jobs share their database work:
 * claims, preferences, content and outcomes of the jobs that arrive within a
 * few milliseconds are read and written in one statement each.
 */
@Injectable()
export class DigestDelivery {
  private readonly logger = new Logger('Digests');
  private readonly prepared = new DataLoader<DigestKey, Prepared>((keys) => this.prepareBatch(keys), {
    cache: false,
    maxBatchSize: MAX_BATCH,
    batchScheduleFn: (run) => setTimeout(run, BATCH_WINDOW_MS),
  });
  private readonly sent = new DataLoader<SentRecord, true>((records) => this.recordSent(records), {
    cache: false,
    maxBatchSize: MAX_BATCH,
    batchScheduleFn: (run) => setImmediate(run),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: DigestLedger,
    private readonly content: DigestContentLoader,
    private readonly mail: MailSender,
    private readonly links: UnsubscribeLinks,
  ) {}

  /** `lastAttempt`: a transient failure now is final (FAILED) instead of a retry. */
  async deliver(key: DigestKey, options: { lastAttempt: boolean }): Promise<DigestOutcome> {
    const prepared = await this.prepared.load(key);
    if (prepared.state !== 'send') return prepared;
    const { claimId, email, items, contentUntil } = prepared;
    let messageId: string;
    try {
      messageId = (await this.mail.send(email)).messageId;
    } catch (error) {
      const reason = describeSendError(error);
      if (classifySendError(error) === 'permanent' || options.lastAttempt) {
        this.logger.warn(`${key.kind} digest ${key.period} of user ${key.userId} failed: ${reason}`);
        await this.ledger.markFailed(key, claimId, reason);
        return { state: 'failed', error: reason };
      }
      await this.ledger.release([key], claimId, reason);
      throw error;
    }
    await this.sent.load({ ...key, claimId, messageId, items, contentUntil });
    return { state: 'sent', messageId, items };
  }

  private async prepareBatch(batch: readonly DigestKey[]): Promise<Prepared[]> {
    // The same digest twice in one batch (two jobs for one key): only the first may claim, or both would send.
    const seen = new Set<string>();
    const firsts = batch.map((k) => {
      const id = `${k.userId}/${k.kind}/${k.period}`;
      return seen.has(id) ? false : (seen.add(id), true);
    });
    const keys = batch.filter((_, i) => firsts[i]);
    const prepared = await this.prepareUnique(keys);
    let next = 0;
    return batch.map((_, i) => (firsts[i] ? prepared[next++] : { state: 'done', status: 'DUPLICATE_JOB' }));
  }

  private async prepareUnique(keys: readonly DigestKey[]): Promise<Prepared[]> {
    const claimId = randomUUID();
    const claims = await this.ledger.claim(keys, claimId, this.config.mail.claimTimeoutMs);
    const claimed = keys.filter((_, i) => claims[i].state === 'claimed');
    try {
      const recipients = await this.content.recipients([...new Set(claimed.map((k) => k.userId))]);
      const wanted = (kind: DigestKind) =>
        claimed
          .filter((k) => k.kind === kind)
          .map((k) => recipients.get(k.userId))
          .filter((r): r is Recipient => r !== undefined && DigestContentLoader.wants(r, kind));
      const [referral, meetup] = await Promise.all([this.content.referral(wanted(DigestKind.REFERRAL)), this.content.meetup(wanted(DigestKind.MEETUP))]);

      const skips: SkipRecord[] = [];
      const results = keys.map((key, i): Prepared => {
        const claim = claims[i];
        if (claim.state === 'final') return { state: 'done', status: claim.status };
        if (claim.state !== 'claimed') return claim;
        const recipient = recipients.get(key.userId);
        if (!recipient) return { state: 'gone' };
        if (claim.attempts > this.config.mail.maxAttempts) {
          return { state: 'failed', error: `gave up: claimed ${claim.attempts} times without a recorded outcome` };
        }
        if (!DigestContentLoader.wants(recipient, key.kind)) {
          skips.push({ ...key, claimId, reason: 'OPTED_OUT' });
          return { state: 'skipped', reason: 'OPTED_OUT' };
        }
        const locale = emailLocale(recipient.locale);
        let text: { title: string; body: string };
        let items: number;
        let contentUntil: Date | null = null;
        if (key.kind === DigestKind.REFERRAL) {
          const digest = referral.get(key.userId)!;
          items = referralItems(digest.content);
          contentUntil = digest.contentUntil;
          text = referralDigestText(digest.content, locale, recipient.timeZone);
        } else {
          const digest = meetup.get(key.userId)!;
          items = meetupItems(digest);
          text = meetupDigestText(digest, locale, recipient.timeZone);
        }
        if (items === 0) {
          skips.push({ ...key, claimId, reason: 'EMPTY' });
          return { state: 'skipped', reason: 'EMPTY' };
        }
        const kind = UNSUBSCRIBE_KIND[key.kind];
        const unsubscribe = this.links.available ? { kind, url: this.links.url(key.userId, kind) } : undefined;
        const rendered = renderEmail({ locale, title: text.title, body: text.body, appUrl: this.config.publicUrl, unsubscribe });
        return {
          state: 'send',
          claimId,
          items,
          contentUntil,
          email: {
            to: recipient.email,
            ...rendered,
            headers: unsubscribe ? this.links.headers(key.userId, kind) : undefined,
            messageId: this.mail.messageIdFor(`digest-${key.kind.toLowerCase()}-${key.period.toLowerCase()}-${key.userId}`),
          },
        };
      });
      await this.ledger.markSkipped(skips);
      for (const [i, result] of results.entries()) {
        if (result.state === 'failed') await this.ledger.markFailed(keys[i], claimId, result.error);
      }
      return results;
    } catch (error) {
      // Give the claims back so the retries need not wait for the lease.
      await this.ledger.release(claimed, claimId, describeSendError(error)).catch(() => undefined);
      throw error;
    }
  }

  private async recordSent(records: readonly SentRecord[]): Promise<true[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ledger.markSent(records);
        return records.map(() => true);
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) {
          this.logger.error(`could not record ${records.length} sent digest(s); they will be sent again after their lease: ${describeSendError(error)}`);
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }
}
