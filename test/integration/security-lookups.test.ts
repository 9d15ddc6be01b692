import { afterEach, describe, expect, it } from 'vitest';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { STAFF_PASSWORD, signedInStaff } from '../support/key-admins';

/**
 * The review's PII oracle (item 2) and the counter ID check that the card's mask answered
 * (item 6), replayed by a counter operator without `pii.reveal` on a real store.
 */

let t: TestDesk;
afterEach(async () => t?.close());

const MOBILE = '13812345678';
const DOCUMENT = '310101199003071230';

async function counterDesk() {
  t = await openTestDesk();
  const { jar: admin } = await signInFirstAdmin(t);
  const { account } = await t.call(
    'accounts.register',
    {
      realName: '陈静',
      category: 'undergraduate',
      number: '522030910077',
      department: '电子信息与电气工程学院',
      documentType: 'prc_id',
      documentNumber: DOCUMENT,
      mobile: MOBILE,
      email: 'chen.jing@example.edu.cn',
      documentChecked: true,
    },
    admin,
  );
  const { jar: operator } = await signedInStaff(t, admin, 'zhou.counter', ['counter_operator']);
  return { admin, operator, account };
}

const search = (jar: SessionCarrier, query: string) =>
  t.desk.router.call('accounts.search', { query, filters: {}, page: 1, pageSize: 20 }, jar) as Promise<
    { ok: true; value: { items: { id: number }[] } } | { ok: false; error: { code: string; params?: Record<string, unknown> } }
  >;

/** Guesses for the 4 digits `*******5678` hides, none of them right. */
const guesses = (n: number) => Array.from({ length: n }, (_, i) => `1380000${String(i).padStart(4, '0')}`);

describe('masks show only the last characters (review item 2)', () => {
  it('shows the last 4 of the document and the mobile, nothing before them', async () => {
    const { operator, account } = await counterDesk();
    expect(account).toMatchObject({ documentMasked: '**************1230', mobileMasked: '*******5678', emailMasked: 'c***@example.edu.cn' });
    const card = await t.call('accounts.get', { id: account.id }, operator);
    expect(JSON.stringify(card)).not.toMatch(/310101|19900307|138\d/);
  });
});

describe('exact PII lookups are an oracle, treated as one (review item 2)', () => {
  it('locks the workstation after a burst of lookups that find nothing, and each further miss locks it again', async () => {
    const { operator } = await counterDesk();
    const answers = [];
    for (const guess of guesses(10)) answers.push(await search(operator, guess));
    expect(answers.slice(0, 9).every((a) => a.ok && a.value.items.length === 0)).toBe(true);
    expect(answers[9]).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED', params: { reason: 'lookup_misses' } } });
    expect((await search(operator, MOBILE)).ok).toBe(false);
    await t.call('auth.unlock', { password: STAFF_PASSWORD }, operator);
    expect(await search(operator, '13800009999')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    await t.call('auth.unlock', { password: STAFF_PASSWORD }, operator);
    // A hit ends the run.
    expect(await search(operator, MOBILE)).toMatchObject({ ok: true, value: { items: [{}] } });
    expect((await search(operator, '13800008888')).ok).toBe(true);
  });

  it('audits every search with what it was read as and how many it found, never the query', async () => {
    const { admin, operator } = await counterDesk();
    await search(operator, MOBILE);
    await search(operator, '13800001234');
    await search(operator, '陈');
    const audit = await t.call('audit.list', { filter: { action: 'accounts.search', actor: 'zhou.counter' }, page: 1, pageSize: 10 }, admin);
    expect(audit.entries.map((e) => e.detail)).toEqual([
      expect.objectContaining({ readAs: [], hits: 1, matched: { name: 1 } }),
      expect.objectContaining({ readAs: ['number', 'mobile', 'document'], hits: 0, matched: {} }),
      expect.objectContaining({ readAs: ['number', 'mobile', 'document'], hits: 1, matched: { mobile: 1 } }),
    ]);
    expect(JSON.stringify(audit.entries)).not.toMatch(/1380000|13812345678|5678/);
  });

  it('refuses exact PII lookups beyond the budget, audited, whatever arrives at once, and refills over the period', async () => {
    const { admin, operator } = await counterDesk();
    await t.call('settings.update', { piiLookupBudget: 6, piiLookupWindowMinutes: 10 }, admin);
    // Six at once spend the budget: each of them finds the account, so no burst of misses locks anything.
    const first = await Promise.all(Array.from({ length: 14 }, () => search(operator, MOBILE)));
    expect(first.filter((a) => a.ok)).toHaveLength(6);
    const refused = first.filter((a) => !a.ok);
    expect(refused).toHaveLength(8);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'LOOKUP_LIMIT', params: { budget: 6, minutes: 10 } } });
    // Names and usernames are not budgeted.
    expect((await search(operator, '陈')).ok).toBe(true);
    const failures = await t.call('audit.list', { filter: { action: 'accounts.search', actor: 'zhou.counter', outcome: 'failure' }, page: 1, pageSize: 20 }, admin);
    expect(failures.entries).toHaveLength(8);
    expect(failures.entries.every((e) => e.detail.error === 'LOOKUP_LIMIT' && String(e.detail.readAs) === 'number,mobile,document')).toBe(true);
    // The budget refills evenly: one lookup every 100 seconds.
    t.clock.advance(100_000);
    expect((await search(operator, MOBILE)).ok).toBe(true);
    expect((await search(operator, MOBILE)).ok).toBe(false);
  });

  it('leaves no way round the budget through the diagnosis box or the contact-change lookup', async () => {
    const { admin, operator } = await counterDesk();
    const diagnosis = await t.call('accounts.diagnose', { username: MOBILE }, operator);
    expect(diagnosis).toMatchObject({ found: false, closest: [] });
    await t.call('settings.update', { piiLookupBudget: 5, piiLookupWindowMinutes: 60 }, admin);
    const tries = [];
    for (let i = 0; i < 6; i++) {
      tries.push(await t.desk.router.call('verification.findAccount', { realName: '陈静', documentType: 'prc_id', documentNumber: DOCUMENT }, operator));
    }
    expect(tries.map((a) => (a.ok ? 'OK' : a.error.code))).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'LOOKUP_LIMIT']);
  });
});

describe('the counter ID check asks for what the card never shows (review item 6)', () => {
  it('refuses the 4 characters the mask shows, matches the birth date, and stops answering after 3 mismatches', async () => {
    const { admin, operator, account } = await counterDesk();
    const check = (hiddenCharacters: string, jar = operator) =>
      t.call('recovery.recordIdCheck', { id: account.id, documentType: 'prc_id', hiddenCharacters }, jar);
    // What the review typed: the last 4 of documentMasked.
    expect(await check('1230')).toMatchObject({ matched: false, digitsMatched: false });
    expect(await check('071230')).toMatchObject({ matched: false });
    // YYMMDD of 1990-03-07, read off the card: the 6 before the last 4.
    expect(await check('900307')).toMatchObject({ matched: true, validUntil: expect.any(String) });
    expect(await check('900308')).toMatchObject({ matched: false });
    // Three mismatches within the hour: the check is no oracle for the birth date.
    expect(await t.fail('recovery.recordIdCheck', { id: account.id, documentType: 'prc_id', hiddenCharacters: '900307' }, admin)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'id_check_limit' },
    });
    t.clock.advance(61 * 60_000);
    await t.call('auth.unlock', { password: STAFF_PASSWORD }, operator);
    expect(await check('900307')).toMatchObject({ matched: true });
  });
});
