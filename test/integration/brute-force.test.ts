import { afterEach, describe, expect, it } from 'vitest';
import { openNotificationParams } from '../../src/main/notify/outbox';
import { recoveryDeps, requestSelfReset, resetWithCode } from '../../src/main/recovery/self-service';
import { ADMIN_PASSWORD, type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
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

const wrongGuesses = (right: string) => Array.from({ length: BURST }, (_, i) => String((Number(right.replace(/\D/g, '').slice(0, 6) || 0) + i + 1) % 1_000_000).padStart(6, '0'));

describe('parallel guessing', () => {
  it('spends a self-service code after exactly five wrong guesses, however many arrive at once', async () => {
    const { id, deps } = await holder();
    expect(await requestSelfReset(deps, { username: 'xiaoming', contact: 'xm@example.edu.cn', language: 'en' }, t.clock.now)).toBe('sent');
    const row = await t.desk.db.reader.get<{ params_sealed: string }>("SELECT params_sealed FROM notifications WHERE template = 'password_reset_code' AND account_id = ?", [id]);
    const code = openNotificationParams(t.desk.dataKey, row!.params_sealed).code!;
    const outcomes = await Promise.allSettled(
      wrongGuesses(code).map((guess) => resetWithCode(deps, 'self_reset', { username: 'xiaoming', code: guess, password: NEW_PASSWORD, language: 'en' }, t.clock.now)),
    );
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(await t.desk.db.reader.get("SELECT attempts, closed_reason FROM recovery_codes WHERE purpose = 'self_reset'")).toEqual({ attempts: 5, closed_reason: 'exhausted' });
    await expect(resetWithCode(deps, 'self_reset', { username: 'xiaoming', code, password: NEW_PASSWORD, language: 'en' }, t.clock.now)).rejects.toThrow();
  });

  it('spends a counter code after exactly five wrong guesses, however many arrive at once', async () => {
    const { admin, id, deps } = await holder();
    await t.call('recovery.recordIdCheck', { id, documentType: 'passport', hiddenCharacters: 'E5555' }, admin);
    const { code } = await t.call('recovery.issueCounterCode', { id, minutes: 30, replaceOpen: false }, admin);
    const guesses = Array.from({ length: BURST }, (_, i) => `${code.slice(0, -1)}${'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[i % 32]}`).filter((g) => g !== code);
    await Promise.allSettled(guesses.map((guess) => resetWithCode(deps, 'counter_reset', { username: 'xiaoming', code: guess, password: NEW_PASSWORD, language: 'en' }, t.clock.now)));
    expect(await t.desk.db.reader.get("SELECT attempts, closed_reason FROM recovery_codes WHERE purpose = 'counter_reset'")).toEqual({ attempts: 5, closed_reason: 'exhausted' });
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
    const audited = await t.desk.db.reader.get<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.signIn' AND actor = 'zhou.counter' AND outcome = 'failure'");
    expect(audited!.n).toBe(BURST + 1);
  });
});
