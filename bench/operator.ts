import crypto from 'node:crypto';
import type { Desk } from '../src/main/desk';
import type { SessionCarrier } from '../src/main/rpc/context';
import { totpNow } from '../test/support/totp';

import { cookieJar } from '../test/support/cookie-jar';

export { cookieJar };

/** Calls a channel through the router, as a transport would, and unwraps the envelope. */
export async function call<T = unknown>(desk: Desk, channel: string, input: unknown, jar: SessionCarrier): Promise<T> {
  const env = await desk.router.call(channel, input, jar);
  if (!env.ok) throw new Error(`${channel} failed: ${env.error.code} ${env.error.message}`);
  return env.value as T;
}

/**
 * Takes the first admin of a fresh store through sign-in, the forced password change and
 * TOTP enrolment (codes from an independent RFC 6238 implementation), as the console would.
 */
export async function signInFirstAdmin(desk: Desk): Promise<SessionCarrier> {
  if (!desk.firstRun) throw new Error('the store was not created by this run: no first-admin credentials');
  const jar = cookieJar();
  const otp = desk.firstRun.oneTimePassword;
  await call(desk, 'auth.signIn', { username: desk.firstRun.username, password: otp, desk: 'minhang' }, jar);
  await call(desk, 'auth.changePassword', { currentPassword: otp, newPassword: `Bench-${crypto.randomBytes(12).toString('base64url')}` }, jar);
  const { secret } = await call<{ secret: string }>(desk, 'auth.totpEnrollBegin', {}, jar);
  await call(desk, 'auth.totpEnrollConfirm', { code: totpNow(secret) }, jar);
  return jar;
}
