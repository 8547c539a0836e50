import { randomBytes } from 'node:crypto';
import type { TestApi } from './test-api';

export interface RegisteredUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;

/** A unique, valid registration; override any field. */
export function makeRegistration(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    email: `user${counter}.${randomBytes(3).toString('hex')}@example.org`,
    password: 'correct horse battery staple',
    displayName: `Test User ${counter}`,
    timeZone: 'Europe/Berlin',
    roles: ['SWITCHER'],
    ...overrides,
  };
}

export const REGISTER = `
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id email roles timeZone locale languages } }
  }`;

/** Registers through the public API and returns the credentials. */
export async function registerUser(api: TestApi, overrides: Record<string, unknown> = {}): Promise<RegisteredUser> {
  const input = makeRegistration(overrides);
  const res = await api.gql(REGISTER, { variables: { input } });
  if (res.errors) throw new Error(`register failed: ${JSON.stringify(res.errors)}`);
  const payload = res.data!.register;
  return {
    id: payload.user.id,
    email: input.email as string,
    password: input.password as string,
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
  };
}

/**
 * A public community of `members` bare switchers (inserted directly, zones taken in turn from
 * `zones`) with a meetup `inDays` ahead: everyone has a meetup digest to get. The organizer
 * registers through the API and is not a member.
 */
export async function meetupCommunity(
  api: TestApi,
  options: { name: string; members: number; emailDomain: string; zones: string[]; meetupTitle: string; inDays: number; capacity: number },
): Promise<{ organizer: RegisteredUser; communityId: string; members: { id: string; email: string }[] }> {
  const organizer = await registerUser(api, { roles: ['ORGANIZER'] });
  const [community] = await api.db.query<{ id: string }>(`INSERT INTO communities (name, visibility, created_by) VALUES ($1, 'PUBLIC', $2) RETURNING id`, [
    options.name,
    organizer.id,
  ]);
  const members = await api.db.query<{ id: string; email: string }>(
    `INSERT INTO users (email, password_hash, display_name, time_zone, roles)
     SELECT 'member' || i || '@' || $2, 'x', 'Member ' || i, ($3::text[])[1 + i % cardinality($3::text[])], '{SWITCHER}'
       FROM generate_series(1, $1) AS i RETURNING id, email`,
    [options.members, options.emailDomain, options.zones],
  );
  await api.db.query(`INSERT INTO community_members (community_id, user_id, status) SELECT $1, unnest($2::uuid[]), 'ACTIVE'`, [
    community.id,
    members.map((m) => m.id),
  ]);
  await api.db.query(
    `INSERT INTO meetups (community_id, title, starts_at, ends_at, time_zone, location, capacity, created_by)
     VALUES ($1, $2, now() + make_interval(days => $3), now() + make_interval(days => $3, hours => 2), 'UTC', 'Hub', $4, $5)`,
    [community.id, options.meetupTitle, options.inDays, options.capacity, organizer.id],
  );
  return { organizer, communityId: community.id, members };
}
