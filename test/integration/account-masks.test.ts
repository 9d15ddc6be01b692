import { afterEach, describe, expect, it } from 'vitest';
import { activateAccount } from '../../src/main/accounts/activation';
import { maskDocument, maskEmail, maskMobile } from '../../src/shared/identity/masking';
import { type TestDesk, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';
import { tamperStore } from '../support/tamper';

let t: TestDesk;
afterEach(async () => t?.close());

type Masked = { id: number; doc_sealed: string; mobile_sealed: string | null; email_sealed: string | null; doc_masked: string; mobile_masked: string | null; email_masked: string | null };

/** Each account's stored masks next to the masks of its PII opened afresh. */
async function masksAgainstPii(desk: TestDesk['desk']) {
  const rows = await desk.db.reader.all<Masked>('SELECT id, doc_sealed, mobile_sealed, email_sealed, doc_masked, mobile_masked, email_masked FROM accounts ORDER BY id');
  return rows.map((r) => ({
    stored: [r.doc_masked, r.mobile_masked, r.email_masked],
    fresh: [
      maskDocument(desk.vault.open('document', r.doc_sealed)),
      r.mobile_sealed && maskMobile(desk.vault.open('mobile', r.mobile_sealed)),
      r.email_sealed && maskEmail(desk.vault.open('email', r.email_sealed)),
    ],
  }));
}

const PERSON = {
  realName: '王芳',
  category: 'postgraduate' as const,
  number: '122030910077',
  department: '数学科学学院',
  documentType: 'prc_id' as const,
  documentNumber: '11010519491231002x',
  mobile: '137 0000 1111',
  email: 'wang.fang@sjtu.edu.cn',
  documentChecked: true as const,
};

const csv = (mobile: string, email: string) =>
  Buffer.from(`name,category,number,department,document_type,document_number,mobile,email\n王芳,postgraduate,122030910077,数学科学学院,prc_id,11010519491231002X,${mobile},${email}\n`).toString('base64');

describe('masked PII beside the sealed PII', () => {
  it('keeps the masks equal to the PII through registration, a registrar update and activation', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { account, activationCode } = await t.call('accounts.register', PERSON, jar);
    expect(account).toMatchObject({ documentMasked: '**************002X', mobileMasked: '*******1111', emailMasked: 'w***@sjtu.edu.cn' });

    const report = await t.call('accounts.import', { fileName: 'update.csv', contentBase64: csv('13912345678', 'fang.w@example.org'), dryRun: false }, jar);
    expect(report).toMatchObject({ updated: 1 });
    await activateAccount(t.desk, { code: activationCode, username: 'wangfang', password: 'Minhang lotus pond 9', mobile: '+44 7911 123456' }, t.clock.now);

    const [only] = await masksAgainstPii(t.desk);
    expect(only!.stored).toEqual(['**************002X', '+44 ****3456', 'f***@example.org']);
    expect(only!.stored).toEqual(only!.fresh);
    const found = await t.call('accounts.search', { query: 'wangfang', filters: {}, page: 1, pageSize: 25 }, jar);
    expect(found.items[0]).toMatchObject({ documentMasked: '**************002X', mobileMasked: '+44 ****3456', emailMasked: 'f***@example.org' });
  });

  it('refuses a sealed value stored without its mask', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { account } = await t.call('accounts.register', PERSON, jar);
    const refused = /needs its masked form/;
    await expect(t.desk.db.write((tx) => tx.run('UPDATE accounts SET email_sealed = NULL, email_index = NULL WHERE id = ?', [account.id]))).rejects.toThrow(refused);
    await expect(t.desk.db.write((tx) => tx.run("UPDATE accounts SET doc_masked = '' WHERE id = ?", [account.id]))).rejects.toThrow(refused);
    const row = await t.desk.db.reader.get<Record<string, unknown>>('SELECT * FROM accounts WHERE id = ?', [account.id]);
    const copy = { ...row, id: account.id + 1, username: null, number: null, doc_index: 'another', mobile_index: null, email_index: null, mobile_masked: null };
    const columns = Object.keys(copy);
    await expect(
      t.desk.db.write((tx) => tx.run(`INSERT INTO accounts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(copy) as never)),
    ).rejects.toThrow(refused);
    expect((await masksAgainstPii(t.desk)).map((m) => m.stored)).toEqual([['**************002X', '*******1111', 'w***@sjtu.edu.cn']]);
  });

  it('shortens the masks of a store from before migration 15 to the last 4 characters', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await t.call('accounts.register', PERSON, jar);
    const dir = t.dir;
    await t.close();
    // What migration 15 found (it and the later ones, which can run again): masks showing the document's region and the mobile's prefix.
    const older = "UPDATE accounts SET doc_masked = '110***********002X', mobile_masked = '137****1111';";
    await tamperStore(t.store, dir, { sqlite: `${older} PRAGMA user_version = 14;`, postgres: `${older} UPDATE desk_schema_version SET version = 14;` });
    t = await openTestDesk(dir);
    const [only] = await masksAgainstPii(t.desk);
    expect(only!.stored).toEqual(['**************002X', '*******1111', 'w***@sjtu.edu.cn']);
    expect(only!.stored).toEqual(only!.fresh);
  });

  it('masks the accounts that migration 11 left unmasked once, when the desk next opens', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await t.call('accounts.import', { fileName: 'registrar.csv', contentBase64: csv('13912345678', 'fang.w@example.org'), dryRun: false }, jar);
    await t.call('accounts.register', { ...PERSON, realName: '李雷', number: '122030910078', documentNumber: '320106199901015672', mobile: '150 1234 0005' }, jar);
    const dir = t.dir;
    await t.close();
    // What migration 11 left for the desk to do: accounts without masks (the triggers step aside to make them).
    await tamperStore(t.store, dir, {
      postgres: 'UPDATE accounts SET doc_masked = \'\', mobile_masked = NULL, email_masked = NULL;',
      sqlite: `DROP TRIGGER accounts_masks_on_update;
       UPDATE accounts SET doc_masked = '', mobile_masked = NULL, email_masked = NULL;
       CREATE TRIGGER accounts_masks_on_update BEFORE UPDATE OF doc_sealed, doc_masked, mobile_sealed, mobile_masked, email_sealed, email_masked ON accounts
         WHEN NEW.doc_masked = '' OR (NEW.mobile_sealed IS NULL) <> (NEW.mobile_masked IS NULL)
           OR (NEW.email_sealed IS NULL) <> (NEW.email_masked IS NULL)
         BEGIN SELECT RAISE(ABORT, 'an account''s sealed PII needs its masked form'); END;`,
    });

    t = await openTestDesk(dir);
    const masks = await masksAgainstPii(t.desk);
    expect(masks.map((m) => m.stored)).toEqual([
      ['**************002X', '*******5678', 'f***@example.org'],
      ['**************5672', '*******0005', 'w***@sjtu.edu.cn'],
    ]);
    for (const m of masks) expect(m.stored).toEqual(m.fresh);
    expect(t.logs.filter((l) => l.includes('"accounts.masks.filled"'))).toEqual([expect.stringContaining('"accounts":2')]);

    const dir2 = t.dir;
    await t.close();
    t = await openTestDesk(dir2);
    expect(t.logs.some((l) => l.includes('accounts.masks'))).toBe(false);
  });
});
