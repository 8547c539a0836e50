import type { TypedDocumentString } from './generated';
import { RefreshTokenDocument } from './generated';

/** The problems of one failed operation, as the API reports them in `extensions`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Input path (e.g. `input.timeZone`) -> what is wrong with it. */
    readonly fields: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get reason(): string | undefined {
    return typeof this.extensions.reason === 'string' ? this.extensions.reason : undefined;
  }

  /** The message for one input path, also matching a path given without its argument prefix. */
  fieldError(path: string): string | undefined {
    if (this.fields[path]) return this.fields[path];
    const short = path.replace(/^[^.]+\./, '');
    return Object.entries(this.fields).find(([key]) => key === short || key.endsWith(`.${short}`))?.[1];
  }
}

interface RawError {
  message: string;
  extensions?: { code?: string; fields?: string[]; problems?: { field: string; message: string }[]; [key: string]: unknown };
}

/** Turns the first GraphQL error of a response into an ApiError with a message per named input. */
export function toApiError(errors: RawError[]): ApiError {
  const first = errors[0];
  const extensions = first.extensions ?? {};
  const fields: Record<string, string> = {};
  for (const problem of extensions.problems ?? []) {
    fields[problem.field] = fields[problem.field] ? `${fields[problem.field]}; ${problem.message}` : problem.message;
  }
  for (const field of extensions.fields ?? []) fields[field] ??= first.message;
  return new ApiError(first.message, extensions.code ?? 'INTERNAL', fields, extensions);
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
}

const SESSION_KEY = 'switchyard.session';
/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  listeners.forEach((listener) => listener(session));
}

/** Called when the session changes, also from another tab. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key === SESSION_KEY) listener(loadSession());
  };
  window.addEventListener('storage', fromOtherTab);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', fromOtherTab);
  };
}

export function sessionFrom(payload: { accessToken: string; refreshToken: string; accessTokenExpiresAt: string }): Session {
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    accessTokenExpiresAt: Date.parse(payload.accessTokenExpiresAt),
  };
}

async function post(query: string, variables: unknown, accessToken?: string): Promise<{ data?: unknown; errors?: RawError[] }> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The server cannot be reached.', 'NETWORK');
  }
  try {
    return (await response.json()) as { data?: unknown; errors?: RawError[] };
  } catch {
    throw new ApiError(`The server answered ${response.status}.`, response.status >= 500 ? 'INTERNAL' : 'NETWORK');
  }
}

let refreshing: Promise<Session | null> | null = null;

/**
 * Rotates the refresh token. Refresh tokens are single-use and a reused one
 * signs the whole sign-in out, so refreshes are serialised: within the tab by
 * sharing one promise, across tabs by a Web Lock, and whoever gets the lock
 * second re-reads storage and uses the tokens the first one stored.
 */
export function refreshSession(staleAccessToken: string | undefined): Promise<Session | null> {
  refreshing ??= (async () => {
    const run = async (): Promise<Session | null> => {
      const current = loadSession();
      if (!current) return null;
      if (current.accessToken !== staleAccessToken && current.accessTokenExpiresAt - Date.now() > REFRESH_MARGIN_MS) return current;
      const body = await post(RefreshTokenDocument.toString(), { refreshToken: current.refreshToken });
      if (body.errors?.length) {
        const error = toApiError(body.errors);
        // Only a refused token ends the session; a network or server hiccup keeps it for the next try.
        if (error.code === 'UNAUTHENTICATED' || error.code === 'BAD_USER_INPUT') {
          saveSession(null);
          return null;
        }
        throw error;
      }
      const next = sessionFrom((body.data as { refreshToken: { accessToken: string; refreshToken: string; accessTokenExpiresAt: string } }).refreshToken);
      saveSession(next);
      return next;
    };
    try {
      return navigator.locks ? await navigator.locks.request('switchyard-refresh', run) : await run();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Called when the API refuses the session for good (refresh failed), to show the sign-in page. */
let onSignedOut: () => void = () => undefined;
export function setSignedOutHandler(handler: () => void): void {
  onSignedOut = handler;
}

/**
 * Sends one typed operation. A token about to expire is refreshed first; an
 * UNAUTHENTICATED answer to a signed-in request refreshes once and retries.
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
): Promise<TResult> {
  const query = document.toString();
  let session = loadSession();
  if (session && session.accessTokenExpiresAt - Date.now() < REFRESH_MARGIN_MS) session = await refreshSession(session.accessToken);
  let body = await post(query, variables ?? {}, session?.accessToken);
  if (session && body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') {
    session = await refreshSession(session.accessToken);
    if (!session) {
      onSignedOut();
      throw toApiError(body.errors);
    }
    body = await post(query, variables ?? {}, session.accessToken);
  }
  if (body.errors?.length) throw toApiError(body.errors);
  return body.data as TResult;
}
