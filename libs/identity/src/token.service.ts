import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import jwt from 'jsonwebtoken';
import { KeyObject, createHash, createSecretKey, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { UnauthenticatedError } from '@switchyard/graphql';
import { RefreshToken } from './refresh-token.entity';
import { AuthUser, Role } from './role';

const ISSUER = 'switchyard';
const AUDIENCE = 'switchyard-api';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** `<id>.<secret>`: the id finds the row, the secret proves possession. */
function parseRefreshToken(token: string): { id: string; secret: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { id: match[1], secret: match[2] } : undefined;
}

@Injectable()
export class TokenService {
  /**
   * Built once: given a string, jsonwebtoken first tries to parse it as a
   * public key on every call, which cost a quarter of the CPU of an
   * authenticated request in the benchmark.
   */
  private readonly key: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  signAccessToken(user: AuthUser): { token: string; expiresAt: Date } {
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const token = jwt.sign({ roles: user.roles }, this.key, {
      algorithm: 'HS256',
      subject: user.id,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: ttl,
    });
    return { token, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  /** Returns the caller described by a valid access token, or undefined. */
  verifyAccessToken(token: string): AuthUser | undefined {
    try {
      const claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      }) as jwt.JwtPayload;
      if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return undefined;
      return { id: claims.sub, roles: claims.roles as Role[] };
    } catch {
      return undefined;
    }
  }

  /** Starts a new family (a sign-in) and returns its first tokens. */
  async issue(user: AuthUser, manager: EntityManager = this.dataSource.manager): Promise<IssuedTokens> {
    const refreshToken = await this.insertRefreshToken(manager, user.id, randomUUID());
    const access = this.signAccessToken(user);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken };
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already used
   * means it was copied: the whole family (every token from that sign-in) is
   * revoked, so both the thief and the victim must sign in again.
   */
  async rotate(token: string, loadUser: (id: string, manager: EntityManager) => Promise<AuthUser | null>): Promise<IssuedTokens> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new UnauthenticatedError('This refresh token is not valid; sign in again.');

    type Outcome = { tokens?: IssuedTokens; error?: 'invalid' | 'expired' | 'revoked' | 'reused' };
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const row = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.id = :id', { id: parsed.id })
        .getOne();
      if (!row || !timingSafeEqual(row.tokenHash, sha256(parsed.secret))) return { error: 'invalid' };
      if (row.usedAt || row.revokedAt) {
        await this.revokeFamily(manager, row.familyId);
        return { error: row.revokedAt && !row.usedAt ? 'revoked' : 'reused' };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { error: 'expired' };
      const user = await loadUser(row.userId, manager);
      if (!user) return { error: 'invalid' };

      await manager.getRepository(RefreshToken).update(row.id, { usedAt: new Date() });
      const refreshToken = await this.insertRefreshToken(manager, row.userId, row.familyId);
      const access = this.signAccessToken(user);
      return { tokens: { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken } };
    });

    if (outcome.tokens) return outcome.tokens;
    throw new UnauthenticatedError(
      {
        invalid: 'This refresh token is not valid; sign in again.',
        expired: 'This refresh token has expired; sign in again.',
        revoked: 'This session was signed out; sign in again.',
        reused: 'This refresh token was already used, so every session of that sign-in was signed out for safety; sign in again.',
      }[outcome.error ?? 'invalid'],
    );
  }

  /** Signs out the sign-in the token belongs to. Returns false for an unknown token. */
  async revoke(token: string): Promise<boolean> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return false;
    const row = await this.dataSource.getRepository(RefreshToken).findOneBy({ id: parsed.id });
    if (!row || !timingSafeEqual(row.tokenHash, sha256(parsed.secret))) return false;
    await this.revokeFamily(this.dataSource.manager, row.familyId);
    return true;
  }

  /** Deletes tokens that expired or were revoked more than `graceDays` ago; returns the count. */
  async purge(graceDays: number): Promise<number> {
    const cutoff = new Date(Date.now() - graceDays * 24 * 3600 * 1000);
    const result = await this.dataSource
      .getRepository(RefreshToken)
      .createQueryBuilder()
      .delete()
      .where('expires_at < :cutoff OR revoked_at < :cutoff', { cutoff })
      .execute();
    return result.affected ?? 0;
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async insertRefreshToken(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 24 * 3600 * 1000);
    await manager.getRepository(RefreshToken).insert({ id, familyId, userId, tokenHash: sha256(secret), expiresAt });
    return `${id}.${secret}`;
  }
}
