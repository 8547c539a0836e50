import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { AppConfig } from '@switchyard/config';

/**
 * Structured JSON logs. Secrets and personal data never reach them: request
 * bodies are not logged, credentials in headers are redacted, and URLs are
 * logged without their query string (unsubscribe and feed tokens live there).
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, name: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    name,
    level: config.logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        '*.token',
        '*.email',
      ],
      censor: '[redacted]',
    },
    serializers: {
      err: pino.stdSerializers.err,
      req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, url: stripQuery(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export function stripQuery(url: string | undefined): string | undefined {
  if (!url) return url;
  const path = url.split('?')[0];
  // Calendar feed URLs carry their secret in the path.
  return path.replace(/(\/calendar\/feed\/)[^/]+/, '$1[redacted]');
}

/** Routes Nest's own log lines (boot, module init, exceptions) into the same pino stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
