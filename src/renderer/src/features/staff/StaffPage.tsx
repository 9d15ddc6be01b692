import { Button, Center, Group, Loader, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { StaffView } from '../../../../shared/contract/staff';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useSessionView } from '../../session/SessionProvider';
import { CreateStaffModal } from './CreateStaffModal';
import { EditStaffModal } from './EditStaffModal';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { ReasonModal } from '../../components/ReasonModal';
import { type StaffAction, StaffTable } from './StaffTable';

const NO_FIELDS: string[] = [];

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; staff: StaffView }
  | { kind: 'reason'; action: Exclude<StaffAction, 'edit'>; staff: StaffView }
  | { kind: 'otp'; staff: StaffView; password: string }
  | null;

export function StaffPage() {
  const { t } = useI18n();
  const view = useSessionView();
  const held = view.staff.permissions;
  const [staff, setStaff] = useState<StaffView[] | null>(null);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const { formError: loadError, clear: clearLoadError, report: reportLoadError } = useFormErrors(NO_FIELDS);

  const reload = useCallback(async () => {
    try {
      setStaff(await call('staff.list', {}));
      clearLoadError();
    } catch (err) {
      reportLoadError(err);
    }
  }, [clearLoadError, reportLoadError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    void reload();
  };

  async function runReasoned(action: Exclude<StaffAction, 'edit'>, target: StaffView, reason: string) {
    if (action === 'disable' || action === 'enable') {
      await call('staff.setDisabled', { id: target.id, disabled: action === 'disable', reason });
      setDialog(null);
      done(t(action === 'disable' ? 'staff.done.disabled' : 'staff.done.enabled', { username: target.username }));
    } else if (action === 'resetPassword') {
      const result = await call('staff.resetPassword', { id: target.id, reason });
      setDialog({ kind: 'otp', staff: result.staff, password: result.oneTimePassword });
      void reload();
    } else {
      await call('staff.resetTotp', { id: target.id, reason });
      setDialog(null);
      done(t('staff.done.totpReset', { username: target.username }));
    }
  }

  const needle = query.trim().toLowerCase();
  const shown = (staff ?? []).filter(
    (s) => !needle || s.username.includes(needle) || s.displayName.toLowerCase().includes(needle),
  );

  return (
    <>
      <PageHeader
        title={t('staff.title')}
        description={t('staff.description')}
        actions={
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'create' })} data-testid="new-staff">
            {t('staff.new')}
          </Button>
        }
      />
      <FormAlert message={loadError} />
      {staff === null && !loadError && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {staff !== null && (
        <>
          <Group mb="sm">
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('staff.search')}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              w={320}
              aria-label={t('staff.search')}
            />
          </Group>
          <StaffTable
            staff={shown}
            selfId={view.staff.id}
            held={held}
            onAction={(action, s) => setDialog(action === 'edit' ? { kind: 'edit', staff: s } : { kind: 'reason', action, staff: s })}
          />
        </>
      )}

      <CreateStaffModal
        opened={dialog?.kind === 'create'}
        held={held}
        onClose={() => setDialog(null)}
        onCreated={(created, password) => {
          setDialog({ kind: 'otp', staff: created, password });
          void reload();
        }}
      />
      {dialog?.kind === 'edit' && (
        <EditStaffModal
          staff={dialog.staff}
          held={held}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            done(t('staff.done.saved', { username: saved.username }));
          }}
        />
      )}
      {dialog?.kind === 'reason' && (
        <ReasonModal
          title={t(`staff.confirm.${dialog.action}.title`, { username: dialog.staff.username })}
          description={t(`staff.confirm.${dialog.action}.text`, { name: dialog.staff.displayName })}
          confirmLabel={t(`staff.action.${dialog.action}`)}
          danger={dialog.action !== 'enable'}
          onClose={() => setDialog(null)}
          onConfirm={(reason) => runReasoned(dialog.action, dialog.staff, reason)}
        />
      )}
      {dialog?.kind === 'otp' && (
        <OneTimePasswordModal staff={dialog.staff} password={dialog.password} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
