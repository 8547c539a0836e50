import argon2 from 'argon2';

/**
 * argon2id with OWASP's second recommended profile (19 MiB, 2 passes), which
 * keeps a login around 20-30 ms on a 2-core machine: costly for an attacker with
 * a stolen table, cheap enough that the login rate limit, not CPU, is the bound.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash so that a login for an unknown email takes
 * as long as one with a wrong password, and does not reveal who has an account.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('switchyard-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
