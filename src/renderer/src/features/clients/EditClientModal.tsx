import { Text } from '@mantine/core';
import { useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/clients';
import type { Scope } from '../../../../shared/oauth/scopes';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { ActionModal } from './ActionModal';
import { useClientFormErrors } from './client-errors';
import { ScopeChoice } from './ScopeChoice';
import { LinesInput, toLines } from './LinesInput';

const FIELDS = ['redirectUris', 'postLogoutRedirectUris', 'scopes'];

/** An issued client's redirect URIs and approved scopes, changed on the department's request. */
export function EditClientModal(props: { application: ApplicationDetail; onClose: () => void; onDone: (next: ApplicationDetail) => void }) {
  const { t } = useI18n();
  const client = props.application.client!;
  const codeFlow = client.grantTypes.includes('authorization_code');
  const [redirectUris, setRedirectUris] = useState(client.redirectUris.join('\n'));
  const [postLogout, setPostLogout] = useState(client.postLogoutRedirectUris.join('\n'));
  const [scopes, setScopes] = useState<Scope[]>(client.scopes);
  const errors = useClientFormErrors(FIELDS);

  async function confirm() {
    errors.clear();
    try {
      props.onDone(
        await call('clients.update', {
          id: props.application.id,
          scopes,
          ...(codeFlow ? { redirectUris: toLines(redirectUris).entries, postLogoutRedirectUris: toLines(postLogout).entries } : {}),
        }),
      );
    } catch (err) {
      errors.report(err);
    }
  }

  return (
    <ActionModal
      title={t('clients.edit.title', { clientId: client.clientId })}
      confirmLabel={t('common.save')}
      formError={errors.formError}
      onClose={props.onClose}
      onConfirm={confirm}
      testId="edit-client-form"
      size="xl"
    >
      <Text fz="sm">{t('clients.edit.intro')}</Text>
      {codeFlow && (
        <>
          <LinesInput
            label={t('clients.field.redirectUris')}
            description={t('clients.field.redirectUrisHint')}
            value={redirectUris}
            onChange={(value) => {
              setRedirectUris(value);
              errors.setFieldError('redirectUris', null);
            }}
            entryErrors={errors.entryErrors('redirectUris')}
            fieldError={errors.fieldError('redirectUris')}
            testId="edit-redirect-uris"
            required
          />
          <LinesInput
            label={t('clients.field.postLogoutRedirectUris')}
            description={t('clients.field.postLogoutRedirectUrisHint')}
            value={postLogout}
            onChange={(value) => {
              setPostLogout(value);
              errors.setFieldError('postLogoutRedirectUris', null);
            }}
            entryErrors={errors.entryErrors('postLogoutRedirectUris')}
            fieldError={errors.fieldError('postLogoutRedirectUris')}
            testId="edit-post-logout-uris"
          />
        </>
      )}
      <ScopeChoice value={scopes} onChange={setScopes} error={errors.fieldError('scopes')} />
    </ActionModal>
  );
}
