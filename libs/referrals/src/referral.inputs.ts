import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LocalDateScalar } from '@switchyard/graphql';
import { Trim } from '@switchyard/identity';

export const MAX_OPENING_SKILLS = 20;

@InputType()
export class CreateReferralOpeningInput {
  @Field({ description: 'At most 120 characters' })
  @IsString()
  @Trim()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(120, { message: 'must be at most 120 characters' })
  company!: string;

  @Field({ description: 'The job title, at most 200 characters' })
  @IsString()
  @Trim()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  title!: string;

  @Field({ description: 'The field of the job (see the fields query)' })
  @IsString()
  fieldSlug!: string;

  @Field(() => [String], { description: `The skills the job needs, 1-${MAX_OPENING_SKILLS} (see the skills query)` })
  @ArrayMinSize(1, { message: 'must list at least one skill' })
  @ArrayMaxSize(MAX_OPENING_SKILLS, { message: `must list at most ${MAX_OPENING_SKILLS} skills` })
  @IsString({ each: true })
  skillSlugs!: string[];

  @Field(() => String, { nullable: true, description: 'City or region, at most 120 characters' })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(120, { message: 'must be at most 120 characters' })
  location?: string | null;

  @Field()
  @IsBoolean()
  remote!: boolean;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The last day requests are taken, in your calendar: today or later, at most a year ahead; null: open until you close it',
  })
  @IsOptional()
  closesOn?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 5000 characters' })
  @IsOptional()
  @IsString()
  @Trim()
  @MaxLength(5000, { message: 'must be at most 5000 characters' })
  description?: string | null;
}
