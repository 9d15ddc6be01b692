import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { KeyView } from '../../../../shared/contract/keys';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { useKeyErrors } from './use-key-errors';
import { shortKid } from './key-text';

const NO_FIELDS: string[] = [];

export function PromoteModal(props: {
  next: KeyView;
  active: KeyView | undefined;
  windowHours: number;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const errors = useKeyErrors(NO_FIELDS);

  async function confirm() {
    errors.clear();
    setBusy(true);
    try {
      await props.onConfirm();
    } catch (err) {
      errors.report(err);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={t('keys.promote.title', { kid: shortKid(props.next.kid) })} centered size="md">
      <Stack gap="md">
        <FormAlert message={errors.formError} />
        <Text fz="sm">
          {t('keys.promote.text', {
            alg: props.next.alg,
            old: props.active ? shortKid(props.active.kid) : '—',
            window: props.windowHours,
          })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void confirm()} data-testid="promote-submit">
            {t('keys.promote.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
