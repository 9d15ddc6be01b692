import { notifications } from '@mantine/notifications';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { Language } from '../../../shared/contract/common';
import { call } from '../api/client';
import { I18nProvider, i18nFor } from '../i18n';
import { describeError } from '../i18n/describe-error';
import { useSession } from './SessionProvider';
import { rememberWorkstationLanguage, workstationLanguage } from './workstation';

/**
 * Before sign-in the console speaks the workstation's language (localStorage); with a session it
 * speaks the staff member's saved language, and switching saves it with auth.setLanguage.
 */
export function LanguageRoot({ children }: { children: ReactNode }) {
  const { state, setView } = useSession();
  const [workstation, setWorkstation] = useState<Language>(workstationLanguage);
  const hasSession = state.kind === 'session';
  const language = state.kind === 'session' ? state.view.staff.language : workstation;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18nFor(language).t('app.name');
  }, [language]);

  const change = useCallback(
    (next: Language) => {
      if (!hasSession) {
        rememberWorkstationLanguage(next);
        setWorkstation(next);
        return;
      }
      call('auth.setLanguage', { language: next }).then(setView, (err: unknown) => {
        const i18n = i18nFor(language);
        notifications.show({ color: 'red', title: i18n.t('language.saveFailed'), message: describeError(err, i18n) });
      });
    },
    [hasSession, language, setView],
  );

  return (
    <I18nProvider language={language} onChange={change}>
      {children}
    </I18nProvider>
  );
}
