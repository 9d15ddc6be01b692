import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { StaffView } from '../../../../shared/contract/staff';
import type { Permission, Role } from '../../../../shared/permissions';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { RoleSelect } from './RoleSelect';

const FIELDS = ['username', 'displayName', 'roles'];

export function CreateStaffModal(props: {
  opened: boolean;
  held: readonly Permission[];
  onClose: () => void;
  onCreated: (staff: StaffView, oneTimePassword: string) => void;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  function reset() {
    setUsername('');
    setDisplayName('');
    setRoles([]);
    errors.clear();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (roles.length === 0) {
      errors.setFieldError('roles', t('staff.field.rolesRequired'));
      return;
    }
    setBusy(true);
    try {
      const result = await call('staff.create', { username: username.trim().toLowerCase(), displayName, roles });
      reset();
      props.onCreated(result.staff, result.oneTimePassword);
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={props.opened}
      onClose={() => {
        reset();
        props.onClose();
      }}
      title={t('staff.create.title')}
      size="lg"
      centered
    >
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="create-staff-form">
        <Stack gap="md">
          <FormAlert message={errors.formError} />
          <TextInput
            label={t('staff.field.username')}
            description={t('staff.field.usernameHint')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errors.fieldError('username')}
            autoComplete="off"
            data-autofocus
            required
          />
          <TextInput
            label={t('staff.field.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.fieldError('displayName')}
            autoComplete="off"
            required
          />
          <RoleSelect value={roles} onChange={setRoles} held={props.held} error={errors.fieldError('roles')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('staff.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
