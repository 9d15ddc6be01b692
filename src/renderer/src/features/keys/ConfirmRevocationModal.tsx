import { Alert, Button, DataList, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { RevocationRequestView } from '../../../../shared/contract/keys';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useConfirm } from './use-confirm';

/** The second pair of eyes: shows who asked and why, then revokes. */
export function ConfirmRevocationModal(props: {
  request: RevocationRequestView;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useI18n();
  const r = props.request;
  const { busy, formError, confirm } = useConfirm(props.onConfirm);

  const row = (label: string, value: string, mono = false) => (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        <Text fz="sm" className={mono ? 'mono' : undefined} style={{ wordBreak: 'break-all' }}>
          {value}
        </Text>
      </DataList.ItemValue>
    </DataList.Item>
  );

  return (
    <Modal opened onClose={props.onClose} title={t('keys.confirm.title')} centered size="lg">
      <Stack gap="md" data-testid="confirm-revocation">
        <FormAlert message={formError} />
        <DataList size="sm" gap={6} labelWidth={150}>
          {row(t('keys.field.kid'), r.kid, true)}
          {row(t('keys.col.key'), `${t(`keys.alg.${r.alg}`)} · ${t(`keys.state.${r.keyState}`)}`)}
          {row(t('keys.field.fingerprint'), r.fingerprint, true)}
          {row(t('keys.confirm.requestedBy'), `${r.requestedBy.displayName} (${r.requestedBy.username})`)}
          {row(t('keys.confirm.requestedAt'), formatDateTime(r.requestedAt, false))}
          {row(t('keys.confirm.reason'), r.reason)}
        </DataList>
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
          {t('keys.confirm.warning')}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="confirm-revocation-submit">
            {t('keys.confirm.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
