import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ConnectionType } from '@switchyard/graphql';
import { Trim } from '@switchyard/identity';

export enum Visibility {
  PUBLIC = 'PUBLIC',
  INVITE_ONLY = 'INVITE_ONLY',
}
registerEnumType(Visibility, { name: 'Visibility', description: 'PUBLIC: anyone joins at once; INVITE_ONLY: an organizer approves each member' });

export enum MembershipStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
}
registerEnumType(MembershipStatus, { name: 'MembershipStatus', description: 'PENDING: waiting for an organizer of an invite-only community' });

export const COMMUNITY_NAME_MAX = 120;
export const COMMUNITY_DESCRIPTION_MAX = 5000;
export const COMMUNITY_FIELDS_MAX = 20;

@ObjectType('Community')
export class CommunityType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Visibility) visibility!: Visibility;
  @Field(() => Date) createdAt!: Date;
  ownerId!: string;
}

export const CommunityConnection = ConnectionType(CommunityType, 'Community');

/** Optional text is trimmed, and blank text is no text. */
export const TrimToNull = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value));

@InputType()
export class CreateCommunityInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(3, { message: 'must be at least 3 characters' })
  @MaxLength(COMMUNITY_NAME_MAX, { message: `must be at most ${COMMUNITY_NAME_MAX} characters` })
  name!: string;

  @Field(() => String, { nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(COMMUNITY_DESCRIPTION_MAX, { message: `must be at most ${COMMUNITY_DESCRIPTION_MAX} characters` })
  description?: string | null;

  @Field(() => Visibility, { nullable: true, description: 'PUBLIC when left out' })
  @IsOptional()
  @IsEnum(Visibility)
  visibility?: Visibility | null;

  @Field(() => [String], { nullable: true, description: `Focus fields, by slug (at most ${COMMUNITY_FIELDS_MAX})` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(COMMUNITY_FIELDS_MAX, { message: `must list at most ${COMMUNITY_FIELDS_MAX} fields` })
  @IsString({ each: true })
  fieldSlugs?: string[] | null;
}
