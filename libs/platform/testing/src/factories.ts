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
