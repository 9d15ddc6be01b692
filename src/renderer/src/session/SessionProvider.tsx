import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { SessionView } from '../../../shared/contract/auth';
import { type DeskCallError, call, onCallError } from '../api/client';
import type { MessageKey } from '../i18n';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out'; notice: MessageKey | null }
  | { kind: 'session'; view: SessionView };

interface SessionValue {
  state: SessionState;
  /** The view the desk returned from a sign-in step, touch, unlock... */
  setView: (view: SessionView) => void;
  /** The session is over (signed out here or elsewhere): back to sign-in, with a notice. */
  endSession: (notice: MessageKey | null) => void;
  /** Shows the lock screen (idle lock here, or the desk said SESSION_LOCKED). */
  markLocked: () => void;
  /** Why the desk locked the workstation, when it said (a burst of lookups that found nothing); null for the idle lock. */
  lockedBy: DeskCallError | null;
  /** Asks the desk for the session as it stands (no side effects on the desk). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** How often the console asks the desk whether the session still stands (signed out elsewhere, locked). */
export const SESSION_POLL_MS = 30_000;

/** The next person to sign in starts on their own first area, not on the page the last one left open. */
function forgetPlace() {
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

function withView(prev: SessionState, view: SessionView): SessionState {
  return prev.kind === 'session' && JSON.stringify(prev.view) === JSON.stringify(view) ? prev : { kind: 'session', view };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const [lockedBy, setLockedBy] = useState<DeskCallError | null>(null);

  const setView = useCallback((view: SessionView) => {
    if (!view.locked) setLockedBy(null);
    setState((prev) => withView(prev, view));
  }, []);

  const endSession = useCallback((notice: MessageKey | null) => setState({ kind: 'signed-out', notice }), []);

  const markLocked = useCallback(() => {
    setState((prev) =>
      prev.kind === 'session' && !prev.view.locked ? { kind: 'session', view: { ...prev.view, locked: true } } : prev,
    );
  }, []);

  const refresh = useCallback(async () => {
    try {
      const view = await call('auth.session', {});
      setState((prev) => {
        if (!view) {
          if (prev.kind === 'session') return { kind: 'signed-out', notice: 'notice.sessionEnded' };
          return prev.kind === 'loading' ? { kind: 'signed-out', notice: null } : prev;
        }
        // Only auth.unlock lifts a lock shown here: a poll never uncovers the data.
        const shownLocked = prev.kind === 'session' && prev.view.locked;
        return withView(prev, shownLocked && !view.locked ? { ...view, locked: true } : view);
      });
    } catch {
      setState((prev) => (prev.kind === 'loading' ? { kind: 'signed-out', notice: 'notice.deskUnreachable' } : prev));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any call refused as UNAUTHENTICATED ends the session here too; SESSION_LOCKED shows the lock screen;
  // STAGE_REQUIRED means the screen is behind the session's stage: ask the desk where it stands.
  useEffect(
    () =>
      onCallError((err) => {
        if (err.code === 'UNAUTHENTICATED') {
          setState((prev) => (prev.kind === 'session' ? { kind: 'signed-out', notice: 'notice.sessionEnded' } : prev));
        } else if (err.code === 'SESSION_LOCKED') {
          if (err.params.reason) setLockedBy(err);
          markLocked();
        }
        else if (err.code === 'STAGE_REQUIRED') void refresh(); // the session moved on elsewhere
      }),
    [markLocked, refresh],
  );

  const signedOut = state.kind === 'signed-out';
  useEffect(() => {
    if (signedOut) forgetPlace();
  }, [signedOut]);

  const hasSession = state.kind === 'session';
  useEffect(() => {
    if (!hasSession) return;
    const timer = setInterval(() => void refresh(), SESSION_POLL_MS);
    return () => clearInterval(timer);
  }, [hasSession, refresh]);

  const value = useMemo(
    () => ({ state, setView, endSession, markLocked, lockedBy, refresh }),
    [state, setView, endSession, markLocked, lockedBy, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider>');
  return value;
}

/** The signed-in view; only for components rendered while a session exists. */
export function useSessionView(): SessionView {
  const { state } = useSession();
  if (state.kind !== 'session') throw new Error('useSessionView is only for screens shown with a session');
  return state.view;
}
