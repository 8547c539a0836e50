import { TestApi, TestSmtp, meetupCommunity, startTestApi, startTestWorker } from '@switchyard/testing';

const MEMBERS = 12;

/**
 * One batch job carries many users' digests: a mail server refusing some of
 * them for now (4xx) or for good (5xx) must not hold back or duplicate the
 * others. The refused-for-now ones come back with the job's backoff and go
 * out once; the refused-for-good one is FAILED with the server's reason.
 */
describe('digest batches when the mail server refuses some messages', () => {
  const smtp = new TestSmtp();
  let api: TestApi;
  let worker: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    api = await startTestApi({
      SMTP_URL: smtpUrl,
      BOOTSTRAP_ADMIN_EMAIL: 'batch-admin@example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'admin password 123',
      WORKER_CONCURRENCY: '4',
    });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await smtp.stop();
  });

  it('retries the 4xx ones with backoff, fails the 5xx one at once, and sends everyone else once', async () => {
    const { members } = await meetupCommunity(api, {
      name: 'Flaky mail club',
      members: MEMBERS,
      emailDomain: 'mail.example.org',
      zones: ['Europe/Berlin'],
      meetupTitle: 'Retry semantics night',
      inDays: 3,
      capacity: 50,
    });
    const [busyOnce, busyTwice, gone] = members;
    smtp.plan.set(busyOnce.email, [451]);
    smtp.plan.set(busyTwice.email, [421, 452]);
    smtp.plan.set(gone.email, [550]);

    const admin = (await api.gql('mutation { login(email: "batch-admin@example.org", password: "admin password 123") { accessToken } }')).data!.login
      .accessToken;
    const queued = await api.gql('mutation { runDigestsNow(kind: MEETUP) }', { token: admin });
    expect(queued.errors).toBeUndefined();
    worker = await startTestWorker(api);

    const ids = members.map((m) => m.id);
    const deadline = Date.now() + 60_000;
    let rows: { user_id: string; status: string; attempts: number; last_error: string | null }[] = [];
    while (Date.now() < deadline) {
      rows = await api.db.query(`SELECT user_id, status, attempts, last_error FROM digest_deliveries WHERE user_id = ANY($1::uuid[])`, [ids]);
      if (rows.length === MEMBERS && rows.every((r) => r.status !== 'CLAIMED')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const byUser = new Map(rows.map((r) => [r.user_id, r]));

    // The refused-for-good digest: FAILED at the first attempt, with the server's reply.
    expect(byUser.get(gone.id)).toMatchObject({ status: 'FAILED', attempts: 1, last_error: expect.stringContaining('550') });
    expect(smtp.to(gone.email)).toHaveLength(0);
    // The refused-for-now ones: claimed again by the retried job, sent once.
    expect(byUser.get(busyOnce.id)).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(byUser.get(busyTwice.id)).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(smtp.attempts.get(busyTwice.email)).toBe(3);
    // Everyone else: sent once, and not again by the job's retries.
    for (const member of members.filter((m) => m !== gone)) {
      expect([member.email, byUser.get(member.id)?.status, smtp.to(member.email).length]).toEqual([member.email, 'SENT', 1]);
    }
    for (const member of members.slice(3)) expect(byUser.get(member.id)).toMatchObject({ attempts: 1 });
  }, 90_000);
});
