import os from 'node:os';

/** CPU time of the whole machine and of this process at one moment (ms). */
export interface CpuSample {
  atMs: number;
  /** Busy time summed over every CPU (user, nice, sys, irq). */
  machineBusyMs: number;
  /** This process, all of its threads (process.cpuUsage). */
  ownMs: number;
}

export function sampleCpu(): CpuSample {
  let machineBusyMs = 0;
  for (const { times } of os.cpus()) machineBusyMs += times.user + times.nice + times.sys + times.irq;
  const own = process.cpuUsage();
  return { atMs: performance.now(), machineBusyMs, ownMs: (own.user + own.system) / 1000 };
}

/** Windows shorter than this say too little (the kernel counts CPU time in 10 ms ticks). */
export const MIN_WINDOW_MS = 250;
/** Windows longer than this say little about now: a busy spell may have ended long ago. */
export const MAX_WINDOW_MS = 10_000;

/**
 * Whether a second thread of ours would get a core of its own: the cores other processes
 * kept busy between two samples, with our own threads left out, leave at least half a core
 * beside the one our calling thread uses. Undefined when the window is too short or too
 * long to tell.
 */
export function spareCoreBetween(before: CpuSample, after: CpuSample, cores: number): boolean | undefined {
  const wallMs = after.atMs - before.atMs;
  if (!(wallMs >= MIN_WINDOW_MS && wallMs <= MAX_WINDOW_MS)) return undefined;
  const othersBusy = Math.max(0, after.machineBusyMs - before.machineBusyMs - (after.ownMs - before.ownMs)) / wallMs;
  return othersBusy <= cores - 1.5;
}

/**
 * Whether a core is spare for a second thread, from the CPU time other processes used since
 * the last sample (`spare` samples, and so does `touch`, e.g. when a cohort's lists are done).
 * Where that window says nothing, the 1-minute load average decides, with our calling thread
 * counted as 1 of it.
 *
 * The load average alone counts our own threads: after one cohort that used both threads it
 * read ~2 on an otherwise idle 2-core machine, and the next cohorts ran on one thread.
 */
export class SpareCoreMonitor {
  private last: CpuSample;

  constructor(
    private readonly sample: () => CpuSample = sampleCpu,
    private readonly cores: number = os.availableParallelism(),
    private readonly loadAverage: () => number = () => os.loadavg()[0],
  ) {
    this.last = sample();
  }

  spare(): boolean {
    const now = this.sample();
    const measured = spareCoreBetween(this.last, now, this.cores);
    if (now.atMs - this.last.atMs >= MIN_WINDOW_MS) this.last = now;
    return measured ?? this.loadAverage() <= this.cores - 0.5;
  }

  /** Starts a new window now. */
  touch(): void {
    this.last = this.sample();
  }
}
