import { afterEach, describe, expect, it } from 'vitest';
import { findStaff } from '../../src/main/operators/staff-repository';
import { totpNow } from '../support/totp';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { auditEntriesOf } from '../support/readers';

let t: TestDesk;
afterEach(async () => t?.close());

describe('first run and sign-in', () => {
  it('creates one admin with a one-time password that must be changed, then requires TOTP enrollment', async () => {
    t = await openTestDesk(undefined, { fresh: true });
    expect(t.desk.firstRun).toMatchObject({ username: 'admin' });
    const otp = t.desk.firstRun!.oneTimePassword;
    // A fresh store: its one staff member is the first admin.
    const stored = await findStaff(t.desk.db.reader, { username: 'admin' });
    expect(stored!.password_hash).not.toContain(otp);
    expect(t.logs.join('\n')).not.toContain(otp);

    const jar = cookieJar();
    const first = await t.call('auth.signIn', { username: 'Admin', password: otp, desk: 'xuhui' }, jar);
    expect(first).toMatchObject({ stage: 'password_change', desk: 'xuhui' });
    expect((await t.fail('staff.list', {}, jar)).code).toBe('STAGE_REQUIRED');

    const weak = await t.fail('auth.changePassword', { currentPassword: otp, newPassword: 'admin-admin-1' }, jar);
    expect(weak).toMatchObject({ code: 'PASSWORD_POLICY', fields: [{ path: 'newPassword', reason: 'contains_username' }] });
    const short = await t.fail('auth.changePassword', { currentPassword: otp, newPassword: 'short' }, jar);
    expect(short).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'newPassword', reason: 'too_small' }] });

    const changed = await t.call('auth.changePassword', { currentPassword: otp, newPassword: ADMIN_PASSWORD }, jar);
    expect(changed.stage).toBe('totp_enroll');
    const { secret, otpauthUri, qrSvg } = await t.call('auth.totpEnrollBegin', {}, jar);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg/);
    const wrong = await t.fail('auth.totpEnrollConfirm', { code: '000000' === totpNow(secret, t.clock.now.getTime()) ? '111111' : '000000' }, jar);
    expect(wrong.code).toBe('TOTP_INVALID');
    const active = await t.call('auth.totpEnrollConfirm', { code: totpNow(secret, t.clock.now.getTime()) }, jar);
    expect(active).toMatchObject({ stage: 'active', staff: { totpEnrolled: true, totpRequired: true } });
    expect(await t.call('staff.list', {}, jar)).toHaveLength(1);

    const sealed = await findStaff(t.desk.db.reader, { username: 'admin' });
    expect(sealed!.totp_secret).not.toContain(secret);
  });

  it('asks for TOTP on later sign-ins and refuses a replayed code', async () => {
    t = await openTestDesk();
    const { secret } = await signInFirstAdmin(t);
    t.clock.advance(60_000);
    const jar = cookieJar();
    expect((await t.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD, desk: 'minhang' }, jar)).stage).toBe('totp');
    const code = totpNow(secret, t.clock.now.getTime());
    expect((await t.call('auth.verifyTotp', { code }, jar)).stage).toBe('active');

    const other = cookieJar();
    await t.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD, desk: 'minhang' }, other);
    expect((await t.fail('auth.verifyTotp', { code }, other)).code).toBe('TOTP_INVALID');
  });

  it('locks a staff account after five wrong passwords and says until when', async () => {
    t = await openTestDesk();
    await signInFirstAdmin(t);
    const jar = cookieJar();
    for (let i = 0; i < 5; i++) {
      expect((await t.fail('auth.signIn', { username: 'admin', password: `wrong-${i}`, desk: 'minhang' }, jar)).code).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await t.fail('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD, desk: 'minhang' }, jar);
    expect(locked).toMatchObject({ code: 'STAFF_LOCKED', params: { until: '2026-11-23T02:15:00.000Z' } });
    t.clock.advance(15 * 60_000 + 1);
    expect((await t.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD, desk: 'minhang' }, jar)).stage).toBe('totp');
    const failures = await auditEntriesOf(t.desk.db.reader, 'auth.signIn', { outcome: 'failure' });
    expect(failures).toHaveLength(6);
  });

  it('does not tell an unknown username from a wrong password', async () => {
    t = await openTestDesk();
    const jar = cookieJar();
    const unknown = await t.fail('auth.signIn', { username: 'nobody', password: 'whatever-it-is', desk: 'minhang' }, jar);
    const wrong = await t.fail('auth.signIn', { username: 'admin', password: 'whatever-it-is', desk: 'minhang' }, jar);
    expect(unknown).toEqual(wrong);
    expect(jar.value).toBeNull();
  });
});

describe('idle lock and sign-out', () => {
  it('locks after the idle period, unlocks with the password only', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    t.clock.advance(299_000);
    expect(await t.call('staff.list', {}, jar)).toHaveLength(1);
    t.clock.advance(301_000);
    expect((await t.fail('staff.list', {}, jar)).code).toBe('SESSION_LOCKED');
    expect((await t.call('auth.session', {}, jar))!.locked).toBe(true);
    expect((await t.fail('auth.unlock', { password: 'not-my-password' }, jar)).code).toBe('INVALID_CREDENTIALS');
    expect((await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar)).locked).toBe(false);
    expect(await t.call('staff.list', {}, jar)).toHaveLength(1);
  });

  it('locks at once on request and honours the configured idle period', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await t.call('auth.lock', {}, jar);
    expect((await t.fail('audit.list', { filter: {}, page: 1, pageSize: 50 }, jar)).code).toBe('SESSION_LOCKED');
    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
    await t.call('settings.update', { idleLockSeconds: 60 }, jar);
    t.clock.advance(61_000);
    expect((await t.fail('settings.get', {}, jar)).code).toBe('SESSION_LOCKED');
    // Who may call comes first: without a session, the input is not even looked at.
    expect((await t.fail('settings.update', { idleLockSeconds: 5 }, cookieJar())).code).toBe('UNAUTHENTICATED');
    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
    const bad = await t.fail('settings.update', { idleLockSeconds: 5 }, jar);
    expect(bad).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'idleLockSeconds', reason: 'too_small' }] });
  });

  it('checks the session against its staff member, their roles and the desk settings on every call', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const newOperator = async (username: string) => {
      const { oneTimePassword } = await t.call('staff.create', { username, displayName: username, roles: ['counter_operator'] }, admin);
      const jar = cookieJar();
      await t.call('auth.signIn', { username, password: oneTimePassword, desk: 'xuhui' }, jar);
      return { jar, oneTimePassword };
    };
    const endReason = (username: string) =>
      t.desk.db.reader.all('SELECT end_reason FROM sessions JOIN staff ON staff.id = sessions.staff_id WHERE username = ?', [username]);

    const op = await newOperator('op.li');
    await t.call('auth.changePassword', { currentPassword: op.oneTimePassword, newPassword: 'Xuhui counter window 7' }, op.jar);
    const search = { query: 'zhang', filters: {}, page: 1, pageSize: 10 };
    expect(await t.call('accounts.search', search, op.jar)).toEqual({ items: [], hasMore: false });
    expect((await t.call('auth.session', {}, op.jar))!.staff.totpRequired).toBe(false);

    // Roles and settings changed by others count from the next call.
    const { id } = (await t.call('staff.list', {}, admin)).find((s) => s.username === 'op.li')!;
    await t.call('staff.update', { id, roles: ['auditor'] }, admin);
    expect(await t.fail('accounts.search', search, op.jar)).toMatchObject({ code: 'FORBIDDEN' });
    await t.call('settings.update', { totpRequiredForAll: true }, admin);
    expect((await t.call('auth.session', {}, op.jar))!.staff.totpRequired).toBe(true);

    // A staff member disabled behind the router's back loses the session at the next call: a write
    // that changes staff announces it at commit, as every statement through the repositories does
    // (a change from outside the desk reaches it through the feed: postgres/several-desks.test.ts).
    await t.desk.db.write(async (tx) => {
      tx.announce?.('staff');
      await tx.run("UPDATE staff SET disabled = 1 WHERE username = 'op.li'");
    });
    expect(await t.fail('audit.list', { filter: {}, page: 1, pageSize: 10 }, op.jar)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await endReason('op.li')).toEqual([{ end_reason: 'staff disabled' }]);

    // A sign-in left at a step is dropped after 10 minutes; any session after 12 hours.
    const idle = await newOperator('op.wang');
    t.clock.advance(10 * 60_000 + 1);
    expect(await t.call('auth.session', {}, idle.jar)).toBeNull();
    expect(await endReason('op.wang')).toEqual([{ end_reason: 'sign-in abandoned' }]);
    t.clock.advance(12 * 3600_000);
    expect(await t.fail('staff.list', {}, admin)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await endReason('admin')).toEqual([{ end_reason: 'expired' }]);
  });

  it('ends the session everywhere it is used', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const sameSessionElsewhere = cookieJar();
    sameSessionElsewhere.set(jar.value!);
    await t.call('auth.signOut', {}, jar);
    expect(jar.value).toBeNull();
    expect(await t.call('auth.session', {}, sameSessionElsewhere)).toBeNull();
    expect((await t.fail('staff.list', {}, sameSessionElsewhere)).code).toBe('UNAUTHENTICATED');
  });
});
