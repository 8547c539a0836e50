/** What a digest says, as plain data: built by DigestContentLoader, worded by digest-texts. */

export interface LocalizedName {
  en: string;
  zh: string;
}

export interface OpeningItem {
  id: string;
  company: string;
  title: string;
  location: string | null;
  remote: boolean;
  /** The last day it takes requests, in the referrer's calendar (YYYY-MM-DD). */
  closesOn: string | null;
  /** 0..1, referralReadiness() of the recipient for this opening. */
  readiness: number;
}

export interface StatusChangeItem {
  requestId: string;
  company: string;
  title: string;
  /** The request's latest status within the period. */
  status: string;
  at: Date;
}

export interface WaitingRequestItem {
  requestId: string;
  switcherName: string;
  company: string;
  title: string;
  requestedAt: Date;
}

export interface ReferralDigestContent {
  /** The recipient's target field (null for someone without a switcher profile). */
  field: LocalizedName | null;
  /** Best readiness first, at most MAX_ITEMS; `moreOpenings` counts the rest. */
  openings: OpeningItem[];
  moreOpenings: number;
  changes: StatusChangeItem[];
  moreChanges: number;
  waiting: WaitingRequestItem[];
  moreWaiting: number;
}

export type RsvpState = 'GOING' | 'WAITLISTED' | null;

export interface MeetupItem {
  id: string;
  title: string;
  community: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  online: boolean;
  rsvp: RsvpState;
  /** 1-based, only when WAITLISTED. */
  waitlistPosition: number | null;
}

export interface MeetupDigestContent {
  /** Soonest first, at most MAX_ITEMS; `more` counts the rest. */
  meetups: MeetupItem[];
  more: number;
}

/** Items listed per section; longer lists end with "and N more". */
export const MAX_ITEMS = 10;

export function referralItems(content: ReferralDigestContent): number {
  return content.openings.length + content.moreOpenings + content.changes.length + content.moreChanges + content.waiting.length + content.moreWaiting;
}

export function meetupItems(content: MeetupDigestContent): number {
  return content.meetups.length + content.more;
}
