import { Alert, Button, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconId, IconKey, IconMailForward, IconShieldCheck, IconTicketOff } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { AccountCard } from '../../../../shared/contract/accounts';
import type { RecoveryStatus } from '../../../../shared/contract/recovery';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { ReasonModal } from '../../components/ReasonModal';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { useSessionView } from '../../session/SessionProvider';
import { type CodeWording, OneTimeCodeModal } from '../accounts/ActivationCodeModal';
import { IdCheckModal } from './IdCheckModal';
import { type IssuedCounterCode, IssueCounterCodeModal } from './IssueCounterCodeModal';
import { RecoveryEvents } from './RecoveryEvents';
import { SendUsernameModal } from './SendUsernameModal';

const COUNTER_CODE_WORDING: CodeWording = {
  title: 'recovery.code.title',
  onceTitle: 'recovery.code.onceTitle',
  once: 'recovery.code.once',
  expires: 'recovery.code.expires',
  where: 'recovery.code.where',
  close: 'recovery.code.close',
  slipTitle: 'recovery.slip.title',
  slipCode: 'recovery.slip.code',
  slipWhereValue: 'recovery.slip.whereValue',
};

const NO_FIELDS: string[] = [];

type Dialog = 'idCheck' | 'issue' | 'cancel' | 'sendUsername' | { issued: IssuedCounterCode } | null;

/**
 * The card's recovery section: the operator's identity check, the open reset codes, the counter
 * actions (counter code, cancel it, username to the bound contacts) and the recent events.
 */
export function RecoverySection({ card, onChanged }: { card: AccountCard; onChanged: () => Promise<void> }) {
  const { t, language } = useI18n();
  const held = useSessionView().staff.permissions;
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { formError, report, clear } = useFormErrors(NO_FIELDS);

  const load = useCallback(async () => {
    try {
      setStatus(await call('recovery.status', { id: card.id }));
      clear();
    } catch (err) {
      report(err);
    }
  }, [card.id, clear, report]);

  useEffect(() => {
    void load();
  }, [load, card.updatedAt]);

  const refresh = async () => {
    await Promise.all([load(), onChanged()]);
  };

  const canCheck = held.includes('account.unlock') || held.includes('counterCode.issue');
  const canIssue = held.includes('counterCode.issue');
  const active = card.status === 'active' && card.username !== null;
  const openCounter = status?.openCodes.find((c) => c.purpose === 'counter_reset') ?? null;
  const check = status?.myCheck ?? null;
  const checked = check?.matched === true;

  async function cancel(reason: string) {
    setStatus(await call('recovery.cancelCounterCode', { id: card.id, reason }));
    setDialog(null);
    notifications.show({ color: 'teal', message: t('recovery.cancel.done') });
    await onChanged();
  }

  async function sendUsername() {
    const { channels } = await call('recovery.sendUsername', { id: card.id, language });
    setDialog(null);
    notifications.show({ color: 'teal', message: t('recovery.sendUsername.done', { channels: channels.map((c) => t(`recovery.channel.${c}`)).join(' / ') }) });
    await load();
  }

  return (
    <Paper withBorder radius="md" bg="white" p="md" data-testid="card-recovery">
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Title order={5}>{t('recovery.title')}</Title>
        {canCheck && (
          <Button size="xs" variant={checked ? 'default' : 'filled'} leftSection={<IconId size={15} />} onClick={() => setDialog('idCheck')} data-testid="recovery-id-check">
            {t('recovery.action.idCheck')}
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {t('recovery.intro')}
        </Text>
        <FormAlert message={formError} />
        {status && (
          <>
            <Alert
              variant="light"
              color={!check ? 'gray' : checked ? 'teal' : 'red'}
              icon={<IconShieldCheck size={18} />}
              p="xs"
              data-testid="recovery-check"
              data-state={!check ? 'none' : checked ? 'matched' : 'mismatch'}
            >
              <Text fz="sm">
                {!check
                  ? t('recovery.check.none')
                  : checked
                    ? t('recovery.check.valid', { time: formatClock(check.at), until: formatClock(check.validUntil) })
                    : t('recovery.check.mismatch', { time: formatClock(check.at) })}
              </Text>
            </Alert>
            <Stack gap={2} data-testid="recovery-open-codes">
              {status.openCodes.length === 0 ? (
                <Text fz="sm" c="dimmed">
                  {t('recovery.open.none')}
                </Text>
              ) : (
                status.openCodes.map((c) => (
                  <Text fz="sm" key={c.purpose} data-testid="recovery-open-code" data-purpose={c.purpose}>
                    {t(`recovery.open.${c.purpose}`, {
                      time: formatClock(c.expiresAt),
                      actor: c.issuedBy,
                      channel: t(`recovery.channel.${c.channel}`),
                      attempts: c.attempts,
                    })}
                  </Text>
                ))
              )}
            </Stack>
            {canIssue && active && (
              <Group gap="xs">
                <Button size="xs" leftSection={<IconKey size={15} />} disabled={!checked} onClick={() => setDialog('issue')} data-testid="recovery-issue">
                  {t('recovery.action.issue')}
                </Button>
                {openCounter && (
                  <Button size="xs" variant="default" color="red" c="red.7" leftSection={<IconTicketOff size={15} />} onClick={() => setDialog('cancel')} data-testid="recovery-cancel">
                    {t('recovery.action.cancel')}
                  </Button>
                )}
                <Button size="xs" variant="default" leftSection={<IconMailForward size={15} />} disabled={!checked} onClick={() => setDialog('sendUsername')} data-testid="recovery-send-username">
                  {t('recovery.action.sendUsername')}
                </Button>
              </Group>
            )}
            <Divider label={t('recovery.events.title')} labelPosition="left" />
            <RecoveryEvents events={status.events} />
          </>
        )}
      </Stack>

      {dialog === 'idCheck' && <IdCheckModal accountId={card.id} name={card.realName} documentMasked={card.documentMasked} onClose={() => setDialog(null)} onRecorded={() => void refresh()} />}
      {dialog === 'issue' && (
        <IssueCounterCodeModal
          accountId={card.id}
          name={card.realName}
          openUntil={openCounter?.expiresAt ?? null}
          onClose={() => setDialog(null)}
          onIssued={(issued) => {
            setDialog({ issued });
            void refresh();
          }}
        />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <OneTimeCodeModal issued={dialog.issued} issuedAt={dialog.issued.issuedAt} wording={COUNTER_CODE_WORDING} testId="counter-code" onClose={() => setDialog(null)} />
      )}
      {dialog === 'cancel' && (
        <ReasonModal
          title={t('recovery.cancel.title', { name: card.realName })}
          description={t('recovery.cancel.text')}
          confirmLabel={t('recovery.action.cancel')}
          danger
          testId="recovery-cancel"
          onClose={() => setDialog(null)}
          onConfirm={cancel}
        />
      )}
      {dialog === 'sendUsername' && <SendUsernameModal name={card.realName} onClose={() => setDialog(null)} onConfirm={sendUsername} />}
    </Paper>
  );
}
