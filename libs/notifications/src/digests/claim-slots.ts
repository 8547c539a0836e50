/**
 * Counts the digests a worker holds claims for. A wave of a batch takes
 * slots before it claims and gives each back once that digest's outcome is
 * recorded, so however many batch jobs run at once, at most `size` digests of
 * a worker are claimed, and so at most `size` can be in the crash window.
 */
export class ClaimSlots {
  private free: number;
  private readonly waiting: { min: number; max: number; wake: (taken: number) => void }[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** Waits (in arrival order) until at least `min` slots are free (never more than `size`), then takes up to `max`. */
  take(min: number, max: number): Promise<number> {
    const need = Math.max(1, Math.min(min, this.size));
    return new Promise((wake) => {
      this.waiting.push({ min: need, max: Math.max(need, max), wake });
      this.handOut();
    });
  }

  give(count = 1): void {
    this.free += count;
    this.handOut();
  }

  get available(): number {
    return this.free;
  }

  private handOut(): void {
    for (let next = this.waiting[0]; next && this.free >= next.min; next = this.waiting[0]) {
      this.waiting.shift();
      const taken = Math.min(this.free, next.max);
      this.free -= taken;
      next.wake(taken);
    }
  }
}
