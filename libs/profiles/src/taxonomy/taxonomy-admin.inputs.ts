import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '@switchyard/identity';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'must be lowercase words joined by "-", e.g. "prompt-engineering" (at most 60 characters)';

@InputType()
export class FieldRequirementInput {
  @Field()
  @IsString()
  skillSlug!: string;

  @Field(() => Int, { description: 'Required level, 0-5' })
  @IsInt()
  @Min(0, { message: 'must be between 0 and 5' })
  @Max(5, { message: 'must be between 0 and 5' })
  level!: number;

  @Field(() => Float, { description: 'How much this skill counts in the gap, 0-10 (0: shown, not counted)' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'must be a number with at most 2 decimals' })
  @Min(0, { message: 'must be between 0 and 10' })
  @Max(10, { message: 'must be between 0 and 10' })
  weight!: number;
}

/** What skills and fields have in common: a slug and names in both languages. */
@InputType({ isAbstract: true })
abstract class TaxonomyEntryInput {
  @Field()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  @MaxLength(60, { message: SLUG_MESSAGE })
  slug!: string;

  @Field()
  @Trim()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  nameEn!: string;

  @Field({ description: 'Simplified Chinese name' })
  @Trim()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  nameZh!: string;
}

@InputType()
export class SkillInput extends TaxonomyEntryInput {
  @Field()
  @IsString()
  dimensionSlug!: string;
}

@InputType()
export class FieldInput extends TaxonomyEntryInput {
  @Field(() => [FieldRequirementInput], { nullable: true, description: 'Replaces the requirement profile when given' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldRequirementInput)
  requirements?: FieldRequirementInput[] | null;
}
