import { Text } from '@mantine/core';
import { useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/clients';
import type { Scope } from '../../../../shared/oauth/scopes';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { ActionModal } from './ActionModal';
import { useClientFormErrors } from './client-errors';
import type { ShownSecret } from './SecretModal';
import { ScopeChoice } from './ScopeChoice';

const FIELDS = ['scopes'];

/** The NIC's approval: the scopes granted (at most what was asked for), and the client issued at once. */
export function ApproveModal(props: {
  application: ApplicationDetail;
  onClose: () => void;
  onDone: (next: ApplicationDetail, shown: ShownSecret) => void;
}) {
  const { t } = useI18n();
  const { application } = props;
  const [scopes, setScopes] = useState<Scope[]>(application.scopes);
  const errors = useClientFormErrors(FIELDS);

  async function confirm() {
    errors.clear();
    try {
      const result = await call('clients.approve', { id: application.id, scopes });
      props.onDone(result.application, {
        appName: application.appName,
        clientId: result.application.client!.clientId,
        secret: result.secretShownOnce,
        rotated: false,
      });
    } catch (err) {
      errors.report(err);
    }
  }

  return (
    <ActionModal
      title={t('clients.approve.title', { name: application.appName })}
      confirmLabel={t('clients.approve.submit')}
      formError={errors.formError}
      onClose={props.onClose}
      onConfirm={confirm}
      testId="approve-form"
    >
      <Text fz="sm">{t(application.clientType === 'confidential' ? 'clients.approve.confidential' : 'clients.approve.public')}</Text>
      <ScopeChoice
        label={t('clients.approve.scopes')}
        value={scopes}
        onChange={setScopes}
        offered={application.scopes}
        error={errors.fieldError('scopes')}
      />
    </ActionModal>
  );
}
