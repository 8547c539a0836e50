import fc from 'fast-check';
import { referralReadiness } from '../../../referrals/src/readiness';
import { RankableOpening, rankableField, topOpenings } from './opening-ranking';

const SKILLS = ['prd', 'llm', 'sql', 'pricing', 'evals'];
const USERS = ['u1', 'u2', 'u3'];

/** The obvious ranking: rate every opening in the window, sort, cut. */
function naive(openings: RankableOpening[], reader: { userId: string; levels: Map<string, number>; requested: Set<string> }, since: number, until: number, limit: number) {
  const eligible = openings
    .filter((o) => o.createdAt > since && o.createdAt <= until && o.referrerId !== reader.userId && !reader.requested.has(o.id))
    .map((o) => ({ id: o.id, readiness: referralReadiness(o.requirements, reader.levels), tieRank: o.tieRank }))
    .sort((a, b) => b.readiness - a.readiness || a.tieRank - b.tieRank);
  return { picks: eligible.slice(0, limit).map(({ id, readiness }) => ({ id, readiness })), count: eligible.length };
}

const requirement = fc.record({
  skillId: fc.constantFrom(...SKILLS),
  level: fc.integer({ min: 0, max: 5 }),
  weight: fc.constantFrom(0, 0.5, 1, 1.25, 2),
});

const openingsArbitrary = fc
  .array(
    fc.record({
      referrerId: fc.constantFrom(...USERS, 'r9'),
      createdAt: fc.integer({ min: 0, max: 40 }),
      requirements: fc.uniqueArray(requirement, { selector: (r) => r.skillId, maxLength: 4 }),
    }),
    { maxLength: 40 },
  )
  .chain((list) =>
    fc.shuffledSubarray(
      list.map((_, i) => i),
      { minLength: list.length, maxLength: list.length },
    ).map((ranks) => list.map((o, i) => ({ ...o, id: `o${i}`, tieRank: ranks[i] }))),
  );

describe('topOpenings', () => {
  it('equals rating every opening, sorting by readiness then tie order, and cutting', () => {
    fc.assert(
      fc.property(
        openingsArbitrary,
        fc.constantFrom(...USERS),
        fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 0, max: 5 })),
        fc.integer({ min: -1, max: 40 }),
        fc.integer({ min: 0, max: 41 }),
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 45 }), { maxLength: 6 }),
        (openings, userId, ratings, since, until, limit, requestedIndexes) => {
          const reader = { userId, levels: new Map(Object.entries(ratings)), requested: new Set(requestedIndexes.map((i) => `o${i}`)) };
          const field = rankableField(openings);
          const { picks, count } = topOpenings(field, reader, { since, until }, limit);
          const expected = naive(openings, reader, since, until, limit);
          expect({ picks: picks.map((p) => ({ id: field.openings[p.index].id, readiness: p.readiness })), count }).toEqual(expected);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
