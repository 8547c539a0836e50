import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { IsTimeZone, Trim } from '@switchyard/identity';
import { MeetupKind } from './meetup.types';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const LOCATION_MAX = 300;
export const URL_MAX = 2000;
export const CAPACITY_MAX = 10_000;
export const MAX_MEETUP_DAYS = 7;
export const MAX_TOPICS = 10;

/** An absolute http(s) URL: other schemes (javascript:, file:) have no business in a meetup link. */
export function httpUrlProblem(value: string): string | undefined {
  if (value.length > URL_MAX) return `must be at most ${URL_MAX} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (!url.hostname) return 'must name a host';
  return undefined;
}

const IsHttpUrl = () =>
  ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value) => typeof value === 'string' && httpUrlProblem(value) === undefined,
      defaultMessage: (args) => httpUrlProblem(String(args?.value ?? '')) ?? 'must be an http or https URL',
    },
  });

/** endsAt after startsAt and at most MAX_MEETUP_DAYS later. */
const FitsAfterStart = () =>
  ValidateBy({
    name: 'fitsAfterStart',
    validator: {
      validate: (value, args?: ValidationArguments) => endsAtProblem((args?.object as CreateMeetupInput).startsAt, value) === undefined,
      defaultMessage: (args) => endsAtProblem((args?.object as CreateMeetupInput).startsAt, args?.value) ?? 'is not valid',
    },
  });

export function endsAtProblem(startsAt: unknown, endsAt: unknown): string | undefined {
  if (!(startsAt instanceof Date) || !(endsAt instanceof Date)) return undefined;
  if (endsAt.getTime() <= startsAt.getTime()) return 'must be after startsAt';
  if (endsAt.getTime() - startsAt.getTime() > MAX_MEETUP_DAYS * 24 * 3600_000) return `must be at most ${MAX_MEETUP_DAYS} days after startsAt`;
  return undefined;
}

const InTheFuture = () =>
  ValidateBy({
    name: 'inTheFuture',
    validator: {
      validate: (value) => value instanceof Date && value.getTime() > Date.now(),
      defaultMessage: () => 'must be in the future',
    },
  });

/** A venue, a link, or both: a meetup nobody can find is not a meetup. */
export function locationProblem(location: unknown, onlineUrl: unknown): string | undefined {
  if (location !== null && location !== undefined && typeof location !== 'string') return 'must be a string';
  if (typeof location === 'string' && location.length > LOCATION_MAX) return `must be at most ${LOCATION_MAX} characters`;
  if (!location && !onlineUrl) return 'give a location, an onlineUrl, or both';
  return undefined;
}

// Not @IsOptional: a missing location is only fine when there is a link.
const IsLocation = () =>
  ValidateBy({
    name: 'isLocation',
    validator: {
      validate: (value, args?: ValidationArguments) => locationProblem(value, (args?.object as CreateMeetupInput).onlineUrl) === undefined,
      defaultMessage: (args) => locationProblem(args?.value, (args?.object as CreateMeetupInput).onlineUrl) ?? 'is not valid',
    },
  });

@InputType()
export class CreateMeetupInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'is not an id' })
  communityId!: string;

  @Field(() => MeetupKind, { nullable: true, description: 'Default OTHER' })
  @IsOptional()
  @IsEnum(MeetupKind, { message: `must be one of ${Object.values(MeetupKind).join(', ')}` })
  kind?: MeetupKind | null;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(TITLE_MAX, { message: `must be at most ${TITLE_MAX} characters` })
  title!: string;

  @Field(() => String, { nullable: true })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX, { message: `must be at most ${DESCRIPTION_MAX} characters` })
  description?: string | null;

  @Field(() => Date)
  @IsDate({ message: 'must be a date-time with an offset' })
  @InTheFuture()
  startsAt!: Date;

  @Field(() => Date, { description: `After startsAt, at most ${MAX_MEETUP_DAYS} days later` })
  @IsDate({ message: 'must be a date-time with an offset' })
  @FitsAfterStart()
  endsAt!: Date;

  @Field({ description: 'IANA zone the meetup happens in, e.g. "Asia/Shanghai"' })
  @IsTimeZone()
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'Venue; a location, an onlineUrl or both' })
  @Trim()
  @IsLocation()
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) link to join online' })
  @Trim()
  @IsOptional()
  @IsHttpUrl()
  onlineUrl?: string | null;

  @Field(() => Int, { description: `Seats, 1-${CAPACITY_MAX}; later RSVPs join the waitlist` })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: `must be between 1 and ${CAPACITY_MAX}` })
  @Max(CAPACITY_MAX, { message: `must be between 1 and ${CAPACITY_MAX}` })
  capacity!: number;

  @Field(() => [String], { nullable: true, description: `Topic fields (slugs), at most ${MAX_TOPICS}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TOPICS, { message: `must list at most ${MAX_TOPICS} fields` })
  @IsString({ each: true })
  fieldSlugs?: string[] | null;

  @Field(() => [String], { nullable: true, description: `Topic skills (slugs), at most ${MAX_TOPICS}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TOPICS, { message: `must list at most ${MAX_TOPICS} skills` })
  @IsString({ each: true })
  skillSlugs?: string[] | null;
}
