import fs from 'node:fs';
import { tamperStore } from '../support/tamper';
import { afterEach, describe, expect, it } from 'vitest';
import { countAccounts } from '../../src/main/accounts/account-repository';
import type { SessionCarrier } from '../../src/main/rpc/context';
import { type TestDesk, cookieJar, openTestDesk, signInFirstAdmin } from '../support/desk-fixture';

let t: TestDesk;
afterEach(async () => t?.close());

const fixture = (name: string) => fs.readFileSync(`test/fixtures/${name}`).toString('base64');

async function importFile(jar: SessionCarrier, name: string, dryRun = false) {
  return t.call('accounts.import', { fileName: name, contentBase64: fixture(name), dryRun }, jar);
}

const ZHANG = {
  realName: '张伟',
  category: 'undergraduate' as const,
  number: '520031910101',
  department: '电子信息与电气工程学院',
  documentType: 'prc_id' as const,
  documentNumber: '11010519491231002x',
  mobile: '138 0000 1111',
  email: 'Zhang.Wei@Example.edu.cn',
  documentChecked: true as const,
};

describe('registration at the counter', () => {
  it('creates a pending account with a one-time activation code, and refuses a second account for the same person', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const bad = await t.fail('accounts.register', { ...ZHANG, documentNumber: '110105194912310021', mobile: '1234567' }, jar);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'documentNumber', reason: 'check_character' }),
        expect.objectContaining({ path: 'mobile', reason: 'format' }),
      ]),
    );
    expect(await countAccounts(t.desk.db.reader)).toBe(0);

    const { account, activationCode, expiresAt } = await t.call('accounts.register', ZHANG, jar);
    expect(account).toMatchObject({
      username: null,
      status: 'pending',
      documentMasked: '**************002X',
      mobileMasked: '*******1111',
      emailMasked: 'Z***@example.edu.cn',
    });
    expect(activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(new Date(expiresAt).getTime() - t.clock.now.getTime()).toBe(24 * 3600_000);
    const stored = JSON.stringify(await t.desk.db.reader.all('SELECT * FROM accounts'));
    for (const secret of ['11010519491231002X', '+8613800001111', 'Zhang.Wei@example.edu.cn']) expect(stored).not.toContain(secret);
    expect(JSON.stringify(await t.desk.db.reader.all('SELECT * FROM activation_codes'))).not.toContain(activationCode);

    const again = await t.fail('accounts.register', { ...ZHANG, number: undefined }, jar);
    expect(again).toMatchObject({ code: 'CONFLICT', params: { reason: 'account_exists', username: '' } });
    await t.desk.db.write((tx) => tx.run("UPDATE accounts SET username = 'zhangwei3', status = 'active'"));
    const named = await t.fail('accounts.register', ZHANG, jar);
    expect(named).toMatchObject({ code: 'CONFLICT', params: { reason: 'account_exists', username: 'z***3' } });
    expect(named.message).toContain('an account exists: z***3');
  });

  it('refuses re-application of a person whose account was revoked', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { account } = await t.call('accounts.register', ZHANG, jar);
    await t.call('accounts.setStatus', { id: account.id, status: 'revoked', reason: 'lent the account to a classmate' }, jar);
    expect(await t.fail('accounts.register', { ...ZHANG, number: '520031910102' }, jar)).toMatchObject({
      code: 'CONFLICT',
      params: { reason: 'revoked' },
    });
  });
});

describe('lookup', () => {
  it('finds an account by every key a visitor can give, PII masked', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await importFile(jar, 'registrar-gb18030.csv');
    await importFile(jar, 'registrar-utf8-bom.csv');
    await t.desk.db.write((tx) => tx.run("UPDATE accounts SET username = 'zhangsan', status = 'active' WHERE number = '520030910001'"));
    const find = async (query: string, filters = {}) =>
      (await t.call('accounts.search', { query, filters, page: 1, pageSize: 10 }, jar)).items;
    const first = async (query: string) => (await find(query))[0];

    expect(await first('ZhangSan')).toMatchObject({ realName: '张三', matchedBy: 'username' });
    expect(await first('520030910001')).toMatchObject({ realName: '张三', matchedBy: 'number' });
    expect(await first('138-1234-0001')).toMatchObject({ realName: '张三', matchedBy: 'mobile', mobileMasked: '*******0001' });
    expect(await first('ZHANGSAN@example.EDU.CN')).toMatchObject({ realName: '张三', matchedBy: 'email' });
    expect(await first('310104 20020304 1233')).toMatchObject({ realName: '张三', matchedBy: 'document' });
    expect(await first('e12345678')).toMatchObject({ realName: 'John Smith', matchedBy: 'document' });
    expect(await first('张')).toMatchObject({ realName: '张三', matchedBy: 'name' });
    expect(await first('zhang s')).toMatchObject({ realName: '张三', matchedBy: 'name' });
    expect(await first('zs')).toMatchObject({ realName: '张三', matchedBy: 'name' });
    expect(await first('shan x')).toMatchObject({ realName: '单雄信' });
    expect(await first('ouyang')).toMatchObject({ realName: '欧阳娜娜' });
    expect(await first('smith')).toMatchObject({ realName: 'John Smith' });
    expect(await first('迪丽热巴')).toMatchObject({ realName: '迪丽热巴·迪力木拉提' });
    expect(await find('nobody-like-this')).toEqual([]);

    expect((await find('w', { category: 'staff' })).map((a) => a.realName)).toEqual(['王小明']);
    expect((await find('z', { department: '数学科学学院' })).map((a) => a.realName)).toEqual([]);
    expect((await find('l', { department: '数学科学学院' })).map((a) => a.realName)).toEqual(['李四']);
    const p1 = await t.call('accounts.search', { query: 's', filters: {}, page: 1, pageSize: 5 }, jar);
    expect(p1.items.length).toBeLessThanOrEqual(5);
    expect(await t.call('accounts.departments', {}, jar)).toEqual(expect.arrayContaining(['医学院', '人文学院']));
  });

  it('answers every reading of a query in one go, in reading order', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await importFile(jar, 'registrar-gb18030.csv');
    await importFile(jar, 'registrar-utf8-bom.csv');
    // 张三's username reads like 王小明's staff number: one query, two accounts, the username first.
    await t.desk.db.write((tx) => tx.run("UPDATE accounts SET username = 's20110006', status = 'active' WHERE real_name = '张三'"));
    const { items } = await t.call('accounts.search', { query: 'S20110006', filters: {}, page: 1, pageSize: 10 }, jar);
    expect(items.map((a) => [a.realName, a.matchedBy])).toEqual([
      ['张三', 'username'],
      ['王小明', 'number'],
    ]);
    const filtered = await t.call('accounts.search', { query: 'S20110006', filters: { category: 'staff' }, page: 1, pageSize: 10 }, jar);
    expect(filtered.items.map((a) => a.realName)).toEqual(['王小明']);
  });

  it('narrows name prefixes by department, category and status as the accounts change', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await importFile(jar, 'registrar-gb18030.csv');
    await importFile(jar, 'registrar-utf8-bom.csv');
    const names = async (query: string, filters: object) =>
      (await t.call('accounts.search', { query, filters, page: 1, pageSize: 10 }, jar)).items.map((a) => a.realName);
    expect(await names('z', { department: '电子信息与电气工程学院' })).toEqual(['张三']);
    expect(await names('w', { department: '医学院', category: 'staff', status: 'pending' })).toEqual(['王小明']);

    // The registrar moves 张三 to another school, renames 李四 and makes 王小明 faculty.
    const csv = Buffer.from(
      'name,category,number,department,document_type,document_number\n' +
        '张三,undergraduate,520030910001,数学科学学院,prc_id,310104200203041233\n' +
        '李思,undergraduate,520030910005,数学科学学院,prc_id,320106199901015672\n' +
        '王小明,faculty,S20110006,医学院,prc_id,31011019800229678X\n',
    ).toString('base64');
    expect(await t.call('accounts.import', { fileName: 'moves.csv', contentBase64: csv, dryRun: false }, jar)).toMatchObject({ updated: 3 });
    expect(await names('z', { department: '电子信息与电气工程学院' })).toEqual([]);
    expect(await names('z', { department: '数学科学学院' })).toEqual(['张三']);
    expect(await names('li s', { department: '数学科学学院' })).toEqual(['李思']);
    expect(await names('w', { category: 'staff' })).toEqual([]);
    expect(await names('w', { category: 'faculty', department: '医学院' })).toEqual(['王小明']);

    const zhang = (await t.call('accounts.search', { query: '张三', filters: {}, page: 1, pageSize: 5 }, jar)).items[0]!;
    await t.call('accounts.setStatus', { id: zhang.id, status: 'suspended', reason: '核查身份' }, jar);
    expect(await names('zhang', { status: 'pending' })).toEqual([]);
    expect(await names('zhang', { status: 'suspended', department: '数学科学学院' })).toEqual(['张三']);

    expect(await t.call('accounts.departments', {}, jar)).toEqual(
      ['School of Mechanical Engineering, SJTU', '人文学院', '医学院', '媒体与传播学院', '数学科学学院', '机械与动力工程学院'].sort(),
    );
  });

  it('shows the account card with its diagnosis, status history and audit history', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const { account } = await t.call('accounts.register', ZHANG, jar);
    let card = await t.call('accounts.get', { id: account.id }, jar);
    expect(card.diagnosis.code).toBe('pending_activation');
    expect(card.statusHistory).toEqual([expect.objectContaining({ from: null, to: 'pending', actor: 'admin' })]);

    await t.desk.db.write((tx) =>
      tx.run("UPDATE accounts SET username = 'zhangwei', status = 'active', failed_attempts = 5, locked_until = ? WHERE id = ?", [
        new Date(t.clock.now.getTime() + 30 * 60_000).toISOString(),
        account.id,
      ]),
    );
    card = await t.call('accounts.get', { id: account.id }, jar);
    expect(card.diagnosis).toMatchObject({ code: 'locked', failedAttempts: 5, lockedUntil: '2026-11-23T02:30:00.000Z' });
    expect(card.locked).toBe(true);
    await t.call('recovery.recordIdCheck', { id: account.id, documentType: 'prc_id', hiddenCharacters: '491231' }, jar);
    card = await t.call('accounts.unlock', { id: account.id, reason: '本人持身份证到场' }, jar);
    expect(card.diagnosis.code).toBe('ok');
    expect((await t.fail('accounts.unlock', { id: account.id, reason: 'again' }, jar)).params).toEqual({ reason: 'not_locked' });
    card = await t.call('accounts.setStatus', { id: account.id, status: 'suspended', reason: '违反使用规定' }, jar);
    expect(card.diagnosis).toMatchObject({ code: 'suspended', reason: '违反使用规定' });
    card = await t.call('accounts.get', { id: account.id }, jar);
    expect(card.history.map((e) => e.action)).toEqual(expect.arrayContaining(['accounts.register', 'accounts.unlock', 'accounts.setStatus']));
    expect(card.history.map((e) => e.action)).not.toContain('accounts.get');
    await t.call('accounts.setStatus', { id: account.id, status: 'revoked', reason: '出借账号' }, jar);
    const stuck = await t.fail('accounts.setStatus', { id: account.id, status: 'active', reason: 'mistake' }, jar);
    expect(stuck).toMatchObject({ code: 'CONFLICT', params: { from: 'revoked', to: 'active' } });
  });

  it('lists by filters alone, and lets only the holder activate an account', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await importFile(jar, 'registrar-gb18030.csv');
    const listed = await t.call('accounts.search', { query: '', filters: { department: '人文学院' }, page: 1, pageSize: 10 }, jar);
    expect(listed.items.map((a) => a.realName)).toEqual(['迪丽热巴·迪力木拉提']);
    expect((await t.call('accounts.search', { query: '', filters: {}, page: 1, pageSize: 10 }, jar)).items).toEqual([]);

    const id = listed.items[0]!.id;
    expect((await t.fail('accounts.setStatus', { id, status: 'active', reason: 'skip activation' }, jar)).params).toEqual({
      from: 'pending',
      to: 'active',
    });
    await t.call('accounts.setStatus', { id, status: 'suspended', reason: '核查身份' }, jar);
    const back = await t.call('accounts.setStatus', { id, status: 'active', reason: '核查完毕' }, jar);
    expect(back).toMatchObject({ status: 'pending', diagnosis: { code: 'pending_activation' } });
  });

  it('diagnoses a username, or offers the closest matches', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    await importFile(jar, 'registrar-gb18030.csv');
    await t.desk.db.write((tx) => tx.run("UPDATE accounts SET username = 'zhangsan', status = 'active', failed_attempts = 2 WHERE real_name = '张三'"));
    const found = await t.call('accounts.diagnose', { username: 'zhangsan' }, jar);
    expect(found).toMatchObject({ found: true, diagnosis: { code: 'wrong_password', failedAttempts: 2 } });
    const missing = await t.call('accounts.diagnose', { username: 'zhangsna' }, jar);
    expect(missing.found).toBe(false);
    expect(missing.closest.map((a) => a.realName)).toContain('张三');
  });

  it('reveals a field only with the permission and a reason, and audits it', async () => {
    t = await openTestDesk();
    const { jar: admin } = await signInFirstAdmin(t);
    const { account } = await t.call('accounts.register', ZHANG, admin);
    const { value } = await t.call('accounts.reveal', { id: account.id, field: 'document', reason: '本人到场核对证件' }, admin);
    expect(value).toBe('11010519491231002X');
    const entry = (await t.call('audit.list', { filter: { action: 'accounts.reveal' }, page: 1, pageSize: 10 }, admin)).entries[0];
    expect(entry).toMatchObject({ target: `account:${account.id}`, detail: { field: 'document', reason: '本人到场核对证件' } });
    expect(JSON.stringify(entry)).not.toContain('11010519491231002X');

    const { oneTimePassword } = await t.call('staff.create', { username: 'op.li', displayName: 'Li', roles: ['counter_operator'] }, admin);
    const op = cookieJar();
    await t.call('auth.signIn', { username: 'op.li', password: oneTimePassword, desk: 'xuhui' }, op);
    await t.call('auth.changePassword', { currentPassword: oneTimePassword, newPassword: 'Xuhui counter window 7' }, op);
    expect((await t.call('accounts.get', { id: account.id }, op)).documentMasked).toBe('**************002X');
    expect(await t.fail('accounts.reveal', { id: account.id, field: 'mobile', reason: 'curious' }, op)).toMatchObject({
      code: 'FORBIDDEN',
      params: { permission: 'pii.reveal' },
    });
    expect((await t.fail('accounts.reveal', { id: account.id, field: 'mobile', reason: '' }, admin)).code).toBe('VALIDATION');
  });
});

describe('import from the registrar', () => {
  it('reads GB18030 and UTF-8 with BOM, and re-running the same file changes nothing', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const preview = await importFile(jar, 'registrar-gb18030.csv', true);
    expect(preview).toMatchObject({ batchId: null, encoding: 'gb18030', total: 4, created: 4, rejected: [] });
    expect(await countAccounts(t.desk.db.reader)).toBe(0);
    expect(await importFile(jar, 'registrar-gb18030.csv')).toMatchObject({ encoding: 'gb18030', created: 4, updated: 0 });
    expect(await importFile(jar, 'registrar-utf8-bom.csv')).toMatchObject({ encoding: 'utf-8', created: 3, rejected: [] });
    const snapshot = await t.desk.db.reader.all('SELECT id, real_name, updated_at FROM accounts ORDER BY id');
    expect(await importFile(jar, 'registrar-gb18030.csv')).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await t.desk.db.reader.all('SELECT id, real_name, updated_at FROM accounts ORDER BY id')).toEqual(snapshot);
    const smith = (await t.call('accounts.search', { query: 'V2026001', filters: {}, page: 1, pageSize: 5 }, jar)).items[0];
    expect(smith).toMatchObject({ department: 'School of Mechanical Engineering, SJTU', category: 'visiting' });
  });

  it('reports rejected rows by line and field, importing the rest', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const report = await importFile(jar, 'registrar-malformed.csv');
    expect(report).toMatchObject({ total: 6, created: 1 });
    const byLine = Object.fromEntries(report.rejected.map((r) => [r.line, r.fields.map((f) => `${f.field}:${f.reason}`).sort()]));
    expect(byLine).toEqual({
      2: ['documentNumber:check_character'],
      3: ['category:unknown_category', 'department:empty', 'email:format', 'mobile:format', 'realName:empty'],
      5: ['documentNumber:birth_date'],
      6: ['documentNumber:format'],
      7: ['documentNumber:belongs_to_another_account'],
    });
  });

  it('gives the same answer in a dry run as in the import when a document repeats within the file', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    const csv = Buffer.from(
      'name,category,number,department,document_type,document_number\n' +
        'Ann Lee,visiting,V0001,Design,passport,E00001111\n' +
        'Ann Lee,visiting,V0002,Design,passport,E00001111\n',
    ).toString('base64');
    const dry = await t.call('accounts.import', { fileName: 'dup.csv', contentBase64: csv, dryRun: true }, jar);
    const real = await t.call('accounts.import', { fileName: 'dup.csv', contentBase64: csv, dryRun: false }, jar);
    for (const report of [dry, real]) {
      expect(report).toMatchObject({ created: 1, rejected: [{ line: 3, fields: [{ field: 'documentNumber', reason: 'belongs_to_another_account' }] }] });
    }
  });

  it('leaves no half-imported batch when the store fails midway', async () => {
    t = await openTestDesk();
    const { jar } = await signInFirstAdmin(t);
    // A fault the import cannot foresee: the store refuses one row in the middle of the file.
    await tamperStore(t.store, t.dir, {
      sqlite: `CREATE TRIGGER fail_midway BEFORE INSERT ON accounts WHEN NEW.number = 'T10023'
               BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;`,
      postgres: `CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN IF NEW.number = 'T10023' THEN RAISE EXCEPTION 'disk I/O error (simulated)'; END IF; RETURN NEW; END $$;
               CREATE TRIGGER fail_midway BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION fail_midway();`,
    });
    const err = await t.fail('accounts.import', { fileName: 'x.csv', contentBase64: fixture('registrar-gb18030.csv'), dryRun: false }, jar);
    expect(err.code).toBe('INTERNAL');
    expect(await countAccounts(t.desk.db.reader)).toBe(0);
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM import_batches')).toEqual({ n: 0 });
    expect(await t.desk.db.reader.get('SELECT count(*) AS n FROM account_name_keys')).toEqual({ n: 0 });
  });
});
