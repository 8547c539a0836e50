import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { AuthUser, Role, TokenService } from '@switchyard/identity';
import { QueueRegistry } from './queue-registry';

export const QUEUE_BOARD_PATH = '/admin/queues';
const COOKIE = 'sy_queue_board';

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Bull Board at /admin/queues, for administrators. A browser cannot send a
 * Bearer header when it loads a page and its assets, so the page is opened
 * once as `/admin/queues?token=<access token>`: the token is checked, moved
 * into an HttpOnly, SameSite=Strict cookie scoped to the board, and the
 * browser is sent on to the same URL without it (out of the address bar and
 * history). The cookie lives as long as an access token; then open the link
 * with a fresh token. A Bearer header works too (curl against the board's API).
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueRegistry,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const board = new FastifyAdapter();
    board.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.all().map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'Switchyard queues' } },
    });
    // Its own plugin: the hook guards the board's routes only.
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.authorize(request, reply));
      await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
    });
  }

  private async authorize(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const url = new URL(request.url, 'http://board.invalid');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      const user = this.tokens.verifyAccessToken(offered);
      if (!user) return this.refuse(reply, 401, 'This link carries no valid access token: sign in and open the board with a fresh one.');
      if (!user.roles.includes(Role.ADMIN)) return this.refuse(reply, 403, 'The queue dashboard is for administrators.');
      const secure = this.config.publicUrl.startsWith('https:') ? '; Secure' : '';
      url.searchParams.delete('token');
      return reply
        .header('set-cookie', `${COOKIE}=${offered}; Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${this.config.auth.accessTokenTtlSeconds}${secure}`)
        .header('cache-control', 'no-store')
        .redirect(`${url.pathname}${url.search}`, 303);
    }
    const cookie = cookieValue(request.headers.cookie, COOKIE);
    const user: AuthUser | undefined = request.user ?? (cookie ? this.tokens.verifyAccessToken(cookie) : undefined);
    if (!user) {
      if (cookie) reply.header('set-cookie', `${COOKIE}=; Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=0`);
      return this.refuse(reply, 401, `Sign in as an administrator and open ${QUEUE_BOARD_PATH}?token=<access token>.`);
    }
    if (!user.roles.includes(Role.ADMIN)) return this.refuse(reply, 403, 'The queue dashboard is for administrators.');
    request.user = user;
  }

  private refuse(reply: FastifyReply, status: 401 | 403, message: string): FastifyReply {
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send({ error: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message } });
  }
}
