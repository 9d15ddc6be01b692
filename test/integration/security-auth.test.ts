import { afterEach, describe, expect, it } from 'vitest';
import { findStaff } from '../../src/main/operators/staff-repository';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { STAFF_PASSWORD, signedInStaff } from '../support/key-admins';
import { auditEntriesOf } from '../support/readers';
import { totpNow } from '../support/totp';

/**
 * The outside review's staff sign-in attacks (items 1, 11 and 12), each replayed against the
 * router with real sessions on a real store: the attacker holds one operator's password.
 */

let t: TestDesk;
afterEach(async () => t?.close());

const MINUTE = 60_000;

/** Every six-digit code but the right one, in an order that does not start near it. */
const wrongCodes = (right: string, n: number) =>
  Array.from({ length: n }, (_, i) => String((Number(right) + 500_000 + i) % 1_000_000).padStart(6, '0')).filter((c) => c !== right);

async function codeOf(result: Promise<unknown> | unknown) {
  const env = (await result) as { ok: boolean; error?: { code: string } };
  return env.ok ? 'OK' : env.error!.code;
}

/** A key admin with an authenticator, signed out: the attacker knows the password, not the authenticator. */
async function enrolledStaff() {
  t = await openTestDesk();
  const { jar: admin } = await signInFirstAdmin(t);
  const { staff, jar } = await signedInStaff(t, admin, 'li.keys', ['key_admin']);
  const row = await findStaff(t.desk.db.reader, { id: staff.id });
  const secret = t.desk.dataKey.open(row!.totp_secret!, 'staff.totp_secret');
  await t.call('auth.signOut', {}, jar);
  const signIn = (carrier: SessionCarrier, password = STAFF_PASSWORD) =>
    t.desk.router.call('auth.signIn', { username: 'li.keys', password, desk: 'minhang' }, carrier);
  return { admin, staff, secret, signIn };
}

describe('two-step verification cannot be guessed (review item 1)', () => {
  it('refuses TOTP guesses once five are wrong, in every session, and the right code too', async () => {
    const { secret, signIn } = await enrolledStaff();
    const jar = cookieJar();
    expect(await codeOf(signIn(jar))).toBe('OK');
    const right = totpNow(secret, t.clock.now.getTime());
    const answers = await Promise.all(wrongCodes(right, 24).map((code) => codeOf(t.desk.router.call('auth.verifyTotp', { code }, jar))));
    expect(answers.filter((c) => c === 'TOTP_INVALID')).toHaveLength(5);
    expect(answers.filter((c) => c === 'STAFF_LOCKED')).toHaveLength(answers.length - 5);
    expect(await codeOf(t.desk.router.call('auth.verifyTotp', { code: right }, jar))).toBe('STAFF_LOCKED');
    // A fresh sign-in is refused at the password, the right one included.
    expect(await codeOf(signIn(cookieJar()))).toBe('STAFF_LOCKED');
    const audited = await auditEntriesOf(t.desk.db.reader, 'auth.verifyTotp', { actor: 'li.keys', outcome: 'failure' });
    expect(audited).toHaveLength(answers.length + 1);
  });

  it('does not start the count again when the password is given again: wrong codes add up across sign-ins', async () => {
    const { secret, signIn } = await enrolledStaff();
    const right = totpNow(secret, t.clock.now.getTime());
    const [a, b, c, d, e] = wrongCodes(right, 5);
    const first = cookieJar();
    await signIn(first);
    for (const code of [a, b, c, d]) expect(await codeOf(t.desk.router.call('auth.verifyTotp', { code: code! }, first))).toBe('TOTP_INVALID');
    const second = cookieJar();
    expect(await codeOf(signIn(second))).toBe('OK');
    expect(await codeOf(t.desk.router.call('auth.verifyTotp', { code: e! }, second))).toBe('TOTP_INVALID');
    expect(await codeOf(t.desk.router.call('auth.verifyTotp', { code: right }, second))).toBe('STAFF_LOCKED');
    // After the lock's 15 minutes a complete sign-in works and starts the count afresh.
    t.clock.advance(16 * MINUTE);
    const third = cookieJar();
    expect(await codeOf(signIn(third))).toBe('OK');
    expect(await codeOf(t.desk.router.call('auth.verifyTotp', { code: totpNow(secret, t.clock.now.getTime()) }, third))).toBe('OK');
    expect(await findStaff(t.desk.db.reader, { username: 'li.keys' })).toMatchObject({
      failed_attempts: 0,
      locked_until: null,
    });
  });

  it('gives the sign-in step an absolute deadline from the password that touching does not extend', async () => {
    const { secret, signIn } = await enrolledStaff();
    const jar = cookieJar();
    await signIn(jar);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3 * MINUTE);
      expect(await codeOf(t.desk.router.call('auth.touch', {}, jar))).toBe('OK');
    }
    t.clock.advance(2 * MINUTE);
    expect(await codeOf(t.desk.router.call('auth.verifyTotp', { code: totpNow(secret, t.clock.now.getTime()) }, jar))).toBe('UNAUTHENTICATED');
  });

  it('refuses the right unlock password after wrong ones locked the account', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await t.call('auth.lock', {}, jar);
    for (let i = 0; i < 5; i++) expect(await codeOf(t.desk.router.call('auth.unlock', { password: `not it ${i}` }, jar))).toBe('INVALID_CREDENTIALS');
    for (let i = 0; i < 2; i++) expect(await codeOf(t.desk.router.call('auth.unlock', { password: `not it ${i}` }, jar))).toBe('STAFF_LOCKED');
    expect(await codeOf(t.desk.router.call('auth.unlock', { password: ADMIN_PASSWORD }, jar))).toBe('STAFF_LOCKED');
    expect(await codeOf(t.desk.router.call('accounts.departments', {}, jar))).toBe('SESSION_LOCKED');
  });

  it('counts a wrong current password when changing it towards the same lock', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(t.desk.router.call('auth.changePassword', { currentPassword: `not it ${i}`, newPassword: 'Another strong phrase 77' }, jar))).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    expect(await codeOf(t.desk.router.call('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'Another strong phrase 77' }, jar))).toBe(
      'STAFF_LOCKED',
    );
  });

  it('changes the authenticator only with the current password and a current code, and ends the other sessions', async () => {
    const { secret, signIn } = await enrolledStaff();
    const jar = cookieJar();
    const other = cookieJar();
    for (const carrier of [jar, other]) {
      t.clock.advance(31_000);
      await signIn(carrier);
      await t.call('auth.verifyTotp', { code: totpNow(secret, t.clock.now.getTime()) }, carrier);
    }
    expect(await t.fail('auth.totpEnrollBegin', {}, jar)).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'currentPassword' }, { path: 'code' }],
    });
    expect((await t.fail('auth.totpEnrollBegin', { currentPassword: 'not it at all', code: '000000' }, jar)).code).toBe('INVALID_CREDENTIALS');
    t.clock.advance(31_000);
    const right = totpNow(secret, t.clock.now.getTime());
    expect((await t.fail('auth.totpEnrollBegin', { currentPassword: STAFF_PASSWORD, code: wrongCodes(right, 1)[0]! }, jar)).code).toBe('TOTP_INVALID');
    const begun = await t.call('auth.totpEnrollBegin', { currentPassword: STAFF_PASSWORD, code: right }, jar);
    const view = await t.call('auth.totpEnrollConfirm', { code: totpNow(begun.secret, t.clock.now.getTime()) }, jar);
    expect(view.staff.totpEnrolled).toBe(true);
    expect(await codeOf(t.desk.router.call('keys.list', {}, other))).toBe('UNAUTHENTICATED');
    expect(await codeOf(t.desk.router.call('keys.list', {}, jar))).toBe('OK');
    // The two wrong answers above counted: three more lock the account.
    const failed = await findStaff(t.desk.db.reader, { username: 'li.keys' });
    expect(failed!.failed_attempts).toBe(2);
  });
});

describe('staff usernames cannot be told from unknown ones (review item 11)', () => {
  it('answers a name that is no staff member exactly as a real one, lock included', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    await t.call('staff.create', { username: 'wang.counter', displayName: 'Wang', roles: ['counter_operator'] }, admin);
    const answers = async (username: string) => {
      const codes: string[] = [];
      for (let i = 0; i < 7; i++) codes.push(await codeOf(t.desk.router.call('auth.signIn', { username, password: `guess number ${i}`, desk: 'xuhui' }, cookieJar())));
      return codes;
    };
    const real = await answers('wang.counter');
    const unknown = await answers('nobody.here');
    expect(real).toEqual([...Array(5).fill('INVALID_CREDENTIALS'), 'STAFF_LOCKED', 'STAFF_LOCKED']);
    expect(unknown).toEqual(real);
    // The lock's end is told alike: 15 minutes after the fifth failure.
    const until = async (username: string) => {
      const env = await t.desk.router.call('auth.signIn', { username, password: 'x', desk: 'xuhui' }, cookieJar());
      return env.ok ? null : env.error.params?.until;
    };
    expect(await until('nobody.here')).toBe(await until('wang.counter'));
    t.clock.advance(16 * 60_000);
    expect(await codeOf(t.desk.router.call('auth.signIn', { username: 'nobody.here', password: 'x', desk: 'xuhui' }, cookieJar()))).toBe('INVALID_CREDENTIALS');
  });
});

describe('admin roles granted mid-session wait for two-step verification (review item 12)', () => {
  it('withholds key management from a counter operator granted key_admin until the session passes TOTP', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const { staff, jar } = await signedInStaff(t, admin, 'zhao.counter', ['counter_operator']);
    await t.call('staff.update', { id: staff.id, roles: ['counter_operator', 'key_admin'] }, admin);
    expect(await t.fail('keys.list', {}, jar)).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'keys.manage' } });
    const session = await t.call('auth.session', {}, jar);
    expect(session!.staff).toMatchObject({ totpEnrolled: false, totpRequired: true, twoStepNeededFor: ['keys.manage'] });
    expect(session!.staff.permissions).not.toContain('keys.manage');
    // Enrolling needs the password in a signed-in session; then the role applies in this session.
    expect((await t.fail('auth.totpEnrollBegin', {}, jar)).code).toBe('VALIDATION');
    const { secret } = await t.call('auth.totpEnrollBegin', { currentPassword: STAFF_PASSWORD }, jar);
    const view = await t.call('auth.totpEnrollConfirm', { code: totpNow(secret, t.clock.now.getTime()) }, jar);
    expect(view.staff).toMatchObject({ twoStepNeededFor: [] });
    expect(view.staff.permissions).toContain('keys.manage');
    expect(await codeOf(t.desk.router.call('keys.list', {}, jar))).toBe('OK');
  });
});
