import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/verification';
import { REASON_MIN_LENGTH } from '../../../../shared/limits';
import { REJECTION_REASONS, type RejectionReason } from '../../../../shared/verification/terms';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';

const FIELDS = ['reasonCode', 'note'];

/** Approve, or reject with a reason code and a note; either is final, so the dialog says what follows. */
export function DecisionModal(props: {
  detail: ApplicationDetail;
  decision: 'approve' | 'reject';
  onClose: () => void;
  onDecided: (detail: ApplicationDetail) => void;
}) {
  const { t } = useI18n();
  const { detail, decision } = props;
  const [reasonCode, setReasonCode] = useState<RejectionReason | null>(detail.duplicate.outcome === 'none' ? null : 'account_exists');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const contact = detail.emailMasked ?? detail.mobileMasked ?? '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (decision === 'reject') {
      if (!reasonCode) errors.setFieldError('reasonCode', t('applications.required'));
      if (note.trim().length < REASON_MIN_LENGTH) errors.setFieldError('note', t('reason.reason.too_small', { minimum: REASON_MIN_LENGTH }));
      if (!reasonCode || note.trim().length < REASON_MIN_LENGTH) return;
    }
    setBusy(true);
    try {
      const decided =
        decision === 'approve'
          ? await call('verification.decide', { id: detail.id, decision, ...(note.trim() ? { note } : {}) })
          : await call('verification.decide', { id: detail.id, decision, reasonCode: reasonCode!, note });
      props.onDecided(decided);
    } catch (err) {
      errors.report(err);
      setBusy(false);
    }
  }

  const title = t(decision === 'approve' ? 'review.approve.title' : 'review.reject.title', { id: detail.id });
  const description =
    decision === 'reject'
      ? t('review.reject.description')
      : detail.kind === 'alumni'
        ? t('review.approve.alumni', { name: detail.realName, contact })
        : t('review.approve.contact', { contact: [detail.mobileMasked, detail.emailMasked].filter(Boolean).join(', ') });

  return (
    <Modal opened onClose={props.onClose} title={title} centered size="md">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="decision-form">
        <Stack gap="md">
          <Text fz="sm">{description}</Text>
          <FormAlert message={errors.formError} />
          {decision === 'reject' && (
            <Select
              label={t('review.reject.reason')}
              data={REJECTION_REASONS.map((r) => ({ value: r, label: t(`verification.reason.${r}`) }))}
              value={reasonCode}
              onChange={(v) => setReasonCode(v as RejectionReason | null)}
              error={errors.fieldError('reasonCode')}
              allowDeselect={false}
              required
              data-testid="reject-reason"
            />
          )}
          <Textarea
            label={t(decision === 'approve' ? 'review.approve.note' : 'review.reject.note')}
            description={decision === 'reject' ? t('review.reject.noteHint') : undefined}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.fieldError('note')}
            autosize
            minRows={3}
            maxLength={500}
            required={decision === 'reject'}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={decision === 'reject' ? 'red' : 'teal'} loading={busy} data-testid="decision-submit">
              {t(decision === 'approve' ? 'review.approve' : 'review.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
