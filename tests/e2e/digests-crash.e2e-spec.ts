import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { RunningProcess, TestApi, meetupCommunity, runCompiled, startTestApi } from '@switchyard/testing';

const USERS = 40;
const CONCURRENCY = 4;
/** The mail server answers each message this late, so the batch takes long enough to be killed in the middle. */
const SMTP_DELAY_MS = 150;
const KILL_AFTER = 12;

/**
 * SIGKILLs the compiled worker in the middle of a digest batch (a slow SMTP
 * server keeps messages in flight), starts a new one, and checks that every
 * user got their digest, with duplicates only from the crash window: at most
 * one per job in flight (WORKER_CONCURRENCY), each with the same Message-ID.
 */
describe('digests survive a killed worker', () => {
  let api: TestApi;
  let admin: string;
  const received: { to: string; messageId: string }[] = [];
  let onAccepted: (count: number) => void = () => undefined;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        setTimeout(() => {
          const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
          received.push({ to: session.envelope.rcptTo[0].address.toLowerCase(), messageId });
          callback();
          onAccepted(received.length);
        }, SMTP_DELAY_MS);
      });
    },
  });
  const workers: RunningProcess[] = [];

  function startWorker(env: Record<string, string>): RunningProcess {
    const worker = runCompiled('apps/worker/src/main.js', env);
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    api = await startTestApi({ BOOTSTRAP_ADMIN_EMAIL: 'crash-admin@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin password 123' });
    admin = (await api.gql('mutation { login(email: "crash-admin@example.org", password: "admin password 123") { accessToken } }')).data!.login
      .accessToken;
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await api.close();
    await new Promise((resolve) => smtp.close(() => resolve(undefined)));
  });

  it('sends every digest once, except at most WORKER_CONCURRENCY in the crash window', async () => {
    // Members of a community with a meetup next week: everyone has a meetup digest to get.
    const { members } = await meetupCommunity(api, {
      name: 'Crash testers',
      members: USERS,
      emailDomain: 'crash.example.org',
      zones: ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York'],
      meetupTitle: 'Chaos engineering night',
      inDays: 5,
      capacity: 100,
    });
    const queued = await api.gql('mutation { runDigestsNow(kind: MEETUP) }', { token: admin });
    expect(queued.data!.runDigestsNow).toBe(USERS + 2); // the members, and the organizer and the admin (who have nothing)

    const env = {
      ...api.env,
      LOG_LEVEL: 'info',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      // The shortest lease allowed: the killed worker's claims lapse after it.
      EMAIL_CLAIM_TIMEOUT_SECONDS: '60',
    };
    const first = startWorker(env);
    const killed = new Promise<void>((resolve) => {
      onAccepted = (count) => {
        if (count === KILL_AFTER) {
          // Right after the server accepted a message: that digest is in the crash window.
          first.child.kill('SIGKILL');
          resolve();
        }
      };
    });
    await first.waitFor(/worker ready/);
    await killed;
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = received.length;
    expect(atKill).toBeLessThan(USERS);
    const inFlight = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM digest_deliveries WHERE status = 'CLAIMED'`);
    expect(inFlight[0].n).toBeGreaterThan(0);
    expect(inFlight[0].n).toBeLessThanOrEqual(CONCURRENCY);

    const second = startWorker(env);
    await second.waitFor(/worker ready/);
    // BullMQ notices the killed worker's jobs after their lock (30 s); they then wait for the lease (60 s).
    const deadline = Date.now() + 150_000;
    let finished = 0;
    while (Date.now() < deadline) {
      [{ n: finished }] = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM digest_deliveries WHERE status <> 'CLAIMED'`);
      if (finished === USERS + 2) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(finished).toBe(USERS + 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const perUser = new Map<string, string[]>();
    for (const r of received) perUser.set(r.to, [...(perUser.get(r.to) ?? []), r.messageId]);
    const everyone = members.map((m) => m.email);
    for (const email of everyone) expect([email, (perUser.get(email) ?? []).length >= 1]).toEqual([email, true]);
    const duplicates = [...perUser.values()].reduce((sum, ids) => sum + ids.length - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
    // A resent digest carries the same Message-ID, so receivers can fold it.
    for (const ids of perUser.values()) expect(new Set(ids).size).toBe(1);
    expect(received).toHaveLength(everyone.length + duplicates);

    const ledger = await api.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM digest_deliveries GROUP BY status ORDER BY status`);
    expect(ledger).toEqual([
      { status: 'SENT', n: everyone.length },
      { status: 'SKIPPED', n: 2 }, // the organizer (not a member) and the admin: nothing to read
    ]);
    process.stdout.write(`[digests-crash] killed after ${atKill} accepted; ${duplicates} duplicate(s) from the crash window\n`);
  }, 240_000);
});
