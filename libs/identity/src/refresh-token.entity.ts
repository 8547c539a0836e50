import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One issued refresh token. A sign-in starts a family; each rotation adds a member. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  familyId!: string;

  @Column('uuid')
  userId!: string;

  /** SHA-256 of the secret part; the secret itself is never stored. */
  @Column({ type: 'bytea' })
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
