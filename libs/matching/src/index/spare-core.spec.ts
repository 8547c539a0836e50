import { MAX_WINDOW_MS, MIN_WINDOW_MS, SpareCoreMonitor, spareCoreBetween, type CpuSample } from './spare-core';

const at = (atMs: number, machineBusyMs: number, ownMs: number): CpuSample => ({ atMs, machineBusyMs, ownMs });

describe('spareCoreBetween', () => {
  it('leaves our own threads out: both cores busy with us alone is a spare core', () => {
    expect(spareCoreBetween(at(0, 0, 0), at(1000, 2000, 2000), 2)).toBe(true);
  });

  it('says no when other processes kept more than half a core busy', () => {
    expect(spareCoreBetween(at(0, 0, 0), at(1000, 1600, 1000), 2)).toBe(false); // others 0.6 of a core
    expect(spareCoreBetween(at(0, 0, 0), at(1000, 1400, 1000), 2)).toBe(true); // others 0.4
    expect(spareCoreBetween(at(0, 0, 0), at(1000, 2600, 1000), 4)).toBe(true); // 4 cores: others 1.6 leave 1.4 beside ours
  });

  it('cannot tell from a window too short or too long', () => {
    expect(spareCoreBetween(at(0, 0, 0), at(MIN_WINDOW_MS - 1, 0, 0), 2)).toBeUndefined();
    expect(spareCoreBetween(at(0, 0, 0), at(MAX_WINDOW_MS + 1, 0, 0), 2)).toBeUndefined();
  });
});

describe('SpareCoreMonitor', () => {
  it('measures the window since the last sample, and falls back to the load average where it cannot', () => {
    const samples = [at(0, 0, 0), at(100, 0, 0), at(600, 900, 100), at(1200, 1000, 500), at(60_000, 1000, 500), at(60_100, 1000, 500), at(61_000, 1000, 500)];
    let load = 0.2;
    const monitor = new SpareCoreMonitor(() => samples.shift()!, 2, () => load);
    expect(monitor.spare()).toBe(true); // 100 ms: too short, load 0.2
    load = 1.8;
    expect(monitor.spare()).toBe(false); // 600 ms since the first sample: others 800 ms = 1.33 cores
    expect(monitor.spare()).toBe(true); // 600 ms: our own threads only
    expect(monitor.spare()).toBe(false); // 58.8 s: too long to say anything about now, load 1.8
    monitor.touch(); // a new window from 60,100
    load = 0.2;
    expect(monitor.spare()).toBe(true); // 900 ms of nothing from others
    expect(samples).toHaveLength(0);
  });
});
