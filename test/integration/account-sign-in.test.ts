import { afterEach, describe, expect, it } from 'vitest';
import { activateAccount } from '../../src/main/accounts/activation';
import { LOCK_MS, MAX_WRONG_PASSWORDS, checkAccountSignIn } from '../../src/main/accounts/account-sign-in';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';

let t: TestDesk;
afterEach(async () => t?.close());

async function activeAccount() {
  const { jar } = await signInFirstAdmin(t);
  await t.call('settings.update', { idleLockSeconds: 3600 }, jar);
  const { account, activationCode } = await t.call(
    'accounts.register',
    {
      realName: 'Maria Garcia',
      category: 'visiting',
      department: 'School of Design',
      documentType: 'passport',
      documentNumber: 'PA1234567',
      mobile: '+34612345678',
      documentChecked: true,
    },
    jar,
  );
  await activateAccount(t.desk, { code: activationCode, username: 'mgarcia', password: 'Barcelona sunrise 7' }, t.clock.now);
  t.clock.advance(5 * 60_000);
  return { jar, id: account.id };
}

const attempt = (password: string) => checkAccountSignIn(t.desk, { username: 'MGarcia', password, source: 'portal 127.0.0.1' }, t.clock.now);

describe('jAccount holder sign-in checks', () => {
  it('locks after five wrong passwords, even when they arrive in parallel, and the desk sees why', async () => {
    t = await openTestDesk();
    const { jar, id } = await activeAccount();
    expect((await attempt('Barcelona sunrise 7')).outcome).toBe('success');
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(`wrong guess ${i}`)));
    expect(outcomes.filter((o) => o.outcome === 'wrong_password')).toHaveLength(MAX_WRONG_PASSWORDS);
    expect(outcomes.filter((o) => o.outcome === 'locked')).toHaveLength(8 - MAX_WRONG_PASSWORDS);
    const card = await t.call('accounts.get', { id }, jar);
    expect(card.diagnosis.code).toBe('locked');
    expect(card.failedAttempts).toBe(MAX_WRONG_PASSWORDS);
    expect(card.recentSignIns[0]).toMatchObject({ source: 'portal 127.0.0.1' });
    expect(card.recentSignIns.map((a) => a.outcome)).toContain('success');

    expect((await attempt('Barcelona sunrise 7')).outcome).toBe('locked');
    t.clock.advance(LOCK_MS);
    expect((await attempt('Barcelona sunrise 7')).outcome).toBe('success');
    expect((await t.call('accounts.get', { id }, jar)).diagnosis.code).toBe('ok');
  });

  it('refuses suspended accounts with that reason, and unknown usernames like wrong passwords', async () => {
    t = await openTestDesk();
    const { jar, id } = await activeAccount();
    await t.call('accounts.setStatus', { id, status: 'suspended', reason: '账号异常' }, jar);
    expect((await attempt('Barcelona sunrise 7')).outcome).toBe('suspended');
    const unknown = await checkAccountSignIn(t.desk, { username: 'nobody', password: 'x', source: 's' }, t.clock.now);
    expect(unknown).toEqual({ outcome: 'wrong_password', account: null });
  });
});
