import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../user.entity';

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Bearer token for the Authorization header; short-lived' })
  accessToken!: string;

  @Field({ description: 'When the access token expires; refresh before then' })
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Single use: refreshToken returns a new one; reusing an old one signs out that sign-in everywhere' })
  refreshToken!: string;

  @Field(() => User)
  user!: User;
}
