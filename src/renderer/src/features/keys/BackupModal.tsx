import { BACKUP_PASSWORD_MIN_LENGTH } from '../../../../shared/signing-keys';
import { call } from '../../api/client';
import { PasswordBackupModal } from '../../components/PasswordBackupModal';
import { useKeyErrors } from './use-key-errors';

const FIELDS = ['password', 'repeat'];

/** The signing keys as PKCS#12, written by the desk into its backup folder. */
export function BackupModal(props: { onClose: () => void }) {
  const errors = useKeyErrors(FIELDS);
  return (
    <PasswordBackupModal
      prefix="keys.backup"
      minLength={BACKUP_PASSWORD_MIN_LENGTH}
      errors={errors}
      write={(password) => call('keys.backup', { password })}
      doneParams={(written) => ({ count: written.keys })}
      onClose={props.onClose}
    />
  );
}
