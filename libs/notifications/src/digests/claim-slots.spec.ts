import fc from 'fast-check';
import { ClaimSlots } from './claim-slots';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ClaimSlots', () => {
  it('hands out at most its size, and waits for `min` free slots in arrival order', async () => {
    const slots = new ClaimSlots(4);
    expect(await slots.take(2, 3)).toBe(3);
    const order: string[] = [];
    const a = slots.take(2, 4).then((n) => (order.push(`a${n}`), n));
    const b = slots.take(1, 1).then((n) => (order.push(`b${n}`), n));
    await tick();
    // One is free: b could run, but a came first and needs two.
    expect(order).toEqual([]);
    slots.give(1);
    await tick();
    expect(order).toEqual(['a2']);
    slots.give(2);
    await Promise.all([a, b]);
    expect(order).toEqual(['a2', 'b1']);
    expect(slots.available).toBe(1);
  });

  it('never asks for more than it has: a `min` above the size waits for all of them', async () => {
    const slots = new ClaimSlots(3);
    expect(await slots.take(10, 10)).toBe(3);
    const next = slots.take(10, 10);
    slots.give(3);
    expect(await next).toBe(3);
  });

  it('never has more taken than its size under any interleaving of takers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.record({ min: fc.integer({ min: 1, max: 10 }), max: fc.integer({ min: 1, max: 10 }), hold: fc.integer({ min: 0, max: 3 }) }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (size, takers) => {
          const slots = new ClaimSlots(size);
          let taken = 0;
          let most = 0;
          await Promise.all(
            takers.map(async ({ min, max, hold }) => {
              const n = await slots.take(min, max);
              expect(n).toBeGreaterThanOrEqual(Math.min(min, size));
              taken += n;
              most = Math.max(most, taken);
              for (let i = 0; i < hold; i++) await tick();
              taken -= n;
              slots.give(n);
            }),
          );
          expect(most).toBeLessThanOrEqual(size);
          expect(slots.available).toBe(size);
        },
      ),
      { numRuns: 200 },
    );
  });
});
