import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance, FastifyReply, FastifyRequest, LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AppConfig } from '@switchyard/config';
import { PinoNestLogger, createLogger, stripQuery } from '@switchyard/observability';
import { ApiModule } from './api.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Paths the API answers itself; the web app's client-side routes never use them. */
const API_PREFIXES = ['/graphql', '/graphiql', '/health', '/calendar', '/profiles', '/unsubscribe', '/admin', '/assets'];

/** apps/web/dist, found both from the sources (tests) and from the compiled dist/apps/api/src. */
function webAppDir(): string | null {
  const candidates = [path.resolve(__dirname, '../../web/dist'), path.resolve(__dirname, '../../../../apps/web/dist')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built web app on the API's origin, so the browser needs no CORS
 * and one URL is the whole product: hashed bundles under /assets (cached for
 * good), and index.html for every other GET that is not an API path, so client
 * routes such as /cohorts/42 survive a reload.
 */
async function serveWebApp(fastify: FastifyInstance, logger: Logger): Promise<void> {
  const dir = webAppDir();
  if (!dir) {
    logger.info('web app not built (npm run build builds apps/web); serving the API only');
    return;
  }
  const index = readFileSync(path.join(dir, 'index.html'));
  await fastify.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/assets/',
    // Mercurius registers @fastify/static for GraphiQL; only one may decorate the reply.
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });
  const spa = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0];
    const apiPath = API_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));
    // A missing file (a path with an extension) is a 404, not the app.
    if (apiPath || /\.[A-Za-z0-9]+$/.test(url)) return reply.callNotFound();
    reply.type('text/html; charset=utf-8');
    reply.header('cache-control', 'no-cache');
    return reply.send(index);
  };
  fastify.get('/', spa);
  fastify.get('/*', spa);
}

/** Builds the API application (not yet listening); shared by main.ts and the tests. */
export async function createApiApp(config: AppConfig, logger: Logger = createLogger(config, 'api')): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    requestIdHeader: false,
    // Honour a caller's (or the proxy's) request id so one id follows a request across services.
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // One line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // On shutdown Fastify stops accepting connections and closes idle ones, but a
  // keep-alive connection whose request is still running would stay open after
  // its response and hold the exit up; tell such clients to go.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: stripQuery(request.url), statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  await app.register(helmet, {
    // GraphiQL (development only) loads its scripts from a CDN.
    contentSecurityPolicy: config.isProduction ? undefined : false,
  });
  await serveWebApp(fastify, logger);
  await app.init();
  return app;
}
