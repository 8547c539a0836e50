import { BadUserInputError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value looks like one of our ids (a UUID), so it can be passed to PostgreSQL safely. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** BAD_USER_INPUT naming `field` unless `id` is an id. */
export function assertId(id: unknown, field: string): asserts id is string {
  if (!isId(id)) throw BadUserInputError.field(field, 'is not an id');
}
