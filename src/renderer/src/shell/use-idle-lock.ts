import { useEffect } from 'react';
import { call } from '../api/client';
import { useSession } from '../session/SessionProvider';
import { useLock } from '../session/use-lock';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** auth.touch at most this often while someone works. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Locks the workstation after `idleLockSeconds` without pointer or keyboard activity, and tells
 * the desk about activity (auth.touch) at most once a minute, so that its own idle rule agrees.
 * Timers only (setTimeout), so that a test clock can fast-forward them.
 */
export function useIdleLock(idleLockSeconds: number) {
  const { setView } = useSession();
  const lock = useLock();

  useEffect(() => {
    const idleMs = idleLockSeconds * 1000;
    // With a short idle period the desk must hear about activity well within it, or it locks a busy desk.
    const touchEvery = Math.min(TOUCH_INTERVAL_MS, Math.floor(idleMs / 3));
    let lastActivity = Date.now();
    let lastTouch = Date.now();
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let touchTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const touch = () => {
      touchTimer = undefined;
      lastTouch = Date.now();
      call('auth.touch', {}).then(
        (view) => {
          if (!stopped) setView(view);
        },
        () => undefined, // UNAUTHENTICATED / SESSION_LOCKED are handled by the session layer.
      );
    };

    const checkIdle = () => {
      const remaining = lastActivity + idleMs - Date.now();
      if (remaining <= 0) {
        stopped = true;
        void lock();
        return;
      }
      idleTimer = setTimeout(checkIdle, remaining);
    };

    const onActivity = () => {
      if (stopped) return;
      lastActivity = Date.now();
      if (touchTimer !== undefined) return;
      const wait = lastTouch + touchEvery - lastActivity;
      if (wait <= 0) touch();
      else touchTimer = setTimeout(touch, wait); // trailing: the desk hears of the latest activity too
    };

    idleTimer = setTimeout(checkIdle, idleMs);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      stopped = true;
      clearTimeout(idleTimer);
      clearTimeout(touchTimer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idleLockSeconds, lock, setView]);
}
