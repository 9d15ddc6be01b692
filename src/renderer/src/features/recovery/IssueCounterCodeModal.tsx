import { Checkbox, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { ActionModal } from '../clients/ActionModal';

const MINUTES = [10, 15, 30, 45, 60];
const FIELDS = ['minutes'];

export type IssuedCounterCode = Output<'recovery.issueCounterCode'>;

/** Chooses the counter code's lifetime (10 to 60 minutes) and, when one is open, whether to cancel it and issue anew. */
export function IssueCounterCodeModal(props: {
  accountId: number;
  name: string;
  /** Expiry of the counter code already open, if any. */
  openUntil: string | null;
  onClose: () => void;
  onIssued: (issued: IssuedCounterCode) => void;
}) {
  const { t } = useI18n();
  const [minutes, setMinutes] = useState('30');
  const [replaceOpen, setReplaceOpen] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function issue() {
    errors.clear();
    try {
      props.onIssued(await call('recovery.issueCounterCode', { id: props.accountId, minutes: Number(minutes), replaceOpen }));
    } catch (err) {
      errors.report(err);
    }
  }

  return (
    <ActionModal
      title={t('recovery.issue.title', { name: props.name })}
      confirmLabel={t('recovery.issue.submit')}
      formError={errors.formError}
      testId="issue-code-form"
      onClose={props.onClose}
      onConfirm={issue}
    >
      <Text fz="sm">{t('recovery.issue.text')}</Text>
      <Stack gap={4}>
        <Text fz="sm" fw={500}>
          {t('recovery.issue.minutes')}
        </Text>
        <SegmentedControl
          value={minutes}
          onChange={setMinutes}
          data={MINUTES.map((m) => ({ value: String(m), label: t('recovery.issue.minutesOption', { minutes: m }) }))}
          data-testid="issue-code-minutes"
        />
        {errors.fieldError('minutes') && (
          <Text fz="xs" c="red.7">
            {errors.fieldError('minutes')}
          </Text>
        )}
      </Stack>
      {props.openUntil && (
        <Checkbox
          checked={replaceOpen}
          onChange={(e) => setReplaceOpen(e.currentTarget.checked)}
          label={t('recovery.issue.replace', { time: formatClock(props.openUntil) })}
          data-testid="issue-code-replace"
        />
      )}
    </ActionModal>
  );
}
