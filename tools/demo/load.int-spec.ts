import { createTestDatabase, type TestDatabase } from '@switchyard/testing';
import { Client } from 'pg';
import { TAXONOMY } from '../../libs/profiles/src/taxonomy/taxonomy.data';
import { insertTaxonomy } from '../../libs/profiles/src/taxonomy/taxonomy.seed';
import { generateCommunity, type Community } from './community';
import { loadCommunity } from './load';

const NOW = new Date('2025-03-15T08:00:00Z');
// Not a real argon2 hash: the loader stores it as given.
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$demo$demo';

async function counts(db: TestDatabase): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, number>>(`
    SELECT (SELECT count(*)::int FROM users) AS users,
           (SELECT count(*)::int FROM switcher_profiles) AS "switcherProfiles",
           (SELECT count(*)::int FROM skill_ratings) AS ratings,
           (SELECT count(*)::int FROM mentor_profiles) AS "mentorProfiles",
           (SELECT count(*)::int FROM mentor_fields) AS "mentorFields",
           (SELECT count(*)::int FROM mentor_skills) AS "mentorSkills",
           (SELECT count(*)::int FROM availability_rules) AS "availabilityRules"`);
  return row;
}

function only(community: Community, keys: Set<string>): Community {
  const keep = (row: { userKey: string }) => keys.has(row.userKey);
  return {
    users: community.users.filter((u) => keys.has(u.key)),
    switcherProfiles: community.switcherProfiles.filter(keep),
    ratings: community.ratings.filter(keep),
    mentorProfiles: community.mentorProfiles.filter(keep),
    availability: community.availability.filter(keep),
  };
}

describe('loadCommunity', () => {
  let db: TestDatabase;
  let client: Client;
  const community = generateCommunity({ mentors: 30, switchers: 60, seed: 11, now: NOW });

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await insertTaxonomy(client, TAXONOMY);
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('loads users, profiles, ratings, mentor skills and availability in batches', async () => {
    const before = await counts(db);
    const progress: string[] = [];
    const result = await loadCommunity(client, community, { passwordHash: HASH, batchSize: 7, onProgress: (table) => progress.push(table) });
    const mentorSkills = community.mentorProfiles.reduce((n, m) => n + m.skills.length, 0);
    const mentorFields = community.mentorProfiles.reduce((n, m) => n + m.fields.length, 0);
    expect(result).toEqual({
      users: community.users.length,
      skippedUsers: 0,
      switcherProfiles: 60,
      ratings: community.ratings.length,
      mentorProfiles: 30,
      mentorFields,
      mentorSkills,
      availabilityRules: community.availability.length,
    });
    const after = await counts(db);
    expect(after.users - before.users).toBe(community.users.length);
    expect(after.ratings - before.ratings).toBe(community.ratings.length);
    expect(after.mentorSkills - before.mentorSkills).toBe(mentorSkills);
    expect(progress).toContain('skill_ratings');
    expect(progress.filter((t) => t === 'users')).toHaveLength(Math.ceil(community.users.length / 7));
  });

  it('stores the values as generated', async () => {
    const user = community.users.find((u) => u.roles.includes('ORGANIZER') && u.roles.includes('MENTOR'))!;
    const [row] = await db.query<{ password_hash: string; display_name: string; time_zone: string; locale: string; languages: string[]; roles: string[] }>(
      'SELECT password_hash, display_name, time_zone, locale, languages, roles FROM users WHERE email = $1',
      [user.email.toUpperCase()],
    );
    expect(row).toEqual({
      password_hash: HASH,
      display_name: user.displayName,
      time_zone: user.timeZone,
      locale: user.locale,
      languages: user.languages,
      roles: user.roles,
    });

    const switcher = community.switcherProfiles[0];
    const switcherEmail = community.users.find((u) => u.key === switcher.userKey)!.email;
    const [profile] = await db.query<Record<string, unknown>>(
      `SELECT cf.slug::text AS current, tf.slug::text AS target, p.stage, p.goals, p.weekly_hours, p.preferred_windows
         FROM switcher_profiles p JOIN users u ON u.id = p.user_id
         JOIN fields cf ON cf.id = p.current_field_id JOIN fields tf ON tf.id = p.target_field_id
        WHERE u.email = $1`,
      [switcherEmail],
    );
    expect(profile).toEqual({
      current: switcher.currentField,
      target: switcher.targetField,
      stage: switcher.stage,
      goals: switcher.goals,
      weekly_hours: switcher.weeklyHours,
      preferred_windows: switcher.preferredWindows,
    });
    const ratings = await db.query<{ skill: string; level: number; rated_at: Date }>(
      `SELECT s.slug::text AS skill, r.level, r.rated_at FROM skill_ratings r JOIN skills s ON s.id = r.skill_id
         JOIN users u ON u.id = r.user_id WHERE u.email = $1 ORDER BY r.id`,
      [switcherEmail],
    );
    expect(ratings).toEqual(
      community.ratings.filter((r) => r.userKey === switcher.userKey).map((r) => ({ skill: r.skill, level: r.level, rated_at: r.ratedAt })),
    );

    const mentor = community.mentorProfiles.find((m) => m.switchedFrom !== null)!;
    const mentorEmail = community.users.find((u) => u.key === mentor.userKey)!.email;
    const [m] = await db.query<Record<string, unknown>>(
      `SELECT p.headline, p.bio, sf.slug::text AS switched_from, p.years_experience, p.capacity, p.accepting_mentees,
              (SELECT array_agg(f.slug::text ORDER BY f.slug) FROM mentor_fields mf JOIN fields f ON f.id = mf.field_id WHERE mf.user_id = p.user_id) AS fields,
              (SELECT count(*)::int FROM mentor_skills ms WHERE ms.user_id = p.user_id) AS skills
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id LEFT JOIN fields sf ON sf.id = p.switched_from_field_id
        WHERE u.email = $1`,
      [mentorEmail],
    );
    expect(m).toEqual({
      headline: mentor.headline,
      bio: mentor.bio,
      switched_from: mentor.switchedFrom,
      years_experience: mentor.yearsExperience,
      capacity: mentor.capacity,
      accepting_mentees: mentor.acceptingMentees,
      fields: [...mentor.fields].sort(),
      skills: mentor.skills.length,
    });
    const windows = await db.query<{ weekday: number; start_minute: number; end_minute: number; time_zone: string }>(
      `SELECT a.weekday, a.start_minute, a.end_minute, a.time_zone FROM availability_rules a JOIN users u ON u.id = a.mentor_id
        WHERE u.email = $1 ORDER BY a.weekday, a.start_minute`,
      [mentorEmail],
    );
    const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    expect(windows).toEqual(
      community.availability
        .filter((a) => a.userKey === mentor.userKey)
        .map((a) => ({ weekday: a.weekday, start_minute: toMinutes(a.start), end_minute: toMinutes(a.end), time_zone: a.timeZone })),
    );
  });

  it('inserts nothing when run again', async () => {
    const before = await counts(db);
    const result = await loadCommunity(client, community, { passwordHash: HASH });
    expect(result).toEqual({
      users: 0,
      skippedUsers: community.users.length,
      switcherProfiles: 0,
      ratings: 0,
      mentorProfiles: 0,
      mentorFields: 0,
      mentorSkills: 0,
      availabilityRules: 0,
    });
    expect(await counts(db)).toEqual(before);
  });

  it('skips the rows of existing users and loads the new ones', async () => {
    const before = await counts(db);
    const fresh = generateCommunity({ mentors: 4, switchers: 6, seed: 99, now: NOW });
    for (const u of fresh.users) u.email = `fresh.${u.email}`;
    for (const list of [fresh.switcherProfiles, fresh.ratings, fresh.mentorProfiles, fresh.availability] as { userKey: string }[][]) {
      for (const row of list) row.userKey = `fresh-${row.userKey}`;
    }
    for (const u of fresh.users) u.key = `fresh-${u.key}`;
    const old = only(community, new Set(['mentor-2', 'switcher-1']));
    const mixed: Community = {
      users: [...old.users, ...fresh.users],
      switcherProfiles: [...old.switcherProfiles, ...fresh.switcherProfiles],
      ratings: [...old.ratings, ...fresh.ratings],
      mentorProfiles: [...old.mentorProfiles, ...fresh.mentorProfiles],
      availability: [...old.availability, ...fresh.availability],
    };
    const result = await loadCommunity(client, mixed, { passwordHash: HASH });
    expect(result.users).toBe(fresh.users.length);
    expect(result.skippedUsers).toBe(2);
    expect(result.ratings).toBe(fresh.ratings.length);
    expect(result.availabilityRules).toBe(fresh.availability.length);
    const after = await counts(db);
    expect(after.users - before.users).toBe(fresh.users.length);
    expect(after.switcherProfiles - before.switcherProfiles).toBe(6);
    expect(after.mentorProfiles - before.mentorProfiles).toBe(4);
  });

  it('refuses slugs the database does not know, writing nothing', async () => {
    const before = await counts(db);
    const bad = generateCommunity({ mentors: 1, switchers: 2, seed: 5, now: NOW });
    for (const u of bad.users) u.email = `bad.${u.email}`;
    bad.ratings.push({ userKey: 'switcher-1', skill: 'telepathy', level: 3, ratedAt: NOW });
    bad.mentorProfiles[0].fields.push('astrology');
    await expect(loadCommunity(client, bad, { passwordHash: HASH })).rejects.toThrow(/skill telepathy, field astrology/);
    expect(await counts(db)).toEqual(before);
    // The connection is usable afterwards (the transaction was rolled back).
    expect((await client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('rolls back everything when an insert fails half-way', async () => {
    const before = await counts(db);
    const bad = generateCommunity({ mentors: 2, switchers: 2, seed: 6, now: NOW });
    for (const u of bad.users) u.email = `rollback.${u.email}`;
    bad.mentorProfiles[1].capacity = 99; // violates mentor_profiles_capacity_check
    await expect(loadCommunity(client, bad, { passwordHash: HASH })).rejects.toThrow(/capacity/);
    expect(await counts(db)).toEqual(before);
  });
});
