import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Role } from './role';

const VIEWED_BY_OWNER = Symbol('viewedByOwner');

/**
 * Marks a user object as seen by its owner (the user a sign-in just
 * authenticated), so owner-only fields resolve before a token is in use.
 */
export function asOwnView<T extends User>(user: T): T {
  Object.defineProperty(user, VIEWED_BY_OWNER, { value: true, enumerable: false });
  return user;
}

export function isOwnView(user: User): boolean {
  return (user as unknown as Record<symbol, unknown>)[VIEWED_BY_OWNER] === true;
}

/**
 * Mirrors the identity migration (constraints and indexes included) so that
 * `npm run migration:generate` reports only real changes.
 */
@ObjectType()
@Entity('users')
@Unique('users_email_unique', ['email'])
@Check('users_locale_check', `locale IN ('en', 'zh-CN')`)
@Check('users_roles_check', `cardinality(roles) >= 1 AND roles <@ ARRAY['SWITCHER', 'MENTOR', 'ORGANIZER', 'ADMIN']::text[]`)
// GIN on an array: TypeORM cannot describe it, the migration owns it.
@Index('users_roles_idx', { synchronize: false })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Exposed through a field resolver: only the owner and admins see it. */
  @Column({ type: 'citext' })
  email!: string;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Field()
  @Column({ type: 'varchar', length: 80 })
  displayName!: string;

  @Field()
  @Column({ type: 'text' })
  timeZone!: string;

  @Field()
  @Column({ type: 'text', default: 'en' })
  locale!: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: '{}' })
  languages!: string[];

  @Field(() => [Role])
  @Column({ type: 'text', array: true })
  roles!: Role[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
