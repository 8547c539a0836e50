import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, LocalDateScalar } from '@switchyard/graphql';
import { ReferralStatus } from './transitions';

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description:
    'REQUESTED -> ACCEPTED or DECLINED; ACCEPTED -> SUBMITTED -> INTERVIEWING -> OFFER -> HIRED, or REJECTED after SUBMITTED; WITHDRAWN by the switcher before SUBMITTED',
});

@ObjectType('ReferralOpening', { description: 'A job a mentor can refer people to at their company' })
export class ReferralOpeningType {
  @Field(() => ID) id!: string;
  referrerId!: string;
  @Field() company!: string;
  @Field() title!: string;
  fieldId!: string;
  skillIds!: string[];
  @Field(() => String, { nullable: true }) location!: string | null;
  @Field() remote!: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: "The last day requests are taken, in the referrer's calendar; null: open until closed" })
  closesOn!: string | null;
  closesAt!: Date | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the referrer closed it' }) closedAt!: Date | null;
  @Field({ description: 'Takes no more requests: closed by the referrer, or its closing date has passed' }) closed!: boolean;
}

export const ReferralOpeningConnection = ConnectionType(ReferralOpeningType, 'ReferralOpening');

@ObjectType('ReferralRequest')
export class ReferralRequestType {
  @Field(() => ID) id!: string;
  openingId!: string;
  switcherId!: string;
  referrerId!: string;
  @Field(() => ReferralStatus) status!: ReferralStatus;
  @Field(() => String, { nullable: true, description: "The switcher's note to the referrer" }) note!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('ReferralStatusChange')
export class ReferralStatusChangeType {
  requestId!: string;
  @Field(() => ReferralStatus, { nullable: true, description: 'null for the request itself' }) from!: ReferralStatus | null;
  @Field(() => ReferralStatus) to!: ReferralStatus;
  actorId!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() at!: Date;
}

export interface OpeningRow {
  id: string;
  referrer_id: string;
  company: string;
  title: string;
  field_id: string;
  skill_ids: string[];
  location: string | null;
  remote: boolean;
  description: string | null;
  closes_on: string | null;
  closes_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  /** now() >= closes_at or closed_at set, evaluated by the database clock. */
  closed: boolean;
}

export const OPENING_COLUMNS = `o.id, o.referrer_id, o.company, o.title, o.field_id,
  ARRAY(SELECT s.skill_id FROM referral_opening_skills s WHERE s.opening_id = o.id ORDER BY s.position) AS skill_ids,
  o.location, o.remote, o.description, to_char(o.closes_on, 'YYYY-MM-DD') AS closes_on, o.closes_at, o.closed_at, o.created_at,
  (o.closed_at IS NOT NULL OR o.closes_at <= now()) IS TRUE AS closed`;

export function toOpening(row: OpeningRow): ReferralOpeningType {
  return Object.assign(new ReferralOpeningType(), {
    id: row.id,
    referrerId: row.referrer_id,
    company: row.company,
    title: row.title,
    fieldId: row.field_id,
    skillIds: row.skill_ids,
    location: row.location,
    remote: row.remote,
    description: row.description,
    closesOn: row.closes_on,
    closesAt: row.closes_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    closed: row.closed,
  });
}

export interface RequestRow {
  id: string;
  opening_id: string;
  switcher_id: string;
  referrer_id: string;
  status: ReferralStatus;
  note: string | null;
  created_at: Date;
  updated_at: Date;
}

export const REQUEST_COLUMNS = 'id, opening_id, switcher_id, referrer_id, status, note, created_at, updated_at';

export function toRequest(row: RequestRow): ReferralRequestType {
  return Object.assign(new ReferralRequestType(), {
    id: row.id,
    openingId: row.opening_id,
    switcherId: row.switcher_id,
    referrerId: row.referrer_id,
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
