import type { Client } from 'pg';
import type { Community } from './community';

export interface LoadOptions {
  /** One argon2 hash shared by every demo user (hashing each password would take minutes). */
  passwordHash: string;
  /** Rows per INSERT statement (default 5000). */
  batchSize?: number;
  /** Called after each statement, e.g. to print progress. */
  onProgress?: (table: string, done: number, total: number) => void;
}

export interface LoadResult {
  /** Users inserted (users whose email already existed are skipped, with all their rows). */
  users: number;
  skippedUsers: number;
  switcherProfiles: number;
  ratings: number;
  mentorProfiles: number;
  mentorFields: number;
  mentorSkills: number;
  availabilityRules: number;
}

const DEFAULT_BATCH = 5000;

/**
 * Loads a generated community in one transaction, with one multi-row
 * `INSERT ... SELECT FROM unnest(...)` per batch and table, so that a 400k-user
 * community takes minutes.
 *
 * The taxonomy must already be in the database: skill and field slugs are
 * resolved with one SELECT each, and an unknown slug fails the load before
 * anything is written. Users are inserted with `ON CONFLICT (email) DO NOTHING`;
 * the profiles, ratings, skills and availability of users that already existed
 * are skipped, so re-running the same community inserts nothing.
 *
 * `client` must be connected and not inside a transaction; on error the
 * transaction is rolled back and the error rethrown.
 */
export async function loadCommunity(client: Client, community: Community, options: LoadOptions): Promise<LoadResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const progress = options.onProgress ?? (() => undefined);

  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL statement_timeout = 0');
    const skillIds = await slugIds(client, 'skills');
    const fieldIds = await slugIds(client, 'fields');
    assertSlugsKnown(community, skillIds, fieldIds);

    // Users. Keys of users whose email is new in this load map to their new ids.
    const users = community.users;
    const keyOfEmail = new Map<string, string>();
    for (const user of users) {
      const email = user.email.toLowerCase();
      if (!keyOfEmail.has(email)) keyOfEmail.set(email, user.key);
    }
    const idOfKey = new Map<string, string>();
    for (let i = 0; i < users.length; i += batchSize) {
      const batch = users.slice(i, i + batchSize);
      const { rows } = await client.query<{ id: string; email: string }>(
        `INSERT INTO users (email, password_hash, display_name, time_zone, locale, languages, roles)
         SELECT t.email, $1, t.display_name, t.time_zone, t.locale, string_to_array(t.languages, ','), string_to_array(t.roles, ',')
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
             AS t(email, display_name, time_zone, locale, languages, roles)
         ON CONFLICT (email) DO NOTHING
         RETURNING id, email::text AS email`,
        [
          options.passwordHash,
          batch.map((u) => u.email),
          batch.map((u) => u.displayName),
          batch.map((u) => u.timeZone),
          batch.map((u) => u.locale),
          batch.map((u) => u.languages.join(',')),
          batch.map((u) => u.roles.join(',')),
        ],
      );
      for (const row of rows) {
        const key = keyOfEmail.get(row.email.toLowerCase());
        if (key !== undefined) idOfKey.set(key, row.id);
      }
      progress('users', Math.min(i + batchSize, users.length), users.length);
    }

    const id = (key: string) => idOfKey.get(key);
    const isNew = (row: { userKey: string }) => idOfKey.has(row.userKey);

    const switcherProfiles = await insertBatches(
      client,
      'switcher_profiles',
      community.switcherProfiles.filter(isNew),
      batchSize,
      progress,
      `INSERT INTO switcher_profiles (user_id, current_field_id, target_field_id, stage, goals, weekly_hours, preferred_windows)
       SELECT t.user_id, t.current_field_id, t.target_field_id, t.stage, t.goals, t.weekly_hours, t.preferred_windows::jsonb
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::smallint[], $7::text[])
           AS t(user_id, current_field_id, target_field_id, stage, goals, weekly_hours, preferred_windows)`,
      [
        (p) => id(p.userKey),
        (p) => fieldIds.get(p.currentField.toLowerCase()),
        (p) => fieldIds.get(p.targetField.toLowerCase()),
        (p) => p.stage,
        (p) => p.goals,
        (p) => p.weeklyHours,
        (p) => JSON.stringify(p.preferredWindows.map((w) => ({ weekday: w.weekday, start: w.start, end: w.end }))),
      ],
    );

    const ratings = await insertBatches(
      client,
      'skill_ratings',
      community.ratings.filter(isNew),
      batchSize,
      progress,
      `INSERT INTO skill_ratings (user_id, skill_id, level, rated_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::timestamptz[])`,
      [(r) => id(r.userKey), (r) => skillIds.get(r.skill.toLowerCase()), (r) => r.level, (r) => r.ratedAt.toISOString()],
    );

    const mentors = community.mentorProfiles.filter(isNew);
    const mentorProfiles = await insertBatches(
      client,
      'mentor_profiles',
      mentors,
      batchSize,
      progress,
      `INSERT INTO mentor_profiles (user_id, headline, bio, switched_from_field_id, years_experience, capacity, accepting_mentees)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::smallint[], $6::smallint[], $7::boolean[])`,
      [
        (m) => id(m.userKey),
        (m) => m.headline,
        (m) => m.bio,
        (m) => (m.switchedFrom === null ? null : fieldIds.get(m.switchedFrom.toLowerCase())),
        (m) => m.yearsExperience,
        (m) => m.capacity,
        (m) => m.acceptingMentees,
      ],
    );

    const mentorFields = await insertBatches(
      client,
      'mentor_fields',
      mentors.flatMap((m) => [...new Set(m.fields.map((f) => f.toLowerCase()))].map((f) => ({ userKey: m.userKey, field: f }))),
      batchSize,
      progress,
      `INSERT INTO mentor_fields (user_id, field_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [(r) => id(r.userKey), (r) => fieldIds.get(r.field)],
    );

    const mentorSkills = await insertBatches(
      client,
      'mentor_skills',
      mentors.flatMap((m) => m.skills.map((s) => ({ userKey: m.userKey, ...s }))),
      batchSize,
      progress,
      `INSERT INTO mentor_skills (user_id, skill_id, level) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[])`,
      [(r) => id(r.userKey), (r) => skillIds.get(r.skill.toLowerCase()), (r) => r.level],
    );

    const availabilityRules = await insertBatches(
      client,
      'availability_rules',
      community.availability.filter(isNew),
      batchSize,
      progress,
      `INSERT INTO availability_rules (mentor_id, weekday, start_minute, end_minute, time_zone)
       SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::smallint[], $4::smallint[], $5::text[])`,
      [(a) => id(a.userKey), (a) => a.weekday, (a) => minuteOfDay(a.start), (a) => minuteOfDay(a.end), (a) => a.timeZone],
    );

    await client.query('COMMIT');
    return {
      users: idOfKey.size,
      skippedUsers: users.length - idOfKey.size,
      switcherProfiles,
      ratings,
      mentorProfiles,
      mentorFields,
      mentorSkills,
      availabilityRules,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** "HH:mm" -> minutes since midnight; "24:00" is allowed as an end of day. */
export function minuteOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > 24 * 60) throw new RangeError(`not a time of day: ${JSON.stringify(time)}`);
  return minutes;
}

async function slugIds(client: Client, table: 'skills' | 'fields'): Promise<Map<string, string>> {
  const { rows } = await client.query<{ id: string; slug: string }>(`SELECT id, slug::text AS slug FROM ${table}`);
  return new Map(rows.map((r) => [r.slug.toLowerCase(), r.id]));
}

function assertSlugsKnown(community: Community, skills: Map<string, string>, fields: Map<string, string>): void {
  const missingSkills = new Set<string>();
  const missingFields = new Set<string>();
  const skill = (slug: string) => skills.has(slug.toLowerCase()) || missingSkills.add(slug);
  const field = (slug: string) => fields.has(slug.toLowerCase()) || missingFields.add(slug);
  for (const p of community.switcherProfiles) {
    field(p.currentField);
    field(p.targetField);
  }
  for (const r of community.ratings) skill(r.skill);
  for (const m of community.mentorProfiles) {
    m.fields.forEach(field);
    if (m.switchedFrom !== null) field(m.switchedFrom);
    for (const s of m.skills) skill(s.skill);
  }
  if (missingSkills.size || missingFields.size) {
    throw new Error(
      `the database's taxonomy lacks ${[...missingSkills].map((s) => `skill ${s}`).concat([...missingFields].map((f) => `field ${f}`)).join(', ')}` +
        ' (insert the taxonomy first, e.g. with insertTaxonomy)',
    );
  }
}

async function insertBatches<T>(
  client: Client,
  table: string,
  rows: T[],
  batchSize: number,
  progress: (table: string, done: number, total: number) => void,
  sql: string,
  columns: ((row: T) => unknown)[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const result = await client.query(
      sql,
      columns.map((column) => batch.map(column)),
    );
    inserted += result.rowCount ?? 0;
    progress(table, Math.min(i + batchSize, rows.length), rows.length);
  }
  return inserted;
}
