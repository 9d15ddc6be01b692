import { Alert, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/clients';
import { REASON_MIN_LENGTH } from '../../../../shared/limits';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { ActionModal } from './ActionModal';
import { useClientFormErrors } from './client-errors';

const FIELDS = ['reason'];

/** Deleting is final: the reason is kept, and the clientId typed back so the wrong client is not deleted by a slip. */
export function DeleteClientModal(props: { application: ApplicationDetail; onClose: () => void; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const clientId = props.application.client!.clientId;
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const errors = useClientFormErrors(FIELDS);

  async function confirm() {
    errors.clear();
    if (reason.trim().length < REASON_MIN_LENGTH) {
      return errors.setFieldError('reason', t('clients.reason.reason.too_small', { minimum: REASON_MIN_LENGTH }));
    }
    try {
      props.onDone(await call('clients.delete', { id: props.application.id, reason: reason.trim() }));
    } catch (err) {
      errors.report(err);
    }
  }

  return (
    <ActionModal
      title={t('clients.delete.title', { name: props.application.appName })}
      confirmLabel={t('clients.delete.submit')}
      danger
      confirmDisabled={typed.trim() !== clientId}
      formError={errors.formError}
      onClose={props.onClose}
      onConfirm={confirm}
      testId="delete-client-form"
    >
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
        {t('clients.delete.warning')}
      </Alert>
      <Textarea
        label={t('clients.field.reason')}
        description={t('clients.field.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.fieldError('reason')}
        autosize
        minRows={2}
        maxLength={500}
        data-autofocus
        required
      />
      <TextInput
        label={
          <Text span fz="sm" fw={500}>
            {t('clients.delete.typeId')}{' '}
            <Text span className="mono" fw={700}>
              {clientId}
            </Text>
          </Text>
        }
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        classNames={{ input: 'mono' }}
        autoComplete="off"
        spellCheck={false}
        data-testid="delete-confirm-id"
      />
    </ActionModal>
  );
}
