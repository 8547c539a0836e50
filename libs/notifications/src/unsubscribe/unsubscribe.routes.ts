import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { localeFromAcceptLanguage } from '@switchyard/identity';
import { EmailLocale, emailLocale } from '../email/email-templates';
import { PreferencesService } from '../preferences/preferences.service';
import { UnsubscribeLinks } from './unsubscribe-links';
import { confirmationPage, invalidLinkPage, unsubscribedPage } from './unsubscribe-page';
import { UnsubscribeKind } from './unsubscribe-tokens';

/**
 * `GET /unsubscribe?token=` (a confirmation page) and `POST` (RFC 8058
 * one-click). RFC 8058 lets mail clients post the one-click body as
 * application/x-www-form-urlencoded (which the app already parses) or
 * multipart/form-data, which nothing else here accepts: so these are plain
 * Fastify routes in their own plugin, and the multipart parser stays scoped
 * to them. The body only says "one click"; the signed token in the URL is
 * what authorises, so bodies are read (bounded) and ignored.
 */
@Injectable()
export class UnsubscribeRoutes implements OnModuleInit {
  private readonly logger = new Logger('Unsubscribe');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly links: UnsubscribeLinks,
    private readonly preferences: PreferencesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    void fastify.register(async (scope) => {
      if (!scope.hasContentTypeParser('multipart/form-data')) {
        scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, {}));
      }
      scope.get('/unsubscribe', (request, reply) => this.show(request, reply));
      scope.post('/unsubscribe', (request, reply) => this.unsubscribe(request, reply));
    });
  }

  private async show(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const token = (request.query as { token?: unknown }).token;
    const target = await this.target(token);
    if (!target) return this.html(reply, 404, invalidLinkPage(localeFromAcceptLanguage(request.headers['accept-language'])));
    return this.html(reply, 200, confirmationPage(target.locale, target.kind, token as string));
  }

  private async unsubscribe(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const target = await this.target((request.query as { token?: unknown }).token);
    if (!target || !(await this.preferences.unsubscribe(target.userId, target.kind))) {
      return this.html(reply, 404, invalidLinkPage(localeFromAcceptLanguage(request.headers['accept-language'])));
    }
    this.logger.log(`user ${target.userId} unsubscribed from ${target.kind}`);
    return this.html(reply, 200, unsubscribedPage(target.locale, target.kind));
  }

  /** One answer for malformed, forged and orphaned tokens: nothing to learn by probing. */
  private async target(token: unknown): Promise<{ userId: string; kind: UnsubscribeKind; locale: EmailLocale } | null> {
    const verified = this.links.verify(token);
    if (!verified) return null;
    const [user] = await this.dataSource.query<{ locale: string }[]>('SELECT locale FROM users WHERE id = $1', [verified.userId]);
    return user ? { ...verified, locale: emailLocale(user.locale) } : null;
  }

  private html(reply: FastifyReply, status: number, body: string): FastifyReply {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .send(body);
  }
}
