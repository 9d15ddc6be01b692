import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { KeyView } from '../../../../shared/contract/keys';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { useConfirm } from './use-confirm';
import { shortKid } from './key-text';

export function PromoteModal(props: {
  next: KeyView;
  active: KeyView | undefined;
  windowHours: number;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { busy, formError, confirm } = useConfirm(props.onConfirm);

  return (
    <Modal opened onClose={props.onClose} title={t('keys.promote.title', { kid: shortKid(props.next.kid) })} centered size="md">
      <Stack gap="md">
        <FormAlert message={formError} />
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
