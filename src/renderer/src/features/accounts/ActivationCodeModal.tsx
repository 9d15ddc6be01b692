import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconId, IconPrinter } from '@tabler/icons-react';
import { createPortal } from 'react-dom';
import type { Output } from '../../../../shared/contract';
import { DESK_NAMES } from '../../components/desk-names';
import { i18nFor, useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useSessionView } from '../../session/SessionProvider';

export type Registered = Output<'accounts.register'>;

/** The slip, in both languages: only what the person needs to finish; never a password (the operator has none to give). */
function ActivationSlip({ registered, issuedAt }: { registered: Registered; issuedAt: string }) {
  const { desk } = useSessionView();
  const zh = i18nFor('zh-CN').t;
  const en = i18nFor('en').t;
  const a = registered.account;
  const both = (key: Parameters<typeof zh>[0], params?: Record<string, string>) => (
    <>
      {zh(key, params)}
      <span className="slip-en">{en(key, params)}</span>
    </>
  );
  const rows: [Parameters<typeof zh>[0], React.ReactNode][] = [
    ['slip.name', a.realName],
    ['slip.document', `${zh(`accounts.documentType.${a.documentType}`)} ${a.documentMasked}`],
    ['slip.code', <span className="slip-code">{registered.activationCode}</span>],
    ['slip.expires', formatDateTime(registered.expiresAt, false)],
    ['slip.where', both('slip.whereValue')],
  ];
  return createPortal(
    <div className="print-only print-slip" data-testid="activation-slip">
      <h1>{both('slip.title')}</h1>
      <table>
        <tbody>
          {rows.map(([key, value]) => (
            <tr key={key}>
              <th>{both(key)}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{both('slip.note')}</p>
      <p className="slip-issued">
        {zh('slip.issued', { time: formatDateTime(issuedAt, false), desk: `${zh(DESK_NAMES[desk].campus)} ${zh(DESK_NAMES[desk].place)}` })}
      </p>
    </div>,
    document.body,
  );
}

/** The activation code, shown once, with its expiry and a printable slip. */
export function ActivationCodeModal(props: { registered: Registered; issuedAt: string; onClose: () => void; onOpenCard: () => void }) {
  const { t } = useI18n();
  const { registered } = props;
  const name = registered.account.realName;
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('register.done.title', { name })}
      centered
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      <Stack gap="md" data-testid="activation-modal">
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('register.done.onceTitle')}>
          {t('register.done.once', { name })}
        </Alert>
        <Group justify="center" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
          <Code fz={26} fw={700} bg="transparent" data-testid="activation-code" style={{ letterSpacing: '0.08em' }}>
            {registered.activationCode}
          </Code>
        </Group>
        <Text fz="sm" data-testid="activation-expires">
          {t('register.done.expires', { time: formatDateTime(registered.expiresAt, false) })}
        </Text>
        <Text fz="sm" c="dimmed">
          {t('register.done.where')}
        </Text>
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="print-slip">
            {t('register.done.print')}
          </Button>
          <Group gap="xs">
            <Button variant="subtle" leftSection={<IconId size={16} />} onClick={props.onOpenCard}>
              {t('register.done.openCard')}
            </Button>
            <Button onClick={props.onClose} data-testid="activation-done">
              {t('register.done.close')}
            </Button>
          </Group>
        </Group>
      </Stack>
      <ActivationSlip registered={registered} issuedAt={props.issuedAt} />
    </Modal>
  );
}
