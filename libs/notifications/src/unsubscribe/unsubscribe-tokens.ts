import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link turns off: a digest, session reminders, or every email. */
export enum UnsubscribeKind {
  REFERRAL = 'REFERRAL',
  MEETUP = 'MEETUP',
  SESSION_REMINDERS = 'SESSION_REMINDERS',
  ALL = 'ALL',
}

/** One byte per kind inside the token; never renumber (links already sent carry these). */
const KIND_CODES: Record<UnsubscribeKind, number> = {
  [UnsubscribeKind.REFERRAL]: 1,
  [UnsubscribeKind.MEETUP]: 2,
  [UnsubscribeKind.SESSION_REMINDERS]: 3,
  [UnsubscribeKind.ALL]: 4,
};
const KINDS_BY_CODE = new Map(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind as UnsubscribeKind]));
const MAC_BYTES = 16;
const TOKEN_BYTES = 16 + 1 + MAC_BYTES;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signing key, derived rather than used directly so the same secret
 * (JWT_SECRET as the fallback) never signs two kinds of thing.
 */
export function unsubscribeKey(secret: string): Buffer {
  if (!secret) throw new Error('An unsubscribe secret is needed to sign links (UNSUBSCRIBE_SECRET or JWT_SECRET).');
  return createHmac('sha256', secret).update('switchyard unsubscribe v1').digest();
}

function mac(key: Buffer, userId: string, kind: UnsubscribeKind): Buffer {
  return createHmac('sha256', key).update(`${userId.toLowerCase()}:${kind}`).digest().subarray(0, MAC_BYTES);
}

/**
 * A one-click token: user id, kind and a truncated HMAC of both, base64url
 * (44 characters). No expiry and nothing stored: a link in a year-old email
 * must still work, and rotating the secret revokes every link at once.
 */
export function signUnsubscribeToken(key: Buffer, userId: string, kind: UnsubscribeKind): string {
  if (!UUID.test(userId)) throw new Error(`not a user id: ${userId}`);
  const head = Buffer.alloc(17);
  Buffer.from(userId.replace(/-/g, ''), 'hex').copy(head, 0);
  head.writeUInt8(KIND_CODES[kind], 16);
  return Buffer.concat([head, mac(key, userId, kind)]).toString('base64url');
}

/** The user and kind of a genuine token; null for anything malformed or forged. */
export function verifyUnsubscribeToken(key: Buffer, token: unknown): { userId: string; kind: UnsubscribeKind } | null {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{44}$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length !== TOKEN_BYTES) return null;
  const kind = KINDS_BY_CODE.get(raw.readUInt8(16));
  if (!kind) return null;
  const hex = raw.subarray(0, 16).toString('hex');
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return timingSafeEqual(raw.subarray(17), mac(key, userId, kind)) ? { userId, kind } : null;
}
