import type { AppConfig } from '@switchyard/config';
import type { MailSender } from '../email/mail-sender';
import type { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { DigestContentLoader, Recipient } from './digest-content.loader';
import { DigestDelivery } from './digest-delivery.service';
import { DigestKey, DigestLedger } from './digest-ledger';
import { DigestKind } from './digest-period';

/**
 * The wave loop with stand-ins for the database and the mail server (its
 * real paths run in tests/e2e/digests*.e2e-spec.ts): a failure of an early
 * wave while the loop waits for slots comes back as the job's error.
 */
describe('DigestDelivery waves', () => {
  const keys: DigestKey[] = ['a', 'b', 'c', 'd'].map((userId) => ({ userId, kind: DigestKind.MEETUP, period: '2026-W49' }));
  const recipient = (userId: string): Recipient => ({
    userId,
    email: `${userId}@example.org`,
    locale: 'en',
    timeZone: 'UTC',
    referralOn: true,
    meetupOn: true,
    targetFieldId: null,
    lastReferralUntil: null,
  });

  function delivery(ledger: Partial<DigestLedger>): DigestDelivery {
    const config = { worker: { concurrency: 2 }, mail: { claimTimeoutMs: 60_000, maxAttempts: 5 }, publicUrl: 'http://localhost:3000' } as unknown as AppConfig;
    const content = {
      recipients: async (ids: string[]) => new Map(ids.map((id) => [id, recipient(id)])),
      referral: async () => new Map(),
      // Nothing to say: every digest is SKIPPED, which goes through the outcome recorder.
      meetup: async (rs: Recipient[]) => new Map(rs.map((r) => [r.userId, { meetups: [], more: 0 }])),
    } as unknown as DigestContentLoader;
    const ledgerStub = {
      claim: async (ks: readonly DigestKey[]) => ks.map(() => ({ state: 'claimed', attempts: 1 })),
      release: async () => undefined,
      markFailed: async () => undefined,
      ...ledger,
    } as unknown as DigestLedger;
    return new DigestDelivery(config, ledgerStub, content, {} as MailSender, { available: false } as unknown as UnsubscribeLinks);
  }

  it('skips empty digests in waves of at most the slots, recording each once', async () => {
    const recorded: string[] = [];
    const outcomes = await delivery({ record: async (rs) => void recorded.push(...rs.map((r) => r.userId)) }).deliver([...keys, keys[0]], { lastAttempt: false });
    expect(outcomes.map((o) => o.state)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'done']);
    expect(recorded.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects with the recording error when outcomes cannot be recorded', async () => {
    const failing = delivery({
      record: async () => {
        throw new Error('database is gone');
      },
    });
    await expect(failing.deliver(keys, { lastAttempt: false })).rejects.toThrow('database is gone');
  }, 20_000);
});
