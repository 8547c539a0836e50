export const EVIDENCE_URL_MAX = 2000;

/**
 * What is wrong with an evidence link, if anything. Only http(s): the link is
 * shown to mentors and organizers, so javascript:, data: and file: URLs must
 * never get in; credentials in a URL would leak to everyone who sees it.
 */
export function evidenceUrlProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > EVIDENCE_URL_MAX) return `must be at most ${EVIDENCE_URL_MAX} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http or https URL, e.g. https://github.com/you/project';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL, e.g. https://github.com/you/project';
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return 'must name a real host';
  if (url.username || url.password) return 'must not contain a user name or password';
  return undefined;
}
