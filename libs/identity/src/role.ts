import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  SWITCHER = 'SWITCHER',
  MENTOR = 'MENTOR',
  ORGANIZER = 'ORGANIZER',
  ADMIN = 'ADMIN',
}

/** Roles people may give themselves; ADMIN comes only from the bootstrap settings. */
export const SELF_CHOSEN_ROLES: readonly Role[] = [Role.SWITCHER, Role.MENTOR, Role.ORGANIZER];

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

registerEnumType(Role, { name: 'Role' });

/** The signed-in caller, as the access token describes them. */
export interface AuthUser {
  id: string;
  roles: Role[];
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}
