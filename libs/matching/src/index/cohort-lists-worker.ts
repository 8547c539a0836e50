/**
 * Candidate lists on a second thread (see RecommendationIndex.cohort): the worker rebuilds the
 * index from the same mentors in the same slots and runs the public candidateLists on its share
 * of the switchers, so its lists are the ones the calling thread would have made. Results go
 * into shared memory and a flag, so that the caller can wait for them synchronously (its own
 * event loop is busy with its share meanwhile).
 *
 * Features travel as JSON (several times faster than structured clone for these many small
 * objects); features with numbers JSON would change (see losesNumbers) stay on the calling thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { MentorFeatures, SwitcherFeatures } from '../score/features';
import type { ScoreWeights } from '../score/values';
import { RecommendationIndex } from './recommendation-index';
import { SpareCoreMonitor } from './spare-core';

/** workerData of the worker thread, so that no other thread takes jobs. */
const WORKER_MARK = { cohortListsWorker: true };

/**
 * control[STATE]: the job's state; control[ELAPSED]: ms from postedAt to DONE; control[LISTS]:
 * ms of those spent on the lists themselves (the rest: messaging, JSON, the worker's index).
 */
const STATE = 0;
const ELAPSED = 1;
const LISTS = 2;
export const CONTROL_BYTES = 12;
export const RUNNING = 0;
export const DONE = 1;
export const FAILED = 2;

export interface ListsJob {
  weekStartMs: number;
  weeks: number;
  weights: ScoreWeights;
  overlapTargetMinutes: number;
  /** The index's mentors in slot order, as JSON. */
  mentors: string;
  mentorIds: readonly string[];
  switchers: string;
  k: number;
  /** Per switcher, `k` entries from switcher x k on: mentor positions and scores; lengths per switcher. */
  mentorOut: SharedArrayBuffer;
  scoreOut: SharedArrayBuffer;
  lengths: SharedArrayBuffer;
  control: SharedArrayBuffer;
  /** Date.now() when the job was posted. */
  postedAt: number;
}

/** Whether JSON would change a number in `value`: NaN and infinities become null, -0 becomes 0. */
export function losesNumbers(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value) || Object.is(value, -0);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(losesNumbers);
  for (const key in value) if (losesNumbers((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Runs a job on this thread: the worker's body, and what tests call. */
export function runListsJob(job: ListsJob): void {
  const control = new Int32Array(job.control);
  try {
    const index = new RecommendationIndex({ weekStart: new Date(job.weekStartMs), weeks: job.weeks, skillIds: [], fieldIds: [] });
    for (const mentor of JSON.parse(job.mentors) as MentorFeatures[]) index.upsert(mentor);
    const options = { weights: job.weights, weekStart: new Date(job.weekStartMs), weeks: job.weeks, overlapTargetMinutes: job.overlapTargetMinutes };
    const scorer = index.cohort(options, job.mentorIds);
    const switchers = JSON.parse(job.switchers) as SwitcherFeatures[];
    const listsStart = Date.now();
    const rows = scorer.candidateRows(switchers, job.k);
    Atomics.store(control, LISTS, Date.now() - listsStart);
    const mentorOut = new Int32Array(job.mentorOut);
    const scoreOut = new Float64Array(job.scoreOut);
    const lengths = new Int32Array(job.lengths);
    for (let i = 0; i + 1 < rows.rowStart.length; i++) {
      const begin = rows.rowStart[i];
      lengths[i] = rows.rowStart[i + 1] - begin;
      mentorOut.set(rows.mentor.subarray(begin, begin + lengths[i]), i * job.k);
      scoreOut.set(rows.score.subarray(begin, begin + lengths[i]), i * job.k);
    }
    Atomics.store(control, ELAPSED, Date.now() - job.postedAt);
    Atomics.store(control, STATE, DONE);
  } catch {
    Atomics.store(control, STATE, FAILED);
  }
  Atomics.notify(control, STATE);
}

/** How long a DONE job took from its posting, and of that on the lists themselves (ms). */
export function jobMs(control: Int32Array): { totalMs: number; listsMs: number } {
  return { totalMs: Atomics.load(control, ELAPSED), listsMs: Atomics.load(control, LISTS) };
}

/** Waits up to `ms` for a job to leave RUNNING; returns its state. */
export function waitForJob(control: Int32Array, ms: number): number {
  const deadline = Date.now() + ms;
  for (;;) {
    const state = Atomics.load(control, STATE);
    const left = deadline - Date.now();
    if (state !== RUNNING || left <= 0) return state;
    Atomics.wait(control, STATE, RUNNING, left);
  }
}

/** After a cohort's lists: the next spare-core window starts now (see SpareCoreMonitor). */
export function listsDone(): void {
  monitor?.touch();
}

export interface ListsWorker {
  postMessage(job: ListsJob): void;
}

let standIn: ListsWorker | null | undefined;
let thread: Worker | null | undefined;
let monitor: SpareCoreMonitor | undefined;

/** For tests: a stand-in worker (e.g. one that runs jobs on this thread), null for none, undefined for the real one. */
export function setListsWorker(worker: ListsWorker | null | undefined): void {
  standIn = worker;
}

/**
 * The worker thread, started on first use and kept (unreferenced: it never keeps the process
 * alive); null where it cannot run (from TypeScript sources, as in tests, or once it has
 * failed), and while no core is spare (SpareCoreMonitor): measured on this 2-core machine with
 * other work running, two threads made each of them about twice as slow per switcher, so the
 * split gained nothing and its overhead (JSON, the worker's index) made lists ~10% slower.
 */
export function listsWorker(): ListsWorker | null {
  if (standIn !== undefined) return standIn;
  if (!isMainThread) return null;
  monitor ??= new SpareCoreMonitor();
  if (!monitor.spare()) return null;
  if (thread !== undefined) return thread;
  const file = path.join(__dirname, 'cohort-lists-worker.js');
  if (!isMainThread || !__filename.endsWith('.js') || !existsSync(file)) return (thread = null);
  try {
    const started = new Worker(file, { workerData: WORKER_MARK });
    started.unref();
    started.on('error', () => (thread = null));
    started.on('exit', () => (thread = null));
    thread = started;
  } catch {
    thread = null;
  }
  return thread;
}

if (!isMainThread && parentPort !== null && (workerData as typeof WORKER_MARK | undefined)?.cohortListsWorker === true) {
  parentPort.on('message', (job: ListsJob) => runListsJob(job));
}
