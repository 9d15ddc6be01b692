import { useCallback } from 'react';
import { call } from '../api/client';
import { useSession } from './SessionProvider';

/** Locks the workstation: the desk marks the session locked, the console hides everything behind the lock screen. */
export function useLock() {
  const { markLocked } = useSession();
  return useCallback(async () => {
    // Shown locked at once, whatever the desk answers: the data must not stay on screen.
    markLocked();
    try {
      await call('auth.lock', {});
    } catch {
      // The lock screen is up; the desk locks the session on its own once the idle period has passed.
    }
  }, [markLocked]);
}
