import { checkPassword } from '../operators/password-policy';

/**
 * The password a backup is written under (a key backup's PKCS#12, a store backup's data key)
 * guards what the file holds, on whatever machine the file ends up: it follows the staff
 * password policy (length, not built on a common password, enough different characters),
 * without the username rule, since a backup belongs to no one. Throws PASSWORD_POLICY with
 * the field and the reason. Restoring takes any password a backup was written under.
 */
export function checkBackupPassword(password: string, minLength: number, field = 'password'): void {
  checkPassword(password, '', { minLength, field });
}
