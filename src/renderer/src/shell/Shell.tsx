import { AppShell, Box } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { AccountPage } from '../features/account/AccountPage';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { ImportPage } from '../features/accounts/ImportPage';
import { requestLookup } from '../features/accounts/lookup-requests';
import { RegisterPage } from '../features/accounts/RegisterPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ClientsPage } from '../features/clients/ClientsPage';
import { KeysPage } from '../features/keys/KeysPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { ApplicationsPage } from '../features/verification/ApplicationsPage';
import { CalendarPage } from '../features/verification/CalendarPage';
import { ReviewPage } from '../features/verification/ReviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StaffPage } from '../features/staff/StaffPage';
import { VerifyPage } from '../features/verify/VerifyPage';
import { useSessionView } from '../session/SessionProvider';
import { type AreaId, areasFor } from './areas';
import { ShellHeader } from './ShellHeader';
import { ShellNavbar } from './ShellNavbar';
import { TwoStepNeeded } from './TwoStepNeeded';
import { useHashRoute } from './use-hash-route';
import { useIdleLock } from './use-idle-lock';

const PAGES: Record<AreaId, () => React.JSX.Element> = {
  accounts: AccountsPage,
  register: RegisterPage,
  import: ImportPage,
  applications: ApplicationsPage,
  review: ReviewPage,
  calendar: CalendarPage,
  outbox: OutboxPage,
  verify: VerifyPage,
  clients: ClientsPage,
  keys: KeysPage,
  staff: StaffPage,
  audit: AuditPage,
  settings: SettingsPage,
  account: AccountPage,
};

/** The signed-in console: header, the areas this staff member may open, and the open one. */
export function Shell() {
  const view = useSessionView();
  const [route, navigate] = useHashRoute();
  const areas = areasFor(view.staff.permissions);
  const current = areas.find((a) => a.id === route) ?? areas[0]!;
  useIdleLock(view.idleLockSeconds);

  useEffect(() => {
    if (current.id !== route) navigate(current.id);
  }, [current.id, route, navigate]);

  // Ctrl+K from anywhere (inputs too): to the account search box, unless a modal dialog is open.
  const canLookUp = view.staff.permissions.includes('account.view');
  useHotkeys(
    canLookUp
      ? [
          [
            'mod+K',
            () => {
              if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
              requestLookup();
              if (current.id !== 'accounts') navigate('accounts');
            },
            { usePhysicalKeys: true },
          ],
        ]
      : [],
    [],
  );

  const Page = PAGES[current.id];
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 236, breakpoint: 0 }} padding={0}>
      <ShellHeader onNavigate={navigate} />
      <ShellNavbar areas={areas} current={current.id} onNavigate={navigate} />
      <AppShell.Main bg="gray.0">
        <Box px={{ base: 'lg', xl: 40 }} py="lg" maw={1600} data-testid={`page-${current.id}`}>
          <TwoStepNeeded onNavigate={navigate} />
          <Page key={current.id} />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
