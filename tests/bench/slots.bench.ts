/**
 * Slot expansion benchmark (libs/scheduling/src/slots): `benchSlots()` returns a
 * printable report; it asserts nothing and is not part of `npm test`.
 *
 * 1. One mentor (Europe/Berlin) over 30 days: weekdays 09:00-12:00 and 14:00-18:00,
 *    a few overrides and busy sessions; p50/p95 of 200 runs (the first, cold run is
 *    printed separately: it fills the per-date midnight memo).
 * 2. 1,000 mentors over one week in 12 zones, the week of 2026-03-29 so that the
 *    European spring-forward and the Australian/New Zealand fall-back dates (which
 *    take the per-candidate path) are in it: total and per mentor, cold then warm.
 * 3. isOfferedSlot (the booking re-check) on offered and non-offered starts.
 *
 * Everything is generated from a seeded PRNG, so runs are comparable.
 * Run: npm run bench:build && node dist/bench/tests/bench/slots.bench.js
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { expandSlots, isOfferedSlot, type DateOverride, type Interval, type SlotQuery, type WeeklyRule } from '../../libs/scheduling/src/slots/slots';

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;

const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Lagos',
  'UTC',
];

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Weekdays 09:00-12:00 and 14:00-18:00; some mentors also keep a Saturday morning or a weekday evening. */
function mentorRules(random: () => number): WeeklyRule[] {
  const rules: WeeklyRule[] = [];
  for (let weekday = 1; weekday <= 5; weekday++) {
    rules.push({ weekday, startMinute: 9 * 60, endMinute: 12 * 60 }, { weekday, startMinute: 14 * 60, endMinute: 18 * 60 });
  }
  if (random() < 0.3) rules.push({ weekday: 6, startMinute: 10 * 60, endMinute: 13 * 60 });
  if (random() < 0.3) rules.push({ weekday: 1 + Math.floor(random() * 5), startMinute: 19 * 60, endMinute: 21 * 60 + 30 });
  return rules;
}

/** A day off, a shortened day and an extra Sunday within `days` from `from`. */
function mentorOverrides(random: () => number, from: number, days: number): DateOverride[] {
  const day = (): string => isoDate(from + Math.floor(random() * days) * DAY_MS);
  return [
    { date: day(), available: false },
    { date: day(), available: true, startMinute: 10 * 60, endMinute: 12 * 60 },
    { date: day(), available: true, startMinute: 8 * 60, endMinute: 11 * 60 },
  ];
}

/** `count` one-hour sessions at whole hours within the range. */
function mentorBusy(random: () => number, from: number, days: number, count: number): Interval[] {
  return Array.from({ length: count }, () => {
    const start = from + Math.floor(random() * days * 24) * 60 * MINUTE_MS;
    return { start: new Date(start), end: new Date(start + 60 * MINUTE_MS) };
  });
}

function mentorQuery(random: () => number, timeZone: string, from: number, days: number, busyCount: number): SlotQuery {
  return {
    timeZone,
    rules: mentorRules(random),
    overrides: mentorOverrides(random, from, days),
    busy: mentorBusy(random, from, days, busyCount),
    from: new Date(from),
    to: new Date(from + days * DAY_MS),
    durationMinutes: pick(random, [30, 45, 60, 60, 90]),
    now: new Date(from - DAY_MS),
    minimumNoticeMinutes: 720,
    horizonDays: 60,
    bufferMinutes: pick(random, [0, 0, 10, 15]),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const us = (ms: number): string => `${(ms * 1000).toFixed(1)} us`;
const msText = (ms: number): string => `${ms.toFixed(2)} ms`;

function oneMentor(log: (line: string) => void): void {
  const random = prng(20260301);
  const from = Date.parse('2026-03-16T00:00:00Z'); // 30 days across the EU spring-forward (Mar 29)
  const query = { ...mentorQuery(random, 'Europe/Berlin', from, 30, 12), durationMinutes: 60 };
  const cold = timed(() => expandSlots(query));
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) runs.push(timed(() => expandSlots(query)).ms);
  runs.sort((a, b) => a - b);
  log('');
  log(`1 mentor, 30 days (Europe/Berlin, weekdays 09-12 + 14-18, ${query.overrides.length} overrides, ${query.busy.length} busy, 60 min): ${cold.value.length} slots`);
  log(`  cold ${msText(cold.ms)}; 200 warm runs: p50 ${us(percentile(runs, 50))}, p95 ${us(percentile(runs, 95))}, max ${us(runs[runs.length - 1])}`);
}

function manyMentors(log: (line: string) => void): SlotQuery[] {
  const random = prng(20260329);
  const from = Date.parse('2026-03-29T00:00:00Z');
  const queries = Array.from({ length: 1000 }, (_, i) => mentorQuery(random, ZONES[i % ZONES.length], from, 7, Math.floor(random() * 8)));
  const run = () => timed(() => queries.reduce((sum, query) => sum + expandSlots(query).length, 0));
  const cold = run();
  const warm = Array.from({ length: 10 }, run).map((r) => r.ms).sort((a, b) => a - b);
  log('');
  log(`1,000 mentors, 1 week from 2026-03-29 (${ZONES.length} zones, EU spring forward and AU/NZ fall back inside): ${cold.value.toLocaleString('en')} slots`);
  log(`  cold ${msText(cold.ms)} (${us(cold.ms / queries.length)}/mentor)`);
  log(`  warm (10 runs) p50 ${msText(percentile(warm, 50))} (${us(percentile(warm, 50) / queries.length)}/mentor), max ${msText(warm[warm.length - 1])}`);
  return queries;
}

function bookingChecks(log: (line: string) => void, queries: SlotQuery[]): void {
  const probes = queries.slice(0, 200).flatMap((query) => {
    const offered = expandSlots(query);
    const start = offered.length > 0 ? offered[Math.floor(offered.length / 2)].start : query.from;
    return [
      { query, start },
      { query, start: new Date(start.getTime() + 7 * MINUTE_MS) },
    ];
  });
  const rounds = 20;
  const { value: yes, ms } = timed(() => {
    let count = 0;
    for (let r = 0; r < rounds; r++) for (const probe of probes) if (isOfferedSlot(probe.query, probe.start)) count++;
    return count / rounds;
  });
  log('');
  log(`isOfferedSlot: ${probes.length} checks x ${rounds} rounds (${yes} offered per round): ${us(ms / (probes.length * rounds))}/check`);
}

export function benchSlots(): string {
  const out: string[] = [];
  const log = (line: string): void => {
    out.push(line);
  };
  log(`Slot expansion (node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)})`);
  oneMentor(log);
  const queries = manyMentors(log);
  bookingChecks(log, queries);
  return out.join('\n');
}

if (require.main === module) {
  console.log(benchSlots());
}
