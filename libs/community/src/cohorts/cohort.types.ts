import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LocalDateScalar } from '@switchyard/graphql';
import { Trim } from '@switchyard/identity';
import { Stage } from '@switchyard/profiles';
// The Cohort object type belongs to matching (match runs return it); this
// feature adds its fields with resolvers. @switchyard/matching does not export
// it (yet), so it is imported by path, from this one place.
import { CohortPhaseType, CohortType, MatchMode, MatchRunStatus } from '@switchyard/matching';
import { TrimToNull } from '../communities/community.types';

export { CohortPhaseType, CohortType, MatchMode, MatchRunStatus };

export enum EnrollmentRole {
  SWITCHER = 'SWITCHER',
  MENTOR = 'MENTOR',
}
registerEnumType(EnrollmentRole, { name: 'EnrollmentRole' });

export enum EnrollmentStatus {
  APPLIED = 'APPLIED',
  ADMITTED = 'ADMITTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });

export enum MilestoneStatus {
  NOT_STARTED = 'NOT_STARTED',
  SUBMITTED = 'SUBMITTED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(MilestoneStatus, {
  name: 'MilestoneStatus',
  description: 'SUBMITTED: done, with an evidence link, waiting for a mentor or organizer; REJECTED: not accepted, submit new evidence',
});

export const COHORT_NAME_MAX = 120;
export const SEATS_MAX = 1000;
export const MILESTONE_TITLE_MAX = 200;
export const MILESTONE_DESCRIPTION_MAX = 2000;
/** Milestones per cohort, defaults included: a program, not a task tracker. */
export const MILESTONES_PER_COHORT_MAX = 50;

/** What the community feature knows about a cohort beyond the Cohort object type. */
export interface CohortInfo {
  id: string;
  communityId: string;
  seats: number | null;
  createdAt: Date;
}

@ObjectType('CohortEnrollment')
export class CohortEnrollmentType {
  @Field(() => ID) id!: string;
  cohortId!: string;
  userId!: string;
  @Field(() => EnrollmentRole) role!: EnrollmentRole;
  @Field(() => EnrollmentStatus) status!: EnrollmentStatus;
  @Field(() => Date, { description: 'When the person applied (last re-applied)' }) appliedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When an organizer admitted or rejected the application' }) decidedAt!: Date | null;
}

@ObjectType('CohortMilestone')
export class CohortMilestoneType {
  @Field(() => ID) id!: string;
  cohortId!: string;
  @Field(() => Stage, { description: 'The phase the milestone belongs to' }) stage!: Stage;
  @Field(() => Int, { description: 'Order within the phase, from 1' }) position!: number;
  @Field(() => String, { nullable: true, description: 'Set on the default milestones, e.g. "prd"' }) slug!: string | null;
  @Field({ description: 'English (or the only) title' }) titleEn!: string;
  @Field(() => String, { nullable: true }) titleZh!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType('MilestoneProgress', { description: "One switcher's state on one milestone" })
export class MilestoneProgressType {
  @Field(() => CohortMilestoneType) milestone!: CohortMilestoneType;
  switcherId!: string;
  @Field(() => MilestoneStatus) status!: MilestoneStatus;
  @Field(() => String, { nullable: true }) evidenceUrl!: string | null;
  @Field(() => Date, { nullable: true, description: 'First submitted' }) completedAt!: Date | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a mentor or organizer verified or rejected it' }) reviewedAt!: Date | null;
  reviewedById!: string | null;
}

@ObjectType('EnrollmentCount')
export class EnrollmentCountType {
  @Field(() => EnrollmentRole) role!: EnrollmentRole;
  @Field(() => EnrollmentStatus) status!: EnrollmentStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('CohortMatchSummary', { description: "The cohort's latest match run; matchRun(id) has the pairs" })
export class CohortMatchSummaryType {
  @Field(() => ID) runId!: string;
  @Field(() => MatchMode) mode!: MatchMode;
  @Field(() => MatchRunStatus) status!: MatchRunStatus;
  @Field(() => Float, { nullable: true }) totalScore!: number | null;
  @Field(() => Float, { nullable: true }) meanScore!: number | null;
  @Field(() => Float, { nullable: true }) minScore!: number | null;
  @Field(() => Int, { nullable: true }) pairs!: number | null;
  @Field(() => Int, { nullable: true }) unmatchedSwitchers!: number | null;
  @Field({ description: 'Whether a run of this cohort was published (its mentorships exist)' }) published!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
}

@ObjectType('PhaseMilestoneProgress')
export class PhaseMilestoneProgressType {
  @Field(() => Stage) stage!: Stage;
  @Field(() => Int, { description: 'Milestones of the phase' }) milestones!: number;
  @Field(() => Int, { description: 'Admitted switchers x milestones of the phase' }) expected!: number;
  @Field(() => Int, { description: 'Submitted or verified by admitted switchers' }) completed!: number;
  @Field(() => Int) verified!: number;
}

@ObjectType('CohortDashboard', { description: "An organizer's view of a cohort" })
export class CohortDashboardType {
  cohortId!: string;
  @Field(() => Int, { nullable: true, description: 'null: unlimited' }) seats!: number | null;
  @Field(() => Int, { description: 'Admitted switchers (mentors take no seats)' }) seatsTaken!: number;
  @Field(() => [EnrollmentCountType], { description: 'Every role and status, zeros included' }) enrollments!: EnrollmentCountType[];
  @Field(() => CohortMatchSummaryType, { nullable: true, description: 'null until a matching was run' }) match!: CohortMatchSummaryType | null;
  @Field(() => Int, { description: "Mentorships of the cohort (created by publishing a match run)" }) mentorships!: number;
  @Field(() => [PhaseMilestoneProgressType]) milestones!: PhaseMilestoneProgressType[];
  @Field(() => Int, { description: "Completed sessions of the cohort's mentorships" }) sessionsHeld!: number;
  @Field(() => Int, { description: "Sessions of the cohort's mentorships that were not cancelled (held, upcoming and missed)" })
  sessionsPlanned!: number;
  switchersWithoutRecentSessionIds!: string[];
  @Field(() => Int, { description: 'How many admitted switchers had no session in the last 14 days' }) switchersWithoutRecentSessionCount!: number;
}

@InputType()
export class CohortPhaseInput {
  @Field(() => Stage) stage!: Stage;
  @Field(() => LocalDateScalar, { description: 'First day, inclusive' }) startsOn!: string;
  @Field(() => LocalDateScalar, { description: 'Last day, inclusive' }) endsOn!: string;
}

@InputType()
export class CreateCohortInput {
  @Field(() => ID) communityId!: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(3, { message: 'must be at least 3 characters' })
  @MaxLength(COHORT_NAME_MAX, { message: `must be at most ${COHORT_NAME_MAX} characters` })
  name!: string;

  @Field()
  @IsString()
  targetFieldSlug!: string;

  @Field(() => LocalDateScalar, { description: 'First day, inclusive' }) startsOn!: string;
  @Field(() => LocalDateScalar, { description: 'Last day, inclusive; at least 2 days after startsOn (a day per phase)' }) endsOn!: string;

  @Field(() => Int, { nullable: true, description: `Switchers admitted at most, 1-${SEATS_MAX}; null or left out: unlimited. Mentors take no seats.` })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: `must be between 1 and ${SEATS_MAX}, or null for unlimited` })
  @Max(SEATS_MAX, { message: `must be between 1 and ${SEATS_MAX}, or null for unlimited` })
  seats?: number | null;

  @Field(() => [CohortPhaseInput], {
    nullable: true,
    description: "KNOWLEDGE, VALIDATION, LEAP in that order, contiguous, covering the cohort's dates; left out: the dates split in three",
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CohortPhaseInput)
  phases?: CohortPhaseInput[] | null;
}

@InputType()
export class AddCohortMilestoneInput {
  @Field(() => ID) cohortId!: string;
  @Field(() => Stage) stage!: Stage;

  @Field({ description: 'Shown to everyone; in English or your community’s language' })
  @Trim()
  @IsString()
  @MinLength(3, { message: 'must be at least 3 characters' })
  @MaxLength(MILESTONE_TITLE_MAX, { message: `must be at most ${MILESTONE_TITLE_MAX} characters` })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Simplified Chinese title, shown to zh-CN users' })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(MILESTONE_TITLE_MAX, { message: `must be at most ${MILESTONE_TITLE_MAX} characters` })
  titleZh?: string | null;

  @Field(() => String, { nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(MILESTONE_DESCRIPTION_MAX, { message: `must be at most ${MILESTONE_DESCRIPTION_MAX} characters` })
  description?: string | null;
}
