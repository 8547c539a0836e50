import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop taking work, let in-flight
 * requests and jobs finish (Nest's shutdown hooks close Fastify, BullMQ
 * workers and connections), then exit 0. Nest's own enableShutdownHooks
 * re-raises the signal after closing, which makes the exit code 143; process
 * managers and `npm start` read that as a crash.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, logger: Logger, timeoutMs: number): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    app
      .close()
      .then(() => {
        logger.info('shut down cleanly');
        logger.flush?.();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
