import { GraphQLError } from 'graphql';
import { formatGraphQLError, httpStatusOf, loggable } from './error-formatter';
import { BadUserInputError } from './errors';
import { toAppError, toGraphQLError } from './error.filter';

const log = { error: jest.fn() } as never as Parameters<typeof formatGraphQLError>[1]['log'];

describe('formatGraphQLError', () => {
  it('passes errors of the vocabulary through, without stack traces', () => {
    const error = new GraphQLError('x: bad', { path: ['register'], extensions: { code: 'BAD_USER_INPUT', fields: ['x'], stacktrace: ['at'] } });
    expect(formatGraphQLError(error, { production: true, log })).toEqual({
      message: 'x: bad',
      path: ['register'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', fields: ['x'] },
    });
  });

  it('masks resolver crashes as INTERNAL with an errorId, and logs them', () => {
    const logger = { error: jest.fn() };
    const crash = new GraphQLError('relation "users" does not exist', { path: ['me'], originalError: new Error('relation "users" does not exist') });
    const formatted = formatGraphQLError(crash, { production: true, log: logger as never });
    expect(formatted.extensions).toEqual({ code: 'INTERNAL', errorId: expect.any(String) });
    expect(formatted.message).not.toContain('users');
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ errorId: formatted.extensions.errorId }), expect.any(String));
  });

  it('treats validation errors as BAD_USER_INPUT and drops suggestions in production', () => {
    const error = new GraphQLError('Cannot query field "mee" on type "Query". Did you mean "me"?');
    expect(formatGraphQLError(error, { production: true, log }).message).toBe('Cannot query field "mee" on type "Query".');
    expect(formatGraphQLError(error, { production: false, log }).message).toContain('Did you mean');
    expect(formatGraphQLError(error, { production: false, log }).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('names the variable path of coercion errors', () => {
    const nested = new GraphQLError('Variable "$input" got invalid value 5 at "input.timeZone"; String cannot represent a non string value: 5');
    expect(formatGraphQLError(nested, { production: false, log }).extensions.fields).toEqual(['input.timeZone']);
    const missing = new GraphQLError('Variable "$input" got invalid value {}; Field "email" of required type "String!" was not provided.', {
      originalError: new GraphQLError('Field "email" of required type "String!" was not provided.'),
    });
    expect(formatGraphQLError(missing, { production: false, log }).extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.email'] });
  });

  it('keeps Mercurius refusals as client errors with their status', () => {
    const refusal = Object.assign(new Error('Operation cannot be performed via a GET request'), { statusCode: 405 });
    const error = new GraphQLError(refusal.message, { originalError: refusal });
    expect(formatGraphQLError(error, { production: true, log }).extensions.code).toBe('BAD_USER_INPUT');
    expect(httpStatusOf([error])).toBe(405);
    expect(httpStatusOf([new GraphQLError('x')])).toBe(200);
  });
});

describe('toAppError', () => {
  it('maps unique and exclusion violations to CONFLICT and leaves other database errors alone', () => {
    const { QueryFailedError } = jest.requireActual('typeorm');
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505', constraint: 'users_email_unique' }));
    const overlap = new QueryFailedError('INSERT', [], Object.assign(new Error('overlap'), { code: '23P01' }));
    const other = new QueryFailedError('SELECT', [], Object.assign(new Error('boom'), { code: '42P01' }));
    expect(toAppError(unique)).toMatchObject({ code: 'CONFLICT', extensions: { constraint: 'users_email_unique' } });
    expect(toAppError(overlap)?.code).toBe('CONFLICT');
    expect(toAppError(other)).toBeUndefined();
  });

  it('carries fields into extensions', () => {
    const error = toGraphQLError(BadUserInputError.field('input.timeZone', 'must be an IANA time zone'));
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['input.timeZone'],
      problems: [{ field: 'input.timeZone', message: 'must be an IANA time zone' }],
    });
    expect(error.message).toBe('input.timeZone: must be an IANA time zone');
  });
});

describe('loggable', () => {
  it('keeps what explains a crash and drops query parameters and details', () => {
    const { QueryFailedError } = jest.requireActual('typeorm');
    const error = new QueryFailedError('INSERT INTO users ...', ['someone@example.org', '$argon2id$...'], Object.assign(new Error('duplicate key'), { code: '23505', detail: 'Key (email)=(someone@example.org) already exists.' }));
    const logged = loggable(error);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('someone@example.org');
  });
});
