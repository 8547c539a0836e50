/**
 * The error vocabulary of the public API. Services throw these; the GraphQL
 * error filter turns them into `extensions.code`. Anything else that escapes a
 * resolver is an unexpected error and is masked as INTERNAL.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export const ERROR_CODES: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  /** Path of the input field, e.g. `input.timeZone` or `password`. */
  field: string;
  message: string;
}

export class BadUserInputError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    super(
      'BAD_USER_INPUT',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      { fields: problems.map((p) => p.field), problems },
    );
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, message }]);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to do this.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id?: string) {
    super('NOT_FOUND', id ? `${what} ${id} was not found.` : `${what} was not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('CONFLICT', message, extensions);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number, what = 'requests') {
    super('RATE_LIMITED', `Too many ${what}; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
