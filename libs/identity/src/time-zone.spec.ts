import { isCanonicalTimeZone, timeZoneProblem } from './time-zone';

describe('time zones', () => {
  it.each(['Europe/Berlin', 'Asia/Shanghai', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv'])(
    'accepts %s',
    (name) => {
      expect(isCanonicalTimeZone(name)).toBe(true);
      expect(timeZoneProblem(name)).toBeUndefined();
    },
  );

  it('refuses names that do not exist', () => {
    expect(timeZoneProblem('Mars/Phobos')).toMatch(/IANA time zone name such as/);
    expect(timeZoneProblem('')).toBeDefined();
    expect(timeZoneProblem('+02:00')).toBeDefined();
  });

  it('refuses aliases and wrong case, naming the canonical spelling', () => {
    expect(timeZoneProblem('US/Eastern')).toContain('"America/New_York"');
    expect(timeZoneProblem('europe/berlin')).toContain('"Europe/Berlin"');
    expect(timeZoneProblem('GMT')).toContain('"UTC"');
  });
});
