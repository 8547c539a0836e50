import { Field, InputType } from '@nestjs/graphql';
import { Role } from '../role';
import {
  IsDisplayName,
  IsEmailAddress,
  IsLanguageList,
  IsLocale,
  IsPassword,
  IsSelfChosenRoles,
  IsTimeZone,
  NormalizeEmail,
  Trim,
} from './validators';
import { IsOptional } from 'class-validator';

@InputType()
export class RegisterInput {
  @Field()
  @NormalizeEmail()
  @IsEmailAddress()
  email!: string;

  @Field()
  @IsPassword()
  password!: string;

  @Field()
  @Trim()
  @IsDisplayName()
  displayName!: string;

  @Field()
  @IsTimeZone()
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'en or zh-CN; defaults from the Accept-Language header, else en' })
  @IsOptional()
  @IsLocale()
  locale?: string | null;

  @Field(() => [String], { nullable: true, description: 'Languages spoken, e.g. ["en", "zh"]; defaults to the locale\'s language' })
  @IsOptional()
  @IsLanguageList()
  languages?: string[] | null;

  @Field(() => [Role])
  @IsSelfChosenRoles()
  roles!: Role[];
}
