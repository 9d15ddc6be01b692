import { afterEach, describe, expect, it } from 'vitest';
import { openNotificationParams } from '../../src/main/notify/outbox';
import { type RecoveryPurpose, recentRecoveryCodes } from '../../src/main/recovery/recovery-code-repository';
import { recoveryDeps, requestSelfReset, resetWithCode } from '../../src/main/recovery/self-service';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { allNotifications, auditEntriesOf } from '../support/readers';
import { activeAccount } from '../support/token-service-fixture';

/**
 * Guessing in parallel buys nothing: every limit is counted inside the store's write
 * transaction (one writer, in order), so a burst of simultaneous wrong guesses is refused
 * exactly as the same guesses one after another would be.
 */

let t: TestDesk;
afterEach(async () => t?.close());

const BURST = 24;
const NEW_PASSWORD = 'Maple leaves in autumn 31';

async function holder() {
  t = await openTestDesk();
  const { jar } = await signInFirstAdmin(t);
  await activeAccount(t, jar, { username: 'xiaoming', password: 'Lotus pond at dawn 88', number: '523030910001', documentNumber: 'E55556666', email: 'xm@example.edu.cn' });
  await t.call('auth.unlock', { password: ADMIN_PASSWORD }, jar);
  const id = (await t.call('accounts.diagnose', { username: 'xiaoming' }, jar)).account!.id;
  return { admin: jar, id, deps: recoveryDeps(t.desk) };
}

/** The account's code of this purpose (each test issues one). */
const codeRow = async (accountId: number, purpose: RecoveryPurpose) =>
  (await recentRecoveryCodes(t.desk.db.reader, accountId, 50)).find((c) => c.purpose === purpose);

const wrongGuesses = (right: string) => Array.from({ length: BURST }, (_, i) => String((Number(right.replace(/\D/g, '').slice(0, 6) || 0) + i + 1) % 1_000_000).padStart(6, '0'));

describe('parallel guessing', () => {
  it('spends a self-service code after exactly five wrong guesses, however many arrive at once', async () => {
    const { id, deps } = await holder();
    expect(await requestSelfReset(deps, { username: 'xiaoming', contact: 'xm@example.edu.cn', language: 'en' }, t.clock.now)).toBe('sent');
    const row = (await allNotifications(t.desk.db.reader)).find((n) => n.template === 'password_reset_code' && n.account_id === id);
    const code = openNotificationParams(t.desk.dataKey, row!.params_sealed).code!;
    const outcomes = await Promise.allSettled(
      wrongGuesses(code).map((guess) => resetWithCode(deps, 'self_reset', { username: 'xiaoming', code: guess, password: NEW_PASSWORD, language: 'en' }, t.clock.now)),
    );
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(await codeRow(id, 'self_reset')).toMatchObject({ attempts: 5, closed_reason: 'exhausted' });
    await expect(resetWithCode(deps, 'self_reset', { username: 'xiaoming', code, password: NEW_PASSWORD, language: 'en' }, t.clock.now)).rejects.toThrow();
  });

  it('spends a counter code after exactly five wrong guesses, however many arrive at once', async () => {
    const { admin, id, deps } = await holder();
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    const { code } = await t.call('recovery.issueCounterCode', { id, minutes: 30, replaceOpen: false }, admin);
    const guesses = Array.from({ length: BURST }, (_, i) => `${code.slice(0, -1)}${'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[i % 32]}`).filter((g) => g !== code);
    await Promise.allSettled(guesses.map((guess) => resetWithCode(deps, 'counter_reset', { username: 'xiaoming', code: guess, password: NEW_PASSWORD, language: 'en' }, t.clock.now)));
    expect(await codeRow(id, 'counter_reset')).toMatchObject({ attempts: 5, closed_reason: 'exhausted' });
    await expect(resetWithCode(deps, 'counter_reset', { username: 'xiaoming', code, password: NEW_PASSWORD, language: 'en' }, t.clock.now)).rejects.toThrow();
  });

  it('locks a staff account after exactly five wrong passwords sent at once, and audits each', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const { oneTimePassword } = await t.call('staff.create', { username: 'zhou.counter', displayName: 'Zhou', roles: ['counter_operator'] }, admin);
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => t.desk.router.call('auth.signIn', { username: 'zhou.counter', password: `wrong password ${i}`, desk: 'xuhui' }, cookieJar())),
    );
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'STAFF_LOCKED')).toHaveLength(BURST - 5);
    const right = await t.desk.router.call('auth.signIn', { username: 'zhou.counter', password: oneTimePassword, desk: 'xuhui' }, cookieJar());
    expect(right).toMatchObject({ ok: false, error: { code: 'STAFF_LOCKED' } });
    const audited = await auditEntriesOf(t.desk.db.reader, 'auth.signIn', { actor: 'zhou.counter', outcome: 'failure' });
    expect(audited).toHaveLength(BURST + 1);
  });
});
