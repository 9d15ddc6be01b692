import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconId, IconPrinter } from '@tabler/icons-react';
import { createPortal } from 'react-dom';
import type { Output } from '../../../../shared/contract';
import type { AccountSummary } from '../../../../shared/contract/accounts';
import { DESK_NAMES } from '../../components/desk-names';
import { type MessageKey, i18nFor, useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useSessionView } from '../../session/SessionProvider';

export type Registered = Output<'accounts.register'>;

/** A one-time code handed over at the counter: for whom, the code, until when. */
export interface IssuedCode {
  account: Pick<AccountSummary, 'realName' | 'documentType' | 'documentMasked'>;
  code: string;
  expiresAt: string;
}

/** The words of one kind of code (activation, counter reset); the slip's other rows are shared. */
export interface CodeWording {
  title: MessageKey;
  onceTitle: MessageKey;
  once: MessageKey;
  expires: MessageKey;
  where: MessageKey;
  close: MessageKey;
  slipTitle: MessageKey;
  slipCode: MessageKey;
  slipWhereValue: MessageKey;
}

const ACTIVATION_WORDING: CodeWording = {
  title: 'register.done.title',
  onceTitle: 'register.done.onceTitle',
  once: 'register.done.once',
  expires: 'register.done.expires',
  where: 'register.done.where',
  close: 'register.done.close',
  slipTitle: 'slip.title',
  slipCode: 'slip.code',
  slipWhereValue: 'slip.whereValue',
};

/** The slip, in both languages: only what the person needs to finish; never a password (the operator has none to give). */
function CodeSlip({ issued, issuedAt, wording, testId }: { issued: IssuedCode; issuedAt: string; wording: CodeWording; testId: string }) {
  const { desk } = useSessionView();
  const zh = i18nFor('zh-CN').t;
  const en = i18nFor('en').t;
  const a = issued.account;
  const both = (key: MessageKey, params?: Record<string, string>) => (
    <>
      {zh(key, params)}
      <span className="slip-en">{en(key, params)}</span>
    </>
  );
  const rows: [MessageKey, React.ReactNode][] = [
    ['slip.name', a.realName],
    ['slip.document', `${zh(`accounts.documentType.${a.documentType}`)} ${a.documentMasked}`],
    [wording.slipCode, <span className="slip-code">{issued.code}</span>],
    ['slip.expires', formatDateTime(issued.expiresAt, false)],
    ['slip.where', both(wording.slipWhereValue)],
  ];
  return createPortal(
    <div className="print-only print-slip" data-testid={`${testId}-slip`}>
      <h1>{both(wording.slipTitle)}</h1>
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

/** A one-time code, shown once, with its expiry and a printable slip. */
export function OneTimeCodeModal(props: {
  issued: IssuedCode;
  issuedAt: string;
  wording: CodeWording;
  /** Prefix of the test ids: `<testId>-modal`, `-code`, `-expires`, `-slip`, `-done`. */
  testId: string;
  onClose: () => void;
  onOpenCard?: () => void;
}) {
  const { t } = useI18n();
  const { issued, wording, testId } = props;
  const name = issued.account.realName;
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t(wording.title, { name })}
      centered
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      <Stack gap="md" data-testid={`${testId}-modal`}>
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t(wording.onceTitle)}>
          {t(wording.once, { name })}
        </Alert>
        <Group justify="center" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
          <Code fz={26} fw={700} bg="transparent" data-testid={`${testId}-code`} style={{ letterSpacing: '0.08em' }}>
            {issued.code}
          </Code>
        </Group>
        <Text fz="sm" data-testid={`${testId}-expires`}>
          {t(wording.expires, { time: formatDateTime(issued.expiresAt, false) })}
        </Text>
        <Text fz="sm" c="dimmed">
          {t(wording.where)}
        </Text>
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="print-slip">
            {t('register.done.print')}
          </Button>
          <Group gap="xs">
            {props.onOpenCard && (
              <Button variant="subtle" leftSection={<IconId size={16} />} onClick={props.onOpenCard}>
                {t('register.done.openCard')}
              </Button>
            )}
            <Button onClick={props.onClose} data-testid={`${testId}-done`}>
              {t(wording.close)}
            </Button>
          </Group>
        </Group>
      </Stack>
      <CodeSlip issued={issued} issuedAt={props.issuedAt} wording={wording} testId={testId} />
    </Modal>
  );
}

/** The activation code of a counter registration. */
export function ActivationCodeModal(props: { registered: Registered; issuedAt: string; onClose: () => void; onOpenCard: () => void }) {
  const { account, activationCode, expiresAt } = props.registered;
  return (
    <OneTimeCodeModal
      issued={{ account, code: activationCode, expiresAt }}
      issuedAt={props.issuedAt}
      wording={ACTIVATION_WORDING}
      testId="activation"
      onClose={props.onClose}
      onOpenCard={props.onOpenCard}
    />
  );
}
