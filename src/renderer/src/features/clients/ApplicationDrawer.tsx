import { Alert, Button, Center, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCircleCheck,
  IconClockExclamation,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconRotateClockwise,
  IconSignature,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/clients';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { ReasonModal } from '../../components/ReasonModal';
import { type MessageKey, useI18n } from '../../i18n';
import { ApproveModal } from './ApproveModal';
import { describeClientError } from './client-errors';
import { DeleteClientModal } from './DeleteClientModal';
import { ApplicationSection, ClientSection, WorkflowSection } from './DetailSections';
import { EditClientModal } from './EditClientModal';
import { HistorySection } from './HistorySection';
import { LeaderApprovalModal } from './LeaderApprovalModal';
import { RotateModal } from './RotateModal';
import { SecretModal, type ShownSecret } from './SecretModal';
import { StateBadges } from './StateBadges';

type Action = 'leader' | 'approve' | 'reject' | 'edit' | 'rotate' | 'disable' | 'enable' | 'delete';
type Dialog = { kind: Action } | { kind: 'secret'; shown: ShownSecret } | null;

const ICONS = {
  leader: IconSignature,
  approve: IconCircleCheck,
  reject: IconX,
  edit: IconPencil,
  rotate: IconRotateClockwise,
  disable: IconPlayerPause,
  enable: IconPlayerPlay,
  delete: IconTrash,
} as const;

/** What the application's state allows next. */
function actionsFor(a: ApplicationDetail): Action[] {
  if (a.state === 'submitted') return ['leader', 'reject'];
  if (a.state === 'leader_approved') return ['approve', 'reject'];
  if (a.state !== 'approved' || !a.client || a.client.status === 'deleted') return [];
  const toggle: Action = a.client.status === 'enabled' ? 'disable' : 'enable';
  return a.clientType === 'confidential' ? ['edit', 'rotate', toggle, 'delete'] : ['edit', toggle, 'delete'];
}

const DONE: Partial<Record<Action, MessageKey>> = {
  leader: 'clients.done.leader',
  reject: 'clients.done.reject',
  edit: 'clients.done.edit',
  disable: 'clients.done.disable',
  enable: 'clients.done.enable',
  delete: 'clients.done.delete',
};

/** One application: its client, workflow, form and history, with the steps its state allows. */
export function ApplicationDrawer(props: { id: number; onClose: () => void; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { id, onChanged } = props;
  const [detail, setDetail] = useState<ApplicationDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await call('clients.get', { id }));
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  /** After a step: the answer shows at once; the history (written with the step) comes with a reload. */
  function stepDone(next: ApplicationDetail, action: Action, shown?: ShownSecret) {
    setDetail(next);
    setDialog(shown ? { kind: 'secret', shown } : null);
    const done = DONE[action];
    if (done) notifications.show({ color: 'teal', message: t(done, { name: next.appName }) });
    onChanged();
    void load();
  }

  async function reasoned(action: 'reject' | 'disable' | 'enable', reason: string) {
    const next =
      action === 'reject'
        ? await call('clients.reject', { id, reason })
        : await call('clients.setDisabled', { id, disabled: action === 'disable', reason });
    stepDone(next, action);
  }

  // While a dialog is open (above all the one-time secret), the drawer stays.
  const close = () => dialog === null && props.onClose();
  const a = detail;

  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size={760}
      closeOnEscape={dialog === null}
      title={a ? <Title order={3}>{a.appName}</Title> : null}
      data-testid="application-drawer"
    >
      {!a ? (
        loadError ? (
          <FormAlert message={describeClientError(loadError, i18n)} />
        ) : (
          <Center py="xl">
            <Loader />
          </Center>
        )
      ) : (
        <Stack gap="md" data-testid="application-detail" data-application-id={a.id}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <StateBadges state={a.state} clientStatus={a.client?.status ?? null} />
              <Text fz="sm" c="dimmed">
                {a.department} · {t(`clients.type.${a.clientType}`)}
              </Text>
            </Stack>
          </Group>
          {a.deadline?.overdue && (
            <Alert color="red" icon={<IconClockExclamation size={18} />} data-testid="overdue-alert">
              {t('clients.detail.overdue', { date: a.deadline.dueOn })}
            </Alert>
          )}
          {actionsFor(a).length > 0 && (
            <Group gap="xs">
              {actionsFor(a).map((action) => {
                const Icon = ICONS[action];
                const danger = action === 'delete' || action === 'reject';
                return (
                  <Button
                    key={action}
                    size="xs"
                    variant={action === 'approve' || action === 'leader' ? 'filled' : 'default'}
                    c={danger ? 'red.7' : undefined}
                    leftSection={<Icon size={15} />}
                    onClick={() => setDialog({ kind: action })}
                    data-testid={`action-${action}`}
                  >
                    {t(`clients.action.${action}`)}
                  </Button>
                );
              })}
            </Group>
          )}
          {a.client && <ClientSection client={a.client} />}
          <WorkflowSection application={a} />
          <ApplicationSection application={a} />
          <HistorySection history={a.history} />
        </Stack>
      )}

      {a && dialog?.kind === 'leader' && (
        <LeaderApprovalModal application={a} onClose={() => setDialog(null)} onDone={(next) => stepDone(next, 'leader')} />
      )}
      {a && dialog?.kind === 'approve' && (
        <ApproveModal application={a} onClose={() => setDialog(null)} onDone={(next, shown) => stepDone(next, 'approve', shown)} />
      )}
      {a && dialog?.kind === 'rotate' && (
        <RotateModal application={a} onClose={() => setDialog(null)} onDone={(next, shown) => stepDone(next, 'rotate', shown)} />
      )}
      {a && dialog?.kind === 'edit' && (
        <EditClientModal application={a} onClose={() => setDialog(null)} onDone={(next) => stepDone(next, 'edit')} />
      )}
      {a && dialog?.kind === 'delete' && (
        <DeleteClientModal application={a} onClose={() => setDialog(null)} onDone={(next) => stepDone(next, 'delete')} />
      )}
      {a && (dialog?.kind === 'reject' || dialog?.kind === 'disable' || dialog?.kind === 'enable') && (
        <ReasonModal
          title={t(`clients.confirm.${dialog.kind}.title`, { name: a.appName })}
          description={t(`clients.confirm.${dialog.kind}.text`, { clientId: a.client?.clientId ?? '' })}
          confirmLabel={t(`clients.action.${dialog.kind}`)}
          danger={dialog.kind !== 'enable'}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => reasoned(dialog.kind as 'reject' | 'disable' | 'enable', reason)}
        />
      )}
      {dialog?.kind === 'secret' && <SecretModal shown={dialog.shown} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}
