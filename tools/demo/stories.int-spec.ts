import { createTestDatabase, type TestDatabase } from '@switchyard/testing';
import { seedDemoData } from '../demo-data';

const NOW = new Date('2026-11-29T00:00:00Z');

describe('demo stories', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.url, NOW);
  }, 120_000);
  afterAll(() => db.drop());

  it('has communities with cohorts in each phase, a meetup waitlist and a referral pipeline', async () => {
    const [counts] = await db.query<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM communities) AS communities,
             (SELECT count(*)::int FROM community_members WHERE status = 'PENDING') AS pending,
             (SELECT count(*)::int FROM referral_openings) AS openings,
             (SELECT count(*)::int FROM referral_requests) AS requests,
             (SELECT count(*)::int FROM mentoring_sessions WHERE status = 'SCHEDULED') AS upcoming,
             (SELECT count(*)::int FROM mentoring_sessions WHERE status = 'COMPLETED') AS held`);
    expect(counts).toMatchObject({ communities: 2, pending: 5, openings: 8 });
    expect(counts.requests).toBeGreaterThanOrEqual(20);
    expect(counts.upcoming).toBeGreaterThan(0);
    expect(counts.held).toBeGreaterThan(0);

    const phases = await db.query<{ name: string; stage: string | null }>(
      `SELECT c.name, (SELECT p.stage FROM cohort_phases p WHERE p.cohort_id = c.id AND $1::date BETWEEN p.starts_on AND p.ends_on) AS stage
         FROM cohorts c ORDER BY c.starts_on`,
      [NOW.toISOString().slice(0, 10)],
    );
    expect(phases.map((p) => p.stage)).toEqual(['LEAP', 'VALIDATION', null]);

    const waitlist = await db.query<{ going: number; waitlisted: number; capacity: number }>(
      `SELECT m.capacity, count(*) FILTER (WHERE r.status = 'GOING')::int AS going, count(*) FILTER (WHERE r.status = 'WAITLISTED')::int AS waitlisted
         FROM meetups m JOIN meetup_rsvps r ON r.meetup_id = m.id GROUP BY m.id ORDER BY m.starts_at`,
    );
    expect(waitlist[0]).toEqual({ capacity: 20, going: 20, waitlisted: 8 });
    for (const meetup of waitlist) expect(meetup.going).toBeLessThanOrEqual(meetup.capacity);
  });

  it('keeps the invariants the API enforces', async () => {
    const overloaded = await db.query(
      `SELECT mp.user_id FROM mentor_profiles mp
        WHERE (SELECT count(*) FROM mentorships m WHERE m.mentor_id = mp.user_id AND m.status = 'ACTIVE') > mp.capacity`,
    );
    expect(overloaded).toEqual([]);
    const history = await db.query(
      `SELECT r.id FROM referral_requests r
        WHERE r.status <> (SELECT c.to_status FROM referral_status_changes c WHERE c.request_id = r.id ORDER BY c.id DESC LIMIT 1)`,
    );
    expect(history).toEqual([]);
    const seats = await db.query(
      `SELECT c.id FROM cohorts c WHERE c.seats < (SELECT count(*) FROM cohort_enrollments e WHERE e.cohort_id = c.id AND e.role = 'SWITCHER' AND e.status = 'ADMITTED')`,
    );
    expect(seats).toEqual([]);
  });
});
