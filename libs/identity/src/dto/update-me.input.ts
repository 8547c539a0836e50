import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsDisplayName, IsLanguageList, IsLocale, IsTimeZone, Trim } from './validators';

@InputType()
export class UpdateMeInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsDisplayName()
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsLocale()
  locale?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsLanguageList()
  languages?: string[] | null;
}
