import type { AuditLog } from '../audit/audit-log';
import { oneTimePassword } from '../crypto/one-time-password';
import type { PasswordHasher } from '../crypto/password-hash';
import type { Store } from '../repositories';

export const FIRST_ADMIN = 'admin';

/**
 * On an empty store, creates the first system admin with a one-time password. The password
 * is returned once for the shell to show, is never stored in clear, and must be changed at
 * first sign-in.
 */
export async function bootstrapFirstAdmin(store: Store, audit: AuditLog, passwordHasher: PasswordHasher, now: Date) {
  if ((await store.reads.staff.countStaff()) > 0) return null;
  const otp = oneTimePassword();
  const passwordHash = await passwordHasher.hash(otp);
  await store.write(async (repos) => {
    await repos.staff.insertStaff({ username: FIRST_ADMIN, displayName: 'System administrator', passwordHash, roles: ['system_admin'] }, now);
    await audit.append(
      repos,
      { actor: 'system', desk: null, action: 'desk.firstRun', target: `staff:${FIRST_ADMIN}`, outcome: 'success', detail: { roles: ['system_admin'] } },
      now,
    );
  });
  return { username: FIRST_ADMIN, oneTimePassword: otp };
}
