import { Inject, Injectable, Logger } from '@nestjs/common';
import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { classifySendError, describeSendError } from '../email/delivery-policy';
import { emailLocale, renderEmail } from '../email/email-templates';
import { MailSender, OutgoingEmail } from '../email/mail-sender';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { UnsubscribeKind } from '../unsubscribe/unsubscribe-tokens';
import { ClaimSlots } from './claim-slots';
import { DigestContentLoader, Recipient } from './digest-content.loader';
import { meetupItems, referralItems } from './digest-content.types';
import { DigestKey, DigestLedger, OutcomeRecord } from './digest-ledger';
import { DigestKind } from './digest-period';
import { meetupDigestText, referralDigestText } from './digest-texts';

/** Recording a sent digest is retried this many times: giving up means sending it again after the lease. */
const RECORD_ATTEMPTS = 4;
/** How long a sent digest waits for others to be recorded with it. */
const RECORD_WINDOW_MS = 10;

export type DigestOutcome =
  | { state: 'sent'; messageId: string; items: number }
  | { state: 'skipped'; reason: 'EMPTY' | 'OPTED_OUT' }
  | { state: 'failed'; error: string }
  /** A transient send failure: the claim was given back, the job should retry this key with backoff. */
  | { state: 'retry'; error: string }
  | { state: 'done'; status: string }
  | { state: 'gone' }
  | { state: 'busy'; until: Date };

type Prepared =
  | Exclude<DigestOutcome, { state: 'sent' } | { state: 'retry' } | { state: 'skipped' }>
  | { state: 'send'; claimId: string; email: OutgoingEmail; items: number; contentUntil: Date | null }
  | { state: 'skip'; claimId: string; reason: 'EMPTY' | 'OPTED_OUT' };

const UNSUBSCRIBE_KIND: Record<DigestKind, UnsubscribeKind> = {
  [DigestKind.REFERRAL]: UnsubscribeKind.REFERRAL,
  [DigestKind.MEETUP]: UnsubscribeKind.MEETUP,
};

/**
 * Sends users' digests of one kind for one period, each exactly once. A job
 * carries a batch of user ids; the batch goes out in waves:
 *
 * 1. Take claim slots (ClaimSlots, WORKER_CONCURRENCY per worker) and claim
 *    that many (user, kind, period) rows in the ledger, with a lease
 *    (EMAIL_CLAIM_TIMEOUT_SECONDS). A SENT/SKIPPED/FAILED row means done; a
 *    row another worker holds is `busy` until its lease lapses (it may have
 *    been killed): the job comes back for it then.
 * 2. Read the preferences and the content of the whole wave now (not when
 *    the job was queued), a query per kind of fact: opted out or nothing to
 *    say is SKIPPED.
 * 3. Send each, then record SENT (sends finishing together are recorded in
 *    one statement) and give its slot back. A transient SMTP failure gives
 *    the claim back and the job retries that digest with backoff; a permanent
 *    one (5xx), or the last attempt, is FAILED.
 * The next wave claims as soon as half the slots are back, so reading,
 * rendering and sending overlap.
 *
 * The one window that cannot be closed: a worker killed after the mail server
 * accepted a digest and before SENT is recorded. Its claim lapses and the
 * digest is sent again: at most one per claim slot, so at most
 * WORKER_CONCURRENCY per killed worker. The Message-ID is derived from user,
 * kind and period, so receivers that deduplicate show one copy. The SMTP
 * socket timeout is a third of the lease, so a slow server cannot make a
 * claim lapse while its digest is still being sent.
 */
@Injectable()
export class DigestDelivery {
  private readonly logger = new Logger('Digests');
  private readonly slots: ClaimSlots;
  // Sends finish one by one as the mail server answers: recording each alone
  // would be a commit (a WAL flush) per digest. Waiting a few milliseconds
  // gathers them (and the skipped digests of the waves meanwhile); they hold
  // their claim slots until recorded, so the crash window stays within
  // WORKER_CONCURRENCY.
  private readonly outcomes = new DataLoader<OutcomeRecord, true>((records) => this.recordOutcomes(records), {
    cache: false,
    maxBatchSize: 500,
    batchScheduleFn: (run) => setTimeout(run, RECORD_WINDOW_MS),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: DigestLedger,
    private readonly content: DigestContentLoader,
    private readonly mail: MailSender,
    private readonly links: UnsubscribeLinks,
  ) {
    this.slots = new ClaimSlots(config.worker.concurrency);
  }

  /**
   * Delivers every key (one outcome each, in order). `lastAttempt`: a
   * transient failure now is final (FAILED) instead of `retry`.
   */
  async deliver(keys: readonly DigestKey[], options: { lastAttempt: boolean }): Promise<DigestOutcome[]> {
    const outcomes: Promise<DigestOutcome>[] = [];
    const unique = uniqueKeys(keys);
    for (let next = 0; next < unique.length; ) {
      const remaining = unique.length - next;
      const taken = await this.slots.take(Math.min(remaining, Math.ceil(this.slots.size / 2)), remaining);
      const wave = unique.slice(next, next + taken);
      next += taken;
      let prepared: Prepared[];
      try {
        prepared = await this.prepare(wave);
      } catch (error) {
        this.slots.give(taken);
        await Promise.allSettled(outcomes);
        throw error;
      }
      for (const [i, p] of prepared.entries()) {
        const outcome = this.finish(wave[i], p, options).finally(() => this.slots.give());
        // Handled here too: it may fail while this loop still waits for slots,
        // before Promise.all below looks at it (an unhandled rejection ends the process).
        outcome.catch(() => undefined);
        outcomes.push(outcome);
      }
    }
    const byKey = new Map<string, DigestOutcome>();
    const settled = await Promise.all(outcomes);
    unique.forEach((key, i) => byKey.set(keyOf(key), settled[i]));
    const seen = new Set<string>();
    // The same digest twice in one batch: the second is a duplicate job, not a second send.
    return keys.map((key) => {
      const id = keyOf(key);
      if (seen.has(id)) return { state: 'done', status: 'DUPLICATE_JOB' };
      seen.add(id);
      return byKey.get(id)!;
    });
  }

  private async finish(key: DigestKey, prepared: Prepared, options: { lastAttempt: boolean }): Promise<DigestOutcome> {
    if (prepared.state === 'skip') {
      await this.outcomes.load({ ...key, claimId: prepared.claimId, reason: prepared.reason });
      return { state: 'skipped', reason: prepared.reason };
    }
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
      return { state: 'retry', error: reason };
    }
    await this.outcomes.load({ ...key, claimId, messageId, items, contentUntil });
    return { state: 'sent', messageId, items };
  }

  private async prepare(keys: readonly DigestKey[]): Promise<Prepared[]> {
    const claimId = randomUUID();
    // The recipients are read beside the claim rather than after it (one round
    // trip less per wave); only the claimed ones are used.
    const [claims, readRecipients] = await Promise.allSettled([
      this.ledger.claim(keys, claimId, this.config.mail.claimTimeoutMs),
      this.content.recipients([...new Set(keys.map((k) => k.userId))]),
    ]);
    if (claims.status === 'rejected') throw claims.reason;
    const claimed = keys.filter((_, i) => claims.value[i].state === 'claimed');
    try {
      if (readRecipients.status === 'rejected') throw readRecipients.reason;
      const recipients = readRecipients.value;
      const wanted = (kind: DigestKind) =>
        claimed
          .filter((k) => k.kind === kind)
          .map((k) => recipients.get(k.userId))
          .filter((r): r is Recipient => r !== undefined && DigestContentLoader.wants(r, kind));
      const [referral, meetup] = await Promise.all([this.content.referral(wanted(DigestKind.REFERRAL)), this.content.meetup(wanted(DigestKind.MEETUP))]);

      const results = keys.map((key, i): Prepared => {
        const claim = claims.value[i];
        if (claim.state === 'final') return { state: 'done', status: claim.status };
        if (claim.state !== 'claimed') return claim;
        const recipient = recipients.get(key.userId);
        if (!recipient) return { state: 'gone' };
        if (claim.attempts > this.config.mail.maxAttempts) {
          return { state: 'failed', error: `gave up: claimed ${claim.attempts} times without a recorded outcome` };
        }
        if (!DigestContentLoader.wants(recipient, key.kind)) {
          return { state: 'skip', claimId, reason: 'OPTED_OUT' };
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
          return { state: 'skip', claimId, reason: 'EMPTY' };
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
            headers: unsubscribe ? this.links.headers(unsubscribe.url) : undefined,
            messageId: this.mail.messageIdFor(`digest-${key.kind.toLowerCase()}-${key.period.toLowerCase()}-${key.userId}`),
          },
        };
      });
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

  private async recordOutcomes(records: readonly OutcomeRecord[]): Promise<true[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ledger.record(records);
        return records.map(() => true);
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) {
          this.logger.error(`could not record ${records.length} digest outcome(s); sent ones will be sent again after their lease: ${describeSendError(error)}`);
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }
}

function keyOf(key: DigestKey): string {
  return `${key.userId}/${key.kind}/${key.period}`;
}

function uniqueKeys(keys: readonly DigestKey[]): DigestKey[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const id = keyOf(key);
    return seen.has(id) ? false : (seen.add(id), true);
  });
}
