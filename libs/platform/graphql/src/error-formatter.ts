import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { GraphQLError } from 'graphql';
import { ERROR_CODES, ErrorCode } from './errors';

export interface FormattedError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown> & { code: ErrorCode };
}

const SUGGESTION = /\s*Did you mean .*\?$/;

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as string[]).includes(code);
}

/** `Variable "$input" got invalid value ... at "input.timeZone"; ...` -> `input.timeZone`. */
function fieldsOfVariableError(message: string): string[] | undefined {
  const at = /at "([^"]+)"/.exec(message);
  if (at) return [at[1]];
  const variable = /^Variable "\$([^"]+)"/.exec(message);
  const field = /[Ff]ield "([^"]+)" of required type/.exec(message);
  if (variable && field) return [`${variable[1]}.${field[1]}`];
  if (variable) return [variable[1]];
  const argument = /[Aa]rgument "([^"]+)"/.exec(message);
  return argument ? [argument[1]] : undefined;
}

/**
 * Errors outside resolvers that the request caused: syntax, validation and
 * variable coercion (graphql-js errors, possibly wrapping another graphql-js
 * error) and Mercurius' own 4xx refusals (CSRF, bad body, GET mutation).
 */
function isClientError(error: GraphQLError): boolean {
  if (error.path) return false;
  const original = error.originalError as (Error & { statusCode?: unknown }) | undefined;
  if (!original || original instanceof GraphQLError) return true;
  return typeof original.statusCode === 'number' && original.statusCode >= 400 && original.statusCode < 500;
}

/** The HTTP status of a response without data: a Mercurius refusal carries its own (400, 405). */
export function httpStatusOf(errors: readonly GraphQLError[]): number {
  const status = (errors[0]?.originalError as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 ? status : 200;
}

/**
 * What of an unexpected error goes to the log: never its own enumerable
 * properties, which for a failed query include the SQL parameters (emails,
 * password hashes) and PostgreSQL's `detail` (the duplicate key's value).
 */
export function loggable(error: Error): { type: string; message: string; stack?: string; code?: string } {
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' ? { code } : {}) };
}

/**
 * Turns one GraphQL error into the wire format. Errors with a code of our
 * vocabulary pass through; errors without a resolver path come from parsing,
 * validation or variable coercion and are the client's (BAD_USER_INPUT);
 * anything else is a bug or an outage, masked as INTERNAL with an errorId that
 * is logged with the full error.
 */
export function formatGraphQLError(
  error: GraphQLError,
  options: { production: boolean; log: FastifyBaseLogger },
): FormattedError {
  const base = { locations: error.locations, path: error.path };
  const code = error.extensions?.code;
  if (isKnownCode(code) && code !== 'INTERNAL') {
    const { stacktrace: _stack, exception: _exception, ...extensions } = error.extensions as Record<string, unknown>;
    return { ...base, message: error.message, extensions: { ...extensions, code } };
  }
  if (isClientError(error)) {
    const message = options.production ? error.message.replace(SUGGESTION, '') : error.message;
    const fields = fieldsOfVariableError(error.message);
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', ...(fields ? { fields } : {}) } };
  }
  const errorId = randomUUID();
  options.log.error({ err: loggable(error.originalError ?? error), errorId, path: error.path }, 'unexpected error in a GraphQL operation');
  return {
    ...base,
    message: options.production ? 'Something went wrong on our side. Quote the errorId if you report it.' : error.message,
    extensions: { code: 'INTERNAL', errorId },
  };
}
