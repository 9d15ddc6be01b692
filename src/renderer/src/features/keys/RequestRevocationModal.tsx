import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { KeyView } from '../../../../shared/contract/keys';
import { REASON_MIN_LENGTH } from '../../../../shared/limits';
import { FormAlert } from '../../components/FormAlert';
import { useI18n } from '../../i18n';
import { shortKid } from './key-text';
import { useKeyErrors } from './use-key-errors';

const FIELDS = ['reason'];

/** The first admin's half of an emergency revocation: the key and a reason the audit log keeps. */
export function RequestRevocationModal(props: { keyView: KeyView; onClose: () => void; onConfirm: (reason: string) => Promise<void> }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useKeyErrors(FIELDS);

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
    <Modal opened onClose={props.onClose} title={t('keys.revoke.title', { kid: shortKid(props.keyView.kid) })} centered size="md">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="request-revocation-form">
        <Stack gap="md">
          <Text fz="sm">{t('keys.revoke.text')}</Text>
          <Text fz="xs" className="mono" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {props.keyView.alg} · {props.keyView.kid}
          </Text>
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
            <Button type="submit" color="red" loading={busy} data-testid="request-revocation-submit">
              {t('keys.revoke.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
