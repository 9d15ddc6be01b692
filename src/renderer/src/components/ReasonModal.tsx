import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { FormAlert } from './FormAlert';
import { useFormErrors } from './use-form-errors';
import { useI18n } from '../i18n';
import { REASON_MIN_LENGTH } from '../../../shared/limits';

const FIELDS = ['reason'];

/** Asks why before an action the audit log keeps the reason of (disable, reset...). */
export function ReasonModal(props: {
  title: string;
  description: string;
  confirmLabel: string;
  danger?: boolean;
  /** Shown under the description: what exactly the action is about. */
  details?: ReactNode;
  /** A screen's own error wording (it must keep the shared hook's shape). */
  useErrors?: typeof useFormErrors;
  testId?: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const useErrors = props.useErrors ?? useFormErrors;
  const errors = useErrors(FIELDS);
  const testId = props.testId ?? 'reason';

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (reason.trim().length < REASON_MIN_LENGTH) {
      errors.setFieldError('reason', t('reason.reason.too_small', { minimum: REASON_MIN_LENGTH }));
      return;
    }
    setBusy(true);
    try {
      await props.onConfirm(reason.trim());
    } catch (err) {
      errors.report(err);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={props.onClose} title={props.title} centered size="md">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid={`${testId}-form`}>
        <Stack gap="md">
          <Text fz="sm">{props.description}</Text>
          {props.details}
          <FormAlert message={errors.formError} />
          <Textarea
            label={t('staff.reason.label')}
            description={t('staff.reason.hint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.fieldError('reason')}
            autosize
            minRows={3}
            maxLength={500}
            data-autofocus
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={props.danger ? 'red' : undefined} loading={busy} data-testid={`${testId}-submit`}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
