import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '@switchyard/graphql';
import { AuthService } from './auth.service';
import { Public } from './auth.decorators';
import { AuthPayload } from './dto/auth-payload.type';
import { RegisterInput } from './dto/register.input';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload)
  register(@Args('input') input: RegisterInput, @Context() { req }: GraphQLContext): Promise<AuthPayload> {
    return this.auth.register(input, { ip: req.ip, acceptLanguage: req.headers['accept-language'] });
  }

  @Public()
  @Mutation(() => AuthPayload)
  login(
    @Args('email') email: string,
    @Args('password') password: string,
    @Context() { req }: GraphQLContext,
  ): Promise<AuthPayload> {
    return this.auth.login(email, password, { ip: req.ip });
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Rotates: the old refresh token stops working; reusing it revokes the whole sign-in.' })
  refreshToken(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.auth.refresh(refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Signs out the sign-in this refresh token belongs to; false if the token is unknown.' })
  logout(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.auth.logout(refreshToken);
  }
}
