import fc from 'fast-check';
import { selectLargest } from './select';

describe('selectLargest', () => {
  it('returns the k-th largest of the first count values and moves the k largest to the front', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 5 }),
        fc.nat(),
        (values, tail, pick) => {
          const a = Float64Array.from([...values, ...tail]);
          const k = 1 + (pick % values.length);
          const expected = [...values].sort((x, y) => y - x);
          expect(selectLargest(a, values.length, k)).toBe(expected[k - 1]);
          expect([...a.subarray(0, k)].sort((x, y) => y - x)).toEqual(expected.slice(0, k));
          // Values past `count` are left alone.
          expect([...a.subarray(values.length)]).toEqual(tail);
        },
      ),
      { numRuns: 500 },
    );
  });
});
