import { parseGenerateArgs } from './generate';

describe('parseGenerateArgs', () => {
  const today = new Date('2025-03-15T17:45:12Z');

  it('reads counts, seed and flags in both spellings', () => {
    expect(parseGenerateArgs(['--mentors', '100000', '--switchers=300000', '--seed', '7', '--with-taxonomy'], today)).toEqual({
      mentors: 100000,
      switchers: 300000,
      seed: 7,
      now: new Date('2025-03-15T00:00:00Z'),
      batchSize: undefined,
      withTaxonomy: true,
    });
  });

  it('defaults the seed to 1 and now to the start of the UTC day; takes --now and --batch-size', () => {
    const args = parseGenerateArgs(['--mentors', '1', '--switchers', '2', '--now', '2024-01-02T03:04:05Z', '--batch-size', '1000'], today);
    expect(args).toMatchObject({ seed: 1, now: new Date('2024-01-02T03:04:05Z'), batchSize: 1000, withTaxonomy: false });
    expect(parseGenerateArgs(['--mentors', '1', '--switchers', '2'], today).seed).toBe(1);
  });

  it('refuses missing, malformed and unknown arguments', () => {
    expect(() => parseGenerateArgs(['--switchers', '2'], today)).toThrow(/--mentors is required/);
    expect(() => parseGenerateArgs(['--mentors', '-1', '--switchers', '2'], today)).toThrow(/non-negative integer/);
    expect(() => parseGenerateArgs(['--mentors', '1e3', '--switchers', '2'], today)).toThrow(/non-negative integer/);
    expect(() => parseGenerateArgs(['--mentors', '1', '--switchers'], today)).toThrow(/needs a value/);
    expect(() => parseGenerateArgs(['--mentors', '1', '--switchers', '2', '--verbose'], today)).toThrow(/unknown argument/);
    expect(() => parseGenerateArgs(['--mentors', '1', '--switchers', '2', '--now', 'yesterday'], today)).toThrow(/ISO-8601/);
    expect(() => parseGenerateArgs(['--mentors', '1', '--switchers', '2', '--batch-size', '0'], today)).toThrow(/positive/);
  });
});
