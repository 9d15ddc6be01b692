import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditRows, countAuditRows } from '../../src/main/audit/audit-repository';
import { listApplications, secretsOf } from '../../src/main/clients/client-repository';
import type { SessionCarrier } from '../../src/main/rpc/context';
import type { ApplicationInput } from '../../src/shared/contract/clients';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { auditEntriesOf } from '../support/readers';
import { totpNow } from '../support/totp';

let t: TestDesk;
afterEach(async () => t?.close());

const DAY = 24 * 60 * 60 * 1000;

const APPLICATION: ApplicationInput = {
  appName: '研究生迎新系统',
  department: '研究生院',
  purpose: 'Freshmen sign in with jAccount to register on arrival.',
  homepage: 'https://welcome.example.edu.cn/',
  clientType: 'confidential',
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['openid', 'profile', 'number', 'offline_access'],
  redirectUris: ['https://welcome.example.edu.cn/callback', 'http://127.0.0.1:7890/callback'],
  postLogoutRedirectUris: ['https://welcome.example.edu.cn/'],
  contact: { name: '赵老师', email: 'Welcome@Example.EDU.cn', phone: '021-34206000' },
};

const auditCount = () => countAuditRows(t.desk.db.reader, {});
/** How many applications were taken in, and how many clients issued (one at most per application). */
const applicationCount = async () => (await listApplications(t.desk.db.reader)).length;
const clientCount = async () => (await listApplications(t.desk.db.reader)).filter((a) => a.client_id !== null).length;

/** A staff member with the given roles, signed in (with TOTP when the roles need it). */
async function staffWith(admin: SessionCarrier, username: string, roles: string[]) {
  const { oneTimePassword } = await t.call('staff.create', { username, displayName: username, roles: roles as never }, admin);
  const jar = cookieJar();
  await t.call('auth.signIn', { username, password: oneTimePassword, desk: 'xuhui' }, jar);
  const view = await t.call('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'Interface desk, window four 2026' }, jar);
  if (view.stage === 'totp_enroll') {
    const { secret } = await t.call('auth.totpEnrollBegin', {}, jar);
    await t.call('auth.totpEnrollConfirm', { code: totpNow(secret, t.clock.now.getTime()) }, jar);
  }
  return jar;
}

/** Moves the clock on by `ms` (sessions end meanwhile) and signs the first admin in again. */
async function later(ms: number, totpSecret: string): Promise<SessionCarrier> {
  t.clock.advance(ms);
  const jar = cookieJar();
  await t.call('auth.signIn', { username: 'admin', password: ADMIN_PASSWORD, desk: 'minhang' }, jar);
  await t.call('auth.verifyTotp', { code: totpNow(totpSecret, t.clock.now.getTime()) }, jar);
  return jar;
}

async function submitAndApproveByLeader(jar: SessionCarrier, input: Partial<ApplicationInput> = {}, approvedOn = '2026-11-23') {
  const submitted = await t.call('clients.submit', { ...APPLICATION, ...input }, jar);
  await t.call('clients.recordLeaderApproval', { id: submitted.id, leaderName: '钱院长', approvedOn }, jar);
  return submitted.id;
}

/** Every place a secret could leak to: the store's files, the log lines, the audit log. */
function storeBytes(): string {
  return fs
    .readdirSync(t.dir)
    .filter((f) => f.startsWith('desk.sqlite'))
    .map((f) => fs.readFileSync(path.join(t.dir, f)).toString('latin1'))
    .join('\n');
}

describe('the client registry workflow', () => {
  it('takes an application from submission to an issued client whose secret is shown once', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const submitted = await t.call('clients.submit', APPLICATION, jar);
    expect(submitted).toMatchObject({
      state: 'submitted',
      tokenEndpointAuthMethod: 'client_secret_basic',
      contact: { email: 'Welcome@example.edu.cn' },
      deadline: null,
      client: null,
    });
    expect(storeBytes()).not.toContain('Welcome@example.edu.cn');
    expect(await t.call('clients.departments', {}, jar)).toEqual(['研究生院']);

    // Monday 23 November 2026 (campus time): the NIC answers by Thursday.
    const approved = await t.call('clients.recordLeaderApproval', { id: submitted.id, leaderName: '钱院长', approvedOn: '2026-11-23' }, jar);
    expect(approved.leaderApproval).toMatchObject({ leaderName: '钱院长', approvedOn: '2026-11-23', recordedBy: 'admin' });
    expect(approved.deadline).toEqual({ dueOn: '2026-11-26', workingDaysLeft: 3, overdue: false });

    const issued = await t.call('clients.approve', { id: submitted.id, scopes: ['openid', 'profile', 'offline_access'] }, jar);
    const secret = issued.secretShownOnce!;
    const clientId = issued.application.client!.clientId;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(clientId).toMatch(/^jaccount-[a-z2-9]{16}$/);
    expect(issued.application).toMatchObject({ state: 'approved', processedBy: 'admin', deadline: null });
    expect(issued.application.client!.secrets).toEqual([
      expect.objectContaining({ slot: 'current', expiresAt: null, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) }),
    ]);

    expect(await t.desk.clients.findForTokenService(clientId)).toEqual({
      clientId,
      clientName: '研究生迎新系统',
      clientType: 'confidential',
      redirectUris: APPLICATION.redirectUris,
      postLogoutRedirectUris: APPLICATION.postLogoutRedirectUris,
      grantTypes: ['authorization_code', 'refresh_token'],
      scopes: ['openid', 'profile', 'offline_access'],
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    expect(await t.desk.clients.verifySecret(clientId, secret)).toBe(true);
    expect(await t.desk.clients.verifySecret(clientId, `${secret.slice(0, -1)}A`)).toBe(secret.endsWith('A'));
    expect(await t.desk.clients.verifySecret('jaccount-unknown', secret)).toBe(false);
    expect(await t.desk.clients.findForTokenService('jaccount-unknown')).toBeNull();

    // Shown once: never again in any answer, the store, the audit log or the logs.
    const got = await t.call('clients.get', { id: submitted.id }, jar);
    const listed = await t.call('clients.list', {}, jar);
    expect(JSON.stringify([got, listed])).not.toContain(secret);
    expect(storeBytes()).not.toContain(secret);
    expect(t.logs.join('\n')).not.toContain(secret);
    expect(got.history.map((h) => h.action)).toEqual(['clients.approve', 'clients.recordLeaderApproval', 'clients.submit']);
    const approval = got.history[0]!;
    expect(approval).toMatchObject({ actor: 'admin', target: `client-application:${submitted.id}`, outcome: 'success' });
    expect(approval.detail).toEqual({
      clientId,
      scopes: ['openid', 'profile', 'offline_access'],
      fingerprint: got.client!.secrets[0]!.fingerprint,
    });
  });

  it('refuses a bad application field by field, naming each redirect URI by its index, and writes nothing', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const audits = await auditCount();
    const err = await t.fail(
      'clients.submit',
      {
        ...APPLICATION,
        appName: '',
        homepage: 'http://welcome.example.edu.cn/',
        redirectUris: ['https://welcome.example.edu.cn/cb', 'https://*.example.edu.cn/cb', 'http://welcome.example.edu.cn/cb#x'],
        scopes: ['profile'],
      },
      jar,
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.fields!.map((f) => `${f.path}:${f.reason}`)).toEqual([
      'appName:required',
      'homepage:not_https',
      'scopes:openid_required',
      'redirectUris.1:wildcard',
      'redirectUris.2:fragment',
    ]);
    const shape = await t.fail('clients.submit', { ...APPLICATION, grantTypes: ['password'] }, jar);
    expect(shape.fields![0]).toMatchObject({ path: 'grantTypes.0', reason: 'invalid_value' });
    expect(await applicationCount()).toBe(0);
    expect(await auditCount()).toBe(audits);
  });

  it('counts the deadline in working days: due today, then overdue; holidays move it', async () => {
    t = await openTestDesk();
    const { jar: first, secret } = await signInFirstAdmin(t);
    let jar: SessionCarrier = first;
    const early = await submitAndApproveByLeader(jar, { appName: '图书馆座位预约' }, '2026-11-20');
    const fresh = await submitAndApproveByLeader(jar, { appName: '校园卡服务' }, '2026-11-23');
    const waiting = (await t.call('clients.submit', { ...APPLICATION, appName: '尚未审批' }, jar)).id;

    // Approved Friday 20 November: due Wednesday 25 November, 2 working days left on Monday.
    let list = await t.call('clients.list', {}, jar);
    expect(list.today).toBe('2026-11-23');
    expect(list.items.map((i) => i.id)).toEqual([early, fresh, waiting]);
    expect(list.items[0]!.deadline).toEqual({ dueOn: '2026-11-25', workingDaysLeft: 2, overdue: false });
    expect(list.counts).toEqual({ submitted: 1, leader_approved: 2, approved: 0, rejected: 0, overdue: 0 });

    jar = await later(2 * DAY, secret);
    list = await t.call('clients.list', { state: 'leader_approved' }, jar);
    expect(list.items.map((i) => [i.id, i.deadline!.workingDaysLeft, i.deadline!.overdue])).toEqual([
      [early, 0, false],
      [fresh, 1, false],
    ]);

    // Saturday 28 November: both are late, although no working day has passed since Thursday.
    jar = await later(3 * DAY, secret);
    list = await t.call('clients.list', { overdue: true }, jar);
    expect(list.items.map((i) => [i.id, i.deadline!.workingDaysLeft])).toEqual([
      [early, -2],
      [fresh, -1],
    ]);
    expect(list.counts.overdue).toBe(2);

    // A holiday on Wednesday 25 November (entered late) gives both one more day.
    await t.call('clients.setCalendar', { holidays: [{ date: '2026-11-25', name: '校庆' }], workdays: [] }, jar);
    const after = await t.call('clients.get', { id: fresh }, jar);
    expect(after.deadline).toEqual({ dueOn: '2026-11-27', workingDaysLeft: -1, overdue: true });
    expect((await t.call('clients.get', { id: early }, jar)).deadline!.dueOn).toBe('2026-11-26');

    const bad = await t.fail(
      'clients.setCalendar',
      { holidays: [{ date: '2026-02-30', name: '' }, { date: '2026-11-25', name: '' }], workdays: [{ date: '2026-11-25', name: '' }] },
      jar,
    );
    expect(bad.fields!.map((f) => `${f.path}:${f.reason}`)).toEqual(['holidays.0.date:not_a_date', 'workdays.0.date:duplicate']);
    expect((await t.call('clients.calendar', {}, jar)).holidays).toEqual([{ date: '2026-11-25', name: '校庆' }]);
  });

  it('checks the leader approval: a real date, not in the future, once', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { id } = await t.call('clients.submit', APPLICATION, jar);
    const future = await t.fail('clients.recordLeaderApproval', { id, leaderName: '', approvedOn: '2026-11-24' }, jar);
    expect(future.fields!.map((f) => `${f.path}:${f.reason}`)).toEqual(['leaderName:required', 'approvedOn:future']);
    const unreal = await t.fail('clients.recordLeaderApproval', { id, leaderName: '钱院长', approvedOn: '2026-11-31' }, jar);
    expect(unreal.fields).toMatchObject([{ path: 'approvedOn', reason: 'not_a_date' }]);
    expect(await t.fail('clients.approve', { id }, jar)).toMatchObject({ code: 'CONFLICT', params: { reason: 'state', state: 'submitted' } });
    await t.call('clients.recordLeaderApproval', { id, leaderName: '钱院长', approvedOn: '2026-11-23' }, jar);
    expect((await t.fail('clients.recordLeaderApproval', { id, leaderName: '钱院长', approvedOn: '2026-11-23' }, jar)).code).toBe('CONFLICT');
    const beyond = await t.fail('clients.approve', { id, scopes: ['openid', 'email'] }, jar);
    expect(beyond.fields).toMatchObject([{ path: 'scopes', reason: 'not_requested' }]);
    expect(await clientCount()).toBe(0);
  });

  it('rejects with a reason, after which nothing is issued', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const id = await submitAndApproveByLeader(jar);
    const rejected = await t.call('clients.reject', { id, reason: '应用已有 clientId，请复用原申请' }, jar);
    expect(rejected).toMatchObject({ state: 'rejected', rejectionReason: '应用已有 clientId，请复用原申请', deadline: null, client: null });
    expect((await t.fail('clients.approve', { id }, jar)).code).toBe('CONFLICT');
    expect((await t.fail('clients.reject', { id, reason: 'again' }, jar)).code).toBe('CONFLICT');
  });
});

describe('an issued client', () => {
  async function issued(jar: SessionCarrier, input: Partial<ApplicationInput> = {}) {
    const id = await submitAndApproveByLeader(jar, input);
    const { application, secretShownOnce } = await t.call('clients.approve', { id }, jar);
    return { id, clientId: application.client!.clientId, secret: secretShownOnce };
  }

  it('rotates its secret: the previous one works for the chosen overlap, then stops; never more than two', async () => {
    t = await openTestDesk();
    const { jar: signedIn, secret: totp } = await signInFirstAdmin(t);
    let jar: SessionCarrier = signedIn;
    const { id, clientId, secret: first } = await issued(jar);
    const registry = t.desk.clients;

    const second = await t.call('clients.rotateSecret', { id, overlapDays: 2 }, jar);
    const s2 = second.secretShownOnce!;
    expect(s2).not.toBe(first);
    expect(second.application.client!.secrets.map((s) => [s.slot, s.expiresAt])).toEqual([
      ['current', null],
      ['previous', '2026-11-25T02:00:00.000Z'],
    ]);
    expect(await registry.verifySecret(clientId, first!)).toBe(true);
    expect(await registry.verifySecret(clientId, s2)).toBe(true);
    t.clock.advance(2 * DAY - 1);
    expect(await registry.verifySecret(clientId, first!)).toBe(true);
    jar = await later(1, totp);
    expect(await registry.verifySecret(clientId, first!)).toBe(false);
    expect(await registry.verifySecret(clientId, s2)).toBe(true);
    expect((await t.call('clients.get', { id }, jar)).client!.secrets.map((s) => s.slot)).toEqual(['current']);

    // A rotation while an overlap runs drops the older secret at once.
    const third = (await t.call('clients.rotateSecret', { id, overlapDays: 30 }, jar)).secretShownOnce!;
    const fourth = (await t.call('clients.rotateSecret', { id, overlapDays: 0 }, jar)).secretShownOnce!;
    expect(await registry.verifySecret(clientId, s2)).toBe(false);
    expect(await registry.verifySecret(clientId, third)).toBe(false);
    expect(await registry.verifySecret(clientId, fourth)).toBe(true);
    expect(await secretsOf(t.desk.db.reader, clientId)).toHaveLength(1);

    const entries = await auditEntriesOf(t.desk.db.reader, 'clients.rotateSecret');
    expect(entries).toHaveLength(3);
    expect(JSON.parse(entries[0]!.detail)).toMatchObject({ clientId, overlapDays: 2, previousValidUntil: '2026-11-25T02:00:00.000Z' });
    for (const s of [first!, s2, third, fourth]) {
      expect(storeBytes()).not.toContain(s);
      expect(t.logs.join('\n')).not.toContain(s);
    }
    expect((await t.fail('clients.rotateSecret', { id, overlapDays: 31 }, jar)).fields![0]).toMatchObject({ path: 'overlapDays' });
  });

  it('changes redirect URIs and scopes with before and after in the audit log', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { id, clientId } = await issued(jar);
    const bad = await t.fail('clients.update', { id, redirectUris: ['https://welcome.example.edu.cn/cb', 'http://[::2]/cb'] }, jar);
    expect(bad.fields).toMatchObject([{ path: 'redirectUris.1', reason: 'not_https', params: { index: 1 } }]);
    expect(await t.fail('clients.update', { id, scopes: APPLICATION.scopes }, jar)).toMatchObject({ params: { reason: 'unchanged' } });

    const next = ['https://welcome.example.edu.cn/v2/callback'];
    const updated = await t.call('clients.update', { id, redirectUris: next, scopes: ['openid', 'email'] }, jar);
    expect(updated.client).toMatchObject({ redirectUris: next, scopes: ['openid', 'email'] });
    expect(updated.redirectUris).toEqual(APPLICATION.redirectUris);
    expect((await t.desk.clients.findForTokenService(clientId))!.redirectUris).toEqual(next);
    const entry = (await t.call('clients.get', { id }, jar)).history[0]!;
    expect(entry).toMatchObject({ action: 'clients.update', outcome: 'success' });
    expect(entry.detail).toEqual({
      clientId,
      redirectUris: { from: APPLICATION.redirectUris, to: next },
      scopes: { from: APPLICATION.scopes, to: ['openid', 'email'] },
    });
  });

  it('disabled, it is unknown to the token service until enabled; deleted, for good', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { id, clientId, secret } = await issued(jar);
    const registry = t.desk.clients;
    const disabled = await t.call('clients.setDisabled', { id, disabled: true, reason: '系统停用检修' }, jar);
    expect(disabled.client).toMatchObject({ status: 'disabled', statusReason: '系统停用检修' });
    expect(await registry.findForTokenService(clientId)).toBeNull();
    expect(await registry.verifySecret(clientId, secret!)).toBe(false);
    expect(await t.fail('clients.setDisabled', { id, disabled: true, reason: 'again' }, jar)).toMatchObject({
      params: { reason: 'already_disabled' },
    });
    await t.call('clients.setDisabled', { id, disabled: false, reason: '检修完成' }, jar);
    expect(await registry.verifySecret(clientId, secret!)).toBe(true);

    const deleted = await t.call('clients.delete', { id, reason: '应用下线' }, jar);
    expect(deleted.client).toMatchObject({ status: 'deleted', statusReason: '应用下线', secrets: [] });
    expect(await registry.findForTokenService(clientId)).toBeNull();
    expect(await registry.verifySecret(clientId, secret!)).toBe(false);
    expect(await secretsOf(t.desk.db.reader, clientId)).toHaveLength(0);
    for (const [channel, input] of [
      ['clients.setDisabled', { id, disabled: false, reason: 'back' }],
      ['clients.rotateSecret', { id, overlapDays: 0 }],
      ['clients.update', { id, scopes: ['openid'] }],
      ['clients.delete', { id, reason: 'twice' }],
    ] as const) {
      expect(await t.fail(channel, input, jar), channel).toMatchObject({ code: 'CONFLICT', params: { reason: 'client_deleted' } });
    }
    // The store itself holds the line: a deleted client stays deleted, a clientId never changes, two secrets at most.
    await expect(t.desk.db.write((tx) => tx.run("UPDATE clients SET status = 'enabled'"))).rejects.toThrow(/stays deleted/);
    const other = await issued(jar, { appName: '第二个应用' });
    await expect(t.desk.db.write((tx) => tx.run('UPDATE clients SET client_id = ? WHERE client_id = ?', ['jaccount-mine', other.clientId]))).rejects.toThrow(
      /never changes/,
    );
    const insert = (slot: string, expiresAt: string | null) =>
      t.desk.db.write((tx) =>
        tx.run('INSERT INTO client_secrets (client_id, slot, hash, fingerprint, created_at, expires_at) VALUES (?,?,?,?,?,?)', [
          other.clientId,
          slot,
          'x',
          'x',
          t.clock.now.toISOString(),
          expiresAt,
        ]),
      );
    await expect(insert('current', null)).rejects.toThrow(/UNIQUE|PRIMARY KEY|duplicate key/);
    await expect(insert('previous', null)).rejects.toThrow(/CHECK|check constraint/);
    await expect(insert('third', '2027-01-01T00:00:00Z')).rejects.toThrow(/CHECK|check constraint/);
    const actions = (await t.call('clients.get', { id }, jar)).history.map((h) => `${h.action}:${h.outcome}`);
    expect(actions.slice(0, 6)).toEqual([
      'clients.delete:failure',
      'clients.update:failure',
      'clients.rotateSecret:failure',
      'clients.setDisabled:failure',
      'clients.delete:success',
      'clients.setDisabled:success',
    ]);
  });

  it('is public: no secret at all, and none to rotate', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { id, clientId, secret } = await issued(jar, {
      clientType: 'public',
      grantTypes: ['authorization_code'],
      scopes: ['openid', 'profile'],
      redirectUris: ['http://[::1]:43110/cb'],
    });
    expect(secret).toBeNull();
    expect((await t.desk.clients.findForTokenService(clientId))!.tokenEndpointAuthMethod).toBe('none');
    expect(await t.desk.clients.verifySecret(clientId, '')).toBe(false);
    expect(await t.fail('clients.rotateSecret', { id, overlapDays: 0 }, jar)).toMatchObject({ params: { reason: 'public_client' } });
  });
});

describe('who may manage clients', () => {
  it('refuses staff without clients.manage at the router, and audits the refusal', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const id = await submitAndApproveByLeader(admin);
    const counter = await staffWith(admin, 'desk.wu', ['senior_operator']);
    for (const [channel, input] of [
      ['clients.list', {}],
      ['clients.get', { id }],
      ['clients.submit', APPLICATION],
      ['clients.approve', { id }],
    ] as const) {
      expect(await t.fail(channel, input, counter), channel).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'clients.manage' } });
    }
    expect(await clientCount()).toBe(0);
    const denied = await auditRows(t.desk.db.reader, { outcome: 'denied', actor: 'desk.wu' });
    expect(denied.map((d) => d.action)).toEqual(['clients.list', 'clients.get', 'clients.submit', 'clients.approve']);

    // A client administrator manages clients but not the desk-wide working calendar.
    const clientAdmin = await staffWith(admin, 'nic.qian', ['client_admin']);
    const issued = await t.call('clients.approve', { id }, clientAdmin);
    expect(issued.application.processedBy).toBe('nic.qian');
    expect((await t.call('clients.calendar', {}, clientAdmin)).holidays).toEqual([]);
    expect(await t.fail('clients.setCalendar', { holidays: [], workdays: [] }, clientAdmin)).toMatchObject({
      code: 'FORBIDDEN',
      params: { permission: 'settings.manage' },
    });
  });
});
