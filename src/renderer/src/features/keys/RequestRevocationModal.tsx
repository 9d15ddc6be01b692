import { Text } from '@mantine/core';
import type { KeyView } from '../../../../shared/contract/keys';
import { ReasonModal } from '../../components/ReasonModal';
import { useI18n } from '../../i18n';
import { shortKid } from './key-text';
import { useKeyErrors } from './use-key-errors';

/** The first admin's half of an emergency revocation: the key and a reason the audit log keeps. */
export function RequestRevocationModal(props: { keyView: KeyView; onClose: () => void; onConfirm: (reason: string) => Promise<void> }) {
  const { t } = useI18n();
  return (
    <ReasonModal
      title={t('keys.revoke.title', { kid: shortKid(props.keyView.kid) })}
      description={t('keys.revoke.text')}
      details={
        <Text fz="xs" className="mono" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {props.keyView.alg} · {props.keyView.kid}
        </Text>
      }
      confirmLabel={t('keys.revoke.submit')}
      danger
      useErrors={useKeyErrors}
      testId="request-revocation"
      onClose={props.onClose}
      onConfirm={props.onConfirm}
    />
  );
}
