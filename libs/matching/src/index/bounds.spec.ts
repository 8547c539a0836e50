import fc from 'fast-check';
import { expandWindows, horizonOf, intersectRanges, mergeRanges, rangeSlots, setRangeBits, SLOTS_PER_WEEK } from '../score/overlap';
import type { WeeklyWindow } from '../score/features';
import { commonHours, coverageAllowance, exactCoverage, foldHours, GROUP_CODES, GROUP_ITEMS, groupTable, HOUR_WORDS, LEVELS, SLOTS_PER_HOUR } from './bounds';

/** Terms of whole groups: the items' terms, then zeros. */
function padded(terms: Float64Array, groupCount: number): Float64Array {
  const out = new Float64Array(groupCount * GROUP_ITEMS * LEVELS);
  out.set(terms);
  return out;
}

describe('gap coverage bound (groupTable + coverageAllowance)', () => {
  // Terms of every kind the scorer can produce from finite weights: zero, tiny, huge, negative, ragged.
  const termArb = fc.oneof(
    fc.constant(0),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: 1e-9, max: 1e-3, noNaN: true }),
    fc.integer({ min: 0, max: 20 }).map((x) => x * 0.1),
  );
  const caseArb = fc.integer({ min: 0, max: 40 }).chain((itemCount) =>
    fc.record({
      itemCount: fc.constant(itemCount),
      terms: fc.array(termArb, { minLength: itemCount * LEVELS, maxLength: itemCount * LEVELS }),
      mentors: fc.array(fc.array(fc.integer({ min: 0, max: LEVELS - 1 }), { minLength: itemCount, maxLength: itemCount }), { minLength: 1, maxLength: 20 }),
    }),
  );

  it('is never below the exact, one-by-one coverage of any mentor', () => {
    fc.assert(
      fc.property(caseArb, ({ itemCount, terms, mentors }) => {
        const termArray = Float64Array.from(terms);
        const groupCount = Math.ceil(itemCount / GROUP_ITEMS);
        const table = groupTable(padded(termArray, groupCount), groupCount, new Float64Array(groupCount * GROUP_CODES));
        let magnitude = 0;
        for (let j = 0; j < itemCount; j++) magnitude += Math.max(...terms.slice(j * LEVELS, (j + 1) * LEVELS).map(Math.abs));
        const allowance = coverageAllowance(magnitude, itemCount);
        const columns = Int32Array.from({ length: itemCount }, (_, j) => j);
        for (const levels of mentors) {
          const exact = exactCoverage(termArray, itemCount, Uint8Array.from(levels), 0, columns);
          let bound = 0;
          for (let g = 0; g < groupCount; g++) {
            let code = 0;
            for (let i = GROUP_ITEMS - 1; i >= 0; i--) code = code * LEVELS + (levels[g * GROUP_ITEMS + i] ?? 0);
            expect(code).toBeLessThan(GROUP_CODES);
            bound += table[g * GROUP_CODES + code];
          }
          expect(bound + allowance).toBeGreaterThanOrEqual(exact);
          // ... and it is tight: the same sum up to rounding.
          expect(Math.abs(bound - exact)).toBeLessThanOrEqual(allowance);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sums exactly what one-by-one summation gives on representable terms', () => {
    const terms = Float64Array.from({ length: 4 * LEVELS }, (_, i) => (i % LEVELS) * 0.5);
    const table = groupTable(padded(terms, 2), 2, new Float64Array(2 * GROUP_CODES).fill(Number.NaN));
    // Items 0-2 at levels 1, 2, 3; item 3 at level 5.
    expect(table[0 * GROUP_CODES + 1 + 2 * LEVELS + 3 * LEVELS * LEVELS]).toBe(0.5 + 1 + 1.5);
    expect(table[1 * GROUP_CODES + 5]).toBe(2.5);
  });
});

describe('overlap bound (hour masks)', () => {
  const windowArb: fc.Arbitrary<WeeklyWindow> = fc
    .record({ weekday: fc.integer({ min: 1, max: 7 }), start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 600 }) })
    .map(({ weekday, start, length }) => ({ weekday, startMinute: start, endMinute: Math.min(1440, start + length) }));
  const zoneArb = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham');
  const horizons = [horizonOf(new Date('2025-03-03T00:00:00Z'), 4), horizonOf(new Date('2025-10-20T00:00:00Z'), 3), horizonOf(new Date('2025-09-29T13:07:00Z'), 1)];

  it('foldHours sets exactly the hours of the week that hold a slot in some week', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 200 }), (weeks, values) => {
        const words = new Uint32Array(weeks * (SLOTS_PER_WEEK / 32));
        values.forEach((value, i) => (words[(i * 7919) % words.length] |= value));
        const hours = new Uint32Array(HOUR_WORDS + 1).fill(0);
        foldHours(words, 0, words.length, hours, 1);
        const expected = new Uint32Array(HOUR_WORDS + 1);
        for (let slot = 0; slot < words.length * 32; slot++) {
          if (((words[slot >>> 5] >>> (slot & 31)) & 1) === 0) continue;
          const hour = Math.floor((slot % SLOTS_PER_WEEK) / SLOTS_PER_HOUR);
          expected[1 + (hour >>> 5)] |= 1 << (hour & 31);
        }
        expect(Array.from(hours)).toEqual(Array.from(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('no common hour means no overlap, and each common hour allows at most 4 slots a week', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...horizons),
        fc.tuple(zoneArb, fc.array(windowArb, { maxLength: 6 })),
        fc.tuple(zoneArb, fc.array(windowArb, { maxLength: 6 })),
        (horizon, [zoneA, windowsA], [zoneB, windowsB]) => {
          const rangesA = expandWindows(zoneA, windowsA, horizon);
          const rangesB = expandWindows(zoneB, windowsB, horizon);
          const overlap = rangeSlots(intersectRanges(mergeRanges(rangesA), mergeRanges(rangesB)));
          const mask = (ranges: number[]): Uint32Array => {
            const words = new Uint32Array(horizon.words);
            setRangeBits(ranges, words, 0);
            const hours = new Uint32Array(HOUR_WORDS);
            foldHours(words, 0, words.length, hours, 0);
            return hours;
          };
          const common = commonHours(mask(rangesA), 0, mask(rangesB));
          expect(overlap).toBeLessThanOrEqual(common * SLOTS_PER_HOUR * horizon.weeks);
          if (common === 0) expect(overlap).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
