import { Button, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { StaffView } from '../../../../shared/contract/staff';
import type { Permission, Role } from '../../../../shared/permissions';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { RoleSelect } from './RoleSelect';

const FIELDS = ['displayName', 'roles', 'departments'];

/** Display name and roles of one staff member; mounted per member, so the fields start from their values. */
export function EditStaffModal(props: {
  staff: StaffView;
  held: readonly Permission[];
  onClose: () => void;
  onSaved: (staff: StaffView) => void;
}) {
  const { t } = useI18n();
  const [displayName, setDisplayName] = useState(props.staff.displayName);
  const [roles, setRoles] = useState<Role[]>(props.staff.roles);
  const [departments, setDepartments] = useState<string[]>(props.staff.departments ?? []);
  const [knownDepartments, setKnownDepartments] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  useEffect(() => {
    // Suggestions only: a staff admin without account.view types the names.
    call('accounts.departments', {}).then(setKnownDepartments, () => undefined);
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (roles.length === 0) {
      errors.setFieldError('roles', t('staff.field.rolesRequired'));
      return;
    }
    const rolesChanged = roles.length !== props.staff.roles.length || roles.some((r) => !props.staff.roles.includes(r));
    const nameChanged = displayName.trim() !== props.staff.displayName;
    const before = props.staff.departments ?? [];
    const departmentsChanged = departments.length !== before.length || departments.some((d) => !before.includes(d));
    if (!rolesChanged && !nameChanged && !departmentsChanged) {
      props.onClose();
      return;
    }
    setBusy(true);
    try {
      const saved = await call('staff.update', {
        id: props.staff.id,
        ...(nameChanged ? { displayName } : {}),
        ...(rolesChanged ? { roles } : {}),
        ...(departmentsChanged ? { departments } : {}),
      });
      props.onSaved(saved);
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={t('staff.edit.title', { username: props.staff.username })} size="lg" centered>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <FormAlert message={errors.formError} />
          <TextInput
            label={t('staff.field.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.fieldError('displayName')}
            required
          />
          <RoleSelect value={roles} onChange={setRoles} held={props.held} error={errors.fieldError('roles')} />
          <TagsInput
            label={t('staff.field.departments')}
            description={t('staff.field.departmentsHint')}
            data={knownDepartments}
            value={departments}
            onChange={setDepartments}
            error={errors.fieldError('departments')}
            maxTags={30}
            clearable
            data-testid="staff-departments"
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
