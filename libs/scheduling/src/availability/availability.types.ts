import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { LocalDateScalar } from '@switchyard/graphql';
import { EndsAfterStart, IsClock } from '@switchyard/profiles';

const WEEKDAY = 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)';

@InputType()
export class AvailabilityRuleInput {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday ... 7 = Sunday' })
  @IsInt()
  @Min(1, { message: WEEKDAY })
  @Max(7, { message: WEEKDAY })
  weekday!: number;

  @Field({ description: 'HH:mm wall-clock time in the availability time zone' })
  @IsClock(false)
  start!: string;

  @Field({ description: 'HH:mm after start; 24:00 for midnight' })
  @IsClock(true)
  @EndsAfterStart()
  end!: string;
}

@InputType()
export class AvailabilityOverrideInput {
  @Field(() => LocalDateScalar, { description: "A date in the mentor's own calendar (their availability time zone)" })
  date!: string;

  @Field({ description: 'false: no sessions that day; true with start and end: those hours instead of the weekly ones; true alone: back to the weekly hours' })
  @IsBoolean()
  available!: boolean;

  @Field(() => String, { nullable: true })
  @ValidateIf((o: AvailabilityOverrideInput) => o.start != null || o.end != null)
  @IsClock(false)
  start?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf((o: AvailabilityOverrideInput) => o.start != null || o.end != null)
  @IsClock(true)
  @EndsAfterStart()
  end?: string | null;
}

@InputType()
export class SchedulingSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Earliest booking ahead of a session, in minutes (default 720 = 12 h, at most 30 days)' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'must be at least 0' })
  @Max(43200, { message: 'must be at most 43200 (30 days)' })
  minimumNoticeMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: 'How far ahead sessions can be booked, in days (default 60, at most 365)' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  @Max(365, { message: 'must be at most 365' })
  horizonDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Free minutes kept before and after every session (default 0, at most 240)' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'must be at least 0' })
  @Max(240, { message: 'must be at most 240' })
  bufferMinutes?: number | null;
}

@ObjectType('AvailabilityRule')
export class AvailabilityRuleType {
  @Field(() => ID) id!: string;
  @Field(() => Int) weekday!: number;
  @Field() start!: string;
  @Field() end!: string;
  @Field() timeZone!: string;
}

@ObjectType('AvailabilityOverride')
export class AvailabilityOverrideType {
  @Field(() => LocalDateScalar) date!: string;
  @Field() available!: boolean;
  @Field(() => String, { nullable: true }) start!: string | null;
  @Field(() => String, { nullable: true }) end!: string | null;
}

@ObjectType('SchedulingSettings')
export class SchedulingSettingsType {
  @Field(() => Int) minimumNoticeMinutes!: number;
  @Field(() => Int) horizonDays!: number;
  @Field(() => Int) bufferMinutes!: number;
}

@ObjectType('Availability', { description: "A mentor's weekly hours, upcoming date overrides and booking settings" })
export class AvailabilityType {
  @Field({ description: 'The zone the rules and overrides are written in' }) timeZone!: string;
  @Field(() => [AvailabilityRuleType]) rules!: AvailabilityRuleType[];
  @Field(() => [AvailabilityOverrideType], { description: 'Overrides from today on, by date' }) overrides!: AvailabilityOverrideType[];
  @Field(() => SchedulingSettingsType) settings!: SchedulingSettingsType;
}

@ObjectType('Slot')
export class SlotType {
  @Field(() => Date, { description: 'Rendered with the offset of the requested time zone' }) start!: string;
  @Field(() => Date) end!: string;
}
