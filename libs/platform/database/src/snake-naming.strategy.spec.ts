import { snakeCase } from './snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['displayName', 'display_name'],
    ['userId', 'user_id'],
    ['RefreshToken', 'refresh_token'],
    ['HTTPRequestLog', 'http_request_log'],
    ['id', 'id'],
  ])('%s -> %s', (input, expected) => expect(snakeCase(input)).toBe(expected));
});
