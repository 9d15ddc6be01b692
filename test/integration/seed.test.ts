import { afterEach, describe, expect, it } from 'vitest';
import { bulkInsertAccounts, seedAccounts } from '../../src/main/accounts/seed';
import { type SeedAccount, generateAccounts } from '../../src/main/accounts/seed-data';
import type { AccountCard, AccountSummary } from '../../src/shared/contract/accounts';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';

let t: TestDesk;
afterEach(async () => t?.close());

const search = (query: string, jar: Parameters<TestDesk['call']>[2], page = 1) =>
  t.call('accounts.search', { query, filters: {}, page, pageSize: 25 }, jar);

async function seedInto(count: number, seed = 7) {
  const rows: SeedAccount[] = [];
  const summary = await seedAccounts(t.desk.db, t.desk.vault, t.desk.audit, {
    seed,
    count,
    now: t.clock.now,
    chunkSize: 300,
    transactionSize: 900,
    tap: (row) => rows.push(row),
  });
  return { rows, summary };
}

describe('seeding a real store', () => {
  it('loads 2,000 synthetic accounts that the counter finds by number, mobile and pinyin, PII sealed', async () => {
    t = await openTestDesk();
    const { rows, summary } = await seedInto(2_000);
    expect(summary).toMatchObject({ inserted: 2_000, firstId: 1, lastId: 2_000 });
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM accounts')).toEqual({ n: 2_000 });
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM account_name_keys')).toEqual({ n: summary.nameKeys });
    const { jar } = await signInFirstAdmin(t);

    // By student/faculty number: the exact account, first.
    for (const i of [0, 777, 1_999]) {
      const { items } = await search(rows[i]!.number!, jar);
      expect(items[0]).toMatchObject({ id: i + 1, number: rows[i]!.number, realName: rows[i]!.realName, matchedBy: 'number' });
    }

    // By mobile, typed as read off a phone (national digits, with spaces).
    const withMobile = rows.map((r, i) => ({ r, id: i + 1 })).filter(({ r }) => r.mobile?.startsWith('+86')).slice(0, 3);
    for (const { r, id } of withMobile) {
      const national = r.mobile!.slice(3);
      const { items } = await search(`${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`, jar);
      expect(items.find((h) => h.id === id)).toMatchObject({ matchedBy: 'mobile', mobileMasked: `*******${national.slice(7)}` });
    }

    // By whole-name pinyin and by "surname g" pinyin: names that only one seeded person has.
    const pinyinCount = new Map<string, number>();
    for (const r of rows) if (r.syllables) pinyinCount.set(r.syllables.join(''), (pinyinCount.get(r.syllables.join('')) ?? 0) + 1);
    const rare = rows.map((r, i) => ({ r, id: i + 1 })).filter(({ r }) => r.syllables && r.syllables.length >= 2 && pinyinCount.get(r.syllables.join('')) === 1);
    expect(rare.length).toBeGreaterThan(10);
    for (const { r, id } of rare.slice(0, 5)) {
      const whole = await search(r.syllables!.join(''), jar);
      // Often the username too (zhangwei): then it is found as that first.
      expect(whole.items.find((h) => h.id === id), r.syllables!.join('')).toMatchObject({ realName: r.realName });
      expect(['name', 'username']).toContain(whole.items.find((h) => h.id === id)!.matchedBy);
      const spaced = await search(r.syllables!.join(' '), jar);
      expect(spaced.items.map((h) => h.id)).toContain(id);
    }

    // By a Latin-script name, family name first.
    const latin = rows.map((r, i) => ({ r, id: i + 1 })).find(({ r }) => !r.syllables && r.realName.split(' ').length === 2)!;
    const [given, family] = latin.r.realName.toLowerCase().split(' ');
    const byFamily: AccountSummary[] = [];
    for (let page = 1, more = true; more && page <= 20; page++) {
      const result = await search(`${family} ${given}`, jar, page);
      byFamily.push(...result.items);
      more = result.hasMore;
    }
    expect(byFamily.map((h) => h.id)).toContain(latin.id);

    // Nothing in the clear: documents, mobiles and emails are sealed.
    const stored = JSON.stringify(await t.desk.db.reader.all('SELECT * FROM accounts WHERE id <= 50'));
    for (const r of rows.slice(0, 50)) {
      expect(stored).not.toContain(r.document.number);
      if (r.mobile) expect(stored).not.toContain(r.mobile);
      if (r.email) expect(stored).not.toContain(r.email);
    }

    // A locked account shows as locked, with its failed attempts; the seeding is audited.
    const lockedAt = rows.findIndex((r) => r.lockedUntil !== null);
    expect(lockedAt).toBeGreaterThanOrEqual(0);
    const card: AccountCard = await t.call('accounts.get', { id: lockedAt + 1 }, jar);
    expect(card).toMatchObject({ locked: true, failedAttempts: 5, diagnosis: { code: 'locked' } });
    expect(card.recentSignIns).toHaveLength(5);
    const revokedAt = rows.findIndex((r) => r.status === 'revoked');
    const revoked: AccountCard = await t.call('accounts.get', { id: revokedAt + 1 }, jar);
    expect(revoked.statusHistory[0]).toMatchObject({ from: 'active', to: 'revoked', reason: rows[revokedAt]!.statusReason, actor: 'seed' });
    const audit = await t.desk.db.reader.get<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'accounts.seed'");
    expect(JSON.parse(audit!.detail)).toMatchObject({ accounts: 2_000, seed: 7 });
  });

  it('keeps the committed transactions when a later one fails, and leaves the writer usable', async () => {
    t = await openTestDesk();
    const rows = [...generateAccounts({ seed: 9, count: 1_000, now: t.clock.now })];
    const options = { chunkSize: 100, transactionSize: 200 };

    // A source that fails midway: the open transaction (rows 200-249) rolls back, the error comes through.
    function* failing() {
      for (const [i, row] of rows.slice(0, 400).entries()) {
        if (i === 250) throw new Error('the source failed');
        yield row;
      }
    }
    await expect(bulkInsertAccounts(t.desk.db, t.desk.vault, failing(), undefined, options)).rejects.toThrow('the source failed');
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM accounts')).toEqual({ n: 200 });

    // A row that breaks a UNIQUE constraint: rows 400-599 commit, the transaction holding rows 600-799 rolls back.
    const more = rows.slice(400, 900);
    more[350] = { ...more[350]!, number: more[10]!.number };
    await expect(bulkInsertAccounts(t.desk.db, t.desk.vault, more, undefined, options)).rejects.toThrow(/UNIQUE|duplicate key/);
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM accounts')).toEqual({ n: 400 });
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM account_name_keys WHERE account_id > 400')).toEqual({ n: 0 });

    // The writer queue goes on.
    await expect(bulkInsertAccounts(t.desk.db, t.desk.vault, rows.slice(900), undefined, options)).resolves.toMatchObject({
      inserted: 100,
      firstId: 401,
      lastId: 500,
    });
  });

  it('lists a username that is also a name prefix once and first, then pages through the names after it', async () => {
    t = await openTestDesk();
    const { rows } = await seedInto(2_000);
    const { jar } = await signInFirstAdmin(t);
    // Someone not named Zhang takes the username "zhang"; 张 holders also match it as a name.
    const other = rows.findIndex((r) => !r.username && r.syllables?.[0] !== 'zhang');
    await t.desk.db.write((tx) => tx.run("UPDATE accounts SET username = 'zhang' WHERE id = ?", [other + 1]));
    const zhangs = rows.filter((r) => r.syllables?.[0] === 'zhang').length;
    expect(zhangs).toBeGreaterThan(12);

    const page = (n: number) => t.call('accounts.search', { query: 'zhang', filters: {}, page: n, pageSize: 5 }, jar);
    const seen: [string, string | null][] = [];
    for (let n = 1; ; n++) {
      const { items, hasMore } = await page(n);
      seen.push(...items.map((a): [string, string | null] => [String(a.id), a.matchedBy]));
      if (!hasMore) break;
    }
    // The exact reading and the name walk run side by side; the exact hit leads and nothing repeats.
    expect(seen[0]).toEqual([String(other + 1), 'username']);
    expect(new Set(seen.map(([id]) => id)).size).toBe(seen.length);
    expect(seen.slice(1).every(([, by]) => by === 'name')).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(1 + zhangs);
  });
});
