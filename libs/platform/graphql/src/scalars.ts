import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

/**
 * `DateTime`: ISO-8601 with an explicit offset. Input without an offset is
 * refused rather than read in the server's zone (the classic off-by-hours
 * bug); output is UTC for Date values, or a string a resolver already
 * rendered in a requested zone (slots), passed through as it is.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) {
    throw new GraphQLError('must be an ISO-8601 date-time with an offset, e.g. "2026-03-08T14:30:00Z" or "2026-03-08T09:30:00-05:00"');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`"${value}" is not a real date-time`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time with an offset, e.g. 2026-03-08T14:30:00Z or 2026-03-08T09:30:00-05:00.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && DATE_TIME.test(value)) return value;
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: parseDateTime,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('must be a string');
    return parseDateTime(ast.value);
  },
});

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(value: unknown): string {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!match) throw new GraphQLError('must be a calendar date as YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new GraphQLError(`"${value as string}" is not a real calendar date`);
  }
  return value as string;
}

/** `Date`: a calendar date without a zone (`YYYY-MM-DD`); whose calendar it is, the field says. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseLocalDate(value);
  },
  parseValue: parseLocalDate,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('must be a string');
    return parseLocalDate(ast.value);
  },
});
