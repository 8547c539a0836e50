import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { BadUserInputError, ConflictError, RateLimitedError, UnauthenticatedError } from '@switchyard/graphql';
import { RateLimiter } from '@switchyard/redis';
import { pgErrorCode, PG_UNIQUE_VIOLATION } from '@switchyard/database';
import { RegisterInput } from './dto/register.input';
import { normalizeEmail } from './dto/validators';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { localeFromAcceptLanguage } from './locale';
import { Locale, Role } from './role';
import { IssuedTokens, TokenService } from './token.service';
import { User, asOwnView } from './user.entity';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface SignedIn extends IssuedTokens {
  user: User;
}


@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async register(input: RegisterInput, client: { ip: string; acceptLanguage?: string }): Promise<SignedIn> {
    await this.limit(`register:ip:${client.ip}`, this.config.rateLimits.registerPerIpPerHour, HOUR, 'registrations from your network');

    const locale = (input.locale as Locale | null | undefined) ?? localeFromAcceptLanguage(client.acceptLanguage);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await manager.getRepository(User).save(
          manager.getRepository(User).create({
            email: input.email,
            passwordHash,
            displayName: input.displayName,
            timeZone: input.timeZone,
            locale,
            languages: input.languages ?? [locale.split('-')[0]],
            roles: [...new Set(input.roles)],
          }),
        );
        return { user: asOwnView(user), ...(await this.tokens.issue(user, manager)) };
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new ConflictError('An account with this email already exists; sign in instead.', { fields: ['input.email'] });
      }
      throw error;
    }
  }

  async login(email: string, password: string, client: { ip: string }): Promise<SignedIn> {
    const normalized = normalizeEmail(email);
    if (!normalized) throw BadUserInputError.field('email', 'must not be empty');
    const { rateLimits } = this.config;
    await this.limit(`login:ip:${client.ip}`, rateLimits.loginPerIpPerMinute, MINUTE, 'sign-in attempts');
    // Failures are counted per account so a distributed guessing attack on one
    // account is still stopped, whatever addresses it comes from.
    const failures = `login:fail:${normalized}`;
    const budget = await this.rateLimiter.peek(failures, rateLimits.loginFailuresPerAccountPerHour, HOUR);
    if (!budget.allowed) throw new RateLimitedError(budget.retryAfterSeconds, 'failed sign-ins for this account');

    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalized })
      .getOne();
    const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
    if (!user || !valid) {
      await this.rateLimiter.hit(failures, rateLimits.loginFailuresPerAccountPerHour, HOUR);
      throw new UnauthenticatedError('Email or password is wrong.');
    }
    return { user: asOwnView(user), ...(await this.tokens.issue(user)) };
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    let user: User | null = null;
    const tokens = await this.tokens.rotate(refreshToken, async (id, manager) => {
      user = await manager.getRepository(User).findOneBy({ id });
      return user;
    });
    return { user: asOwnView(user as unknown as User), ...tokens };
  }

  logout(refreshToken: string): Promise<boolean> {
    return this.tokens.revoke(refreshToken);
  }

  /**
   * Creates the administrator from BOOTSTRAP_ADMIN_* (the only way to get
   * ADMIN), or makes the configured account an administrator with the
   * configured password, so rotating the setting rotates the password.
   * Safe when several API instances boot at once.
   */
  async ensureBootstrapAdmin(): Promise<'created' | 'updated' | 'unchanged' | 'not-configured'> {
    const admin = this.config.auth.bootstrapAdmin;
    if (!admin) return 'not-configured';
    const email = normalizeEmail(admin.email);
    const repo = this.dataSource.getRepository(User);
    const existing = await repo.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    if (!existing) {
      await repo
        .createQueryBuilder()
        .insert()
        .values({
          email,
          passwordHash: await hashPassword(admin.password),
          displayName: 'Administrator',
          timeZone: 'UTC',
          locale: 'en',
          languages: ['en'],
          roles: [Role.ADMIN],
        })
        .orIgnore()
        .execute();
      return 'created';
    }
    const changes: Partial<User> = {};
    if (!existing.roles.includes(Role.ADMIN)) changes.roles = [...existing.roles, Role.ADMIN];
    if (!(await verifyPassword(existing.passwordHash, admin.password))) changes.passwordHash = await hashPassword(admin.password);
    if (Object.keys(changes).length === 0) return 'unchanged';
    await repo.update(existing.id, changes);
    return 'updated';
  }

  private async limit(bucket: string, limit: number, windowMs: number, what: string): Promise<void> {
    const result = await this.rateLimiter.hit(bucket, limit, windowMs);
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds, what);
  }
}
