import { OPEN_STATUSES, ReferralStatus as S, TRANSITIONS, allowedMoves, isTerminal, transitionProblem } from './transitions';

describe('referral transitions', () => {
  it('lets the referrer answer a request and record the employer’s steps, and the switcher only withdraw before SUBMITTED', () => {
    expect(TRANSITIONS).toEqual({
      REQUESTED: { REFERRER: ['ACCEPTED', 'DECLINED'], SWITCHER: ['WITHDRAWN'] },
      ACCEPTED: { REFERRER: ['SUBMITTED'], SWITCHER: ['WITHDRAWN'] },
      SUBMITTED: { REFERRER: ['INTERVIEWING', 'REJECTED'], SWITCHER: [] },
      INTERVIEWING: { REFERRER: ['OFFER', 'REJECTED'], SWITCHER: [] },
      OFFER: { REFERRER: ['HIRED', 'REJECTED'], SWITCHER: [] },
      DECLINED: { REFERRER: [], SWITCHER: [] },
      HIRED: { REFERRER: [], SWITCHER: [] },
      REJECTED: { REFERRER: [], SWITCHER: [] },
      WITHDRAWN: { REFERRER: [], SWITCHER: [] },
    });
  });

  it('knows the final states and the open ones', () => {
    expect(Object.values(S).filter(isTerminal).sort()).toEqual(['DECLINED', 'HIRED', 'REJECTED', 'WITHDRAWN']);
    expect([...OPEN_STATUSES].sort()).toEqual(['ACCEPTED', 'INTERVIEWING', 'OFFER', 'REQUESTED', 'SUBMITTED']);
  });

  it('allows exactly the listed moves, for every pair of states and both actors', () => {
    for (const from of Object.values(S)) {
      for (const to of Object.values(S)) {
        for (const actor of ['REFERRER', 'SWITCHER'] as const) {
          const allowed = allowedMoves(from, actor).includes(to);
          expect(transitionProblem(from, to, actor) === null).toBe(allowed);
        }
      }
    }
    expect(transitionProblem(S.REQUESTED, S.ACCEPTED, 'REFERRER')).toBeNull();
    expect(transitionProblem(S.OFFER, S.HIRED, 'REFERRER')).toBeNull();
    expect(transitionProblem(S.ACCEPTED, S.WITHDRAWN, 'SWITCHER')).toBeNull();
  });

  it('names the moves the actor may make instead', () => {
    expect(transitionProblem(S.REQUESTED, S.HIRED, 'REFERRER')).toBe('cannot move from REQUESTED to HIRED; allowed: ACCEPTED, DECLINED');
    expect(transitionProblem(S.REQUESTED, S.ACCEPTED, 'SWITCHER')).toBe('cannot move from REQUESTED to ACCEPTED; allowed: WITHDRAWN');
    expect(transitionProblem(S.REQUESTED, S.WITHDRAWN, 'REFERRER')).toBe('cannot move from REQUESTED to WITHDRAWN; allowed: ACCEPTED, DECLINED');
    expect(transitionProblem(S.ACCEPTED, S.INTERVIEWING, 'REFERRER')).toBe('cannot move from ACCEPTED to INTERVIEWING; allowed: SUBMITTED');
    expect(transitionProblem(S.ACCEPTED, S.ACCEPTED, 'REFERRER')).toBe('cannot move from ACCEPTED to ACCEPTED; allowed: SUBMITTED');
    expect(transitionProblem(S.INTERVIEWING, S.HIRED, 'REFERRER')).toBe('cannot move from INTERVIEWING to HIRED; allowed: OFFER, REJECTED');
  });

  it('says when the actor has no move and when a state is final', () => {
    expect(transitionProblem(S.SUBMITTED, S.WITHDRAWN, 'SWITCHER')).toBe(
      'cannot move from SUBMITTED to WITHDRAWN; allowed: none for you (the referrer moves a SUBMITTED request on)',
    );
    expect(transitionProblem(S.HIRED, S.REJECTED, 'REFERRER')).toBe('cannot move from HIRED to REJECTED; HIRED is final');
    expect(transitionProblem(S.WITHDRAWN, S.REQUESTED, 'SWITCHER')).toBe('cannot move from WITHDRAWN to REQUESTED; WITHDRAWN is final');
  });
});
