import { UnsubscribeKind, signUnsubscribeToken, unsubscribeKey, verifyUnsubscribeToken } from './unsubscribe-tokens';

const userId = '0b7f4a52-3c1e-4d9a-9f0e-2a6b8c4d1e3f';
const key = unsubscribeKey('s'.repeat(40));

describe('unsubscribe tokens', () => {
  it.each(Object.values(UnsubscribeKind))('round-trips the user and kind %s', (kind) => {
    const token = signUnsubscribeToken(key, userId, kind);
    expect(token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(verifyUnsubscribeToken(key, token)).toEqual({ userId, kind });
  });

  it('gives each kind its own token, stable over time', () => {
    const tokens = Object.values(UnsubscribeKind).map((kind) => signUnsubscribeToken(key, userId, kind));
    expect(new Set(tokens).size).toBe(4);
    expect(signUnsubscribeToken(key, userId, UnsubscribeKind.MEETUP)).toBe(tokens[1]);
  });

  it('refuses a token signed with another secret (a rotated one)', () => {
    const token = signUnsubscribeToken(unsubscribeKey('t'.repeat(40)), userId, UnsubscribeKind.ALL);
    expect(verifyUnsubscribeToken(key, token)).toBeNull();
  });

  it('refuses a token whose user or kind was swapped', () => {
    const raw = Buffer.from(signUnsubscribeToken(key, userId, UnsubscribeKind.REFERRAL), 'base64url');
    const otherKind = Buffer.from(raw);
    otherKind.writeUInt8(4, 16);
    const otherUser = Buffer.from(raw);
    otherUser[0] ^= 1;
    expect(verifyUnsubscribeToken(key, otherKind.toString('base64url'))).toBeNull();
    expect(verifyUnsubscribeToken(key, otherUser.toString('base64url'))).toBeNull();
  });

  it.each([undefined, '', 'x'.repeat(44), 'A'.repeat(43), ['a'], `${'A'.repeat(43)}=`])('refuses malformed input %p', (token) => {
    expect(verifyUnsubscribeToken(key, token)).toBeNull();
  });

  it('cannot sign without a secret', () => {
    expect(() => unsubscribeKey('')).toThrow(/UNSUBSCRIBE_SECRET/);
  });
});
