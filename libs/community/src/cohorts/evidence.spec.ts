import { evidenceUrlProblem } from './evidence';

describe('evidenceUrlProblem', () => {
  it('accepts http and https links', () => {
    expect(evidenceUrlProblem('https://github.com/ada/prd/blob/main/README.md')).toBeUndefined();
    expect(evidenceUrlProblem('http://blog.example.org/2027/03/my-first-prd?draft=false#summary')).toBeUndefined();
  });

  it('refuses other schemes, non-URLs and hosts without a domain', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'ftp://example.org/x', 'github.com/ada', 'not a url', 'https://intranet/x']) {
      expect(evidenceUrlProblem(bad)).toEqual(expect.stringMatching(/^must/));
    }
  });

  it('refuses empty, credentials and links over 2000 characters', () => {
    expect(evidenceUrlProblem('')).toBe('must not be empty');
    expect(evidenceUrlProblem('https://ada:secret@example.org/x')).toBe('must not contain a user name or password');
    const long = `https://example.org/${'a'.repeat(2000 - 'https://example.org/'.length)}`;
    expect(evidenceUrlProblem(long)).toBeUndefined();
    expect(evidenceUrlProblem(`${long}a`)).toBe('must be at most 2000 characters');
  });
});
