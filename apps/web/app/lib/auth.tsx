import { ReactNode, createContext, useCallback, useContext, useEffect, useState } from 'react';
import { loadSession, onSessionChange, request, saveSession, sessionFrom, setSignedOutHandler } from '../api/client';
import { LogoutDocument, MeDocument, type ViewerFieldsFragment } from '../api/generated';

export type Viewer = ViewerFieldsFragment;

interface AuthState {
  viewer: Viewer | null;
  /** True until the stored session (if any) has been checked. */
  loading: boolean;
  /** Set when the server ended the session (refresh refused), to explain the sign-in page. */
  expired: boolean;
  signedIn(payload: { accessToken: string; refreshToken: string; accessTokenExpiresAt: string; user: Viewer }): void;
  signOut(): Promise<void>;
  setViewer(viewer: Viewer): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [loading, setLoading] = useState(() => loadSession() !== null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    if (!loadSession()) return;
    request(MeDocument)
      .then((data) => setViewer(data.me))
      .catch(() => setViewer(null))
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => {
    setSignedOutHandler(() => setExpired(true));
    return onSessionChange((session) => {
      if (!session) setViewer(null);
    });
  }, []);

  const signedIn = useCallback<AuthState['signedIn']>((payload) => {
    saveSession(sessionFrom(payload));
    setExpired(false);
    setViewer(payload.user);
  }, []);

  const signOut = useCallback(async () => {
    const session = loadSession();
    saveSession(null);
    setViewer(null);
    // Revoke the refresh token too; the access token dies on its own within minutes.
    if (session) await request(LogoutDocument, { refreshToken: session.refreshToken }).catch(() => undefined);
  }, []);

  return <AuthContext.Provider value={{ viewer, loading, expired, signedIn, signOut, setViewer }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; only for pages rendered behind the sign-in check. */
export function useViewer(): Viewer {
  const { viewer } = useAuth();
  if (!viewer) throw new Error('useViewer without a signed-in user');
  return viewer;
}
