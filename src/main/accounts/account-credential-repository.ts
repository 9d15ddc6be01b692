import type { Queryable } from '../store/database';
import { forUpdate } from '../store/dialect';
import type { AccountRow } from './account-repository';

/** An account's password and its failed-password lock. */

/** An operator's unlock: the failed-password lock and count cleared. */
export async function unlockAccount(tx: Queryable, id: number, now: Date): Promise<void> {
  await tx.run('UPDATE accounts SET locked_until = NULL, failed_attempts = 0, updated_at = ? WHERE id = ?', [now.toISOString(), id]);
}

/** The lock as the store has it now (parallel sign-ins may have set it since the row was read). */
export async function accountLockedUntil(tx: Queryable, id: number): Promise<string | null> {
  // Held to the commit: another desk's attempt on the account waits, then reads this one's outcome.
  const row = await tx.get<{ locked_until: string | null }>(`SELECT locked_until FROM accounts WHERE id = ?${forUpdate(tx.engine)}`, [id]);
  return row?.locked_until ?? null;
}

/** A right password: the run of wrong ones starts again. */
export async function clearAccountFailures(tx: Queryable, id: number): Promise<void> {
  await tx.run('UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = ?', [id]);
}

/** One more wrong password, in one statement: the `limit`-th in a row locks the account until `until`. */
export async function addAccountFailure(tx: Queryable, id: number, limit: number, until: Date): Promise<void> {
  await tx.run(
    `UPDATE accounts SET failed_attempts = failed_attempts + 1,
       locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
     WHERE id = ?`,
    [limit, until.toISOString(), id],
  );
}

/** The holder's activation: the username (permanent from then on), the password, and the mobile when given. */
export async function recordActivation(
  tx: Queryable,
  id: number,
  a: { username: string; passwordHash: string; mobile: Pick<AccountRow, 'mobile_sealed' | 'mobile_index' | 'mobile_masked'> },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await tx.run(
    `UPDATE accounts SET username = ?, password_hash = ?, password_changed_at = ?, status = 'active',
       mobile_sealed = coalesce(?, mobile_sealed), mobile_index = coalesce(?, mobile_index), mobile_masked = coalesce(?, mobile_masked),
       activation_sent_at = ?, activation_channel = 'sms', updated_at = ? WHERE id = ?`,
    [a.username, a.passwordHash, at, a.mobile.mobile_sealed, a.mobile.mobile_index, a.mobile.mobile_masked, at, at, id],
  );
}

/** A new holder password (already hashed): the expiry and the failed-password lock cleared. */
export async function setHolderPassword(tx: Queryable, id: number, passwordHash: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx.run(
    `UPDATE accounts SET password_hash = ?, password_changed_at = ?, password_expires_at = NULL,
       failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?`,
    [passwordHash, at, at, id],
  );
}
