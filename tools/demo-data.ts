import { Client } from 'pg';
import { hashPassword } from '../libs/identity/src/password';

export const DEMO_PASSWORD = 'switchyard-demo';

/**
 * A few people of each role, drawn from the flagship journey (engineers
 * becoming AI product managers). Later features add their profiles, sessions
 * and communities here.
 */
export const DEMO_USERS = [
  { email: 'lin.wei@demo.switchyard.dev', displayName: 'Lin Wei', timeZone: 'Asia/Shanghai', locale: 'zh-CN', languages: ['zh', 'en'], roles: ['SWITCHER'] },
  { email: 'maya.patel@demo.switchyard.dev', displayName: 'Maya Patel', timeZone: 'Europe/London', locale: 'en', languages: ['en', 'hi'], roles: ['SWITCHER'] },
  { email: 'chen.jing@demo.switchyard.dev', displayName: 'Chen Jing', timeZone: 'Asia/Shanghai', locale: 'zh-CN', languages: ['zh', 'en'], roles: ['MENTOR'] },
  { email: 'sam.rivera@demo.switchyard.dev', displayName: 'Sam Rivera', timeZone: 'America/New_York', locale: 'en', languages: ['en', 'es'], roles: ['MENTOR', 'ORGANIZER'] },
  { email: 'ana.souza@demo.switchyard.dev', displayName: 'Ana Souza', timeZone: 'America/Sao_Paulo', locale: 'en', languages: ['pt', 'en'], roles: ['ORGANIZER'] },
] as const;

/** Loads the demo accounts into an empty database; returns false when there was already data. */
export async function seedDemoData(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Serialises concurrent first starts against one database.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['switchyard:demo-data']);
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE NOT ('ADMIN' = ANY(roles))");
    if (rows[0].n > 0) {
      await client.query('ROLLBACK');
      return false;
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const user of DEMO_USERS) {
      await client.query(
        `INSERT INTO users (email, password_hash, display_name, time_zone, locale, languages, roles)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING`,
        [user.email, passwordHash, user.displayName, user.timeZone, user.locale, user.languages, user.roles],
      );
    }
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
