import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
registerEnumType(RequestStatus, { name: 'RequestStatus' });

export enum Cadence {
  WEEKLY = 'WEEKLY',
  BIWEEKLY = 'BIWEEKLY',
  MONTHLY = 'MONTHLY',
}
registerEnumType(Cadence, { name: 'Cadence' });

export enum MentorshipStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
}
registerEnumType(MentorshipStatus, { name: 'MentorshipStatus' });

@ObjectType('Mentorship')
export class MentorshipType {
  @Field(() => ID) id!: string;
  mentorId!: string;
  switcherId!: string;
  @Field(() => MentorshipStatus) status!: MentorshipStatus;
  @Field(() => Cadence) cadence!: Cadence;
  @Field() startedAt!: Date;
}

@ObjectType('MentorshipRequest')
export class MentorshipRequestType {
  @Field(() => ID) id!: string;
  switcherId!: string;
  mentorId!: string;
  mentorshipId!: string | null;
  @Field(() => RequestStatus) status!: RequestStatus;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => String, { nullable: true, description: "The mentor's note when answering" }) responseNote!: string | null;
  @Field() createdAt!: Date;
  @Field() expiresAt!: Date;
  @Field(() => Date, { nullable: true }) respondedAt!: Date | null;
}

export interface RequestRow {
  id: string;
  switcher_id: string;
  mentor_id: string;
  status: RequestStatus;
  message: string | null;
  response_note: string | null;
  created_at: Date;
  expires_at: Date;
  responded_at: Date | null;
  mentorship_id: string | null;
}

export function toRequest(row: RequestRow): MentorshipRequestType {
  return Object.assign(new MentorshipRequestType(), {
    id: row.id,
    switcherId: row.switcher_id,
    mentorId: row.mentor_id,
    mentorshipId: row.mentorship_id,
    status: row.status,
    message: row.message,
    responseNote: row.response_note,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    respondedAt: row.responded_at,
  });
}

export interface MentorshipRow {
  id: string;
  mentor_id: string;
  switcher_id: string;
  status: MentorshipStatus;
  cadence: Cadence;
  started_at: Date;
}

export function toMentorship(row: MentorshipRow): MentorshipType {
  return Object.assign(new MentorshipType(), {
    id: row.id,
    mentorId: row.mentor_id,
    switcherId: row.switcher_id,
    status: row.status,
    cadence: row.cadence,
    startedAt: row.started_at,
  });
}
