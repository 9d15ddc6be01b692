import type { Role } from '../../src/shared/permissions';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { type TestDesk, cookieJar } from './desk-fixture';
import { totpNow } from './totp';

export const STAFF_PASSWORD = 'Signing keys rotate at dawn 42';

/** Creates a staff member and takes them through the first sign-in: new password, then TOTP (admin roles). */
export async function signedInStaff(t: TestDesk, admin: SessionCarrier, username: string, roles: Role[] = ['key_admin']) {
  const { staff, oneTimePassword } = await t.call('staff.create', { username, displayName: `${username} (keys)`, roles }, admin);
  const jar = cookieJar();
  await t.call('auth.signIn', { username, password: oneTimePassword, desk: 'xuhui' }, jar);
  const view = await t.call('auth.changePassword', { currentPassword: oneTimePassword, newPassword: STAFF_PASSWORD }, jar);
  if (view.stage === 'totp_enroll') {
    const { secret } = await t.call('auth.totpEnrollBegin', {}, jar);
    await t.call('auth.totpEnrollConfirm', { code: totpNow(secret, t.clock.now.getTime()) }, jar);
  }
  return { staff, jar };
}
