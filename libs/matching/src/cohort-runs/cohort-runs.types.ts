import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalDateScalar } from '@switchyard/graphql';
import { FieldType, Stage } from '@switchyard/profiles';

export enum MatchMode {
  OPTIMAL = 'OPTIMAL',
  STABLE = 'STABLE',
}
registerEnumType(MatchMode, { name: 'MatchMode', description: 'OPTIMAL: highest total score; STABLE: no pair would rather swap' });

export enum MatchRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(MatchRunStatus, { name: 'MatchRunStatus' });

@ObjectType('CohortPhase', { description: 'Dates are inclusive; the three phases cover the cohort without gaps' })
export class CohortPhaseType {
  @Field(() => Stage) stage!: Stage;
  @Field(() => LocalDateScalar) startsOn!: string;
  @Field(() => LocalDateScalar) endsOn!: string;
}

/** The community feature resolves the rest of a cohort (community, phases, milestones, enrollments) from its id. */
@ObjectType('Cohort')
export class CohortType {
  @Field(() => ID) id!: string;
  communityId!: string;
  targetFieldId!: string;
  @Field() name!: string;
  @Field(() => FieldType) targetField!: FieldType;
  @Field(() => LocalDateScalar, { description: 'First day, inclusive' }) startsOn!: string;
  @Field(() => LocalDateScalar, { description: 'Last day, inclusive' }) endsOn!: string;
}

@ObjectType('MatchPair')
export class MatchPairType {
  switcherId!: string;
  mentorId!: string;
  @Field(() => Float) score!: number;
}

@ObjectType('MentorLoadSpread')
export class MentorLoadSpreadType {
  @Field(() => Float, { description: 'Lowest assigned/capacity over mentors' }) min!: number;
  @Field(() => Float) max!: number;
  @Field(() => Float) stddev!: number;
}

@ObjectType('MatchRun')
export class MatchRunType {
  @Field(() => ID) id!: string;
  cohortId!: string;
  @Field(() => MatchMode) mode!: MatchMode;
  @Field(() => MatchRunStatus) status!: MatchRunStatus;
  @Field(() => Float, { nullable: true }) minScoreThreshold!: number | null;
  @Field(() => Float, { nullable: true }) totalScore!: number | null;
  @Field(() => Float, { nullable: true }) meanScore!: number | null;
  @Field(() => Float, { nullable: true }) minScore!: number | null;
  @Field(() => Float, { nullable: true, description: '10th percentile of pair scores' }) p10Score!: number | null;
  @Field(() => Int, { nullable: true }) unmatchedSwitchers!: number | null;
  @Field(() => Int, { nullable: true }) blockingPairs!: number | null;
  @Field(() => MentorLoadSpreadType, { nullable: true }) mentorLoadSpread!: MentorLoadSpreadType | null;
  @Field(() => Float, { nullable: true, description: 'Total score of a greedy assignment of the same candidates, for comparison' })
  greedyTotalScore!: number | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field() createdAt!: Date;
}
