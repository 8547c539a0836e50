import { ApiError, toApiError } from './client';

describe('toApiError', () => {
  it('keeps a message per input path from BAD_USER_INPUT problems, joining several for one field', () => {
    const error = toApiError([
      {
        message: 'input.endsOn: must be after startsOn; rules.0.start: must be HH:mm; rules.0.start: must be on a 15-minute step',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: ['input.endsOn', 'rules.0.start'],
          problems: [
            { field: 'input.endsOn', message: 'must be after startsOn' },
            { field: 'rules.0.start', message: 'must be HH:mm' },
            { field: 'rules.0.start', message: 'must be on a 15-minute step' },
          ],
        },
      },
    ]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fieldError('input.endsOn')).toBe('must be after startsOn');
    expect(error.fieldError('rules.0.start')).toBe('must be HH:mm; must be on a 15-minute step');
    expect(error.fieldError('input.name')).toBeUndefined();
  });

  it('matches a field named without its argument prefix (login(email) vs input.email)', () => {
    const error = toApiError([{ message: 'email: must be an email', extensions: { code: 'BAD_USER_INPUT', fields: ['email'] } }]);
    expect(error.fieldError('email')).toBe('email: must be an email');
    expect(error.fieldError('input.email')).toBe('email: must be an email');
  });

  it('carries the CONFLICT reason and other extensions', () => {
    const error = toApiError([{ message: 'The slot is taken', extensions: { code: 'CONFLICT', reason: 'SLOT_TAKEN' } }]);
    expect(error.reason).toBe('SLOT_TAKEN');
    expect(error.fields).toEqual({});
  });

  it('treats an error without a code as INTERNAL', () => {
    expect(toApiError([{ message: 'boom' }]).code).toBe('INTERNAL');
  });
});
