import { tamperStore } from '../support/tamper';
import { afterEach, describe, expect, it } from 'vitest';
import { auditRows, countAuditRows } from '../../src/main/audit/audit-repository';
import { countStaff } from '../../src/main/operators/staff-repository';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';

let t: TestDesk;
afterEach(async () => t?.close());

async function newStaff(admin: SessionCarrier, username: string, roles: string[]) {
  const { staff, oneTimePassword } = await t.call('staff.create', { username, displayName: username, roles: roles as never }, admin);
  const jar = cookieJar();
  const view = await t.call('auth.signIn', { username, password: oneTimePassword, desk: 'minhang' }, jar);
  expect(view.stage).toBe('password_change');
  await t.call('auth.changePassword', { currentPassword: oneTimePassword, newPassword: "Minhang window three, counter 2026" }, jar);
  return { staff, jar, oneTimePassword };
}

describe('staff management', () => {
  it('creates, updates, disables and resets staff, ending their sessions', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const { staff, jar: auditorJar } = await newStaff(admin, 'zhou.li', ['auditor']);
    expect((await t.call('auth.session', {}, auditorJar))!.stage).toBe('active');

    const updated = await t.call('staff.update', { id: staff.id, displayName: '周立', roles: ['auditor', 'counter_operator'] }, admin);
    expect(updated).toMatchObject({ displayName: '周立', roles: ['counter_operator', 'auditor'] });

    const disabled = await t.call('staff.setDisabled', { id: staff.id, disabled: true, reason: 'left the desk team' }, admin);
    expect(disabled).toMatchObject({ disabled: true, disabledReason: 'left the desk team' });
    expect(await t.call('auth.session', {}, auditorJar)).toBeNull();
    await t.call('staff.setDisabled', { id: staff.id, disabled: false, reason: 'back from leave' }, admin);

    const { oneTimePassword } = await t.call('staff.resetPassword', { id: staff.id, reason: 'forgot it at the counter' }, admin);
    const jar = cookieJar();
    expect((await t.call('auth.signIn', { username: 'zhou.li', password: oneTimePassword, desk: 'xuhui' }, jar)).stage).toBe(
      'password_change',
    );
  });

  it('refuses a taken username, regardless of case, and names the field', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const err = await t.fail('staff.create', { username: 'admin', displayName: 'Second', roles: ['auditor'] }, jar);
    expect(err).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'username', reason: 'taken' }] });
    const bad = await t.fail('staff.create', { username: '9lives', displayName: '', roles: [] }, jar);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields!.map((f) => f.path).sort()).toEqual(['displayName', 'roles', 'username']);
    expect(await countStaff(t.desk.db.reader)).toBe(1);
  });

  it('lets nobody grant rights they lack or act on someone with more rights', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const { jar: staffAdmin } = await newStaff(admin, 'wang.hr', ['staff_admin']);
    // staff_admin is an admin role: TOTP enrollment comes before anything else.
    expect((await t.call('auth.session', {}, staffAdmin))!.stage).toBe('totp_enroll');
    const { secret } = await t.call('auth.totpEnrollBegin', {}, staffAdmin);
    const { totpNow } = await import('../support/totp');
    await t.call('auth.totpEnrollConfirm', { code: totpNow(secret, t.clock.now.getTime()) }, staffAdmin);

    const beyond = await t.fail('staff.create', { username: 'keys.bob', displayName: 'Bob', roles: ['key_admin'] }, staffAdmin);
    expect(beyond).toMatchObject({ code: 'FORBIDDEN', fields: [{ reason: 'beyond_own_rights' }] });
    const adminRow = (await t.call('staff.list', {}, staffAdmin)).find((s) => s.username === 'admin')!;
    expect((await t.fail('staff.resetPassword', { id: adminRow.id, reason: 'taking over' }, staffAdmin)).code).toBe('FORBIDDEN');
    expect((await t.fail('staff.setDisabled', { id: adminRow.id, disabled: true, reason: 'taking over' }, staffAdmin)).code).toBe(
      'FORBIDDEN',
    );
    const me = (await t.call('staff.list', {}, staffAdmin)).find((s) => s.username === 'wang.hr')!;
    expect((await t.fail('staff.update', { id: me.id, roles: ['staff_admin', 'auditor'] }, staffAdmin)).code).toBe('FORBIDDEN');

    const ok = await t.call('staff.create', { username: 'desk.amy', displayName: 'Amy', roles: ['auditor'] }, staffAdmin);
    expect(ok.staff.roles).toEqual(['auditor']);
    const denied = (await auditRows(t.desk.db.reader, { outcome: 'denied' })).map(({ action, actor }) => ({ action, actor }));
    expect(denied).toEqual([
      { action: 'staff.create', actor: 'wang.hr' },
      { action: 'staff.resetPassword', actor: 'wang.hr' },
      { action: 'staff.setDisabled', actor: 'wang.hr' },
      { action: 'staff.update', actor: 'wang.hr' },
    ]);
  });

  it('refuses a staff member without the permission at the router', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const { jar } = await newStaff(admin, 'audit.sun', ['auditor']);
    expect(await t.fail('staff.list', {}, jar)).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'staff.manage' } });
    expect((await t.fail('settings.update', { totpRequiredForAll: true }, jar)).code).toBe('FORBIDDEN');
    expect((await t.call('audit.list', { filter: {}, page: 1, pageSize: 20 }, jar)).total).toBeGreaterThan(0);
  });

  it('writes nothing, not even an audit entry, for malformed input from a signed-in operator', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const count = () => countAuditRows(t.desk.db.reader, {});
    const before = await count();
    const err = await t.fail('staff.setDisabled', { id: -1, disabled: 'yes', reason: '' }, jar);
    expect(err.fields!.map((f) => f.path).sort()).toEqual(['disabled', 'id', 'reason']);
    expect((await t.fail('staff.nonexistent', {}, jar)).code).toBe('UNKNOWN_CHANNEL');
    expect(await count()).toBe(before);
  });
});

describe('the audit log', () => {
  it('records who, when, which desk, what, on what and the outcome, without secrets', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { oneTimePassword } = await t.call('staff.create', { username: 'li.na', displayName: 'Li Na', roles: ['auditor'] }, jar);
    const { entries } = await t.call('audit.list', { filter: { action: 'staff.create' }, page: 1, pageSize: 10 }, jar);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'admin',
      desk: 'minhang',
      action: 'staff.create',
      target: 'staff:li.na',
      outcome: 'success',
      detail: { roles: ['auditor'] },
      at: '2026-11-23T02:00:00.000Z',
    });
    const all = (await auditRows(t.desk.db.reader, {})).map(({ detail }) => ({ detail }));
    const dump = JSON.stringify(all);
    expect(dump).not.toContain(oneTimePassword);
    expect(dump).not.toContain(t.firstRun!.oneTimePassword);
  });

  it('filters, pages and exports CSV safe for spreadsheets', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await t.call('staff.create', { username: 'csv.test', displayName: '=HYPERLINK("x")', roles: ['auditor'] }, jar);
    await t.call('staff.update', { id: 2, displayName: '=cmd|calc' }, jar);
    const page = await t.call('audit.list', { filter: { actor: 'admin' }, page: 1, pageSize: 10 }, jar);
    expect(page.entries.every((e) => e.actor === 'admin')).toBe(true);
    const { csv, rows, filename } = await t.call('audit.exportCsv', { filter: { action: 'staff.' } }, jar);
    expect(filename).toMatch(/^jaccount-desk-audit-\d{12}\.csv$/);
    expect(rows).toBe(2);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,desk,action,target,outcome,detail,hash');
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['staff.create', 'staff.update']);
    const from = await t.call('audit.list', { filter: { from: '2026-11-23T11:00:00+08:00' }, page: 1, pageSize: 10 }, jar);
    expect(from.total).toBe(0);
    const bad = await t.fail('audit.list', { filter: { from: 'yesterday' }, page: 0, pageSize: 10 }, jar);
    expect(bad.fields!.map((f) => f.path).sort()).toEqual(['filter.from', 'page']);
  });

  it('verifies the chain and reports the first broken link after tampering', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    for (const name of ['a.one', 'a.two', 'a.three']) {
      await t.call('staff.create', { username: name, displayName: name, roles: ['auditor'] }, jar);
    }
    const good = await t.call('audit.verify', {}, jar);
    expect(good).toMatchObject({ ok: true, firstBroken: null });
    expect(good.checked).toBeGreaterThanOrEqual(7);

    const target = await t.desk.db.reader.get<{ seq: number }>("SELECT seq FROM audit_log WHERE target = 'staff:a.two'");
    const edit = `UPDATE audit_log SET actor = 'someone-else' WHERE seq = ${target!.seq}`;
    await tamperStore(t.store, t.dir, { sqlite: `DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${edit}`, postgres: edit });
    const broken = await t.call('audit.verify', {}, jar);
    expect(broken).toMatchObject({ ok: false, firstBroken: { seq: target!.seq, reason: 'entry was altered' } });
  });
});
