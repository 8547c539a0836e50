/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AvailabilityOverrideInput = {
  /** false: no sessions that day; true with start and end: those hours instead of the weekly ones; true alone: back to the weekly hours */
  available: boolean;
  /** A date in the mentor's own calendar (their availability time zone) */
  date: string;
  end?: string | null | undefined;
  start?: string | null | undefined;
};

export type AvailabilityRuleInput = {
  /** HH:mm after start; 24:00 for midnight */
  end: string;
  /** HH:mm wall-clock time in the availability time zone */
  start: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday */
  weekday: number;
};

export type Cadence =
  | 'BIWEEKLY'
  | 'MONTHLY'
  | 'WEEKLY';

export type CohortPhaseInput = {
  /** Last day, inclusive */
  endsOn: string;
  stage: Stage;
  /** First day, inclusive */
  startsOn: string;
};

export type CreateCohortInput = {
  communityId: string;
  /** Last day, inclusive; at least 2 days after startsOn (a day per phase) */
  endsOn: string;
  name: string;
  /** KNOWLEDGE, VALIDATION, LEAP in that order, contiguous, covering the cohort's dates; left out: the dates split in three */
  phases?: Array<CohortPhaseInput> | null | undefined;
  /** Switchers admitted at most, 1-1000; null or left out: unlimited. Mentors take no seats. */
  seats?: number | null | undefined;
  /** First day, inclusive */
  startsOn: string;
  targetFieldSlug: string;
};

export type CreateCommunityInput = {
  description?: string | null | undefined;
  /** Focus fields, by slug (at most 20) */
  fieldSlugs?: Array<string> | null | undefined;
  name: string;
  /** PUBLIC when left out */
  visibility?: Visibility | null | undefined;
};

export type CreateMeetupInput = {
  /** Seats, 1-10000; later RSVPs join the waitlist */
  capacity: number;
  communityId: string;
  description?: string | null | undefined;
  /** After startsAt, at most 7 days later */
  endsAt: string;
  /** Topic fields (slugs), at most 10 */
  fieldSlugs?: Array<string> | null | undefined;
  /** Default OTHER */
  kind?: MeetupKind | null | undefined;
  /** Venue; a location, an onlineUrl or both */
  location?: string | null | undefined;
  /** http(s) link to join online */
  onlineUrl?: string | null | undefined;
  /** Topic skills (slugs), at most 10 */
  skillSlugs?: Array<string> | null | undefined;
  startsAt: string;
  /** IANA zone the meetup happens in, e.g. "Asia/Shanghai" */
  timeZone: string;
  title: string;
};

export type CreateReferralOpeningInput = {
  /** The last day requests are taken, in your calendar: today or later, at most a year ahead; null: open until you close it */
  closesOn?: string | null | undefined;
  /** At most 120 characters */
  company: string;
  /** At most 5000 characters */
  description?: string | null | undefined;
  /** The field of the job (see the fields query) */
  fieldSlug: string;
  /** City or region, at most 120 characters */
  location?: string | null | undefined;
  remote: boolean;
  /** The skills the job needs, 1-20 (see the skills query) */
  skillSlugs: Array<string>;
  /** The job title, at most 200 characters */
  title: string;
};

export type EnrollmentRole =
  | 'MENTOR'
  | 'SWITCHER';

export type EnrollmentStatus =
  | 'ADMITTED'
  | 'APPLIED'
  | 'REJECTED'
  | 'WITHDRAWN';

/** OPTIMAL: highest total score; STABLE: no pair would rather swap */
export type MatchMode =
  | 'OPTIMAL'
  | 'STABLE';

export type MatchRunStatus =
  | 'FAILED'
  | 'PUBLISHED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type MeetupKind =
  | 'HACKATHON'
  | 'OTHER'
  | 'TALK'
  | 'WORKSHOP';

export type MeetupStatus =
  | 'CANCELLED'
  | 'SCHEDULED';

/** PENDING: waiting for an organizer of an invite-only community */
export type MembershipStatus =
  | 'ACTIVE'
  | 'PENDING';

export type MentorProfileInput = {
  /** Defaults to true for a new profile */
  acceptingMentees?: boolean | null | undefined;
  bio?: string | null | undefined;
  /** Most active mentees at once, 0-20 (0 pauses new mentorships) */
  capacity: number;
  /** Fields you work in and mentor for */
  fieldSlugs: Array<string>;
  headline: string;
  /** Your levels; replaces all */
  skills: Array<SkillRatingInput>;
  /** The field you switched from, if you made a switch yourself */
  switchedFromFieldSlug?: string | null | undefined;
  /** Also updates your account time zone (IANA name) */
  timeZone?: string | null | undefined;
  yearsExperience?: number | null | undefined;
};

export type MentorshipStatus =
  | 'ACTIVE'
  | 'COMPLETED'
  | 'PAUSED';

/** SUBMITTED: done, with an evidence link, waiting for a mentor or organizer; REJECTED: not accepted, submit new evidence */
export type MilestoneStatus =
  | 'NOT_STARTED'
  | 'REJECTED'
  | 'SUBMITTED'
  | 'VERIFIED';

export type NotificationPreferencesInput = {
  digestHour?: number | null | undefined;
  digestWeekday?: number | null | undefined;
  emailNotifications?: boolean | null | undefined;
  meetupDigest?: boolean | null | undefined;
  referralDigest?: boolean | null | undefined;
  sessionReminders?: boolean | null | undefined;
};

/** REQUESTED -> ACCEPTED or DECLINED; ACCEPTED -> SUBMITTED -> INTERVIEWING -> OFFER -> HIRED, or REJECTED after SUBMITTED; WITHDRAWN by the switcher before SUBMITTED */
export type ReferralStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'HIRED'
  | 'INTERVIEWING'
  | 'OFFER'
  | 'REJECTED'
  | 'REQUESTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type RegisterInput = {
  displayName: string;
  email: string;
  /** Languages spoken, e.g. ["en", "zh"]; defaults to the locale's language */
  languages?: Array<string> | null | undefined;
  /** en or zh-CN; defaults from the Accept-Language header, else en */
  locale?: string | null | undefined;
  password: string;
  roles: Array<Role>;
  timeZone: string;
};

export type RequestStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'EXPIRED'
  | 'PENDING'
  | 'WITHDRAWN';

export type Role =
  | 'ADMIN'
  | 'MENTOR'
  | 'ORGANIZER'
  | 'SWITCHER';

/** CANCELLED: the person left (cancelRsvp) */
export type RsvpStatus =
  | 'CANCELLED'
  | 'GOING'
  | 'WAITLISTED';

export type SchedulingSettingsInput = {
  /** Free minutes kept before and after every session (default 0, at most 240) */
  bufferMinutes?: number | null | undefined;
  /** How far ahead sessions can be booked, in days (default 60, at most 365) */
  horizonDays?: number | null | undefined;
  /** Earliest booking ahead of a session, in minutes (default 720 = 12 h, at most 30 days) */
  minimumNoticeMinutes?: number | null | undefined;
};

export type SessionStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'NO_SHOW'
  | 'SCHEDULED';

export type SkillRatingInput = {
  /** 0 (none) to 5 (expert) */
  level: number;
  skillSlug: string;
};

/** The three stages of a switch: learn, prove it on real work, apply */
export type Stage =
  | 'KNOWLEDGE'
  | 'LEAP'
  | 'VALIDATION';

export type SwitcherProfileInput = {
  /** The field you work in now */
  currentFieldSlug?: string | null | undefined;
  goals?: string | null | undefined;
  /** When you are free for sessions, in your time zone; replaces all */
  preferredWindows?: Array<WeeklyWindowInput> | null | undefined;
  /** Defaults to KNOWLEDGE for a new profile */
  stage?: Stage | null | undefined;
  /** The field you are moving into */
  targetFieldSlug: string;
  /** Also updates your account time zone (IANA name) */
  timeZone?: string | null | undefined;
  /** Hours a week you can spend on the switch, 0-80 */
  weeklyHours?: number | null | undefined;
};

export type UpdateMeInput = {
  displayName?: string | null | undefined;
  languages?: Array<string> | null | undefined;
  locale?: string | null | undefined;
  timeZone?: string | null | undefined;
};

/** PUBLIC: anyone joins at once; INVITE_ONLY: an organizer approves each member */
export type Visibility =
  | 'INVITE_ONLY'
  | 'PUBLIC';

export type WeeklyWindowInput = {
  /** HH:mm in your time zone, after start; 24:00 for midnight */
  end: string;
  /** HH:mm in your time zone */
  start: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday */
  weekday: number;
};

export type ViewerFieldsFragment = { id: string, displayName: string, email: string | null, timeZone: string, locale: string, languages: Array<string>, roles: Array<Role> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, displayName: string, email: string | null, timeZone: string, locale: string, languages: Array<string>, roles: Array<Role> } };

export type RegisterMutationVariables = Exact<{
  input: RegisterInput;
}>;


export type RegisterMutation = { register: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, displayName: string, email: string | null, timeZone: string, locale: string, languages: Array<string>, roles: Array<Role> } } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string, user: { id: string, displayName: string, email: string | null, timeZone: string, locale: string, languages: Array<string>, roles: Array<Role> } } };

export type RefreshTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshTokenMutation = { refreshToken: { accessToken: string, accessTokenExpiresAt: string, refreshToken: string } };

export type LogoutMutationVariables = Exact<{
  refreshToken: string;
}>;


export type LogoutMutation = { logout: boolean };

export type UpdateMeMutationVariables = Exact<{
  input: UpdateMeInput;
}>;


export type UpdateMeMutation = { updateMe: { id: string, displayName: string, email: string | null, timeZone: string, locale: string, languages: Array<string>, roles: Array<Role> } };

export type SettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsQuery = { me: { id: string, calendarFeedUrl: string | null }, notificationPreferences: { referralDigest: boolean, meetupDigest: boolean, sessionReminders: boolean, emailNotifications: boolean, digestWeekday: number, digestHour: number } };

export type UpdateNotificationPreferencesMutationVariables = Exact<{
  input: NotificationPreferencesInput;
}>;


export type UpdateNotificationPreferencesMutation = { updateNotificationPreferences: { referralDigest: boolean, meetupDigest: boolean, sessionReminders: boolean, emailNotifications: boolean, digestWeekday: number, digestHour: number } };

export type RotateCalendarFeedUrlMutationVariables = Exact<{ [key: string]: never; }>;


export type RotateCalendarFeedUrlMutation = { rotateCalendarFeedUrl: string };

export type NotificationsQueryVariables = Exact<{
  first?: number | null | undefined;
  unreadOnly?: boolean | null | undefined;
}>;


export type NotificationsQuery = { notifications: Array<{ id: string, kind: string, title: string, body: string, createdAt: string, readAt: string | null }> };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids: Array<string> | string;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: number };

export type GapFieldsFragment = { radarSvg: string, skills: Array<{ level: number, skill: { slug: string } }>, skillGap: { total: number, maxTotal: number, readiness: number, items: Array<{ required: number, current: number, gap: number, weight: number, weightedGap: number, skill: { slug: string, name: string, dimensionName: string } }> } };

export type TaxonomyQueryVariables = Exact<{ [key: string]: never; }>;


export type TaxonomyQuery = { fields: Array<{ slug: string, name: string, requirements: Array<{ level: number, weight: number, skill: { slug: string, name: string, dimension: string, dimensionName: string } }> }> };

export type SkillsListQueryVariables = Exact<{ [key: string]: never; }>;


export type SkillsListQuery = { skills: Array<{ slug: string, name: string, dimension: string, dimensionName: string }> };

export type MySwitcherProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MySwitcherProfileQuery = { me: { id: string, switcherProfile: { stage: Stage, goals: string | null, weeklyHours: number | null, radarSvg: string, currentField: { slug: string } | null, targetField: { slug: string, name: string }, preferredWindows: Array<{ weekday: number, start: string, end: string }>, skills: Array<{ level: number, skill: { slug: string } }>, skillGap: { total: number, maxTotal: number, readiness: number, items: Array<{ required: number, current: number, gap: number, weight: number, weightedGap: number, skill: { slug: string, name: string, dimensionName: string } }> } } | null } };

export type UpsertSwitcherProfileMutationVariables = Exact<{
  input: SwitcherProfileInput;
}>;


export type UpsertSwitcherProfileMutation = { upsertSwitcherProfile: { stage: Stage, radarSvg: string, targetField: { slug: string, name: string }, skills: Array<{ level: number, skill: { slug: string } }>, skillGap: { total: number, maxTotal: number, readiness: number, items: Array<{ required: number, current: number, gap: number, weight: number, weightedGap: number, skill: { slug: string, name: string, dimensionName: string } }> } } };

export type RateSkillsMutationVariables = Exact<{
  ratings: Array<SkillRatingInput> | SkillRatingInput;
}>;


export type RateSkillsMutation = { rateSkills: { radarSvg: string, skills: Array<{ level: number, skill: { slug: string } }>, skillGap: { total: number, maxTotal: number, readiness: number, items: Array<{ required: number, current: number, gap: number, weight: number, weightedGap: number, skill: { slug: string, name: string, dimensionName: string } }> } } };

export type MyMentorProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMentorProfileQuery = { me: { id: string, mentorProfile: { headline: string, bio: string | null, capacity: number, activeMentees: number, acceptingMentees: boolean, yearsExperience: number | null, rating: number | null, fields: Array<{ slug: string }>, switchedFrom: { slug: string } | null, skills: Array<{ level: number, skill: { slug: string } }> } | null } };

export type UpsertMentorProfileMutationVariables = Exact<{
  input: MentorProfileInput;
}>;


export type UpsertMentorProfileMutation = { upsertMentorProfile: { capacity: number, activeMentees: number, acceptingMentees: boolean } };

export type RecommendationsQueryVariables = Exact<{
  first: number;
}>;


export type RecommendationsQuery = { mentorRecommendations: Array<{ score: number, explanation: string, overlapMinutesPerWeek: number, components: Array<{ key: string, label: string, value: number, weight: number, detail: string }>, mentor: { id: string, displayName: string, timeZone: string, mentorProfile: { headline: string, switchedFrom: { name: string } | null } | null } }> };

export type RequestMentorshipMutationVariables = Exact<{
  mentorId: string;
  message?: string | null | undefined;
}>;


export type RequestMentorshipMutation = { requestMentorship: { id: string, status: RequestStatus, expiresAt: string } };

export type MyRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyRequestsQuery = { myMentorshipRequests: Array<{ id: string, status: RequestStatus, message: string | null, responseNote: string | null, createdAt: string, expiresAt: string, switcher: { id: string, displayName: string, timeZone: string }, mentor: { id: string, displayName: string, timeZone: string }, mentorship: { id: string } | null }> };

export type RespondToRequestMutationVariables = Exact<{
  requestId: string;
  accept: boolean;
  note?: string | null | undefined;
}>;


export type RespondToRequestMutation = { respondToMentorshipRequest: { id: string, status: RequestStatus } };

export type WithdrawRequestMutationVariables = Exact<{
  requestId: string;
}>;


export type WithdrawRequestMutation = { withdrawMentorshipRequest: { id: string, status: RequestStatus } };

export type MyAvailabilityQueryVariables = Exact<{
  mentorId: string;
}>;


export type MyAvailabilityQuery = { mentorAvailability: { timeZone: string, rules: Array<{ weekday: number, start: string, end: string }>, overrides: Array<{ date: string, available: boolean, start: string | null, end: string | null }>, settings: { minimumNoticeMinutes: number, horizonDays: number, bufferMinutes: number } } };

export type SetWeeklyAvailabilityMutationVariables = Exact<{
  timeZone: string;
  rules: Array<AvailabilityRuleInput> | AvailabilityRuleInput;
}>;


export type SetWeeklyAvailabilityMutation = { setWeeklyAvailability: Array<{ id: string, weekday: number, start: string, end: string }> };

export type SetAvailabilityOverrideMutationVariables = Exact<{
  input: AvailabilityOverrideInput;
}>;


export type SetAvailabilityOverrideMutation = { setAvailabilityOverride: boolean };

export type SetSchedulingSettingsMutationVariables = Exact<{
  input: SchedulingSettingsInput;
}>;


export type SetSchedulingSettingsMutation = { setSchedulingSettings: boolean };

export type SessionFieldsFragment = { id: string, start: string, end: string, status: SessionStatus, durationMinutes: number, mentorTimeZone: string, icsUrl: string, cancelReason: string | null, mentor: { id: string, displayName: string, timeZone: string }, switcher: { id: string, displayName: string, timeZone: string }, mentorship: { id: string } };

export type MyMentorshipsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMentorshipsQuery = { myMentorships: Array<{ id: string, status: MentorshipStatus, cadence: Cadence, startedAt: string, mentor: { id: string, displayName: string, timeZone: string }, switcher: { id: string, displayName: string, timeZone: string } }> };

export type MySessionsQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type MySessionsQuery = { mySessions: Array<{ id: string, start: string, end: string, status: SessionStatus, durationMinutes: number, mentorTimeZone: string, icsUrl: string, cancelReason: string | null, mentor: { id: string, displayName: string, timeZone: string }, switcher: { id: string, displayName: string, timeZone: string }, mentorship: { id: string } }> };

export type AvailableSlotsQueryVariables = Exact<{
  mentorId: string;
  from: string;
  to: string;
  timeZone?: string | null | undefined;
}>;


export type AvailableSlotsQuery = { availableSlots: Array<{ start: string, end: string }> };

export type BookSessionMutationVariables = Exact<{
  mentorshipId: string;
  start: string;
  idempotencyKey?: string | null | undefined;
}>;


export type BookSessionMutation = { bookSession: { id: string, start: string, end: string, status: SessionStatus, durationMinutes: number, mentorTimeZone: string, icsUrl: string, cancelReason: string | null, mentor: { id: string, displayName: string, timeZone: string }, switcher: { id: string, displayName: string, timeZone: string }, mentorship: { id: string } } };

export type RescheduleSessionMutationVariables = Exact<{
  sessionId: string;
  start: string;
}>;


export type RescheduleSessionMutation = { rescheduleSession: { id: string, start: string, end: string, status: SessionStatus, durationMinutes: number, mentorTimeZone: string, icsUrl: string, cancelReason: string | null, mentor: { id: string, displayName: string, timeZone: string }, switcher: { id: string, displayName: string, timeZone: string }, mentorship: { id: string } } };

export type CancelSessionMutationVariables = Exact<{
  sessionId: string;
  reason?: string | null | undefined;
}>;


export type CancelSessionMutation = { cancelSession: { id: string, start: string, end: string, status: SessionStatus, durationMinutes: number, mentorTimeZone: string, icsUrl: string, cancelReason: string | null, mentor: { id: string, displayName: string, timeZone: string }, switcher: { id: string, displayName: string, timeZone: string }, mentorship: { id: string } } };

export type SubmitSessionFeedbackMutationVariables = Exact<{
  sessionId: string;
  rating: number;
  comment?: string | null | undefined;
  noShow?: boolean | null | undefined;
}>;


export type SubmitSessionFeedbackMutation = { submitSessionFeedback: boolean };

export type CommunityFieldsFragment = { id: string, name: string, description: string | null, visibility: Visibility, memberCount: number, viewerIsOrganizer: boolean, viewerMembership: MembershipStatus | null };

export type CommunitiesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CommunitiesQuery = { communities: { edges: Array<{ node: { id: string, name: string, description: string | null, visibility: Visibility, memberCount: number, viewerIsOrganizer: boolean, viewerMembership: MembershipStatus | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CommunityQueryVariables = Exact<{
  id: string;
}>;


export type CommunityQuery = { community: { id: string, name: string, description: string | null, visibility: Visibility, memberCount: number, viewerIsOrganizer: boolean, viewerMembership: MembershipStatus | null, organizers: Array<{ id: string, displayName: string }>, cohorts: Array<{ id: string, name: string, startsOn: string, endsOn: string, seats: number | null, seatsTaken: number, targetField: { name: string }, viewerEnrollment: { id: string, role: EnrollmentRole, status: EnrollmentStatus } | null }> } };

export type CreateCommunityMutationVariables = Exact<{
  input: CreateCommunityInput;
}>;


export type CreateCommunityMutation = { createCommunity: { id: string, name: string, description: string | null, visibility: Visibility, memberCount: number, viewerIsOrganizer: boolean, viewerMembership: MembershipStatus | null } };

export type JoinCommunityMutationVariables = Exact<{
  communityId: string;
}>;


export type JoinCommunityMutation = { joinCommunity: { id: string, name: string, description: string | null, visibility: Visibility, memberCount: number, viewerIsOrganizer: boolean, viewerMembership: MembershipStatus | null } };

export type CreateCohortMutationVariables = Exact<{
  input: CreateCohortInput;
}>;


export type CreateCohortMutation = { createCohort: { id: string, name: string } };

export type CohortQueryVariables = Exact<{
  id: string;
}>;


export type CohortQuery = { cohort: { id: string, name: string, startsOn: string, endsOn: string, seats: number | null, seatsTaken: number, viewerIsOrganizer: boolean, targetField: { name: string }, community: { id: string, name: string }, phases: Array<{ stage: Stage, startsOn: string, endsOn: string }>, viewerEnrollment: { id: string, role: EnrollmentRole, status: EnrollmentStatus } | null } };

export type CohortEnrollmentsQueryVariables = Exact<{
  id: string;
}>;


export type CohortEnrollmentsQuery = { cohort: { id: string, enrollments: Array<{ id: string, role: EnrollmentRole, status: EnrollmentStatus, user: { id: string, displayName: string, timeZone: string } }> } };

export type CohortDashboardQueryVariables = Exact<{
  cohortId: string;
}>;


export type CohortDashboardQuery = { cohortDashboard: { seats: number | null, seatsTaken: number, mentorships: number, sessionsHeld: number, sessionsPlanned: number, switchersWithoutRecentSessionCount: number, enrollments: Array<{ role: EnrollmentRole, status: EnrollmentStatus, count: number }>, match: { runId: string, mode: MatchMode, status: MatchRunStatus, published: boolean, totalScore: number | null, meanScore: number | null, pairs: number | null, unmatchedSwitchers: number | null } | null, milestones: Array<{ stage: Stage, milestones: number, expected: number, completed: number, verified: number }> } };

export type EnrollInCohortMutationVariables = Exact<{
  cohortId: string;
  as: EnrollmentRole;
}>;


export type EnrollInCohortMutation = { enrollInCohort: { id: string, role: EnrollmentRole, status: EnrollmentStatus } };

export type DecideEnrollmentMutationVariables = Exact<{
  enrollmentId: string;
  admit: boolean;
}>;


export type DecideEnrollmentMutation = { decideEnrollment: { id: string, status: EnrollmentStatus } };

export type MatchRunFieldsFragment = { id: string, mode: MatchMode, status: MatchRunStatus, error: string | null, totalScore: number | null, meanScore: number | null, minScore: number | null, p10Score: number | null, unmatchedSwitchers: number | null, blockingPairs: number | null, greedyTotalScore: number | null, durationMs: number | null, mentorLoadSpread: { min: number, max: number, stddev: number } | null, pairs: Array<{ score: number, switcher: { id: string, displayName: string }, mentor: { id: string, displayName: string } }> };

export type RunCohortMatchingMutationVariables = Exact<{
  cohortId: string;
  mode: MatchMode;
}>;


export type RunCohortMatchingMutation = { runCohortMatching: { id: string, mode: MatchMode, status: MatchRunStatus, error: string | null, totalScore: number | null, meanScore: number | null, minScore: number | null, p10Score: number | null, unmatchedSwitchers: number | null, blockingPairs: number | null, greedyTotalScore: number | null, durationMs: number | null, mentorLoadSpread: { min: number, max: number, stddev: number } | null, pairs: Array<{ score: number, switcher: { id: string, displayName: string }, mentor: { id: string, displayName: string } }> } };

export type MatchRunQueryVariables = Exact<{
  id: string;
}>;


export type MatchRunQuery = { matchRun: { id: string, mode: MatchMode, status: MatchRunStatus, error: string | null, totalScore: number | null, meanScore: number | null, minScore: number | null, p10Score: number | null, unmatchedSwitchers: number | null, blockingPairs: number | null, greedyTotalScore: number | null, durationMs: number | null, mentorLoadSpread: { min: number, max: number, stddev: number } | null, pairs: Array<{ score: number, switcher: { id: string, displayName: string }, mentor: { id: string, displayName: string } }> } | null };

export type PublishMatchRunMutationVariables = Exact<{
  matchRunId: string;
}>;


export type PublishMatchRunMutation = { publishMatchRun: { id: string, mode: MatchMode, status: MatchRunStatus, error: string | null, totalScore: number | null, meanScore: number | null, minScore: number | null, p10Score: number | null, unmatchedSwitchers: number | null, blockingPairs: number | null, greedyTotalScore: number | null, durationMs: number | null, mentorLoadSpread: { min: number, max: number, stddev: number } | null, pairs: Array<{ score: number, switcher: { id: string, displayName: string }, mentor: { id: string, displayName: string } }> } };

export type MyMilestonesQueryVariables = Exact<{
  cohortId: string;
}>;


export type MyMilestonesQuery = { myMilestones: Array<{ status: MilestoneStatus, evidenceUrl: string | null, milestone: { id: string, stage: Stage, title: string, description: string | null } }> };

export type CompleteMilestoneMutationVariables = Exact<{
  milestoneId: string;
  evidenceUrl: string;
}>;


export type CompleteMilestoneMutation = { completeMilestone: { status: MilestoneStatus, evidenceUrl: string | null } };

export type MyCohortEnrollmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCohortEnrollmentsQuery = { myCohortEnrollments: Array<{ id: string, role: EnrollmentRole, status: EnrollmentStatus, cohort: { id: string, name: string, startsOn: string, endsOn: string, community: { id: string, name: string } } }> };

export type MeetupFieldsFragment = { id: string, title: string, kind: MeetupKind, description: string | null, startsAt: string, endsAt: string, timeZone: string, location: string | null, onlineUrl: string | null, capacity: number, goingCount: number, waitlistCount: number, rsvpOpen: boolean, status: MeetupStatus, community: { id: string, name: string, viewerIsOrganizer: boolean }, viewerRsvp: { status: RsvpStatus, waitlistPosition: number | null } | null };

export type UpcomingMeetupsQueryVariables = Exact<{
  communityId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UpcomingMeetupsQuery = { upcomingMeetups: { edges: Array<{ node: { id: string, title: string, kind: MeetupKind, description: string | null, startsAt: string, endsAt: string, timeZone: string, location: string | null, onlineUrl: string | null, capacity: number, goingCount: number, waitlistCount: number, rsvpOpen: boolean, status: MeetupStatus, community: { id: string, name: string, viewerIsOrganizer: boolean }, viewerRsvp: { status: RsvpStatus, waitlistPosition: number | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MeetupAttendeesQueryVariables = Exact<{
  id: string;
}>;


export type MeetupAttendeesQuery = { meetup: { id: string, attendees: Array<{ status: RsvpStatus, waitlistPosition: number | null, user: { id: string, displayName: string } }> | null } };

export type CreateMeetupMutationVariables = Exact<{
  input: CreateMeetupInput;
}>;


export type CreateMeetupMutation = { createMeetup: { id: string, title: string, kind: MeetupKind, description: string | null, startsAt: string, endsAt: string, timeZone: string, location: string | null, onlineUrl: string | null, capacity: number, goingCount: number, waitlistCount: number, rsvpOpen: boolean, status: MeetupStatus, community: { id: string, name: string, viewerIsOrganizer: boolean }, viewerRsvp: { status: RsvpStatus, waitlistPosition: number | null } | null } };

export type RsvpMutationVariables = Exact<{
  meetupId: string;
}>;


export type RsvpMutation = { rsvp: { status: RsvpStatus, waitlistPosition: number | null, meetup: { id: string, title: string, kind: MeetupKind, description: string | null, startsAt: string, endsAt: string, timeZone: string, location: string | null, onlineUrl: string | null, capacity: number, goingCount: number, waitlistCount: number, rsvpOpen: boolean, status: MeetupStatus, community: { id: string, name: string, viewerIsOrganizer: boolean }, viewerRsvp: { status: RsvpStatus, waitlistPosition: number | null } | null } } };

export type CancelRsvpMutationVariables = Exact<{
  meetupId: string;
}>;


export type CancelRsvpMutation = { cancelRsvp: { status: RsvpStatus, meetup: { id: string, title: string, kind: MeetupKind, description: string | null, startsAt: string, endsAt: string, timeZone: string, location: string | null, onlineUrl: string | null, capacity: number, goingCount: number, waitlistCount: number, rsvpOpen: boolean, status: MeetupStatus, community: { id: string, name: string, viewerIsOrganizer: boolean }, viewerRsvp: { status: RsvpStatus, waitlistPosition: number | null } | null } } };

export type OpeningFieldsFragment = { id: string, company: string, title: string, location: string | null, remote: boolean, closesOn: string | null, closed: boolean, viewerReadiness: number | null, field: { name: string }, skills: Array<{ slug: string, name: string }>, referrer: { id: string, displayName: string }, viewerRequest: { id: string, status: ReferralStatus } | null };

export type ReferralOpeningsQueryVariables = Exact<{
  fieldSlug?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReferralOpeningsQuery = { referralOpenings: { edges: Array<{ node: { id: string, company: string, title: string, location: string | null, remote: boolean, closesOn: string | null, closed: boolean, viewerReadiness: number | null, field: { name: string }, skills: Array<{ slug: string, name: string }>, referrer: { id: string, displayName: string }, viewerRequest: { id: string, status: ReferralStatus } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyReferralRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyReferralRequestsQuery = { myReferralRequests: Array<{ id: string, status: ReferralStatus, readiness: number, note: string | null, updatedAt: string, switcher: { id: string, displayName: string }, opening: { id: string, company: string, title: string, referrer: { id: string } } }> };

export type CreateReferralOpeningMutationVariables = Exact<{
  input: CreateReferralOpeningInput;
}>;


export type CreateReferralOpeningMutation = { createReferralOpening: { id: string, company: string, title: string, location: string | null, remote: boolean, closesOn: string | null, closed: boolean, viewerReadiness: number | null, field: { name: string }, skills: Array<{ slug: string, name: string }>, referrer: { id: string, displayName: string }, viewerRequest: { id: string, status: ReferralStatus } | null } };

export type RequestReferralMutationVariables = Exact<{
  openingId: string;
  note?: string | null | undefined;
}>;


export type RequestReferralMutation = { requestReferral: { id: string, status: ReferralStatus, readiness: number } };

export type UpdateReferralRequestMutationVariables = Exact<{
  requestId: string;
  status: ReferralStatus;
  note?: string | null | undefined;
}>;


export type UpdateReferralRequestMutation = { updateReferralRequest: { id: string, status: ReferralStatus } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ViewerFieldsFragmentDoc = new TypedDocumentString(`
    fragment ViewerFields on User {
  id
  displayName
  email
  timeZone
  locale
  languages
  roles
}
    `, {"fragmentName":"ViewerFields"}) as unknown as TypedDocumentString<ViewerFieldsFragment, unknown>;
export const GapFieldsFragmentDoc = new TypedDocumentString(`
    fragment GapFields on SwitcherProfile {
  radarSvg
  skills {
    level
    skill {
      slug
    }
  }
  skillGap {
    total
    maxTotal
    readiness
    items {
      required
      current
      gap
      weight
      weightedGap
      skill {
        slug
        name
        dimensionName
      }
    }
  }
}
    `, {"fragmentName":"GapFields"}) as unknown as TypedDocumentString<GapFieldsFragment, unknown>;
export const SessionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SessionFields on MentoringSession {
  id
  start
  end
  status
  durationMinutes
  mentorTimeZone
  icsUrl
  cancelReason
  mentor {
    id
    displayName
    timeZone
  }
  switcher {
    id
    displayName
    timeZone
  }
  mentorship {
    id
  }
}
    `, {"fragmentName":"SessionFields"}) as unknown as TypedDocumentString<SessionFieldsFragment, unknown>;
export const CommunityFieldsFragmentDoc = new TypedDocumentString(`
    fragment CommunityFields on Community {
  id
  name
  description
  visibility
  memberCount
  viewerIsOrganizer
  viewerMembership
}
    `, {"fragmentName":"CommunityFields"}) as unknown as TypedDocumentString<CommunityFieldsFragment, unknown>;
export const MatchRunFieldsFragmentDoc = new TypedDocumentString(`
    fragment MatchRunFields on MatchRun {
  id
  mode
  status
  error
  totalScore
  meanScore
  minScore
  p10Score
  unmatchedSwitchers
  blockingPairs
  greedyTotalScore
  durationMs
  mentorLoadSpread {
    min
    max
    stddev
  }
  pairs {
    score
    switcher {
      id
      displayName
    }
    mentor {
      id
      displayName
    }
  }
}
    `, {"fragmentName":"MatchRunFields"}) as unknown as TypedDocumentString<MatchRunFieldsFragment, unknown>;
export const MeetupFieldsFragmentDoc = new TypedDocumentString(`
    fragment MeetupFields on Meetup {
  id
  title
  kind
  description
  startsAt
  endsAt
  timeZone
  location
  onlineUrl
  capacity
  goingCount
  waitlistCount
  rsvpOpen
  status
  community {
    id
    name
    viewerIsOrganizer
  }
  viewerRsvp {
    status
    waitlistPosition
  }
}
    `, {"fragmentName":"MeetupFields"}) as unknown as TypedDocumentString<MeetupFieldsFragment, unknown>;
export const OpeningFieldsFragmentDoc = new TypedDocumentString(`
    fragment OpeningFields on ReferralOpening {
  id
  company
  title
  location
  remote
  closesOn
  closed
  viewerReadiness
  field {
    name
  }
  skills {
    slug
    name
  }
  referrer {
    id
    displayName
  }
  viewerRequest {
    id
    status
  }
}
    `, {"fragmentName":"OpeningFields"}) as unknown as TypedDocumentString<OpeningFieldsFragment, unknown>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    ...ViewerFields
  }
}
    fragment ViewerFields on User {
  id
  displayName
  email
  timeZone
  locale
  languages
  roles
}`) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($input: RegisterInput!) {
  register(input: $input) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      ...ViewerFields
    }
  }
}
    fragment ViewerFields on User {
  id
  displayName
  email
  timeZone
  locale
  languages
  roles
}`) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      ...ViewerFields
    }
  }
}
    fragment ViewerFields on User {
  id
  displayName
  email
  timeZone
  locale
  languages
  roles
}`) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshTokenDocument = new TypedDocumentString(`
    mutation RefreshToken($refreshToken: String!) {
  refreshToken(refreshToken: $refreshToken) {
    accessToken
    accessTokenExpiresAt
    refreshToken
  }
}
    `) as unknown as TypedDocumentString<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout($refreshToken: String!) {
  logout(refreshToken: $refreshToken)
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const UpdateMeDocument = new TypedDocumentString(`
    mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) {
    ...ViewerFields
  }
}
    fragment ViewerFields on User {
  id
  displayName
  email
  timeZone
  locale
  languages
  roles
}`) as unknown as TypedDocumentString<UpdateMeMutation, UpdateMeMutationVariables>;
export const SettingsDocument = new TypedDocumentString(`
    query Settings {
  me {
    id
    calendarFeedUrl
  }
  notificationPreferences {
    referralDigest
    meetupDigest
    sessionReminders
    emailNotifications
    digestWeekday
    digestHour
  }
}
    `) as unknown as TypedDocumentString<SettingsQuery, SettingsQueryVariables>;
export const UpdateNotificationPreferencesDocument = new TypedDocumentString(`
    mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) {
    referralDigest
    meetupDigest
    sessionReminders
    emailNotifications
    digestWeekday
    digestHour
  }
}
    `) as unknown as TypedDocumentString<UpdateNotificationPreferencesMutation, UpdateNotificationPreferencesMutationVariables>;
export const RotateCalendarFeedUrlDocument = new TypedDocumentString(`
    mutation RotateCalendarFeedUrl {
  rotateCalendarFeedUrl
}
    `) as unknown as TypedDocumentString<RotateCalendarFeedUrlMutation, RotateCalendarFeedUrlMutationVariables>;
export const NotificationsDocument = new TypedDocumentString(`
    query Notifications($first: Int, $unreadOnly: Boolean) {
  notifications(first: $first, unreadOnly: $unreadOnly) {
    id
    kind
    title
    body
    createdAt
    readAt
  }
}
    `) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkNotificationsRead($ids: [ID!]!) {
  markNotificationsRead(ids: $ids)
}
    `) as unknown as TypedDocumentString<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const TaxonomyDocument = new TypedDocumentString(`
    query Taxonomy {
  fields {
    slug
    name
    requirements {
      level
      weight
      skill {
        slug
        name
        dimension
        dimensionName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TaxonomyQuery, TaxonomyQueryVariables>;
export const SkillsListDocument = new TypedDocumentString(`
    query SkillsList {
  skills {
    slug
    name
    dimension
    dimensionName
  }
}
    `) as unknown as TypedDocumentString<SkillsListQuery, SkillsListQueryVariables>;
export const MySwitcherProfileDocument = new TypedDocumentString(`
    query MySwitcherProfile {
  me {
    id
    switcherProfile {
      stage
      goals
      weeklyHours
      currentField {
        slug
      }
      targetField {
        slug
        name
      }
      preferredWindows {
        weekday
        start
        end
      }
      ...GapFields
    }
  }
}
    fragment GapFields on SwitcherProfile {
  radarSvg
  skills {
    level
    skill {
      slug
    }
  }
  skillGap {
    total
    maxTotal
    readiness
    items {
      required
      current
      gap
      weight
      weightedGap
      skill {
        slug
        name
        dimensionName
      }
    }
  }
}`) as unknown as TypedDocumentString<MySwitcherProfileQuery, MySwitcherProfileQueryVariables>;
export const UpsertSwitcherProfileDocument = new TypedDocumentString(`
    mutation UpsertSwitcherProfile($input: SwitcherProfileInput!) {
  upsertSwitcherProfile(input: $input) {
    stage
    targetField {
      slug
      name
    }
    ...GapFields
  }
}
    fragment GapFields on SwitcherProfile {
  radarSvg
  skills {
    level
    skill {
      slug
    }
  }
  skillGap {
    total
    maxTotal
    readiness
    items {
      required
      current
      gap
      weight
      weightedGap
      skill {
        slug
        name
        dimensionName
      }
    }
  }
}`) as unknown as TypedDocumentString<UpsertSwitcherProfileMutation, UpsertSwitcherProfileMutationVariables>;
export const RateSkillsDocument = new TypedDocumentString(`
    mutation RateSkills($ratings: [SkillRatingInput!]!) {
  rateSkills(ratings: $ratings) {
    ...GapFields
  }
}
    fragment GapFields on SwitcherProfile {
  radarSvg
  skills {
    level
    skill {
      slug
    }
  }
  skillGap {
    total
    maxTotal
    readiness
    items {
      required
      current
      gap
      weight
      weightedGap
      skill {
        slug
        name
        dimensionName
      }
    }
  }
}`) as unknown as TypedDocumentString<RateSkillsMutation, RateSkillsMutationVariables>;
export const MyMentorProfileDocument = new TypedDocumentString(`
    query MyMentorProfile {
  me {
    id
    mentorProfile {
      headline
      bio
      capacity
      activeMentees
      acceptingMentees
      yearsExperience
      rating
      fields {
        slug
      }
      switchedFrom {
        slug
      }
      skills {
        level
        skill {
          slug
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyMentorProfileQuery, MyMentorProfileQueryVariables>;
export const UpsertMentorProfileDocument = new TypedDocumentString(`
    mutation UpsertMentorProfile($input: MentorProfileInput!) {
  upsertMentorProfile(input: $input) {
    capacity
    activeMentees
    acceptingMentees
  }
}
    `) as unknown as TypedDocumentString<UpsertMentorProfileMutation, UpsertMentorProfileMutationVariables>;
export const RecommendationsDocument = new TypedDocumentString(`
    query Recommendations($first: Int!) {
  mentorRecommendations(first: $first) {
    score
    explanation
    overlapMinutesPerWeek
    components {
      key
      label
      value
      weight
      detail
    }
    mentor {
      id
      displayName
      timeZone
      mentorProfile {
        headline
        switchedFrom {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RecommendationsQuery, RecommendationsQueryVariables>;
export const RequestMentorshipDocument = new TypedDocumentString(`
    mutation RequestMentorship($mentorId: ID!, $message: String) {
  requestMentorship(mentorId: $mentorId, message: $message) {
    id
    status
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<RequestMentorshipMutation, RequestMentorshipMutationVariables>;
export const MyRequestsDocument = new TypedDocumentString(`
    query MyRequests {
  myMentorshipRequests {
    id
    status
    message
    responseNote
    createdAt
    expiresAt
    switcher {
      id
      displayName
      timeZone
    }
    mentor {
      id
      displayName
      timeZone
    }
    mentorship {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<MyRequestsQuery, MyRequestsQueryVariables>;
export const RespondToRequestDocument = new TypedDocumentString(`
    mutation RespondToRequest($requestId: ID!, $accept: Boolean!, $note: String) {
  respondToMentorshipRequest(requestId: $requestId, accept: $accept, note: $note) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RespondToRequestMutation, RespondToRequestMutationVariables>;
export const WithdrawRequestDocument = new TypedDocumentString(`
    mutation WithdrawRequest($requestId: ID!) {
  withdrawMentorshipRequest(requestId: $requestId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WithdrawRequestMutation, WithdrawRequestMutationVariables>;
export const MyAvailabilityDocument = new TypedDocumentString(`
    query MyAvailability($mentorId: ID!) {
  mentorAvailability(mentorId: $mentorId) {
    timeZone
    rules {
      weekday
      start
      end
    }
    overrides {
      date
      available
      start
      end
    }
    settings {
      minimumNoticeMinutes
      horizonDays
      bufferMinutes
    }
  }
}
    `) as unknown as TypedDocumentString<MyAvailabilityQuery, MyAvailabilityQueryVariables>;
export const SetWeeklyAvailabilityDocument = new TypedDocumentString(`
    mutation SetWeeklyAvailability($timeZone: String!, $rules: [AvailabilityRuleInput!]!) {
  setWeeklyAvailability(timeZone: $timeZone, rules: $rules) {
    id
    weekday
    start
    end
  }
}
    `) as unknown as TypedDocumentString<SetWeeklyAvailabilityMutation, SetWeeklyAvailabilityMutationVariables>;
export const SetAvailabilityOverrideDocument = new TypedDocumentString(`
    mutation SetAvailabilityOverride($input: AvailabilityOverrideInput!) {
  setAvailabilityOverride(input: $input)
}
    `) as unknown as TypedDocumentString<SetAvailabilityOverrideMutation, SetAvailabilityOverrideMutationVariables>;
export const SetSchedulingSettingsDocument = new TypedDocumentString(`
    mutation SetSchedulingSettings($input: SchedulingSettingsInput!) {
  setSchedulingSettings(input: $input)
}
    `) as unknown as TypedDocumentString<SetSchedulingSettingsMutation, SetSchedulingSettingsMutationVariables>;
export const MyMentorshipsDocument = new TypedDocumentString(`
    query MyMentorships {
  myMentorships {
    id
    status
    cadence
    startedAt
    mentor {
      id
      displayName
      timeZone
    }
    switcher {
      id
      displayName
      timeZone
    }
  }
}
    `) as unknown as TypedDocumentString<MyMentorshipsQuery, MyMentorshipsQueryVariables>;
export const MySessionsDocument = new TypedDocumentString(`
    query MySessions($from: DateTime!, $to: DateTime!) {
  mySessions(from: $from, to: $to) {
    ...SessionFields
  }
}
    fragment SessionFields on MentoringSession {
  id
  start
  end
  status
  durationMinutes
  mentorTimeZone
  icsUrl
  cancelReason
  mentor {
    id
    displayName
    timeZone
  }
  switcher {
    id
    displayName
    timeZone
  }
  mentorship {
    id
  }
}`) as unknown as TypedDocumentString<MySessionsQuery, MySessionsQueryVariables>;
export const AvailableSlotsDocument = new TypedDocumentString(`
    query AvailableSlots($mentorId: ID!, $from: DateTime!, $to: DateTime!, $timeZone: String) {
  availableSlots(
    mentorId: $mentorId
    from: $from
    to: $to
    durationMinutes: 60
    timeZone: $timeZone
  ) {
    start
    end
  }
}
    `) as unknown as TypedDocumentString<AvailableSlotsQuery, AvailableSlotsQueryVariables>;
export const BookSessionDocument = new TypedDocumentString(`
    mutation BookSession($mentorshipId: ID!, $start: DateTime!, $idempotencyKey: String) {
  bookSession(
    mentorshipId: $mentorshipId
    start: $start
    idempotencyKey: $idempotencyKey
  ) {
    ...SessionFields
  }
}
    fragment SessionFields on MentoringSession {
  id
  start
  end
  status
  durationMinutes
  mentorTimeZone
  icsUrl
  cancelReason
  mentor {
    id
    displayName
    timeZone
  }
  switcher {
    id
    displayName
    timeZone
  }
  mentorship {
    id
  }
}`) as unknown as TypedDocumentString<BookSessionMutation, BookSessionMutationVariables>;
export const RescheduleSessionDocument = new TypedDocumentString(`
    mutation RescheduleSession($sessionId: ID!, $start: DateTime!) {
  rescheduleSession(sessionId: $sessionId, start: $start) {
    ...SessionFields
  }
}
    fragment SessionFields on MentoringSession {
  id
  start
  end
  status
  durationMinutes
  mentorTimeZone
  icsUrl
  cancelReason
  mentor {
    id
    displayName
    timeZone
  }
  switcher {
    id
    displayName
    timeZone
  }
  mentorship {
    id
  }
}`) as unknown as TypedDocumentString<RescheduleSessionMutation, RescheduleSessionMutationVariables>;
export const CancelSessionDocument = new TypedDocumentString(`
    mutation CancelSession($sessionId: ID!, $reason: String) {
  cancelSession(sessionId: $sessionId, reason: $reason) {
    ...SessionFields
  }
}
    fragment SessionFields on MentoringSession {
  id
  start
  end
  status
  durationMinutes
  mentorTimeZone
  icsUrl
  cancelReason
  mentor {
    id
    displayName
    timeZone
  }
  switcher {
    id
    displayName
    timeZone
  }
  mentorship {
    id
  }
}`) as unknown as TypedDocumentString<CancelSessionMutation, CancelSessionMutationVariables>;
export const SubmitSessionFeedbackDocument = new TypedDocumentString(`
    mutation SubmitSessionFeedback($sessionId: ID!, $rating: Int!, $comment: String, $noShow: Boolean) {
  submitSessionFeedback(
    sessionId: $sessionId
    rating: $rating
    comment: $comment
    noShow: $noShow
  )
}
    `) as unknown as TypedDocumentString<SubmitSessionFeedbackMutation, SubmitSessionFeedbackMutationVariables>;
export const CommunitiesDocument = new TypedDocumentString(`
    query Communities($first: Int, $after: String) {
  communities(first: $first, after: $after) {
    edges {
      node {
        ...CommunityFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment CommunityFields on Community {
  id
  name
  description
  visibility
  memberCount
  viewerIsOrganizer
  viewerMembership
}`) as unknown as TypedDocumentString<CommunitiesQuery, CommunitiesQueryVariables>;
export const CommunityDocument = new TypedDocumentString(`
    query Community($id: ID!) {
  community(id: $id) {
    ...CommunityFields
    organizers {
      id
      displayName
    }
    cohorts {
      id
      name
      startsOn
      endsOn
      seats
      seatsTaken
      targetField {
        name
      }
      viewerEnrollment {
        id
        role
        status
      }
    }
  }
}
    fragment CommunityFields on Community {
  id
  name
  description
  visibility
  memberCount
  viewerIsOrganizer
  viewerMembership
}`) as unknown as TypedDocumentString<CommunityQuery, CommunityQueryVariables>;
export const CreateCommunityDocument = new TypedDocumentString(`
    mutation CreateCommunity($input: CreateCommunityInput!) {
  createCommunity(input: $input) {
    ...CommunityFields
  }
}
    fragment CommunityFields on Community {
  id
  name
  description
  visibility
  memberCount
  viewerIsOrganizer
  viewerMembership
}`) as unknown as TypedDocumentString<CreateCommunityMutation, CreateCommunityMutationVariables>;
export const JoinCommunityDocument = new TypedDocumentString(`
    mutation JoinCommunity($communityId: ID!) {
  joinCommunity(communityId: $communityId) {
    ...CommunityFields
  }
}
    fragment CommunityFields on Community {
  id
  name
  description
  visibility
  memberCount
  viewerIsOrganizer
  viewerMembership
}`) as unknown as TypedDocumentString<JoinCommunityMutation, JoinCommunityMutationVariables>;
export const CreateCohortDocument = new TypedDocumentString(`
    mutation CreateCohort($input: CreateCohortInput!) {
  createCohort(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CreateCohortMutation, CreateCohortMutationVariables>;
export const CohortDocument = new TypedDocumentString(`
    query Cohort($id: ID!) {
  cohort(id: $id) {
    id
    name
    startsOn
    endsOn
    seats
    seatsTaken
    viewerIsOrganizer
    targetField {
      name
    }
    community {
      id
      name
    }
    phases {
      stage
      startsOn
      endsOn
    }
    viewerEnrollment {
      id
      role
      status
    }
  }
}
    `) as unknown as TypedDocumentString<CohortQuery, CohortQueryVariables>;
export const CohortEnrollmentsDocument = new TypedDocumentString(`
    query CohortEnrollments($id: ID!) {
  cohort(id: $id) {
    id
    enrollments {
      id
      role
      status
      user {
        id
        displayName
        timeZone
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CohortEnrollmentsQuery, CohortEnrollmentsQueryVariables>;
export const CohortDashboardDocument = new TypedDocumentString(`
    query CohortDashboard($cohortId: ID!) {
  cohortDashboard(cohortId: $cohortId) {
    seats
    seatsTaken
    mentorships
    sessionsHeld
    sessionsPlanned
    switchersWithoutRecentSessionCount
    enrollments {
      role
      status
      count
    }
    match {
      runId
      mode
      status
      published
      totalScore
      meanScore
      pairs
      unmatchedSwitchers
    }
    milestones {
      stage
      milestones
      expected
      completed
      verified
    }
  }
}
    `) as unknown as TypedDocumentString<CohortDashboardQuery, CohortDashboardQueryVariables>;
export const EnrollInCohortDocument = new TypedDocumentString(`
    mutation EnrollInCohort($cohortId: ID!, $as: EnrollmentRole!) {
  enrollInCohort(cohortId: $cohortId, as: $as) {
    id
    role
    status
  }
}
    `) as unknown as TypedDocumentString<EnrollInCohortMutation, EnrollInCohortMutationVariables>;
export const DecideEnrollmentDocument = new TypedDocumentString(`
    mutation DecideEnrollment($enrollmentId: ID!, $admit: Boolean!) {
  decideEnrollment(enrollmentId: $enrollmentId, admit: $admit) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DecideEnrollmentMutation, DecideEnrollmentMutationVariables>;
export const RunCohortMatchingDocument = new TypedDocumentString(`
    mutation RunCohortMatching($cohortId: ID!, $mode: MatchMode!) {
  runCohortMatching(cohortId: $cohortId, mode: $mode) {
    ...MatchRunFields
  }
}
    fragment MatchRunFields on MatchRun {
  id
  mode
  status
  error
  totalScore
  meanScore
  minScore
  p10Score
  unmatchedSwitchers
  blockingPairs
  greedyTotalScore
  durationMs
  mentorLoadSpread {
    min
    max
    stddev
  }
  pairs {
    score
    switcher {
      id
      displayName
    }
    mentor {
      id
      displayName
    }
  }
}`) as unknown as TypedDocumentString<RunCohortMatchingMutation, RunCohortMatchingMutationVariables>;
export const MatchRunDocument = new TypedDocumentString(`
    query MatchRun($id: ID!) {
  matchRun(id: $id) {
    ...MatchRunFields
  }
}
    fragment MatchRunFields on MatchRun {
  id
  mode
  status
  error
  totalScore
  meanScore
  minScore
  p10Score
  unmatchedSwitchers
  blockingPairs
  greedyTotalScore
  durationMs
  mentorLoadSpread {
    min
    max
    stddev
  }
  pairs {
    score
    switcher {
      id
      displayName
    }
    mentor {
      id
      displayName
    }
  }
}`) as unknown as TypedDocumentString<MatchRunQuery, MatchRunQueryVariables>;
export const PublishMatchRunDocument = new TypedDocumentString(`
    mutation PublishMatchRun($matchRunId: ID!) {
  publishMatchRun(matchRunId: $matchRunId) {
    ...MatchRunFields
  }
}
    fragment MatchRunFields on MatchRun {
  id
  mode
  status
  error
  totalScore
  meanScore
  minScore
  p10Score
  unmatchedSwitchers
  blockingPairs
  greedyTotalScore
  durationMs
  mentorLoadSpread {
    min
    max
    stddev
  }
  pairs {
    score
    switcher {
      id
      displayName
    }
    mentor {
      id
      displayName
    }
  }
}`) as unknown as TypedDocumentString<PublishMatchRunMutation, PublishMatchRunMutationVariables>;
export const MyMilestonesDocument = new TypedDocumentString(`
    query MyMilestones($cohortId: ID!) {
  myMilestones(cohortId: $cohortId) {
    status
    evidenceUrl
    milestone {
      id
      stage
      title
      description
    }
  }
}
    `) as unknown as TypedDocumentString<MyMilestonesQuery, MyMilestonesQueryVariables>;
export const CompleteMilestoneDocument = new TypedDocumentString(`
    mutation CompleteMilestone($milestoneId: ID!, $evidenceUrl: String!) {
  completeMilestone(milestoneId: $milestoneId, evidenceUrl: $evidenceUrl) {
    status
    evidenceUrl
  }
}
    `) as unknown as TypedDocumentString<CompleteMilestoneMutation, CompleteMilestoneMutationVariables>;
export const MyCohortEnrollmentsDocument = new TypedDocumentString(`
    query MyCohortEnrollments {
  myCohortEnrollments {
    id
    role
    status
    cohort {
      id
      name
      startsOn
      endsOn
      community {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyCohortEnrollmentsQuery, MyCohortEnrollmentsQueryVariables>;
export const UpcomingMeetupsDocument = new TypedDocumentString(`
    query UpcomingMeetups($communityId: ID, $first: Int, $after: String) {
  upcomingMeetups(communityId: $communityId, first: $first, after: $after) {
    edges {
      node {
        ...MeetupFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment MeetupFields on Meetup {
  id
  title
  kind
  description
  startsAt
  endsAt
  timeZone
  location
  onlineUrl
  capacity
  goingCount
  waitlistCount
  rsvpOpen
  status
  community {
    id
    name
    viewerIsOrganizer
  }
  viewerRsvp {
    status
    waitlistPosition
  }
}`) as unknown as TypedDocumentString<UpcomingMeetupsQuery, UpcomingMeetupsQueryVariables>;
export const MeetupAttendeesDocument = new TypedDocumentString(`
    query MeetupAttendees($id: ID!) {
  meetup(id: $id) {
    id
    attendees {
      status
      waitlistPosition
      user {
        id
        displayName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MeetupAttendeesQuery, MeetupAttendeesQueryVariables>;
export const CreateMeetupDocument = new TypedDocumentString(`
    mutation CreateMeetup($input: CreateMeetupInput!) {
  createMeetup(input: $input) {
    ...MeetupFields
  }
}
    fragment MeetupFields on Meetup {
  id
  title
  kind
  description
  startsAt
  endsAt
  timeZone
  location
  onlineUrl
  capacity
  goingCount
  waitlistCount
  rsvpOpen
  status
  community {
    id
    name
    viewerIsOrganizer
  }
  viewerRsvp {
    status
    waitlistPosition
  }
}`) as unknown as TypedDocumentString<CreateMeetupMutation, CreateMeetupMutationVariables>;
export const RsvpDocument = new TypedDocumentString(`
    mutation Rsvp($meetupId: ID!) {
  rsvp(meetupId: $meetupId) {
    status
    waitlistPosition
    meetup {
      ...MeetupFields
    }
  }
}
    fragment MeetupFields on Meetup {
  id
  title
  kind
  description
  startsAt
  endsAt
  timeZone
  location
  onlineUrl
  capacity
  goingCount
  waitlistCount
  rsvpOpen
  status
  community {
    id
    name
    viewerIsOrganizer
  }
  viewerRsvp {
    status
    waitlistPosition
  }
}`) as unknown as TypedDocumentString<RsvpMutation, RsvpMutationVariables>;
export const CancelRsvpDocument = new TypedDocumentString(`
    mutation CancelRsvp($meetupId: ID!) {
  cancelRsvp(meetupId: $meetupId) {
    status
    meetup {
      ...MeetupFields
    }
  }
}
    fragment MeetupFields on Meetup {
  id
  title
  kind
  description
  startsAt
  endsAt
  timeZone
  location
  onlineUrl
  capacity
  goingCount
  waitlistCount
  rsvpOpen
  status
  community {
    id
    name
    viewerIsOrganizer
  }
  viewerRsvp {
    status
    waitlistPosition
  }
}`) as unknown as TypedDocumentString<CancelRsvpMutation, CancelRsvpMutationVariables>;
export const ReferralOpeningsDocument = new TypedDocumentString(`
    query ReferralOpenings($fieldSlug: String, $first: Int, $after: String) {
  referralOpenings(fieldSlug: $fieldSlug, first: $first, after: $after) {
    edges {
      node {
        ...OpeningFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment OpeningFields on ReferralOpening {
  id
  company
  title
  location
  remote
  closesOn
  closed
  viewerReadiness
  field {
    name
  }
  skills {
    slug
    name
  }
  referrer {
    id
    displayName
  }
  viewerRequest {
    id
    status
  }
}`) as unknown as TypedDocumentString<ReferralOpeningsQuery, ReferralOpeningsQueryVariables>;
export const MyReferralRequestsDocument = new TypedDocumentString(`
    query MyReferralRequests {
  myReferralRequests {
    id
    status
    readiness
    note
    updatedAt
    switcher {
      id
      displayName
    }
    opening {
      id
      company
      title
      referrer {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyReferralRequestsQuery, MyReferralRequestsQueryVariables>;
export const CreateReferralOpeningDocument = new TypedDocumentString(`
    mutation CreateReferralOpening($input: CreateReferralOpeningInput!) {
  createReferralOpening(input: $input) {
    ...OpeningFields
  }
}
    fragment OpeningFields on ReferralOpening {
  id
  company
  title
  location
  remote
  closesOn
  closed
  viewerReadiness
  field {
    name
  }
  skills {
    slug
    name
  }
  referrer {
    id
    displayName
  }
  viewerRequest {
    id
    status
  }
}`) as unknown as TypedDocumentString<CreateReferralOpeningMutation, CreateReferralOpeningMutationVariables>;
export const RequestReferralDocument = new TypedDocumentString(`
    mutation RequestReferral($openingId: ID!, $note: String) {
  requestReferral(openingId: $openingId, note: $note) {
    id
    status
    readiness
  }
}
    `) as unknown as TypedDocumentString<RequestReferralMutation, RequestReferralMutationVariables>;
export const UpdateReferralRequestDocument = new TypedDocumentString(`
    mutation UpdateReferralRequest($requestId: ID!, $status: ReferralStatus!, $note: String) {
  updateReferralRequest(requestId: $requestId, status: $status, note: $note) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<UpdateReferralRequestMutation, UpdateReferralRequestMutationVariables>;