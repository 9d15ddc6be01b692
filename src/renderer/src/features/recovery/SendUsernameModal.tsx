import { Text } from '@mantine/core';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { ActionModal } from '../clients/ActionModal';

const NO_FIELDS: string[] = [];

/** Confirms sending the username to the bound contacts; the username itself never shows on the console. */
export function SendUsernameModal(props: { name: string; onClose: () => void; onConfirm: () => Promise<void> }) {
  const { t } = useI18n();
  const errors = useFormErrors(NO_FIELDS);
  return (
    <ActionModal
      title={t('recovery.sendUsername.title', { name: props.name })}
      confirmLabel={t('recovery.sendUsername.confirm')}
      formError={errors.formError}
      testId="send-username-form"
      onClose={props.onClose}
      onConfirm={async () => {
        errors.clear();
        await props.onConfirm().catch(errors.report);
      }}
    >
      <Text fz="sm">{t('recovery.sendUsername.text')}</Text>
    </ActionModal>
  );
}
