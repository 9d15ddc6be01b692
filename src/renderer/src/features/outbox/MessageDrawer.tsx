import { Alert, Button, Center, Drawer, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff, IconFlask, IconRefresh, IconShieldCheck, IconX } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import type { OutboxDetail, OutboxItem } from '../../../../shared/contract/notify';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { ReasonModal } from '../../components/ReasonModal';
import { useI18n } from '../../i18n';
import { describeError } from '../../i18n/describe-error';
import { formatDateTime } from '../../i18n/format';
import { DeliveryState } from './DeliveryState';
import { ChannelIcon } from './OutboxTable';
import { templateLabel } from './labels';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <div>{props.children}</div>
    </Stack>
  );
}

function CodeNote({ detail }: { detail: OutboxDetail }) {
  const { t } = useI18n();
  if (detail.codeState === 'shown') {
    return (
      <Alert color="yellow" variant="light" icon={<IconFlask size={18} />} data-testid="code-note" data-state="shown">
        {t('outbox.code.shown', { time: formatDateTime(detail.codeExpiresAt, false) })}
      </Alert>
    );
  }
  if (detail.codeState === 'none') return null;
  const Icon = detail.codeState === 'withheld' ? IconEyeOff : IconShieldCheck;
  return (
    <Alert color="gray" variant="light" icon={<Icon size={18} />} data-testid="code-note" data-state={detail.codeState}>
      {t(`outbox.code.${detail.codeState}`)}
    </Alert>
  );
}

/**
 * One message as it was sent, in its own language. `version` changes when the list sees the
 * message change (sent, retried), so the drawer reads it again without polling the audited read.
 */
export function MessageDrawer(props: { id: number; version: string; now: Date; onClose: () => void; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { id, version, onChanged } = props;
  const [detail, setDetail] = useState<OutboxDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('outbox.get', { id }).then(
      (d) => live && (setDetail(d), setError(null)),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  function changed(next: OutboxItem, message: string) {
    setDetail((d) => (d ? { ...d, ...next } : d));
    notifications.show({ color: 'teal', message });
    onChanged();
  }

  async function retry() {
    setBusy(true);
    try {
      changed(await call('outbox.retry', { id }), t('outbox.done.retry'));
    } catch (err) {
      notifications.show({ color: 'red', message: describeError(err, i18n) });
    } finally {
      setBusy(false);
    }
  }

  const d = detail;
  const canRetry = d && (d.status === 'failed' || d.status === 'cancelled') && d.codeState !== 'scrubbed';
  const canCancel = d && (d.status === 'queued' || d.status === 'failed');

  return (
    <Drawer
      opened
      onClose={() => !cancelling && props.onClose()}
      position="right"
      size={640}
      title={d ? <Title order={3}>{templateLabel(d.template, i18n)}</Title> : null}
      data-testid="outbox-drawer"
    >
      {!d ? (
        error ? (
          <FormAlert message={describeError(error, i18n)} />
        ) : (
          <Center py="xl">
            <Loader aria-label={t('outbox.drawer.loading')} />
          </Center>
        )
      ) : (
        <Stack gap="md" data-testid="outbox-detail" data-id={d.id} data-status={d.status}>
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            <Fact label={t('outbox.field.recipient')}>
              <Group gap={6} wrap="nowrap">
                <ChannelIcon channel={d.channel} />
                <Text fz="sm" className="mono">
                  {d.recipientMasked}
                </Text>
                <Text fz="xs" c="dimmed">
                  {t(`outbox.channel.${d.channel}`)} · {t(`outbox.language.${d.language}`)}
                </Text>
              </Group>
            </Fact>
            <Fact label={t('outbox.field.status')}>
              <DeliveryState item={d} now={props.now} />
            </Fact>
            <Fact label={t('outbox.field.created')}>
              <Text fz="sm">{formatDateTime(d.createdAt)}</Text>
            </Fact>
            <Fact label={t('outbox.field.sent')}>
              <Text fz="sm">
                {d.sentAt ? formatDateTime(d.sentAt) : '—'}
                {d.adapter && d.sentAt ? ` · ${t(`outbox.adapter.${d.adapter}`)}` : ''}
              </Text>
            </Fact>
            {d.codeExpiresAt && (
              <Fact label={t('outbox.field.codeExpires')}>
                <Text fz="sm">{formatDateTime(d.codeExpiresAt)}</Text>
              </Fact>
            )}
            {d.subjectRef && (
              <Fact label={t('outbox.field.about')}>
                <Text fz="sm" className="mono">
                  {d.subjectRef}
                </Text>
              </Fact>
            )}
          </SimpleGrid>
          {(canRetry || canCancel) && (
            <Group gap="xs">
              {canRetry && (
                <Button size="xs" leftSection={<IconRefresh size={15} />} loading={busy} onClick={() => void retry()} data-testid="outbox-retry">
                  {t('outbox.action.retry')}
                </Button>
              )}
              {canCancel && (
                <Button size="xs" variant="default" c="red.7" leftSection={<IconX size={15} />} onClick={() => setCancelling(true)} data-testid="outbox-cancel">
                  {t('outbox.action.cancel')}
                </Button>
              )}
            </Group>
          )}
          <CodeNote detail={d} />
          <Stack gap={6}>
            <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('outbox.message')}
            </Text>
            <Paper withBorder radius="md" p="md" bg="gray.0">
              {d.subject && (
                <Text fz="sm" fw={700} mb="xs" data-testid="outbox-subject">
                  {d.subject}
                </Text>
              )}
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="outbox-body">
                {d.body}
              </Text>
            </Paper>
          </Stack>
        </Stack>
      )}
      {cancelling && d && (
        <ReasonModal
          title={t('outbox.cancel.title')}
          description={t('outbox.cancel.text')}
          confirmLabel={t('outbox.action.cancel')}
          danger
          testId="outbox-cancel"
          onClose={() => setCancelling(false)}
          onConfirm={async (reason) => {
            const next = await call('outbox.cancel', { id, reason });
            setCancelling(false);
            changed(next, t('outbox.done.cancel'));
          }}
        />
      )}
    </Drawer>
  );
}
