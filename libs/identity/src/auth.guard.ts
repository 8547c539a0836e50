import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, IS_PUBLIC, UnauthenticatedError } from '@switchyard/graphql';
import { REQUIRED_ROLES, requestOf } from './auth.decorators';
import { Role } from './role';

/**
 * Global guard: operations are private unless marked @Public(), and
 * @Roles(...) narrows them further. Registered for field resolvers too, so a
 * protected field cannot be reached through a public parent.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const user = requestOf(context).user;
    if (!user) throw new UnauthenticatedError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.some((role) => user.roles.includes(role))) {
      throw new ForbiddenError(`This needs the ${roles.join(' or ')} role.`);
    }
    return true;
  }
}
