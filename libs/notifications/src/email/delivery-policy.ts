/**
 * What to do after a failed send. SMTP says it in the reply code: 4xx is
 * "try again later" (greylisting, a full mailbox, a busy server), 5xx is
 * "never" (no such mailbox, rejected as spam). Errors without a reply code
 * are the network's or the server's (refused, reset, timed out) and pass.
 */
export type SendFailure = 'transient' | 'permanent';

/** Messages the server can never take, whatever the reply: retrying would fail the same way. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number') {
    // A 5xx on authentication is our configuration, not the message: keep the
    // message (bounded by the attempts) so fixing the credentials delivers it.
    if (e.code === 'EAUTH') return 'transient';
    return e.responseCode >= 500 ? 'permanent' : 'transient';
  }
  return typeof e.code === 'string' && PERMANENT_CODES.has(e.code) ? 'permanent' : 'transient';
}

const MAX_DELAY_MS = 6 * 3600 * 1000;

/**
 * Delay before attempt `attempt + 1`: base, 2 x base, 4 x base ... capped at
 * 6 h, each scaled by a random factor in [0.5, 1.5) so a burst of failures
 * (a mail server restart) does not come back as one synchronised burst.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random()));
}

/**
 * The error as stored on the outbox row and logged: one line, bounded, and
 * without the addresses SMTP servers like to quote back ("<ada@x.org>:
 * Recipient address rejected"), since logs must never hold emails.
 */
export function describeSendError(error: unknown): string {
  const e = (error ?? {}) as { message?: unknown; responseCode?: unknown; code?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const prefix = [typeof e.code === 'string' ? e.code : undefined, typeof e.responseCode === 'number' ? e.responseCode : undefined]
    .filter((part) => part !== undefined)
    .join(' ');
  const text = `${prefix ? `${prefix}: ` : ''}${message}`
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
