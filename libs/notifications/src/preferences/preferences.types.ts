import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

const WEEKDAY = 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)';
const HOUR = 'must be an hour from 0 to 23';

@ObjectType('NotificationPreferences')
export class NotificationPreferencesType {
  @Field({ description: 'The weekly referral digest by email' })
  referralDigest!: boolean;

  @Field({ description: 'The weekly meetup digest by email' })
  meetupDigest!: boolean;

  @Field({ description: 'Reminders before your mentoring sessions (in-app and email)' })
  sessionReminders!: boolean;

  @Field({ description: 'Email copies of your in-app notifications' })
  emailNotifications!: boolean;

  @Field(() => Int, { description: 'ISO weekday of the digests, 1 = Monday ... 7 = Sunday, in your time zone' })
  digestWeekday!: number;

  @Field(() => Int, { description: 'Hour of the digests (0-23) in your time zone' })
  digestHour!: number;
}

/** Unset (or null) fields keep their value. */
@InputType()
export class NotificationPreferencesInput {
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  referralDigest?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  meetupDigest?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  sessionReminders?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  emailNotifications?: boolean | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: WEEKDAY })
  @Max(7, { message: WEEKDAY })
  digestWeekday?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0, { message: HOUR })
  @Max(23, { message: HOUR })
  digestHour?: number | null;
}
