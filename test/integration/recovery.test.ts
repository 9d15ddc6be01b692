import { afterEach, describe, expect, it } from 'vitest';
import { openNotificationParams } from '../../src/main/notify/outbox';
import { findAccountById } from '../../src/main/accounts/account-repository';
import { checkAccountSignIn } from '../../src/main/accounts/account-sign-in';
import { recentIdentityChecks } from '../../src/main/recovery/identity-check-repository';
import { recentRecoveryCodes } from '../../src/main/recovery/recovery-code-repository';
import { recoveryDeps, requestSelfReset, requestUsernameReminder, resetWithCode } from '../../src/main/recovery/self-service';
import type { SessionCarrier } from '../../src/main/rpc/context';
import type { Role } from '../../src/shared/permissions';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { allNotifications } from '../support/readers';
import { activeAccount } from '../support/token-service-fixture';

/*
 * Account recovery through the router and the recovery services, on a real store: the counter's
 * identity check and what it unlocks, counter codes, self-service codes (lifetimes, single use,
 * attempts, replacement, rate limits), username reminders, and who may do what.
 */

let t: TestDesk;
afterEach(async () => t?.close());

const PASSWORD = 'Lotus pond at dawn 88';
const NEW_PASSWORD = 'Maple leaves in autumn 31';
const DOC = 'E55556666';
const MINUTE = 60_000;

async function setUp() {
  t = await openTestDesk();
  const { jar } = await signInFirstAdmin(t);
  await activeAccount(t, jar, { username: 'xiaoming', password: PASSWORD, number: '523030910001', documentNumber: DOC, email: 'Xm@Example.edu.cn' });
  /** Time passes at the counter: the idle workstation locks, and the admin unlocks it. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
  };
  await advance(0);
  const id = (await t.call('accounts.diagnose', { username: 'xiaoming' }, jar)).account!.id;
  return { admin: jar, id, deps: recoveryDeps(t.desk), advance };
}

async function staff(admin: SessionCarrier, username: string, roles: Role[]) {
  const { oneTimePassword } = await t.call('staff.create', { username, displayName: username, roles }, admin);
  const jar = cookieJar();
  await t.call('auth.signIn', { username, password: oneTimePassword, desk: 'xuhui' }, jar);
  await t.call('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'Xuhui counter window 7' }, jar);
  return jar;
}

/** The messages queued for the account, newest first, with their parameters opened. */
async function outbox(accountId: number) {
  const rows = (await allNotifications(t.desk.db.reader)).filter((r) => r.account_id === accountId).reverse();
  return rows.map((r) => ({ template: r.template, channel: r.channel, to: r.recipient_masked, params: openNotificationParams(t.desk.dataKey, r.params_sealed) }));
}

const lock = (id: number) =>
  t.desk.db.write((tx) =>
    tx.run('UPDATE accounts SET failed_attempts = 5, locked_until = ? WHERE id = ?', [new Date(t.clock.now.getTime() + 15 * MINUTE).toISOString(), id]),
  );

describe('the identity check at the counter', () => {
  it('compares type and the hidden characters with the sealed document, keeps only the outcome, and gates unlock for 15 minutes', async () => {
    const { admin, id, advance } = await setUp();
    await lock(id);
    expect(await t.fail('accounts.unlock', { id, reason: '本人到场' }, admin)).toMatchObject({ code: 'CONFLICT', params: { reason: 'id_check_required' } });

    expect(await t.call('recovery.recordIdCheck', { id, documentType: 'prc_id', hiddenCharacters: 'E5555' }, admin)).toMatchObject({
      matched: false,
      typeMatched: false,
      digitsMatched: true,
      validUntil: null,
    });
    expect(await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5556' }, admin)).toMatchObject({
      matched: false,
      typeMatched: true,
      digitsMatched: false,
    });
    expect(await t.fail('accounts.unlock', { id, reason: '本人到场' }, admin)).toMatchObject({ params: { reason: 'id_check_mismatch' } });

    const ok = await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    expect(ok).toMatchObject({ matched: true, validUntil: new Date(t.clock.now.getTime() + 15 * MINUTE).toISOString() });
    expect(JSON.stringify(await t.desk.db.reader.all('SELECT * FROM identity_checks'))).not.toContain('E5555');
    const audit = await t.call('audit.list', { filter: { action: 'recovery.recordIdCheck' }, page: 1, pageSize: 10 }, admin);
    expect(audit.entries.map((e) => e.detail.matched)).toEqual([true, false, false]);
    expect(JSON.stringify(audit.entries)).not.toContain('E5555');

    // Another operator's check does not count for this one; a check older than 15 minutes counts for no one.
    const other = await staff(admin, 'op.wang', ['counter_operator']);
    expect(await t.fail('accounts.unlock', { id, reason: '本人到场' }, other)).toMatchObject({ params: { reason: 'id_check_required' } });
    await advance(15 * MINUTE + 1);
    await lock(id);
    expect(await t.fail('accounts.unlock', { id, reason: '本人到场' }, admin)).toMatchObject({ params: { reason: 'id_check_required' } });
    expect((await t.fail('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E555566' }, admin)).code).toBe('VALIDATION');
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'e5555' }, admin);
    const card = await t.call('accounts.unlock', { id, reason: '本人到场' }, admin);
    expect(card).toMatchObject({ locked: false, failedAttempts: 0 });
  });

  it('is refused to staff who can neither unlock nor issue codes; counter codes need their own permission', async () => {
    const { admin, id } = await setUp();
    const reviewer = await staff(admin, 'rev.li', ['reviewer']);
    expect(await t.fail('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, reviewer)).toMatchObject({
      code: 'FORBIDDEN',
      params: { permission: 'counterCode.issue' },
    });
    expect(await recentIdentityChecks(t.desk.db.reader, id, 1)).toEqual([]);
    for (const [channel, input] of [
      ['recovery.issueCounterCode', { id, minutes: 30, replaceOpen: false }],
      ['recovery.cancelCounterCode', { id, reason: '误操作' }],
      ['recovery.sendUsername', { id, language: 'zh-CN' }],
    ] as const) {
      expect(await t.fail(channel, input, reviewer)).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'counterCode.issue' } });
    }
    expect((await t.call('recovery.status', { id }, reviewer)).openCodes).toEqual([]);
    const denied = await t.call('audit.list', { filter: { action: 'recovery.' }, page: 1, pageSize: 10 }, admin);
    expect(denied.entries.every((e) => e.outcome === 'denied' && e.actor === 'rev.li')).toBe(true);

    const counter = await staff(admin, 'op.zhao', ['counter_operator']);
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, counter);
    expect((await t.call('recovery.issueCounterCode', { id, minutes: 10, replaceOpen: false }, counter)).code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });
});

describe('counter codes', () => {
  it('are shown once, stored as a keyed hash, one open per account, 10 to 60 minutes, and cancellable, all audited', async () => {
    const { admin, id, deps } = await setUp();
    expect(await t.fail('recovery.issueCounterCode', { id, minutes: 30, replaceOpen: false }, admin)).toMatchObject({
      params: { reason: 'id_check_required' },
    });
    for (const minutes of [9, 61]) {
      expect((await t.fail('recovery.issueCounterCode', { id, minutes, replaceOpen: false }, admin)).fields?.[0]).toMatchObject({ path: 'minutes' });
    }
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    const first = await t.call('recovery.issueCounterCode', { id, minutes: 30, replaceOpen: false }, admin);
    expect(first).toMatchObject({ replaced: false, expiresAt: new Date(t.clock.now.getTime() + 30 * MINUTE).toISOString(), account: { username: 'xiaoming' } });
    const stored = JSON.stringify(await t.desk.db.reader.all('SELECT * FROM recovery_codes'));
    expect(stored).not.toContain(first.code);
    expect(stored).not.toContain(first.code.replace(/-/g, ''));

    expect(await t.fail('recovery.issueCounterCode', { id, minutes: 30, replaceOpen: false }, admin)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'counter_code_open', until: first.expiresAt },
    });
    const card = await t.call('accounts.get', { id }, admin);
    expect(card.diagnosis.openRecovery).toEqual({ purpose: 'counter_reset', expiresAt: first.expiresAt });

    // Cancel and reissue in one step: the first code is dead.
    const second = await t.call('recovery.issueCounterCode', { id, minutes: 60, replaceOpen: true }, admin);
    expect(second.replaced).toBe(true);
    await expect(resetWithCode(deps, 'counter_reset', { username: 'xiaoming', code: first.code, password: NEW_PASSWORD, language: 'en' }, t.clock.now)).rejects.toMatchObject({
      fields: [{ path: 'code', reason: 'counter_code_invalid' }],
    });

    const status = await t.call('recovery.cancelCounterCode', { id, reason: '本人改为自助找回' }, admin);
    expect(status.openCodes).toEqual([]);
    expect(status.events.map((e) => e.kind === 'code_closed' && e.reason).filter(Boolean)).toEqual(['cancelled', 'cancelled']);
    expect(await t.fail('recovery.cancelCounterCode', { id, reason: 'again' }, admin)).toMatchObject({ params: { reason: 'no_open_counter_code' } });
    await expect(resetWithCode(deps, 'counter_reset', { username: 'xiaoming', code: second.code, password: NEW_PASSWORD, language: 'en' }, t.clock.now)).rejects.toThrow();

    const audit = await t.call('audit.list', { filter: { target: `account:${id}` }, page: 1, pageSize: 50 }, admin);
    const actions = audit.entries.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['recovery.issueCounterCode:success', 'recovery.cancelCounterCode:success', 'recovery.issueCounterCode:failure']));
    for (const code of [first.code, second.code]) expect(JSON.stringify(audit.entries)).not.toContain(code);
  });

  it('sets a password once, within its lifetime, and never for a suspended account', async () => {
    const { admin, id, deps, advance } = await setUp();
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    const { code } = await t.call('recovery.issueCounterCode', { id, minutes: 10, replaceOpen: false }, admin);
    const reset = (c: string, password = NEW_PASSWORD) =>
      resetWithCode(deps, 'counter_reset', { username: 'XiaoMing', code: c, password, language: 'zh-CN' }, t.clock.now);

    await expect(reset(code, 'xiaoming-2026-pass')).rejects.toMatchObject({ code: 'PASSWORD_POLICY', fields: [{ path: 'password', reason: 'contains_username' }] });
    expect((await t.call('recovery.status', { id }, admin)).openCodes).toHaveLength(1); // a refused password spends nothing

    await advance(9 * MINUTE);
    await expect(reset(code.toLowerCase().replace(/-/g, ' '))).resolves.toEqual({ username: 'xiaoming' });
    await expect(reset(code)).rejects.toMatchObject({ fields: [{ path: 'code', reason: 'counter_code_invalid' }] });
    expect((await checkAccountSignIn(t.desk, { username: 'xiaoming', password: NEW_PASSWORD, source: 'test' }, t.clock.now)).outcome).toBe('success');

    // Expired after its lifetime; a suspended account can use no code.
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    const late = await t.call('recovery.issueCounterCode', { id, minutes: 10, replaceOpen: false }, admin);
    await advance(10 * MINUTE);
    await expect(reset(late.code, 'Quiet library at night 5')).rejects.toMatchObject({ fields: [{ reason: 'counter_code_invalid' }] });
    const status = await t.call('recovery.status', { id }, admin);
    expect(status.openCodes).toEqual([]);
    expect(status.events.find((e) => e.kind === 'code_closed')).toMatchObject({ reason: 'expired' });

    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    const third = await t.call('recovery.issueCounterCode', { id, minutes: 10, replaceOpen: false }, admin);
    await t.call('accounts.setStatus', { id, status: 'suspended', reason: '核查' }, admin);
    await expect(reset(third.code, 'Quiet library at night 5')).rejects.toMatchObject({ fields: [{ reason: 'counter_code_invalid' }] });
    expect(await t.fail('recovery.issueCounterCode', { id, minutes: 10, replaceOpen: true }, admin)).toMatchObject({
      params: { reason: 'recovery_not_active' },
    });
  });
});

describe('self-service reset codes', () => {
  it('go only to the matching bound contact, live 10 minutes, die after 5 wrong tries, and a new one voids the old', async () => {
    const { id, deps } = await setUp();
    const request = (contact: string) => requestSelfReset(deps, { username: 'xiaoming', contact, language: 'en' }, t.clock.now);
    const reset = (code: string, password = NEW_PASSWORD) =>
      resetWithCode(deps, 'self_reset', { username: 'xiaoming', code, password, language: 'en' }, t.clock.now);
    const lastCode = async () => (await outbox(id)).find((m) => m.template === 'password_reset_code')!.params.code!;

    expect(await request('xm@other.edu.cn')).toBe('no_match');
    expect(await request('13900001112')).toBe('no_match');
    expect(await requestSelfReset(deps, { username: 'nobody', contact: '13900001111', language: 'en' }, t.clock.now)).toBe('no_match');
    expect(await outbox(id)).toEqual([]);

    expect(await request('XM@example.EDU.CN')).toBe('sent');
    expect((await outbox(id))[0]).toMatchObject({ template: 'password_reset_code', channel: 'email', to: 'X***@example.edu.cn', params: { minutes: '10' } });
    const first = await lastCode();
    expect(first).toMatch(/^\d{6}$/);
    expect(JSON.stringify(await t.desk.db.reader.all('SELECT * FROM recovery_codes'))).not.toContain(first);

    // Expired at 10 minutes.
    t.clock.advance(10 * MINUTE);
    await expect(reset(first)).rejects.toMatchObject({ fields: [{ path: 'code', reason: 'code_invalid' }] });

    // A new code voids the previous one.
    expect(await request('+86 139 0000 1111')).toBe('sent');
    const second = await lastCode();
    expect((await outbox(id))[0]).toMatchObject({ channel: 'sms', to: '*******1111' });
    expect(await request('13900001111')).toBe('sent');
    const third = await lastCode();
    if (second !== third) await expect(reset(second)).rejects.toMatchObject({ fields: [{ reason: 'code_invalid' }] });

    // Four wrong tries leave it alive; the fifth kills it, even for the right code afterwards.
    const wrong = third === '000000' ? '000001' : '000000';
    const triesBefore = second !== third ? 1 : 0;
    for (let i = triesBefore; i < 4; i++) await expect(reset(wrong)).rejects.toThrow();
    const lastSelfReset = async () => (await recentRecoveryCodes(t.desk.db.reader, id, 50)).find((c) => c.purpose === 'self_reset')!;
    expect(await lastSelfReset()).toMatchObject({ attempts: 4, closed_at: null });
    await expect(reset(wrong)).rejects.toThrow();
    await expect(reset(third)).rejects.toMatchObject({ fields: [{ reason: 'code_invalid' }] });
    expect(await lastSelfReset()).toMatchObject({ closed_reason: 'exhausted' });

    // Three codes an hour per account: the fourth request sends nothing, silently.
    expect(await request('13900001111')).toBe('rate_limited');
    t.clock.advance(61 * MINUTE);
    expect(await request('13900001111')).toBe('sent');
  });

  it('a reset clears the lock, ends the holder\'s token-service sessions and grants, and tells the bound contacts', async () => {
    const { admin, id, deps } = await setUp();
    await lock(id);
    await t.desk.db.write(async (tx) => {
      for (const [model, idv, payload, grant] of [
        ['Session', 's1', { accountId: 'xiaoming' }, null],
        ['Grant', 'g1', { accountId: 'xiaoming', clientId: 'c' }, 'g1'],
        ['RefreshToken', 'r1', { accountId: 'xiaoming', grantId: 'g1' }, 'g1'],
        ['Session', 's2', { accountId: 'someone' }, null],
      ] as const) {
        await tx.run('INSERT INTO oidc_models (model, id, payload, grant_id) VALUES (?,?,?,?)', [model, idv, JSON.stringify(payload), grant]);
      }
    });
    expect(await requestSelfReset(deps, { username: 'xiaoming', contact: '13900001111', language: 'zh-CN' }, t.clock.now)).toBe('sent');
    const code = (await outbox(id))[0]!.params.code!;
    await resetWithCode(deps, 'self_reset', { username: 'xiaoming', code, password: NEW_PASSWORD, language: 'zh-CN' }, t.clock.now);

    const card = await t.call('accounts.get', { id }, admin);
    expect(card).toMatchObject({ locked: false, failedAttempts: 0, diagnosis: { code: 'ok', openRecovery: null } });
    expect(await findAccountById(t.desk.db.reader, id)).toMatchObject({ password_changed_at: t.clock.now.toISOString() });
    expect(await t.desk.db.reader.all('SELECT model, id FROM oidc_models ORDER BY id')).toEqual([{ model: 'Session', id: 's2' }]);
    const notices = (await outbox(id)).filter((m) => m.template === 'password_changed');
    expect(notices.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(notices[0]!.params).toEqual({ username: 'xiaoming', at: '2026-11-23 10:06' });
    expect((await checkAccountSignIn(t.desk, { username: 'xiaoming', password: PASSWORD, source: 'test' }, t.clock.now)).outcome).toBe('wrong_password');
    const history = await t.call('audit.list', { filter: { action: 'recovery.' }, page: 1, pageSize: 10 }, admin);
    expect(history.entries.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['recovery.resetPassword', 'self:xiaoming', `account:${id}`],
      ['recovery.requestCode', 'self:xiaoming', `account:${id}`],
    ]);
    expect(JSON.stringify(history.entries)).not.toContain(code);
  });

  it('are not sent for a suspended or revoked account, with the same outcome to the page', async () => {
    const { admin, id, deps } = await setUp();
    await t.call('accounts.setStatus', { id, status: 'suspended', reason: '核查' }, admin);
    expect(await requestSelfReset(deps, { username: 'xiaoming', contact: '13900001111', language: 'en' }, t.clock.now)).toBe('not_usable');
    expect(await outbox(id)).toEqual([]);
  });
});

describe('username reminders', () => {
  it('go to the bound contacts when name and document match, from the portal or the counter after an ID check', async () => {
    const { admin, id, deps } = await setUp();
    const remind = (realName: string, documentNumber: string, documentType: 'passport' | 'prc_id' = 'passport') =>
      requestUsernameReminder(deps, { realName, documentType, documentNumber, language: 'en' }, t.clock.now);
    expect(await remind('张晓明', 'E55556667')).toBe('no_match');
    expect(await remind('张小明', DOC)).toBe('no_match');
    expect(await remind('张晓明', DOC, 'prc_id')).toBe('no_match');
    expect(await outbox(id)).toEqual([]);
    expect(await remind(' 张晓明 ', 'e 5555 6666')).toBe('sent');
    const sent = await outbox(id);
    expect(sent.map((m) => [m.template, m.channel, m.params.username])).toEqual(
      expect.arrayContaining([
        ['username_reminder', 'sms', 'xiaoming'],
        ['username_reminder', 'email', 'xiaoming'],
      ]),
    );
    expect(await remind('张晓明', DOC)).toBe('sent');
    expect(await remind('张晓明', DOC)).toBe('sent');
    expect(await remind('张晓明', DOC)).toBe('rate_limited');

    expect(await t.fail('recovery.sendUsername', { id, language: 'zh-CN' }, admin)).toMatchObject({ params: { reason: 'id_check_required' } });
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    expect(await t.call('recovery.sendUsername', { id, language: 'zh-CN' }, admin)).toEqual({ channels: ['sms', 'email'] });
    const audit = await t.call('audit.list', { filter: { action: 'recovery.sendUsername' }, page: 1, pageSize: 10 }, admin);
    expect(audit.entries[0]).toMatchObject({ target: `account:${id}`, detail: { channels: ['sms', 'email'] } });
    expect(JSON.stringify(audit.entries)).not.toContain('xiaoming');
  });
});
