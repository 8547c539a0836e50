import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { IsTimeZone, Trim } from '@switchyard/identity';
import { Stage } from '../profile.types';
import { parseClock } from '../weekly-windows';

export const IsClock = (allowEndOfDay: boolean) =>
  ValidateBy({
    name: 'isClock',
    validator: {
      validate: (value) => typeof value === 'string' && parseClock(value, allowEndOfDay) !== undefined,
      defaultMessage: () => `must be a time HH:mm between 00:00 and ${allowEndOfDay ? '24:00' : '23:59'}`,
    },
  });

export const EndsAfterStart = () =>
  ValidateBy({
    name: 'endsAfterStart',
    validator: {
      validate: (value, args?: ValidationArguments) => {
        const start = parseClock(String((args?.object as { start?: unknown }).start ?? ''), false);
        const end = typeof value === 'string' ? parseClock(value, true) : undefined;
        return start === undefined || end === undefined || end > start;
      },
      defaultMessage: () => 'must be after start (a window lies within one day; use 24:00 for midnight)',
    },
  });

@InputType()
export class WeeklyWindowInput {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday ... 7 = Sunday' })
  @IsInt()
  @Min(1, { message: 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)' })
  weekday!: number;

  @Field({ description: 'HH:mm in your time zone' })
  @IsClock(false)
  start!: string;

  @Field({ description: 'HH:mm in your time zone, after start; 24:00 for midnight' })
  @IsClock(true)
  @EndsAfterStart()
  end!: string;
}

@InputType()
export class SkillRatingInput {
  @Field()
  @IsString()
  skillSlug!: string;

  @Field(() => Int, { description: '0 (none) to 5 (expert)' })
  @IsInt()
  @Min(0, { message: 'must be between 0 and 5' })
  @Max(5, { message: 'must be between 0 and 5' })
  level!: number;
}

@InputType()
export class SwitcherProfileInput {
  @Field(() => String, { nullable: true, description: 'The field you work in now' })
  @IsOptional()
  @IsString()
  currentFieldSlug?: string | null;

  @Field({ description: 'The field you are moving into' })
  @IsString()
  targetFieldSlug!: string;

  @Field(() => Stage, { nullable: true, description: 'Defaults to KNOWLEDGE for a new profile' })
  @IsOptional()
  stage?: Stage | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  goals?: string | null;

  @Field(() => Int, { nullable: true, description: 'Hours a week you can spend on the switch, 0-80' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'must be between 0 and 80' })
  @Max(80, { message: 'must be between 0 and 80' })
  weeklyHours?: number | null;

  @Field(() => [WeeklyWindowInput], { nullable: true, description: 'When you are free for sessions, in your time zone; replaces all' })
  @IsOptional()
  @ArrayMaxSize(28, { message: 'must have at most 28 windows' })
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowInput)
  preferredWindows?: WeeklyWindowInput[] | null;

  @Field(() => String, { nullable: true, description: 'Also updates your account time zone (IANA name)' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string | null;
}

@InputType()
export class MentorProfileInput {
  @Field()
  @Trim()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(140, { message: 'must be at most 140 characters' })
  headline!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(4000, { message: 'must be at most 4000 characters' })
  bio?: string | null;

  @Field(() => [String], { description: 'Fields you work in and mentor for' })
  @ArrayMaxSize(10, { message: 'must have at most 10 fields' })
  @IsString({ each: true })
  fieldSlugs!: string[];

  @Field(() => String, { nullable: true, description: 'The field you switched from, if you made a switch yourself' })
  @IsOptional()
  @IsString()
  switchedFromFieldSlug?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'must be between 0 and 60' })
  @Max(60, { message: 'must be between 0 and 60' })
  yearsExperience?: number | null;

  @Field(() => Int, { description: 'Most active mentees at once, 0-20 (0 pauses new mentorships)' })
  @IsInt()
  @Min(0, { message: 'must be between 0 and 20' })
  @Max(20, { message: 'must be between 0 and 20' })
  capacity!: number;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true for a new profile' })
  @IsOptional()
  @IsBoolean()
  acceptingMentees?: boolean | null;

  @Field(() => [SkillRatingInput], { description: 'Your levels; replaces all' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SkillRatingInput)
  skills!: SkillRatingInput[];

  @Field(() => String, { nullable: true, description: 'Also updates your account time zone (IANA name)' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string | null;
}
