import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MeetupKind {
  WORKSHOP = 'WORKSHOP',
  TALK = 'TALK',
  HACKATHON = 'HACKATHON',
  OTHER = 'OTHER',
}
registerEnumType(MeetupKind, { name: 'MeetupKind' });

export enum MeetupStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetupStatus, { name: 'MeetupStatus' });

export enum RsvpStatus {
  GOING = 'GOING',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RsvpStatus, { name: 'RsvpStatus', description: 'CANCELLED: the person left (cancelRsvp)' });

@ObjectType('Meetup')
export class MeetupType {
  @Field(() => ID) id!: string;
  communityId!: string;
  @Field(() => MeetupKind) kind!: MeetupKind;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field({ description: 'IANA zone the meetup happens in (for showing local times)' }) timeZone!: string;
  @Field(() => String, { nullable: true, description: 'Venue' }) location!: string | null;
  @Field(() => String, { nullable: true }) onlineUrl!: string | null;
  @Field(() => Int) capacity!: number;
  @Field(() => MeetupStatus) status!: MeetupStatus;
  @Field(() => Int, { description: 'Increments on every change attendees should see (the calendar SEQUENCE)' }) version!: number;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('Rsvp')
export class RsvpType {
  meetupId!: string;
  userId!: string;
  @Field(() => RsvpStatus) status!: RsvpStatus;
  @Field(() => Int, { nullable: true, description: 'Place in the waitlist while WAITLISTED: 1 is next in line' }) waitlistPosition!: number | null;
  @Field(() => Date, { description: 'When the person (last) joined; the waitlist is first come, first served' }) joinedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When a seat freed up and the person moved from the waitlist to GOING' })
  promotedAt!: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt!: Date | null;
}

export interface MeetupRow {
  id: string;
  community_id: string;
  kind: MeetupKind;
  title: string;
  description: string | null;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  location: string | null;
  online_url: string | null;
  capacity: number;
  status: MeetupStatus;
  version: number;
  cancel_reason: string | null;
  cancelled_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const MEETUP_COLUMNS =
  'id, community_id, kind, title, description, starts_at, ends_at, time_zone, location, online_url, capacity, status, version, cancel_reason, cancelled_at, created_by, created_at, updated_at';

/** MEETUP_COLUMNS qualified with a table alias, for joins. */
export function meetupColumns(alias: string): string {
  return MEETUP_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

export function toMeetup(row: MeetupRow): MeetupType {
  return Object.assign(new MeetupType(), {
    id: row.id,
    communityId: row.community_id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    location: row.location,
    onlineUrl: row.online_url,
    capacity: row.capacity,
    status: row.status,
    version: row.version,
    cancelReason: row.cancel_reason,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
  });
}

export interface RsvpRow {
  meetup_id: string;
  user_id: string;
  status: RsvpStatus;
  queue_seq: string;
  joined_at: Date;
  promoted_at: Date | null;
  cancelled_at: Date | null;
  /** Rank among the meetup's WAITLISTED rows, computed by the query; null otherwise. */
  position: number | null;
}

/**
 * RSVP columns with the waitlist position computed as a rank, so positions
 * are 1..n without gaps whoever left. `r` is the meetup_rsvps alias.
 */
export const RSVP_SELECT = `r.meetup_id, r.user_id, r.status, r.queue_seq, r.joined_at, r.promoted_at, r.cancelled_at,
  CASE WHEN r.status = 'WAITLISTED' THEN (
    SELECT count(*)::int FROM meetup_rsvps w WHERE w.meetup_id = r.meetup_id AND w.status = 'WAITLISTED' AND w.queue_seq <= r.queue_seq
  ) END AS position`;

export function toRsvp(row: RsvpRow): RsvpType {
  return Object.assign(new RsvpType(), {
    meetupId: row.meetup_id,
    userId: row.user_id,
    status: row.status,
    waitlistPosition: row.status === RsvpStatus.WAITLISTED ? row.position : null,
    joinedAt: row.joined_at,
    promotedAt: row.promoted_at,
    cancelledAt: row.cancelled_at,
  });
}
