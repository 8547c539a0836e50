/**
 * What the scorer knows about mentors and switchers: plain data, loaded by the
 * matching service from PostgreSQL (profiles, ratings, availability,
 * mentorships, session feedback) and kept in the recommendation index.
 */

/** A weekly wall-clock window in `timeZone`; minutes since local midnight, end > start, end <= 1440. */
export interface WeeklyWindow {
  weekday: number; // ISO 1 = Monday ... 7 = Sunday
  startMinute: number;
  endMinute: number;
}

export interface MentorFeatures {
  id: string;
  displayName: string;
  /** Fields the mentor works in (and mentors for). */
  fieldIds: string[];
  /** The field the mentor switched from, if they made a switch. */
  switchedFromFieldId: string | null;
  /** Language codes such as "en", "zh". */
  languages: string[];
  capacity: number; // 0-20
  activeMentees: number;
  acceptingMentees: boolean;
  /** The mentor's level (0-5) per skill id; missing = 0. */
  skillLevels: Record<string, number>;
  timeZone: string;
  availability: WeeklyWindow[];
  /** Session history, once sessions exist; null before (neutral reliability). */
  reliability: { sessions: number; meanRating: number | null; noShows: number } | null;
}

export interface GapItemInput {
  skillId: string;
  required: number;
  current: number;
  weight: number;
}

export interface SwitcherFeatures {
  id: string;
  currentFieldId: string | null;
  targetFieldId: string;
  languages: string[];
  timeZone: string;
  preferredWindows: WeeklyWindow[];
  /** The target field's requirements with the switcher's current levels (unrated = 0). */
  gap: GapItemInput[];
  /** Mentors already requested (pending) or matched (active or paused mentorship): hard-filtered. */
  excludedMentorIds: string[];
}

/** Names for explanations, in the viewer's language. */
export interface NameLookup {
  locale: 'en' | 'zh-CN';
  skillName(skillId: string): string;
  fieldName(fieldId: string): string;
}
