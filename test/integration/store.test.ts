import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../src/main/store/data-dir-lock';
import type { Database, Queryable } from '../../src/main/store/database';
import { SqliteDatabase } from '../../src/main/store/sqlite-database';
import { StoreFromTheFutureError, migrate, schemaVersion } from '../../src/main/store/migrate';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { tempDir } from '../support/desk-fixture';

const open: Database[] = [];
async function freshDb(): Promise<Database> {
  const db = await SqliteDatabase.open(path.join(tempDir(), 'desk.sqlite'));
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

describe('the store', () => {
  it('runs in WAL mode with foreign keys on', async () => {
    const db = await freshDb();
    expect(await db.raw((c) => c.get<{ journal_mode: string }>('PRAGMA journal_mode'))).toEqual({ journal_mode: 'wal' });
    expect(await db.raw((c) => c.get<{ foreign_keys: number }>('PRAGMA foreign_keys'))).toEqual({ foreign_keys: 1 });
  });

  it('rolls a failed transaction back whole', async () => {
    const db = await freshDb();
    await db.write((tx) => tx.exec('CREATE TABLE t (v INTEGER NOT NULL)'));
    await expect(
      db.write(async (tx) => {
        await tx.run('INSERT INTO t (v) VALUES (1)');
        await tx.run('INSERT INTO t (v) VALUES (NULL)');
      }),
    ).rejects.toThrow(/NOT NULL/);
    expect(await db.reader.get('SELECT count(*) AS n FROM t')).toEqual({ n: 0 });
  });

  it('counts finished writes, committed or rolled back, so that what was read before can be known stale', async () => {
    const db = await freshDb();
    const before = db.writeCount;
    await db.write((tx) => tx.exec('CREATE TABLE t (v INTEGER NOT NULL)'));
    await expect(db.write((tx) => tx.run('INSERT INTO t (v) VALUES (NULL)'))).rejects.toThrow(/NOT NULL/);
    await db.raw((c) => c.exec('PRAGMA user_version = 1'));
    expect(db.writeCount).toBe(before + 3);
  });

  it('serializes concurrent write transactions', async () => {
    const db = await freshDb();
    await db.write((tx) => tx.exec('CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0);'));
    await Promise.all(
      Array.from({ length: 25 }, () =>
        db.write(async (tx) => {
          const row = await tx.get<{ n: number }>('SELECT n FROM counter');
          await new Promise((r) => setTimeout(r, 1));
          await tx.run('UPDATE counter SET n = ?', [row!.n + 1]);
        }),
      ),
    );
    expect(await db.reader.get('SELECT n FROM counter')).toEqual({ n: 25 });
  });
});

describe('migrations', () => {
  it('bring a fresh store to the latest version', async () => {
    const db = await freshDb();
    expect(await migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(await db.raw(schemaVersion)).toBe(MIGRATIONS.length);
    expect(await migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
  });

  it('refuse a store from a newer desk and leave it untouched', async () => {
    const db = await freshDb();
    await db.raw((c) => c.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`));
    await expect(migrate(db, MIGRATIONS)).rejects.toBeInstanceOf(StoreFromTheFutureError);
    await expect(migrate(db, MIGRATIONS)).rejects.toThrow(/newer desk/);
    expect(await db.reader.all("SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([]);
  });

  describe('001 foundation', () => {
    it('creates the tables, keeps staff usernames permanent and the audit log append-only', async () => {
      const db = await freshDb();
      await migrate(db, MIGRATIONS.slice(0, 1));
      const tables = (await db.reader.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map(
        (r) => r.name,
      );
      expect(tables).toEqual(['audit_log', 'keyring', 'sessions', 'settings', 'staff', 'staff_roles']);
      await db.write((tx) =>
        tx.run("INSERT INTO staff (username, display_name, password_hash, created_at) VALUES ('amy', 'Amy', 'x', 'now')"),
      );
      await expect(db.write((tx) => tx.run("UPDATE staff SET username = 'bob'"))).rejects.toThrow(/never changes/);
      await expect(
        db.write((tx) => tx.run("INSERT INTO staff (username, display_name, password_hash, created_at) VALUES ('AMY', 'A', 'x', 'n')")),
      ).rejects.toThrow(/UNIQUE/);
      await db.write((tx) =>
        tx.run(
          "INSERT INTO audit_log (at, action, outcome, detail, prev_hash, hash) VALUES ('now', 'x', 'success', '{}', 'p', 'h')",
        ),
      );
      await expect(db.write((tx) => tx.run("UPDATE audit_log SET action = 'y'"))).rejects.toThrow(/append-only/);
      await expect(db.write((tx) => tx.run('DELETE FROM audit_log'))).rejects.toThrow(/append-only/);
    });
  });

  describe('002 accounts', () => {
    it('keeps jAccount usernames permanent once set, unique regardless of case, and one account per document', async () => {
      const db = await freshDb();
      await migrate(db, MIGRATIONS.slice(0, 2));
      const insert = (username: string | null, number: string, doc: string) =>
        db.write((tx) =>
          tx.run(
            `INSERT INTO accounts (username, real_name, category, number, department, doc_type, doc_sealed, doc_index, status, created_at, updated_at)
             VALUES (?, '张三', 'undergraduate', ?, 'SEIEE', 'prc_id', 'sealed', ?, 'pending', 'now', 'now')`,
            [username, number, doc],
          ),
        );
      await insert(null, '520001', 'doc-a');
      await db.write((tx) => tx.run("UPDATE accounts SET username = 'zhangsan' WHERE number = '520001'"));
      await expect(db.write((tx) => tx.run("UPDATE accounts SET username = 'lisi' WHERE number = '520001'"))).rejects.toThrow(
        /never changes/,
      );
      await expect(insert('ZhangSan', '520002', 'doc-b')).rejects.toThrow(/UNIQUE/);
      await expect(insert(null, '520003', 'doc-a')).rejects.toThrow(/UNIQUE/);
      await expect(
        db.write((tx) => tx.run("UPDATE accounts SET category = 'wizard' WHERE number = '520001'")),
      ).rejects.toThrow(/CHECK/);
    });
  });

  describe('003 search indexes', () => {
    const insertAccount = (tx: Queryable, id: number, name: string, department: string, category = 'undergraduate', status = 'active') =>
      tx.run(
        `INSERT INTO accounts (id, real_name, category, number, department, doc_type, doc_sealed, doc_index, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'prc_id', 'sealed', ?, ?, 'now', 'now')`,
        [id, name, category, `N${id}`, department, `doc-${id}`, status],
      );
    const keysOf = (db: Database, id: number) =>
      db.reader.all('SELECT key, department, category, status FROM account_name_keys WHERE account_id = ? ORDER BY key', [id]);

    it('gives the name keys of existing accounts their department, category and status, and keeps them equal', async () => {
      const dir = tempDir();
      const file = path.join(dir, 'desk.sqlite');
      let db = await SqliteDatabase.open(file);
      await migrate(db, MIGRATIONS.slice(0, 2));
      await db.write(async (tx) => {
        await insertAccount(tx, 1, '张三', '数学科学学院');
        await insertAccount(tx, 2, 'John Smith', '人文学院', 'visiting', 'pending');
        for (const key of ['张三', 'zhangsan', 'zhang san', 'zs']) await tx.run('INSERT INTO account_name_keys (key, account_id) VALUES (?, 1)', [key]);
        for (const key of ['john smith', 'js']) await tx.run('INSERT INTO account_name_keys (key, account_id) VALUES (?, 2)', [key]);
      });
      await db.close();

      // Reopened as a desk of this version would find it: a store at version 2 with rows in it.
      db = await SqliteDatabase.open(file);
      open.push(db);
      expect(await migrate(db, MIGRATIONS.slice(0, 3))).toBe(3);
      expect(await db.raw(schemaVersion)).toBe(3);
      expect(await keysOf(db, 1)).toEqual(
        ['zhang san', 'zhangsan', 'zs', '张三'].map((key) => ({ key, department: '数学科学学院', category: 'undergraduate', status: 'active' })),
      );
      expect(await keysOf(db, 2)).toEqual(
        ['john smith', 'js'].map((key) => ({ key, department: '人文学院', category: 'visiting', status: 'pending' })),
      );
      const indexes = (await db.reader.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")).map(
        (r) => r.name,
      );
      expect(indexes).toEqual(
        expect.arrayContaining([
          'account_name_keys_by_account',
          'account_name_keys_by_department',
          'accounts_by_department_id',
          'accounts_by_category_id',
          'accounts_by_status_id',
        ]),
      );

      // Whoever updates an account, its name keys follow in the same transaction, or not at all.
      await db.write((tx) => tx.run("UPDATE accounts SET department = '人文学院', status = 'suspended' WHERE id = 1"));
      expect(await db.reader.all('SELECT DISTINCT department, category, status FROM account_name_keys WHERE account_id = 1')).toEqual([
        { department: '人文学院', category: 'undergraduate', status: 'suspended' },
      ]);
      await expect(
        db.write(async (tx) => {
          await tx.run("UPDATE accounts SET category = 'alumni' WHERE id = 1");
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await db.reader.get('SELECT DISTINCT category FROM account_name_keys WHERE account_id = 1')).toEqual({ category: 'undergraduate' });

      // A department walk finds the keys of the account that moved there, not those of where it was.
      const walk = (department: string) =>
        db.reader.all('SELECT key FROM account_name_keys WHERE department = ? AND key >= ? AND key < ? ORDER BY key, account_id', [
          department,
          'z',
          'z\uffff',
        ]);
      expect(await walk('人文学院')).toEqual([{ key: 'zhang san' }, { key: 'zhangsan' }, { key: 'zs' }]);
      expect(await walk('数学科学学院')).toEqual([]);
      await expect(db.write((tx) => tx.run("INSERT INTO account_name_keys (key, account_id) VALUES ('x', 1)"))).rejects.toThrow(/NOT NULL/);
    });
  });
});

describe('the data directory lock', () => {
  it('refuses a second desk while the first lives, and takes over a stale lock', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/already using/);
    release();
    fs.writeFileSync(path.join(dir, 'desk.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    fs.writeFileSync(path.join(dir, 'desk.lock'), '999999999');
    const again = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'desk.lock'), 'utf8')).toBe(String(process.pid));
    again();
    expect(fs.existsSync(path.join(dir, 'desk.lock'))).toBe(false);
  });
});
