import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FieldType, SkillType } from './taxonomy/taxonomy.types';

export enum Stage {
  KNOWLEDGE = 'KNOWLEDGE',
  VALIDATION = 'VALIDATION',
  LEAP = 'LEAP',
}
registerEnumType(Stage, { name: 'Stage', description: 'The three stages of a switch: learn, prove it on real work, apply' });

export interface WeeklyWindow {
  weekday: number;
  start: string;
  end: string;
}

@ObjectType('WeeklyWindow')
export class WeeklyWindowType implements WeeklyWindow {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday' }) weekday!: number;
  @Field({ description: 'HH:mm' }) start!: string;
  @Field({ description: 'HH:mm; 24:00 is the end of the day' }) end!: string;
}

@ObjectType('SkillLevel')
export class SkillLevelType {
  @Field(() => SkillType) skill!: SkillType;
  @Field(() => Int) level!: number;
  @Field(() => Date, { nullable: true, description: 'When the switcher gave this rating (switchers only)' }) ratedAt?: Date | null;
}

@ObjectType('SkillGapItem')
export class SkillGapItemType {
  @Field(() => SkillType) skill!: SkillType;
  @Field(() => Int) required!: number;
  @Field(() => Int) current!: number;
  @Field(() => Int) gap!: number;
  @Field(() => Float) weight!: number;
  @Field(() => Float) weightedGap!: number;
}

@ObjectType('SkillGap')
export class SkillGapType {
  @Field(() => Float) total!: number;
  @Field(() => Float) maxTotal!: number;
  @Field(() => Float, { description: 'Share of the gap already closed, 0..1' }) readiness!: number;
  @Field(() => [SkillGapItemType], { description: 'Largest weighted gap first' }) items!: SkillGapItemType[];
}

/** A switcher profile row; the resolver adds skills, gap and radar on demand. */
@ObjectType('SwitcherProfile')
export class SwitcherProfileType {
  userId!: string;
  currentFieldId!: string | null;
  targetFieldId!: string;

  @Field(() => Stage) stage!: Stage;
  @Field(() => String, { nullable: true }) goals!: string | null;
  @Field(() => Int, { nullable: true }) weeklyHours!: number | null;
  @Field(() => [WeeklyWindowType], { description: "In the switcher's time zone" }) preferredWindows!: WeeklyWindow[];
  @Field() updatedAt!: Date;
}

@ObjectType('MentorProfile')
export class MentorProfileType {
  userId!: string;
  fieldIds!: string[];
  switchedFromFieldId!: string | null;
  skillLevels!: { skillId: string; level: number }[];

  @Field() headline!: string;
  @Field(() => String, { nullable: true }) bio!: string | null;
  @Field(() => Int, { nullable: true }) yearsExperience!: number | null;
  @Field(() => Int, { description: 'Most active mentees at once, 0-20' }) capacity!: number;
  @Field(() => Int, { description: 'Active mentorships now (derived)' }) activeMentees!: number;
  @Field() acceptingMentees!: boolean;
  @Field(() => Float, { nullable: true, description: 'Mean session rating, once there is feedback' }) rating!: number | null;
  @Field() updatedAt!: Date;
}

export { FieldType, SkillType };
