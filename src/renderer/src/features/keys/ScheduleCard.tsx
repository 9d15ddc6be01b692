import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarRepeat } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { KeySchedule } from '../../../../shared/contract/keys';
import { ROTATION_DAYS_MAX } from '../../../../shared/signing-keys';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useKeyErrors } from './use-key-errors';

const FIELDS = ['rotationDays'];

export function ScheduleCard(props: { schedule: KeySchedule; onSaved: () => void }) {
  const { t } = useI18n();
  const [days, setDays] = useState<number | string>(props.schedule.rotationDays);
  const [busy, setBusy] = useState(false);
  const errors = useKeyErrors(FIELDS);
  const valid = typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= ROTATION_DAYS_MAX;
  const { rotationDays, updatedAt, updatedBy } = props.schedule;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!valid) {
      errors.setFieldError('rotationDays', t('keys.schedule.range', { max: ROTATION_DAYS_MAX }));
      return;
    }
    setBusy(true);
    try {
      await call('keys.setSchedule', { rotationDays: days });
      props.onSaved();
    } catch (err) {
      errors.report(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder radius="md" bg="white" p="md" mb="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="schedule-form">
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <Stack gap={4}>
            <Group gap="xs">
              <IconCalendarRepeat size={20} />
              <Title order={4}>{t('keys.schedule.title')}</Title>
            </Group>
            <Text fz="sm" data-testid="schedule-state">
              {rotationDays === 0 ? t('keys.schedule.off') : t('keys.schedule.on', { days: rotationDays })}{' '}
              {updatedAt && updatedBy ? t('keys.schedule.changed', { who: updatedBy, time: formatDateTime(updatedAt, false) }) : ''}
            </Text>
            <FormAlert message={errors.formError} />
          </Stack>
          <Group align="flex-end" wrap="nowrap">
            <NumberInput
              label={t('keys.schedule.label')}
              description={t('keys.schedule.hint')}
              value={days}
              onChange={setDays}
              min={0}
              max={ROTATION_DAYS_MAX}
              allowDecimal={false}
              rightSection={<Text fz="xs" c="dimmed" pr={8}>{t('keys.schedule.unit')}</Text>}
              rightSectionWidth={44}
              w={340}
              error={errors.fieldError('rotationDays')}
            />
            <Button type="submit" variant="light" loading={busy} disabled={days === rotationDays}>
              {t('keys.schedule.save')}
            </Button>
          </Group>
        </Group>
      </form>
    </Paper>
  );
}
