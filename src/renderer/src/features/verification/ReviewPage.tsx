import { Alert, Center, Drawer, Group, Loader, Paper, SegmentedControl, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { ApplicationDetail, ApplicationSummary } from '../../../../shared/contract/verification';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { ApplicationsTable } from './ApplicationsTable';
import { CaseView } from './CaseView';
import { DecisionModal } from './DecisionModal';

const NO_FIELDS: string[] = [];

/** The reviewer's queue: their departments' applications, oldest first, near and overdue ones marked; a case opens in a drawer. */
export function ReviewPage() {
  const { t } = useI18n();
  const [view, setView] = useState<'open' | 'decided'>('open');
  const [department, setDepartment] = useState<string | null>(null);
  const [queue, setQueue] = useState<{ departments: string[]; items: ApplicationSummary[] } | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [detail, setDetail] = useState<ApplicationDetail | null>(null);
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const errors = useFormErrors(NO_FIELDS);
  const { report } = errors;

  const load = useCallback(() => {
    call('verification.queue', { view, ...(department ? { department } : {}) }).then(setQueue, report);
  }, [view, department, report]);
  useEffect(load, [load]);

  useEffect(() => {
    if (openId === null) return setDetail(null);
    setDetail(null);
    call('verification.get', { id: openId }).then(setDetail, report);
  }, [openId, report]);

  const items = queue?.items ?? [];
  const near = items.filter((i) => i.near).length;
  const overdue = items.filter((i) => i.deadline?.overdue).length;

  return (
    <>
      <PageHeader title={t('review.title')} description={t('review.description')} />
      <FormAlert message={errors.formError} />
      {queue && queue.departments.length === 0 ? (
        <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="no-departments">
          {t('review.noDepartments')}
        </Alert>
      ) : (
        <>
          <Group justify="space-between" mb="md">
            <Group gap="md">
              <SegmentedControl
                value={view}
                onChange={(v) => setView(v as 'open' | 'decided')}
                data={[
                  { value: 'open', label: t('review.view.open') },
                  { value: 'decided', label: t('review.view.decided') },
                ]}
                data-testid="review-view"
              />
              <Select
                aria-label={t('review.department')}
                placeholder={t('review.allDepartments')}
                data={queue?.departments ?? []}
                value={department}
                onChange={setDepartment}
                clearable
                w={260}
              />
            </Group>
            {view === 'open' && queue && (
              <Text fz="sm" c="dimmed" data-testid="review-counts">
                {t('review.counts', { total: items.length, near, overdue })}
              </Text>
            )}
          </Group>
          <Paper withBorder radius="md" bg="white">
            {!queue ? (
              <Center p="xl">
                <Loader size="sm" />
              </Center>
            ) : items.length === 0 ? (
              <Center p="xl">
                <Text c="dimmed">{t(view === 'open' ? 'review.empty' : 'review.emptyDecided')}</Text>
              </Center>
            ) : (
              <ApplicationsTable items={items} onOpen={setOpenId} showTakenBy />
            )}
          </Paper>
        </>
      )}
      <Drawer
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size="min(1180px, 92vw)"
        title={<Text fw={700}>{t('review.case.title', { id: openId ?? '' })}</Text>}
      >
        {detail ? (
          <CaseView detail={detail} onDecide={setDeciding} />
        ) : (
          <Center p="xl">
            <Loader size="sm" />
          </Center>
        )}
      </Drawer>
      {detail && deciding && (
        <DecisionModal
          detail={detail}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDecided={(decided) => {
            setDeciding(null);
            setDetail(decided);
            notifications.show({ color: 'teal', message: t(decided.status === 'approved' ? 'review.decided.approved' : 'review.decided.rejected', { id: decided.id }) });
            load();
          }}
        />
      )}
    </>
  );
}
