import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('FailedJob', { description: 'A failed job, without its payload' })
export class FailedJobType {
  @Field(() => String, { nullable: true }) id!: string | null;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) failedReason!: string | null;
  @Field(() => Int) attemptsMade!: number;
  @Field(() => Date, { nullable: true }) failedAt!: Date | null;
}

@ObjectType('QueueStats')
export class QueueStatsType {
  @Field() name!: string;
  @Field(() => Int, { description: 'Ready to run, prioritised ones included' }) waiting!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int, { description: 'Scheduled for later (delays, retries with backoff, repeat ticks)' }) delayed!: number;
  @Field(() => Int, { description: 'Kept after completion (bounded by the retention settings)' }) completed!: number;
  @Field(() => Int) failed!: number;
  @Field() paused!: boolean;
  @Field(() => [FailedJobType], { description: 'The most recent failures first' }) latestFailed!: FailedJobType[];
}
