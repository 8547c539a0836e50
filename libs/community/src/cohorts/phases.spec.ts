import { DEFAULT_MILESTONES } from './default-milestones';
import { addDays, cohortDateProblems, cohortDays, phaseOn, phaseProblems, splitPhases, STAGE_ORDER } from './phases';

describe('splitPhases', () => {
  it('splits evenly divisible cohorts into equal thirds', () => {
    expect(splitPhases('2027-01-01', '2027-01-09')).toEqual([
      { stage: 'KNOWLEDGE', startsOn: '2027-01-01', endsOn: '2027-01-03' },
      { stage: 'VALIDATION', startsOn: '2027-01-04', endsOn: '2027-01-06' },
      { stage: 'LEAP', startsOn: '2027-01-07', endsOn: '2027-01-09' },
    ]);
  });

  it('gives the extra days to the later phases', () => {
    expect(splitPhases('2027-01-01', '2027-01-10').map((p) => cohortDays(p.startsOn, p.endsOn))).toEqual([3, 3, 4]);
    expect(splitPhases('2027-01-01', '2027-01-11').map((p) => cohortDays(p.startsOn, p.endsOn))).toEqual([3, 4, 4]);
  });

  it('covers every cohort length contiguously, across month, leap-day and year ends, and passes its own validation', () => {
    for (const start of ['2027-12-20', '2028-02-27', '2026-03-28']) {
      for (let days = 3; days <= 400; days += 1) {
        const end = addDays(start, days - 1);
        const phases = splitPhases(start, end);
        expect(phases[0].startsOn).toBe(start);
        expect(phases[2].endsOn).toBe(end);
        for (let i = 1; i < 3; i++) expect(phases[i].startsOn).toBe(addDays(phases[i - 1].endsOn, 1));
        for (const p of phases) expect(p.endsOn >= p.startsOn).toBe(true);
        expect(phaseProblems(start, end, phases)).toEqual([]);
      }
    }
  });

  it('handles the shortest cohort: a day per phase', () => {
    expect(splitPhases('2028-02-28', '2028-03-01')).toEqual([
      { stage: 'KNOWLEDGE', startsOn: '2028-02-28', endsOn: '2028-02-28' },
      { stage: 'VALIDATION', startsOn: '2028-02-29', endsOn: '2028-02-29' },
      { stage: 'LEAP', startsOn: '2028-03-01', endsOn: '2028-03-01' },
    ]);
  });
});

describe('cohortDateProblems', () => {
  it('needs a day per phase and at most two years', () => {
    expect(cohortDateProblems('2027-01-01', '2027-01-03')).toEqual([]);
    expect(cohortDateProblems('2027-01-01', '2027-01-02')).toEqual([{ field: 'endsOn', message: expect.stringContaining('at least 2 days after startsOn') }]);
    expect(cohortDateProblems('2027-01-05', '2027-01-01')[0].field).toBe('endsOn');
    expect(cohortDateProblems('2027-01-01', '2029-01-01')).toEqual([]);
    expect(cohortDateProblems('2027-01-01', '2029-01-02')).toEqual([{ field: 'endsOn', message: 'must be at most 731 days after startsOn' }]);
  });
});

describe('phaseProblems', () => {
  const start = '2027-03-01';
  const end = '2027-08-31';
  const good = [
    { stage: 'KNOWLEDGE' as const, startsOn: '2027-03-01', endsOn: '2027-04-30' },
    { stage: 'VALIDATION' as const, startsOn: '2027-05-01', endsOn: '2027-06-30' },
    { stage: 'LEAP' as const, startsOn: '2027-07-01', endsOn: '2027-08-31' },
  ];

  it('accepts contiguous phases in order that cover the cohort', () => {
    expect(phaseProblems(start, end, good)).toEqual([]);
  });

  it('needs exactly three phases', () => {
    expect(phaseProblems(start, end, good.slice(0, 2))).toEqual([{ field: 'phases', message: expect.stringContaining('three phases') }]);
    expect(phaseProblems(start, end, [...good, good[2]])[0].field).toBe('phases');
  });

  it('names the phase out of order', () => {
    const swapped = [good[0], { ...good[1], stage: 'LEAP' as const }, { ...good[2], stage: 'VALIDATION' as const }];
    expect(phaseProblems(start, end, swapped).map((p) => p.field)).toEqual(['phases.1.stage', 'phases.2.stage']);
  });

  it('refuses gaps and overlaps between phases', () => {
    const gap = [good[0], { ...good[1], startsOn: '2027-05-02' }, good[2]];
    expect(phaseProblems(start, end, gap)).toEqual([{ field: 'phases.1.startsOn', message: expect.stringContaining('(2027-05-01)') }]);
    const overlap = [good[0], good[1], { ...good[2], startsOn: '2027-06-30' }];
    expect(phaseProblems(start, end, overlap).map((p) => p.field)).toEqual(['phases.2.startsOn']);
  });

  it('keeps the phases within the cohort dates', () => {
    const early = [{ ...good[0], startsOn: '2027-02-28' }, good[1], good[2]];
    expect(phaseProblems(start, end, early).map((p) => p.field)).toEqual(['phases.0.startsOn']);
    const late = [good[0], good[1], { ...good[2], endsOn: '2027-09-01' }];
    expect(phaseProblems(start, end, late).map((p) => p.field)).toEqual(['phases.2.endsOn']);
  });

  it('refuses a phase that ends before it starts', () => {
    const backwards = [good[0], { ...good[1], endsOn: '2027-04-15' }, { ...good[2], startsOn: '2027-04-16' }];
    expect(phaseProblems(start, end, backwards).map((p) => p.field)).toEqual(['phases.1.endsOn']);
  });
});

describe('phaseOn', () => {
  it('finds the phase of a date, inclusive at both ends', () => {
    const phases = splitPhases('2027-01-01', '2027-01-09');
    expect(phaseOn(phases, '2026-12-31')).toBeNull();
    expect(phaseOn(phases, '2027-01-01')).toBe('KNOWLEDGE');
    expect(phaseOn(phases, '2027-01-04')).toBe('VALIDATION');
    expect(phaseOn(phases, '2027-01-09')).toBe('LEAP');
    expect(phaseOn(phases, '2027-01-10')).toBeNull();
  });
});

describe('default milestones', () => {
  it('cover every phase with unique slugs and both languages', () => {
    for (const stage of STAGE_ORDER) expect(DEFAULT_MILESTONES.some((m) => m.stage === stage)).toBe(true);
    expect(new Set(DEFAULT_MILESTONES.map((m) => m.slug)).size).toBe(DEFAULT_MILESTONES.length);
    for (const m of DEFAULT_MILESTONES) {
      expect(m.title.length).toBeGreaterThan(0);
      expect(m.titleZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
