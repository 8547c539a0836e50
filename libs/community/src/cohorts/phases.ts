/**
 * The calendar of a cohort: its three phases (KNOWLEDGE, VALIDATION, LEAP, in
 * that order) cover the cohort's days exactly, without gaps or overlaps. Dates
 * are calendar dates (YYYY-MM-DD) and both ends are inclusive, so a phase that
 * ends on the 10th is followed by one that starts on the 11th.
 */

export type StageName = 'KNOWLEDGE' | 'VALIDATION' | 'LEAP';
export const STAGE_ORDER: readonly StageName[] = ['KNOWLEDGE', 'VALIDATION', 'LEAP'];

export interface PhaseDates {
  stage: StageName;
  startsOn: string;
  endsOn: string;
}

export interface PhaseProblem {
  /** Path below the input object, e.g. `phases.1.startsOn` or `endsOn`. */
  field: string;
  message: string;
}

/** Each phase needs at least a day. */
export const MIN_COHORT_DAYS = STAGE_ORDER.length;
/** Days endsOn may lie after startsOn: two years, longer than any switch the domain brief describes (6-12 months). */
export const MAX_COHORT_SPAN_DAYS = 731;

const DAY_MS = 24 * 3600 * 1000;

function toDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** Days from startsOn to endsOn, both included. */
export function cohortDays(startsOn: string, endsOn: string): number {
  return toDay(endsOn) - toDay(startsOn) + 1;
}

/** Problems with a cohort's own dates (already known to be real calendar dates). */
export function cohortDateProblems(startsOn: string, endsOn: string): PhaseProblem[] {
  const days = cohortDays(startsOn, endsOn);
  if (days < MIN_COHORT_DAYS) {
    return [{ field: 'endsOn', message: `must be at least ${MIN_COHORT_DAYS - 1} days after startsOn, so each of the three phases has a day` }];
  }
  if (days - 1 > MAX_COHORT_SPAN_DAYS) return [{ field: 'endsOn', message: `must be at most ${MAX_COHORT_SPAN_DAYS} days after startsOn` }];
  return [];
}

/**
 * Without explicit phases the cohort's days are split in three: lengths
 * differ by at most a day and the extra days go to the later phases, where
 * the projects and job applications take longest.
 */
export function splitPhases(startsOn: string, endsOn: string): PhaseDates[] {
  const days = cohortDays(startsOn, endsOn);
  const base = Math.floor(days / 3);
  const extra = days % 3;
  const lengths = [base, base + (extra === 2 ? 1 : 0), base + (extra > 0 ? 1 : 0)];
  const phases: PhaseDates[] = [];
  let day = toDay(startsOn);
  for (const [i, stage] of STAGE_ORDER.entries()) {
    phases.push({ stage, startsOn: fromDay(day), endsOn: fromDay(day + lengths[i] - 1) });
    day += lengths[i];
  }
  return phases;
}

/**
 * Checks organizer-given phases against the cohort's dates; every problem is
 * reported with its path so a form can mark each bad date at once.
 */
export function phaseProblems(startsOn: string, endsOn: string, phases: readonly PhaseDates[]): PhaseProblem[] {
  if (phases.length !== STAGE_ORDER.length) {
    return [{ field: 'phases', message: 'must list the three phases KNOWLEDGE, VALIDATION and LEAP, in that order' }];
  }
  const problems: PhaseProblem[] = [];
  for (const [i, phase] of phases.entries()) {
    const path = `phases.${i}`;
    if (phase.stage !== STAGE_ORDER[i]) {
      problems.push({ field: `${path}.stage`, message: `must be ${STAGE_ORDER[i]} (phases are listed in the order KNOWLEDGE, VALIDATION, LEAP)` });
    }
    if (phase.endsOn < phase.startsOn) problems.push({ field: `${path}.endsOn`, message: 'must not be before the phase starts' });
    if (i === 0 && phase.startsOn !== startsOn) {
      problems.push({ field: `${path}.startsOn`, message: `must be the cohort's first day (${startsOn})` });
    }
    if (i > 0) {
      const expected = addDays(phases[i - 1].endsOn, 1);
      if (phase.startsOn !== expected) {
        problems.push({ field: `${path}.startsOn`, message: `must be the day after the previous phase ends (${expected}): phases are contiguous` });
      }
    }
    if (i === phases.length - 1 && phase.endsOn !== endsOn) {
      problems.push({ field: `${path}.endsOn`, message: `must be the cohort's last day (${endsOn})` });
    }
  }
  return problems;
}

/** The phase a date falls in, or null before the cohort starts and after it ends. */
export function phaseOn(phases: readonly PhaseDates[], date: string): StageName | null {
  return phases.find((p) => p.startsOn <= date && date <= p.endsOn)?.stage ?? null;
}
