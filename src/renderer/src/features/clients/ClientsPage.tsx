import { Button, Center, Chip, Group, Loader, SegmentedControl } from '@mantine/core';
import { IconCalendarCog, IconFilePlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { ApplicationState, ApplicationSummary } from '../../../../shared/contract/clients';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n';
import { useSessionView } from '../../session/SessionProvider';
import { useHashPath } from '../../shell/use-hash-route';
import { ApplicationDrawer } from './ApplicationDrawer';
import { ApplicationForm } from './ApplicationForm';
import { ApplicationsTable } from './ApplicationsTable';
import { CalendarModal } from './CalendarModal';
import { describeClientError } from './client-errors';
import { STATES } from './labels';

type Listing = { items: ApplicationSummary[]; counts: Record<ApplicationState | 'overdue', number> };

/** `#/clients/12` -> 12. */
function openIdOf(hashPath: string): number | null {
  const m = /^clients\/(\d{1,12})(?:[/?]|$)/.exec(hashPath);
  return m ? Number(m[1]) : null;
}

const open = (id: number) => (window.location.hash = `#/clients/${id}`);
const closeDetail = () => (window.location.hash = '#/clients');

/**
 * The jAccount interface applications: departments' requests as they arrive, leader-approved ones
 * against the NIC's 3-working-day deadline, and the clients issued for them (`#/clients/<id>`).
 */
export function ClientsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const canEditCalendar = useSessionView().staff.permissions.includes('settings.manage');
  const openId = openIdOf(useHashPath());
  const [state, setState] = useState<ApplicationState | 'all'>('all');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [listing, setListing] = useState<Listing | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<'new' | 'calendar' | null>(null);

  const reload = useCallback(async () => {
    try {
      setListing(await call('clients.list', { ...(state === 'all' ? {} : { state }), ...(overdueOnly ? { overdue: true } : {}) }));
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [state, overdueOnly]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const counts = listing?.counts;
  const total = counts ? STATES.reduce((n, s) => n + counts[s], 0) : 0;
  const label = (text: string, n: number | undefined) => (n === undefined ? text : `${text} (${n})`);

  return (
    <>
      <PageHeader
        title={t('clients.title')}
        description={t('clients.description')}
        actions={
          <>
            <Button variant="default" leftSection={<IconCalendarCog size={18} />} onClick={() => setDialog('calendar')} data-testid="open-calendar">
              {t('clients.calendar.open')}
            </Button>
            <Button leftSection={<IconFilePlus size={18} />} onClick={() => setDialog('new')} data-testid="new-application">
              {t('clients.new')}
            </Button>
          </>
        }
      />
      <Group mb="sm" justify="space-between">
        <SegmentedControl
          value={state}
          onChange={(value) => setState(value as ApplicationState | 'all')}
          data={[
            { value: 'all', label: label(t('clients.filter.all'), counts ? total : undefined) },
            ...STATES.map((s) => ({ value: s, label: label(t(`clients.state.${s}`), counts?.[s]) })),
          ]}
          data-testid="state-filter"
        />
        <Chip
          checked={overdueOnly}
          onChange={setOverdueOnly}
          color="red"
          styles={counts?.overdue && !overdueOnly ? { label: { color: 'var(--mantine-color-red-7)', fontWeight: 700 } } : undefined}
          wrapperProps={{ 'data-testid': 'overdue-filter' }}
        >
          {label(t('clients.filter.overdue'), counts?.overdue)}
        </Chip>
      </Group>
      <FormAlert message={loadError ? describeClientError(loadError, i18n) : null} />
      {listing === null && !loadError && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {listing && <ApplicationsTable items={listing.items} onOpen={open} />}

      <ApplicationForm
        opened={dialog === 'new'}
        onClose={() => setDialog(null)}
        onSubmitted={(application) => {
          setDialog(null);
          void reload();
          open(application.id);
        }}
      />
      {dialog === 'calendar' && (
        <CalendarModal
          canEdit={canEditCalendar}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void reload();
          }}
        />
      )}
      {openId !== null && <ApplicationDrawer key={openId} id={openId} onClose={closeDetail} onChanged={() => void reload()} />}
    </>
  );
}
