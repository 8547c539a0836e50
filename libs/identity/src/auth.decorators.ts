import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '@switchyard/graphql';
import { AuthUser, Role } from './role';

export { IS_PUBLIC, Public } from '@switchyard/graphql';
export const REQUIRED_ROLES = 'switchyard:roles';

/** Reachable only by callers holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export function requestOf(context: ExecutionContext): FastifyRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: FastifyRequest }>().req;
  }
  return context.switchToHttp().getRequest<FastifyRequest>();
}

/**
 * The signed-in caller. Throws UNAUTHENTICATED unless `{ optional: true }`,
 * in which case anonymous callers get undefined.
 */
export const CurrentUser = createParamDecorator((options: { optional?: boolean } | undefined, context: ExecutionContext) => {
  const user = requestOf(context).user;
  if (!user && !options?.optional) throw new UnauthenticatedError();
  return user as AuthUser;
});
