import type { AuditLog } from '../audit/audit-log';
import { oneTimePassword } from '../crypto/one-time-password';
import type { PasswordHasher } from '../crypto/password-hash';
import type { Database } from '../store/database';
import { countStaff, insertStaff } from './staff-repository';

export const FIRST_ADMIN = 'admin';

/**
 * On an empty store, creates the first system admin with a one-time password. The password
 * is returned once for the shell to show, is never stored in clear, and must be changed at
 * first sign-in.
 */
export async function bootstrapFirstAdmin(db: Database, audit: AuditLog, passwordHasher: PasswordHasher, now: Date) {
  if ((await countStaff(db.reader)) > 0) return null;
  const otp = oneTimePassword();
  const passwordHash = await passwordHasher.hash(otp);
  await db.write(async (tx) => {
    await insertStaff(tx, { username: FIRST_ADMIN, displayName: 'System administrator', passwordHash, roles: ['system_admin'] }, now);
    await audit.append(
      tx,
      { actor: 'system', desk: null, action: 'desk.firstRun', target: `staff:${FIRST_ADMIN}`, outcome: 'success', detail: { roles: ['system_admin'] } },
      now,
    );
  });
  return { username: FIRST_ADMIN, oneTimePassword: otp };
}
