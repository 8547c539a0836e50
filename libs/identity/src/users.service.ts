import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { FastifyRequest } from 'fastify';
import { In, Repository } from 'typeorm';
import { Connection, NotFoundError, decodeCursor, pageSize, requestScoped, toConnection } from '@switchyard/graphql';
import { localeFromAcceptLanguage } from './locale';
import { Locale } from './role';
import { UpdateMeInput } from './dto/update-me.input';
import { Role } from './role';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  private readonly updateListeners = new Set<(userId: string) => Promise<void> | void>();

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** Lets features that cache user data (languages, time zone) hear about changes without identity depending on them. */
  onUpdated(listener: (userId: string) => Promise<void> | void): void {
    this.updateListeners.add(listener);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /** Users by id, batched and cached for one request. */
  loader(request: FastifyRequest): DataLoader<string, User | null> {
    return requestScoped(
      request,
      'users.byId',
      () =>
        new DataLoader<string, User | null>(async (ids) => {
          const rows = await this.users.findBy({ id: In([...ids]) });
          const byId = new Map(rows.map((u) => [u.id, u]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /** The language to answer in: the signed-in user's locale, else the browser's Accept-Language. */
  async viewerLocale(request: FastifyRequest): Promise<Locale> {
    if (!request.user) return localeFromAcceptLanguage(request.headers['accept-language']);
    const viewer = await this.loader(request).load(request.user.id);
    return (viewer?.locale as Locale | undefined) ?? 'en';
  }

  async updateMe(id: string, input: UpdateMeInput): Promise<User> {
    const user = await this.get(id);
    for (const key of ['displayName', 'timeZone', 'locale', 'languages'] as const) {
      const value = input[key];
      if (value !== undefined && value !== null) (user as unknown as Record<string, unknown>)[key] = value;
    }
    const saved = await this.users.save(user);
    await Promise.all([...this.updateListeners].map(async (listener) => listener(id)));
    return saved;
  }

  /** Oldest first, keyset-paginated on (created_at, id). */
  async list(options: { role?: Role | null; first?: number | null; after?: string | null }): Promise<Connection<User>> {
    const limit = pageSize(options.first);
    const after = decodeCursor(options.after);
    const query = this.users.createQueryBuilder('u').orderBy('u.createdAt', 'ASC').addOrderBy('u.id', 'ASC').limit(limit + 1);
    if (options.role) query.andWhere(':role = ANY(u.roles)', { role: options.role });
    if (after) query.andWhere('(u.createdAt, u.id) > (:createdAt, :id)', { createdAt: after[0], id: after[1] });
    const rows = await query.getMany();
    return toConnection(rows, limit, (u) => [u.createdAt.toISOString(), u.id]);
  }
}
