import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

export interface ShownSecret {
  appName: string;
  clientId: string;
  /** Null for a public client: only the clientId is handed over. */
  secret: string | null;
  /** After a rotation: until when the previous secret still works (null: it stopped at once). */
  previousValidUntil?: string | null;
  rotated: boolean;
}

function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Stack gap={4}>
      <Text fz="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Group justify="space-between" wrap="nowrap" p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
        <Code fz={15} fw={600} bg="transparent" data-testid={testId} style={{ wordBreak: 'break-all' }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'default'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
              size="xs"
              data-testid={`${testId}-copy`}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/**
 * The client credentials, the secret shown this once: it cannot be closed until the operator
 * confirms it has been copied (the desk keeps only a keyed hash; a lost secret means a rotation).
 */
export function SecretModal({ shown, onClose }: { shown: ShownSecret; onClose: () => void }) {
  const { t } = useI18n();
  const [acknowledged, setAcknowledged] = useState(shown.secret === null);
  return (
    <Modal
      opened
      onClose={() => acknowledged && onClose()}
      title={t(shown.rotated ? 'clients.secret.rotatedTitle' : 'clients.secret.title', { name: shown.appName })}
      centered
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      <Stack gap="md" data-testid="secret-modal">
        {shown.secret !== null && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('clients.secret.onceTitle')}>
            {t('clients.secret.once')}
          </Alert>
        )}
        <CopyRow label={t('clients.field.clientId')} value={shown.clientId} testId="shown-client-id" />
        {shown.secret !== null ? (
          <CopyRow label={t('clients.field.secret')} value={shown.secret} testId="shown-secret" />
        ) : (
          <Text fz="sm">{t('clients.secret.publicClient')}</Text>
        )}
        {shown.rotated && (
          <Text fz="sm" data-testid="previous-valid-until">
            {shown.previousValidUntil
              ? t('clients.secret.previousUntil', { time: formatDateTime(shown.previousValidUntil, false) })
              : t('clients.secret.previousStopped')}
          </Text>
        )}
        {shown.secret !== null && (
          <Checkbox
            label={t('clients.secret.acknowledge')}
            checked={acknowledged}
            onChange={(e) => setAcknowledged(e.currentTarget.checked)}
            data-testid="secret-acknowledge"
          />
        )}
        <Group justify="flex-end">
          <Button onClick={onClose} disabled={!acknowledged} data-testid="secret-done">
            {t('clients.secret.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
