import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SessionStatus {
  SCHEDULED = 'SCHEDULED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(SessionStatus, { name: 'SessionStatus' });

export enum SessionSource {
  MANUAL = 'MANUAL',
  AUTO = 'AUTO',
}
registerEnumType(SessionSource, { name: 'SessionSource', description: 'Booked by a participant, or by background scheduling' });

@ObjectType('MentoringSession')
export class MentoringSessionType {
  @Field(() => ID) id!: string;
  mentorshipId!: string;
  mentorId!: string;
  switcherId!: string;
  @Field() start!: Date;
  @Field() end!: Date;
  @Field(() => Int) durationMinutes!: number;
  @Field(() => SessionStatus) status!: SessionStatus;
  @Field(() => Int, { description: 'Increments on every reschedule and on cancel (the calendar SEQUENCE)' }) sequence!: number;
  @Field(() => SessionSource) source!: SessionSource;
  @Field({ description: "The mentor's availability time zone when the session was booked" }) mentorTimeZone!: string;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  cancelledBy!: string | null;
  updatedAt!: Date;
}

export interface SessionRow {
  id: string;
  mentorship_id: string;
  mentor_id: string;
  switcher_id: string;
  starts_at: Date;
  ends_at: Date;
  status: SessionStatus;
  sequence: number;
  source: SessionSource;
  mentor_time_zone: string;
  booked_by: string | null;
  idempotency_key: string | null;
  cancelled_by: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  updated_at: Date;
}

export const SESSION_COLUMNS =
  'id, mentorship_id, mentor_id, switcher_id, starts_at, ends_at, status, sequence, source, mentor_time_zone, booked_by, idempotency_key, cancelled_by, cancelled_at, cancel_reason, updated_at';

export function toSession(row: SessionRow): MentoringSessionType {
  return Object.assign(new MentoringSessionType(), {
    id: row.id,
    mentorshipId: row.mentorship_id,
    mentorId: row.mentor_id,
    switcherId: row.switcher_id,
    start: row.starts_at,
    end: row.ends_at,
    durationMinutes: Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / 60_000),
    status: row.status,
    sequence: row.sequence,
    source: row.source,
    mentorTimeZone: row.mentor_time_zone,
    cancelReason: row.cancel_reason,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
    updatedAt: row.updated_at,
  });
}
