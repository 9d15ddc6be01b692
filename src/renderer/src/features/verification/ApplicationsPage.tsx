import { Button, Center, Paper, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCertificate, IconCloudDownload, IconListCheck, IconPhoneCall } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { ApplicationSummary } from '../../../../shared/contract/verification';
import { APPLICATION_STATUSES, type ApplicationStatus, VERIFICATION_LIMITS } from '../../../../shared/verification/terms';
import { call } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { useI18n } from '../../i18n';
import { AlumniForm } from './AlumniForm';
import { ApplicationsTable } from './ApplicationsTable';
import { ContactChangeForm } from './ContactChangeForm';
import { OnlineImport } from './OnlineImport';

/** The counter's side: take applications in (alumni, contact change, online export) and follow them. */
export function ApplicationsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<string | null>('alumni');
  const [maxBytes, setMaxBytes] = useState<number>(VERIFICATION_LIMITS.uploadMaxBytesDefault);
  const [status, setStatus] = useState<ApplicationStatus | 'all'>('all');
  const [items, setItems] = useState<ApplicationSummary[] | null>(null);
  const [withdrawing, setWithdrawing] = useState<ApplicationSummary | null>(null);

  useEffect(() => {
    call('verification.settings', {}).then((s) => setMaxBytes(s.uploadMaxBytes), () => undefined);
  }, []);

  const load = useCallback(() => {
    call('verification.intakeList', status === 'all' ? {} : { status }).then((r) => setItems(r.items), () => setItems([]));
  }, [status]);

  useEffect(() => {
    if (tab === 'list') load();
  }, [tab, load]);

  return (
    <>
      <PageHeader title={t('applications.title')} description={t('applications.description')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="alumni" leftSection={<IconCertificate size={16} />} data-testid="tab-alumni">
            {t('applications.tab.alumni')}
          </Tabs.Tab>
          <Tabs.Tab value="contact" leftSection={<IconPhoneCall size={16} />} data-testid="tab-contact">
            {t('applications.tab.contact')}
          </Tabs.Tab>
          <Tabs.Tab value="import" leftSection={<IconCloudDownload size={16} />} data-testid="tab-import">
            {t('applications.tab.import')}
          </Tabs.Tab>
          <Tabs.Tab value="list" leftSection={<IconListCheck size={16} />} data-testid="tab-list">
            {t('applications.tab.list')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="alumni">
          <AlumniForm maxBytes={maxBytes} />
        </Tabs.Panel>
        <Tabs.Panel value="contact">
          <ContactChangeForm maxBytes={maxBytes} />
        </Tabs.Panel>
        <Tabs.Panel value="import">
          <OnlineImport />
        </Tabs.Panel>
        <Tabs.Panel value="list">
          <Stack gap="md">
            <SegmentedControl
              value={status}
              onChange={(v) => setStatus(v as ApplicationStatus | 'all')}
              data={[{ value: 'all', label: t('applications.list.all') }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`verification.status.${s}`) }))]}
              style={{ alignSelf: 'flex-start' }}
            />
            <Paper withBorder radius="md" bg="white">
              {items && items.length === 0 ? (
                <Center p="xl">
                  <Text c="dimmed">{t('applications.list.empty')}</Text>
                </Center>
              ) : (
                <ApplicationsTable
                  items={items ?? []}
                  showTakenBy
                  actions={(item) =>
                    item.status === 'submitted' && (
                      <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setWithdrawing(item)}>
                        {t('applications.withdraw')}
                      </Button>
                    )
                  }
                />
              )}
            </Paper>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {withdrawing && (
        <ReasonModal
          title={t('applications.withdraw.title', { id: withdrawing.id })}
          description={t('applications.withdraw.description')}
          confirmLabel={t('applications.withdraw')}
          danger
          onClose={() => setWithdrawing(null)}
          onConfirm={async (reason) => {
            await call('verification.withdraw', { id: withdrawing.id, reason });
            notifications.show({ color: 'teal', message: t('applications.withdrawn', { id: withdrawing.id }) });
            setWithdrawing(null);
            load();
          }}
        />
      )}
    </>
  );
}
