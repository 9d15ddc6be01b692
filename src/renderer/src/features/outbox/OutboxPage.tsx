import { Alert, Button, Group, Pagination, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconFlask, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import type { OutboxItem } from '../../../../shared/contract/notify';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useNow } from '../accounts/use-now';
import { CHANNELS, STATUSES, inFlight } from './labels';
import { MessageDrawer } from './MessageDrawer';
import { OutboxTable } from './OutboxTable';

const NO_FIELDS: string[] = [];
const PAGE_SIZE = 25;
/** While a message is on its way the list looks again soon; otherwise now and then, for messages other desks' actions queue. */
const REFRESH_MS = { busy: 2_000, idle: 15_000 };
const ALL = 'all';

type Filter = { status?: OutboxItem['status']; channel?: OutboxItem['channel'] };

/** One filter: "All" or one of its values. */
function FilterChoice(props: { label: string; value?: string; choices: { value: string; label: string }[]; onChange: (value: string) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <Group gap="xs">
      <Text fz="sm" fw={600}>
        {props.label}
      </Text>
      <SegmentedControl
        size="xs"
        value={props.value ?? ALL}
        onChange={props.onChange}
        data={[{ value: ALL, label: t('outbox.filter.all') }, ...props.choices]}
        data-testid={props.testId}
      />
    </Group>
  );
}

export function OutboxPage() {
  const { t } = useI18n();
  const now = useNow(10_000);
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Output<'outbox.list'> | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const { formError, clear, report } = useFormErrors(NO_FIELDS);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call('outbox.list', { ...filter, page, pageSize: PAGE_SIZE }));
      clear();
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  }, [filter, page, clear, report]);

  useEffect(() => {
    void load();
  }, [load]);

  const busy = data?.items.some(inFlight) ?? false;
  useEffect(() => {
    const timer = setTimeout(() => void load(), busy ? REFRESH_MS.busy : REFRESH_MS.idle);
    return () => clearTimeout(timer);
  }, [data, busy, load]);

  const total = data?.total ?? 0;
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  const open = data?.items.find((i) => i.id === openId);
  const dev = data?.developmentChannels ?? [];

  function choose<K extends keyof Filter>(key: K, value: string) {
    setFilter((f) => ({ ...f, [key]: value === ALL ? undefined : value }));
    setPage(1);
  }

  return (
    <>
      <PageHeader
        title={t('outbox.title')}
        description={t('outbox.description')}
        actions={
          <Button variant="default" leftSection={<IconRefresh size={18} />} loading={loading} onClick={() => void load()} data-testid="outbox-refresh">
            {t('outbox.refresh')}
          </Button>
        }
      />
      <Stack gap="md">
        {dev.length > 0 && (
          <Alert color="yellow" icon={<IconFlask size={20} />} title={t('outbox.devNotice.title')} data-testid="outbox-dev-notice">
            {t('outbox.devNotice.text', { channels: dev.map((c) => t(`outbox.channel.${c}`)).join(t('common.listSeparator')) })}
          </Alert>
        )}
        <Group gap="lg">
          <FilterChoice
            label={t('outbox.filter.status')}
            value={filter.status}
            choices={STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`) }))}
            onChange={(v) => choose('status', v)}
            testId="outbox-filter-status"
          />
          <FilterChoice
            label={t('outbox.filter.channel')}
            value={filter.channel}
            choices={CHANNELS.map((c) => ({ value: c, label: t(`outbox.channel.${c}`) }))}
            onChange={(v) => choose('channel', v)}
            testId="outbox-filter-channel"
          />
        </Group>
        <FormAlert message={formError} />
        {data && <OutboxTable items={data.items} now={now} onOpen={(item) => setOpenId(item.id)} />}
        <Group justify="space-between">
          <Text fz="sm" c="dimmed" data-testid="outbox-count">
            {t('outbox.count', { first, last, total })}
          </Text>
          <Pagination total={Math.max(1, Math.ceil(total / PAGE_SIZE))} value={page} onChange={setPage} size="sm" />
        </Group>
      </Stack>
      {openId !== null && (
        <MessageDrawer
          id={openId}
          version={open ? `${open.status}:${open.attempts}:${open.sentAt ?? ''}` : ''}
          now={now}
          onClose={() => setOpenId(null)}
          onChanged={() => void load()}
        />
      )}
    </>
  );
}
