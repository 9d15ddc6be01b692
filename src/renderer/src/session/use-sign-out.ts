import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { useSession } from './SessionProvider';

/** Ends this session (or every session of this staff member) and returns to the sign-in page. */
export function useSignOut() {
  const { endSession } = useSession();
  const { t } = useI18n();

  const signOut = useCallback(async () => {
    try {
      await call('auth.signOut', {});
    } catch {
      // Gone already, or the desk is unreachable: the console forgets the session either way.
    }
    endSession('notice.signedOut');
  }, [endSession]);

  const signOutEverywhere = useCallback(async () => {
    try {
      const { ended } = await call('auth.signOutEverywhere', {});
      notifications.show({ color: 'blue', message: t('notice.signedOutEverywhere', { count: ended }) });
    } catch {
      // As above.
    }
    endSession('notice.signedOut');
  }, [endSession, t]);

  return { signOut, signOutEverywhere };
}
