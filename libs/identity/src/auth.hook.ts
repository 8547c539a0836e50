import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { RateLimiter } from '@switchyard/redis';
import { TokenService } from './token.service';

function refuse(reply: FastifyReply, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ data: null, errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * Authenticates every HTTP request once, before GraphQL parsing: a valid
 * Bearer token puts the caller on `request.user`; an invalid or expired one is
 * refused outright (401) so clients know to refresh, instead of silently
 * running as anonymous. Also applies the per-user request budget.
 */
@Injectable()
export class AuthHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenService,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.decorateRequest('user', undefined);
    fastify.addHook('onRequest', (request, reply) => this.authenticate(request, reply));
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? this.tokens.verifyAccessToken(match[1]) : undefined;
    if (!user) {
      return refuse(reply, 401, 'UNAUTHENTICATED', 'The access token is missing, malformed or expired; refresh it or sign in again.');
    }
    request.user = user;
    const limit = this.config.rateLimits.requestsPerUserPerMinute;
    const result = await this.rateLimiter.hit(`user:${user.id}`, limit, 60_000);
    if (!result.allowed) {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return refuse(reply, 429, 'RATE_LIMITED', `Too many requests; try again in ${result.retryAfterSeconds} s.`, {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  }
}
