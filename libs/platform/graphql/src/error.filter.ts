import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode } from '@switchyard/database';
import { AppError, ErrorCode, HTTP_STATUS } from './errors';

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

/**
 * Maps what services throw to the API's vocabulary. Returns undefined for
 * unexpected errors: those stay as they are and the GraphQL error formatter
 * masks them as INTERNAL with an errorId.
 */
export function toAppError(exception: unknown): AppError | undefined {
  if (exception instanceof AppError) return exception;
  if (exception instanceof HttpException) {
    const code = HTTP_CODES[exception.getStatus()];
    return code ? new AppError(code, exception.message) : undefined;
  }
  if (exception instanceof QueryFailedError) {
    const sqlState = pgErrorCode(exception);
    // The database is the last line of defence against duplicates and
    // overlaps; services check first and give a better message when they can.
    if (sqlState === PG_UNIQUE_VIOLATION || sqlState === PG_EXCLUSION_VIOLATION) {
      const constraint = (exception.driverError as { constraint?: string }).constraint;
      return new AppError(
        'CONFLICT',
        sqlState === PG_UNIQUE_VIOLATION ? 'This already exists.' : 'This overlaps with something that already exists.',
        constraint ? { constraint } : {},
      );
    }
  }
  return undefined;
}

export function toGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, ...error.extensions } });
}

/** The single exception filter for GraphQL resolvers and HTTP routes. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    const appError = toAppError(exception);
    if (host.getType<GqlContextType>() === 'graphql') {
      if (appError) return toGraphQLError(appError);
      return exception;
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (appError) {
      if (appError.code === 'RATE_LIMITED') reply.header('retry-after', String(appError.extensions.retryAfterSeconds ?? 60));
      // A route may have set another content type (an SVG, a calendar) before failing.
      return reply
        .code(HTTP_STATUS[appError.code])
        .type('application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send({ error: { code: appError.code, message: appError.message, ...appError.extensions } });
    }
    // Let Fastify's error handler log and answer unexpected errors (500, no details).
    throw exception;
  }
}
