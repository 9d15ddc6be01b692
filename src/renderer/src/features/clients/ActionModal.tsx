import { Button, Group, Modal, Stack } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';

/** The frame of the registry's dialogs: a form, its error line, cancel and confirm. `onConfirm` throws to keep the dialog open. */
export function ActionModal(props: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  confirmDisabled?: boolean;
  formError: string | null;
  onClose: () => void;
  onConfirm: () => Promise<void>;
  testId: string;
  size?: string | number;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={props.title} centered size={props.size ?? 'md'}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid={props.testId}>
        <Stack gap="md">
          <FormAlert message={props.formError} />
          {props.children}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={props.danger ? 'red' : undefined} loading={busy} disabled={props.confirmDisabled}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
