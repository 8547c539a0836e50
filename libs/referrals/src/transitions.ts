/**
 * The referral pipeline: who may move a request from which state to which.
 * Plain data and functions, no framework.
 */
export enum ReferralStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  SUBMITTED = 'SUBMITTED',
  INTERVIEWING = 'INTERVIEWING',
  OFFER = 'OFFER',
  HIRED = 'HIRED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

export type ReferralActor = 'REFERRER' | 'SWITCHER';

type Moves = Record<ReferralActor, readonly ReferralStatus[]>;

const S = ReferralStatus;
const NONE: readonly ReferralStatus[] = [];

/**
 * The referrer answers and records the employer's steps; the switcher may
 * only withdraw, and only before the referral was submitted (after that the
 * employer has it and withdrawing is between them and the employer).
 */
export const TRANSITIONS: Readonly<Record<ReferralStatus, Moves>> = {
  [S.REQUESTED]: { REFERRER: [S.ACCEPTED, S.DECLINED], SWITCHER: [S.WITHDRAWN] },
  [S.ACCEPTED]: { REFERRER: [S.SUBMITTED], SWITCHER: [S.WITHDRAWN] },
  [S.SUBMITTED]: { REFERRER: [S.INTERVIEWING, S.REJECTED], SWITCHER: NONE },
  [S.INTERVIEWING]: { REFERRER: [S.OFFER, S.REJECTED], SWITCHER: NONE },
  [S.OFFER]: { REFERRER: [S.HIRED, S.REJECTED], SWITCHER: NONE },
  [S.DECLINED]: { REFERRER: NONE, SWITCHER: NONE },
  [S.HIRED]: { REFERRER: NONE, SWITCHER: NONE },
  [S.REJECTED]: { REFERRER: NONE, SWITCHER: NONE },
  [S.WITHDRAWN]: { REFERRER: NONE, SWITCHER: NONE },
};

/** States nobody can leave. */
export function isTerminal(status: ReferralStatus): boolean {
  const moves = TRANSITIONS[status];
  return moves.REFERRER.length === 0 && moves.SWITCHER.length === 0;
}

/** Still in the pipeline: counts towards the weekly limit of open requests. */
export const OPEN_STATUSES: readonly ReferralStatus[] = Object.values(ReferralStatus).filter((s) => !isTerminal(s));

export function allowedMoves(from: ReferralStatus, actor: ReferralActor): readonly ReferralStatus[] {
  return TRANSITIONS[from][actor];
}

/**
 * Why `actor` cannot move a request from `from` to `to`, naming what they
 * may do instead; null when the move is allowed.
 */
export function transitionProblem(from: ReferralStatus, to: ReferralStatus, actor: ReferralActor): string | null {
  const allowed = allowedMoves(from, actor);
  if (allowed.includes(to)) return null;
  const base = `cannot move from ${from} to ${to}`;
  if (isTerminal(from)) return `${base}; ${from} is final`;
  if (allowed.length === 0) {
    const other = actor === 'SWITCHER' ? 'the referrer' : 'the switcher';
    return `${base}; allowed: none for you (${other} moves a ${from} request on)`;
  }
  return `${base}; allowed: ${allowed.join(', ')}`;
}
