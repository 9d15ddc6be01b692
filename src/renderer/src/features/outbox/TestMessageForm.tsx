import { Alert, Button, Group, Input, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import type { Language } from '../../../../shared/contract/common';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { LANGUAGES, useI18n } from '../../i18n';
import { CHANNELS, inFlight } from './labels';

const FIELDS = ['to'];
const POLL_MS = 1_000;

type Status = Output<'notify.testStatus'>;

function ResultLine({ sent, status }: { sent: { id: number; to: string }; status: Status | null }) {
  const { t } = useI18n();
  const params = { id: sent.id, to: sent.to };
  if (!status || (inFlight(status) && status.attempts === 0) || status.status === 'sending') {
    return <Text fz="sm" data-testid="notify-test-result" data-status="queued">{t('notify.test.queued', params)}</Text>;
  }
  if (status.status === 'sent') {
    const adapter = status.adapter ? t(`outbox.adapter.${status.adapter}`) : '';
    return (
      <Alert color="teal" variant="light" data-testid="notify-test-result" data-status="sent">
        {t('notify.test.sent', { ...params, adapter })}
      </Alert>
    );
  }
  const error = status.lastError ?? '';
  return (
    <Alert color={status.status === 'queued' ? 'yellow' : 'red'} variant="light" data-testid="notify-test-result" data-status={status.status}>
      {status.status === 'queued' ? t('notify.test.retrying', { id: sent.id, n: status.attempts, error }) : t('notify.test.failed', { id: sent.id, error })}
    </Alert>
  );
}

/** Sends a test message through the saved settings and follows it until it is delivered or fails. */
export function TestMessageForm() {
  const { t, language } = useI18n();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [to, setTo] = useState('');
  const [messageLanguage, setMessageLanguage] = useState<Language>(language);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ id: number; to: string } | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const errors = useFormErrors(FIELDS);

  useEffect(() => {
    if (!sent || (status && !inFlight(status))) return;
    const timer = setTimeout(() => {
      call('notify.testStatus', { id: sent.id }).then(setStatus, errors.report);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [sent, status, errors.report]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const queued = await call('notify.sendTest', { channel, to: to.trim(), language: messageLanguage });
      setStatus(null);
      setSent({ id: queued.id, to: queued.recipientMasked });
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="notify-test-form">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={5}>{t('notify.test.title')}</Title>
          <Text fz="sm" c="dimmed">
            {t('notify.test.hint')}
          </Text>
        </Stack>
        <FormAlert message={errors.formError} />
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <Stack gap={2}>
            <Input.Label>{t('notify.test.channel')}</Input.Label>
            <SegmentedControl
              value={channel}
              onChange={(v) => setChannel(v as 'email' | 'sms')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`outbox.channel.${c}`) }))}
              data-testid="notify-test-channel"
            />
          </Stack>
          <TextInput
            label={t('notify.test.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={errors.fieldError('to')}
            placeholder={channel === 'email' ? 'name@sjtu.edu.cn' : '138 0000 0000'}
            style={{ flex: 1 }}
            required
            data-testid="notify-test-to"
          />
          <Select
            label={t('notify.test.language')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`outbox.language.${l}`) }))}
            value={messageLanguage}
            onChange={(v) => v && setMessageLanguage(v as Language)}
            allowDeselect={false}
            w={120}
            data-testid="notify-test-language"
          />
        </Group>
        <Group justify="space-between" align="center" wrap="nowrap">
          <div style={{ flex: 1 }}>{sent && <ResultLine sent={sent} status={status} />}</div>
          <Button type="submit" variant="default" leftSection={<IconSend size={16} />} loading={busy} data-testid="notify-test-send">
            {t('notify.test.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
