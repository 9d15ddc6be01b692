import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { StaffView } from '../../../../shared/contract/staff';
import { useI18n } from '../../i18n';

/** The one-time password, shown once: copy it or read it out, then it is gone from the console. */
export function OneTimePasswordModal(props: { staff: StaffView; password: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('otp.title', { username: props.staff.username })}
      centered
      size="md"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      <Stack gap="md" data-testid="otp-modal">
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('otp.onceTitle')}>
          {t('otp.once', { name: props.staff.displayName })}
        </Alert>
        <Group justify="space-between" wrap="nowrap" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
          <Code fz={20} fw={600} bg="transparent" data-testid="one-time-password" style={{ letterSpacing: '0.05em', wordBreak: 'break-all' }}>
            {props.password}
          </Code>
          <CopyButton value={props.password}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'default'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
                size="xs"
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text fz="sm" c="dimmed">
          {t('otp.next')}
        </Text>
        <Group justify="flex-end">
          <Button onClick={props.onClose} data-testid="otp-done">
            {t('otp.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
