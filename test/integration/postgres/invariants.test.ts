import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database, Queryable } from '../../../src/main/store/database';
import { StoreFromTheFutureError, migrate } from '../../../src/main/store/migrate';
import { MIGRATIONS } from '../../../src/main/store/migrations';
import { POSTGRES_MIGRATIONS } from '../../../src/main/store/migrations/postgres';
import { PostgresDatabase } from '../../../src/main/store/postgres-database';
import { SqliteDatabase } from '../../../src/main/store/sqlite-database';
import { parseStoreLocation } from '../../../src/main/store/store-location';
import { tempDir } from '../../support/desk-fixture';
import { asSuperuser } from '../../support/test-store';

/**
 * The PostgreSQL migrations against the SQLite ones: the same schema, and the same refusals in
 * the same words where the SQLite store's triggers refuse, plus TRUNCATE, which SQLite lacks.
 */

// ---- stores ----------------------------------------------------------------------------------


const databases: string[] = [];
const opened: Database[] = [];

async function openPostgres(): Promise<{ db: PostgresDatabase; url: string }> {
  const name = `inv_${crypto.randomBytes(6).toString('hex')}`;
  await asSuperuser((c) => c.query(`CREATE DATABASE "${name}"`));
  databases.push(name);
  const url = `${inject('pgBase')}/${name}`;
  const location = parseStoreLocation(url);
  if (location.engine !== 'postgres') throw new Error(`${url} is not a PostgreSQL location`);
  const db = await PostgresDatabase.open(location);
  opened.push(db);
  return { db, url };
}

async function openSqlite(): Promise<SqliteDatabase> {
  const db = await SqliteDatabase.open(path.join(tempDir('invariants-'), 'store.db'));
  opened.push(db);
  return db;
}

afterAll(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close().catch(() => undefined)));
  await asSuperuser(async (c) => {
    for (const name of databases.splice(0)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

const ROLLED_BACK = new Error('rolled back by the test');

/**
 * What a store answers one statement: `ok <rows changed>` or the refusal's words (SQLite's
 * without its `SQLITE_CONSTRAINT: ` prefix). Rolled back either way, so every statement meets
 * the rows as seeded.
 */
async function attempt(db: Database, sql: string): Promise<string> {
  let changes = -1;
  try {
    await db.write(async (tx) => {
      changes = (await tx.run(sql)).changes;
      throw ROLLED_BACK;
    });
    return 'unreachable';
  } catch (err) {
    if (err === ROLLED_BACK) return `ok ${changes}`;
    return (err as Error).message.replace(/^SQLITE_CONSTRAINT: /, '');
  }
}

// ---- schema, as both engines describe it ------------------------------------------------------

interface Table {
  /** In order: `name` or `name NOT NULL` (a primary key column counts as NOT NULL). */
  columns: string[];
  primaryKey: string[];
  /** UNIQUE constraints, `a,b`, sorted. */
  unique: string[];
  /** `a,b -> table(c,d) ON DELETE x`, sorted. */
  foreignKeys: string[];
}
interface Schema {
  tables: Record<string, Table>;
  /** Named indexes (CREATE INDEX): `table(a,b)`, with ` UNIQUE` and ` WHERE` where they apply. */
  indexes: Record<string, string>;
}

const column = (name: string, notNull: boolean) => (notNull ? `${name} NOT NULL` : name);
const index = (table: string, cols: string[], unique: boolean, partial: boolean) =>
  `${table}(${cols.join(',')})${unique ? ' UNIQUE' : ''}${partial ? ' WHERE' : ''}`;

async function sqliteSchema(q: Queryable): Promise<Schema> {
  const schema: Schema = { tables: {}, indexes: {} };
  const tables = await q.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  for (const { name } of tables) {
    const cols = await q.all<{ name: string; notnull: number; pk: number }>('SELECT name, "notnull", pk FROM pragma_table_info(?) ORDER BY cid', [name]);
    const primaryKey = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const unique: string[] = [];
    const indexes = await q.all<{ name: string; unique: number; origin: string; partial: number }>('SELECT name, "unique", origin, partial FROM pragma_index_list(?)', [name]);
    for (const i of indexes) {
      const on = (await q.all<{ name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [i.name])).map((c) => c.name);
      if (i.origin === 'u') unique.push(on.join(','));
      if (i.origin === 'c') schema.indexes[i.name] = index(name, on, i.unique === 1, i.partial === 1);
    }
    const fks = await q.all<{ id: number; table: string; from: string; to: string | null; on_delete: string }>(
      'SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq',
      [name],
    );
    const foreignKeys = [...new Set(fks.map((f) => f.id))].map((id) => {
      const parts = fks.filter((f) => f.id === id);
      return `${parts.map((f) => f.from).join(',')} -> ${parts[0]!.table}(${parts.map((f) => f.to).join(',')}) ON DELETE ${parts[0]!.on_delete}`;
    });
    schema.tables[name] = {
      columns: cols.map((c) => column(c.name, c.notnull === 1 || c.pk > 0)),
      primaryKey,
      unique: unique.sort(),
      foreignKeys: foreignKeys.sort(),
    };
  }
  return schema;
}

const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

async function postgresSchema(q: Queryable): Promise<Schema> {
  const schema: Schema = { tables: {}, indexes: {} };
  const names = (rel: string, nums: string) =>
    `array(SELECT a.attname::text FROM unnest(${nums}) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n ORDER BY k.o)`;
  // The version row is PostgreSQL's user_version (src/main/store/migrate.ts), not a table of the schema.
  const tables = await q.all<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'desk_schema_version' ORDER BY tablename COLLATE \"C\"",
  );
  for (const { name } of tables) {
    const cols = await q.all<{ name: string; notnull: boolean }>(
      'SELECT attname AS name, attnotnull AS notnull FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
      [name],
    );
    const constraints = await q.all<{ type: string; cols: string[]; ref: string | null; refCols: string[]; onDelete: string }>(
      `SELECT contype::text AS type, ${names('conrelid', 'conkey')} AS cols, confrelid::regclass::text AS ref,
              ${names('confrelid', 'confkey')} AS "refCols", confdeltype::text AS "onDelete"
         FROM pg_constraint WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'f')`,
      [name],
    );
    const of = (type: string) => constraints.filter((c) => c.type === type);
    const indexes = await q.all<{ name: string; unique: boolean; partial: boolean; cols: string[] }>(
      `SELECT c.relname AS name, i.indisunique AS unique, i.indpred IS NOT NULL AS partial, ${names('i.indrelid', 'i.indkey::int2[]')} AS cols
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = ?::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [name],
    );
    for (const i of indexes) schema.indexes[i.name] = index(name, i.cols, i.unique, i.partial);
    schema.tables[name] = {
      columns: cols.map((c) => column(c.name, c.notnull)),
      primaryKey: of('p')[0]?.cols ?? [],
      unique: of('u').map((c) => c.cols.join(',')).sort(),
      foreignKeys: of('f').map((c) => `${c.cols.join(',')} -> ${c.ref}(${c.refCols.join(',')}) ON DELETE ${ON_DELETE[c.onDelete]}`).sort(),
    };
  }
  return schema;
}

// ---- the rows every refusal meets --------------------------------------------------------------

const ACCOUNT = `INSERT INTO accounts (id, username, real_name, category, number, department, doc_type, doc_sealed, doc_index, doc_masked,
  mobile_sealed, mobile_masked, status, created_at, updated_at) VALUES`;
const STAFF = 'INSERT INTO staff (id, username, display_name, password_hash, created_at) VALUES';
const APPLICATION = `INSERT INTO verification_applications (id, kind, department, real_name, doc_type, doc_sealed, doc_index, doc_masked,
  language, school, channel, taken_by, document_checked, submitted_at, submitted_on, status, decided_by, decided_at) VALUES`;

const SEED = [
  `${STAFF} (1, 'admin', 'Admin', 'h', 'now'), (2, 'second', 'Second', 'h', 'now')`,
  "INSERT INTO audit_log (seq, at, actor, desk, action, target, outcome, detail, prev_hash, hash) VALUES (1, 'now', 'admin', 'd', 'x', NULL, 'success', '{}', 'p', 'h')",
  `${ACCOUNT} (1, 'zhangsan', '张三', 'alumni', '520001', 'math', 'prc_id', 's', 'doc-1', '**************123X', NULL, NULL, 'active', 'now', 'now'),
              (2, NULL, '李四', 'alumni', '520002', 'math', 'prc_id', 's', 'doc-2', '**************456X', 'm', '*******5678', 'pending', 'now', 'now')`,
  `${APPLICATION} (1, 'alumni', 'math', 'W', 'prc_id', 's', 'doc-3', '***3', 'zh-CN', 'math', 'counter', 'admin', 1, 'now', '2026-11-23', 'approved', 'admin', 'now'),
                  (2, 'alumni', 'math', 'W', 'prc_id', 's', 'doc-4', '***4', 'zh-CN', 'math', 'counter', 'admin', 1, 'now', '2026-11-23', 'submitted', NULL, NULL)`,
];

const USERNAME_KEPT = 'a jAccount username never changes';
const STAFF_USERNAME_KEPT = 'a staff username never changes';
const APPEND_ONLY = 'the audit log is append-only';
const FINAL = 'a decided application never changes';
const KEPT = 'a decided application is never deleted';
const MASKED = "an account's sealed PII needs its masked form";

/** Statements the SQLite store's triggers refuse, and the words they refuse them with. */
const REFUSED: [string, string][] = [
  ["UPDATE staff SET username = 'intruder' WHERE id = 1", STAFF_USERNAME_KEPT],
  ["UPDATE accounts SET username = 'lisi' WHERE id = 1", USERNAME_KEPT],
  ['UPDATE accounts SET username = NULL WHERE id = 1', USERNAME_KEPT],
  ["UPDATE audit_log SET outcome = 'failure' WHERE seq = 1", APPEND_ONLY],
  ['DELETE FROM audit_log WHERE seq = 1', APPEND_ONLY],
  ['DELETE FROM audit_log', APPEND_ONLY],
  ["UPDATE verification_applications SET department = 'physics' WHERE id = 1", FINAL],
  ["UPDATE verification_applications SET status = 'submitted', decided_by = NULL, decided_at = NULL WHERE id = 1", FINAL],
  ['DELETE FROM verification_applications WHERE id = 1', KEPT],
  [
    `INSERT INTO accounts (id, real_name, category, number, department, doc_type, doc_sealed, doc_index, status, created_at, updated_at)
       VALUES (3, 'x', 'alumni', '520003', 'math', 'prc_id', 's', 'doc-5', 'pending', 'now', 'now')`,
    MASKED,
  ],
  [`${ACCOUNT} (3, NULL, 'x', 'alumni', '520003', 'math', 'prc_id', 's', 'doc-5', '**1', 'm', NULL, 'pending', 'now', 'now')`, MASKED],
  ["UPDATE accounts SET mobile_sealed = 'm' WHERE id = 1", MASKED],
  ["UPDATE accounts SET email_masked = 'z***@sjtu.edu.cn' WHERE id = 1", MASKED],
  ["UPDATE accounts SET doc_masked = '' WHERE id = 1", MASKED],
  ['UPDATE accounts SET mobile_masked = NULL WHERE id = 2', MASKED],
];

/** Their neighbours the same triggers let through: the refusals above are not blanket ones. */
const ALLOWED = [
  "UPDATE staff SET display_name = 'Renamed' WHERE id = 1",
  "UPDATE staff SET username = 'admin' WHERE id = 1",
  "UPDATE accounts SET username = 'lisi' WHERE id = 2",
  "UPDATE accounts SET status = 'suspended' WHERE id = 1",
  "INSERT INTO audit_log (seq, at, actor, desk, action, target, outcome, detail, prev_hash, hash) VALUES (2, 'now', 'admin', 'd', 'y', NULL, 'success', '{}', 'h', 'h2')",
  "UPDATE verification_applications SET department = 'physics' WHERE id = 2",
  "UPDATE verification_applications SET status = 'approved', decided_by = 'admin', decided_at = 'now' WHERE id = 2",
  'DELETE FROM verification_applications WHERE id = 2',
  `${ACCOUNT} (3, NULL, 'x', 'alumni', '520003', 'math', 'prc_id', 's', 'doc-5', '**1', 'm', '*******1234', 'pending', 'now', 'now')`,
  "UPDATE accounts SET mobile_sealed = 'm', mobile_masked = '*******1234' WHERE id = 1",
];

// ---- the tests ---------------------------------------------------------------------------------

describe('the PostgreSQL migrations beside the SQLite ones', () => {
  let sqlite: SqliteDatabase;
  let postgres: PostgresDatabase;

  beforeAll(async () => {
    sqlite = await openSqlite();
    postgres = (await openPostgres()).db;
    expect(await migrate(sqlite, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(await migrate(postgres, POSTGRES_MIGRATIONS)).toBe(MIGRATIONS.length);
    for (const db of [sqlite, postgres]) {
      await db.write(async (tx) => {
        for (const sql of SEED) await tx.run(sql);
      });
    }
  });

  it('are numbered and named as the SQLite ones', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => `${m.version} ${m.name}`)).toEqual(MIGRATIONS.map((m) => `${m.version} ${m.name}`));
  });

  it('give the same tables, columns, keys and indexes', async () => {
    const want = await sqliteSchema(sqlite.reader);
    const got = await postgresSchema(postgres.reader);
    expect(Object.keys(got.tables)).toEqual(Object.keys(want.tables));
    for (const table of Object.keys(want.tables)) expect({ table, ...got.tables[table] }).toEqual({ table, ...want.tables[table] });
    expect(got.indexes).toEqual(want.indexes);
  });

  it.each(REFUSED)('refuse %s, in the same words on both engines', async (sql, words) => {
    expect(await attempt(sqlite, sql)).toBe(words);
    expect(await attempt(postgres, sql)).toBe(words);
  });

  it.each(ALLOWED)('allow %s on both engines', async (sql) => {
    expect(await attempt(sqlite, sql)).toBe('ok 1');
    expect(await attempt(postgres, sql)).toBe('ok 1');
  });

  it('refuse TRUNCATE (PostgreSQL only) where they refuse DELETE', async () => {
    expect(await attempt(postgres, 'TRUNCATE audit_log')).toBe(APPEND_ONLY);
    expect(await attempt(postgres, 'TRUNCATE verification_applications CASCADE')).toBe(KEPT);
  });

  describe.each([
    // 012's triggers add why to SQLite's words: `...: a staff member is never replaced (...)`.
    ['sqlite', /^UNIQUE constraint failed: (staff|accounts)\.username(: |$)/],
    ['postgres', /^duplicate key value violates unique constraint "(staff|accounts)_username_key"$/],
  ] as const)('on %s, usernames are unique regardless of case', (engine, duplicate) => {
    const db = () => (engine === 'sqlite' ? sqlite : postgres);

    it.each([
      `${STAFF} (3, 'ADMIN', 'X', 'h', 'now')`,
      `${STAFF} (3, 'Second', 'X', 'h', 'now')`,
      `${ACCOUNT} (3, 'ZhangSan', 'x', 'alumni', '520003', 'math', 'prc_id', 's', 'doc-5', '**1', NULL, NULL, 'active', 'now', 'now')`,
      "UPDATE accounts SET username = 'ZHANGSAN' WHERE id = 2",
    ])('refusing %s', async (sql) => {
      expect(await attempt(db(), sql)).toMatch(duplicate);
    });

    it('finding them in any case, and folding ASCII letters only, as NOCASE does', async () => {
      expect(await db().reader.all("SELECT id FROM staff WHERE username = 'AdMiN'")).toEqual([{ id: 1 }]);
      expect(await db().reader.all("SELECT id FROM accounts WHERE username = 'ZHANGSAN'")).toEqual([{ id: 1 }]);
      expect(await attempt(db(), `${STAFF} (3, 'admin2', 'X', 'h', 'now')`)).toBe('ok 1');
      expect(await attempt(db(), `${STAFF} (3, 'élodie', 'X', 'h', 'now'), (4, 'Élodie', 'X', 'h', 'now')`)).toBe('ok 2');
    });
  });
});

describe('a PostgreSQL store from a newer desk', () => {
  it('is refused, and left untouched', async () => {
    const { db } = await openPostgres();
    await migrate(db, POSTGRES_MIGRATIONS);
    const newer = POSTGRES_MIGRATIONS.length + 1;
    // What the newer desk left: its version, a table of its own, and a row in the log.
    await db.write(async (tx) => {
      await tx.exec(`UPDATE desk_schema_version SET version = ${newer}; CREATE TABLE from_the_future (id bigint PRIMARY KEY, note text)`);
      await tx.run("INSERT INTO from_the_future (id, note) VALUES (1, 'kept')");
      await tx.run("INSERT INTO audit_log (seq, at, actor, desk, action, target, outcome, detail, prev_hash, hash) VALUES (1, 'now', 'admin', 'd', 'x', NULL, 'success', '{}', 'p', 'h')");
    });
    const snapshot = async () => ({
      // xmin: the transaction that wrote the row, so a rewrite of the same value shows too.
      version: await db.reader.all('SELECT version, xmin::text AS written_by FROM desk_schema_version'),
      columns: await db.reader.all(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
      ),
      triggers: await db.reader.all('SELECT tgrelid::regclass::text AS on, tgname, tgenabled::text AS enabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 2'),
      future: await db.reader.all('SELECT id, note, xmin::text AS written_by FROM from_the_future'),
      audit: await db.reader.all('SELECT seq, hash, xmin::text AS written_by FROM audit_log'),
    });
    const before = await snapshot();
    const commits = db.commitCount;

    const err = await migrate(db, POSTGRES_MIGRATIONS).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(StoreFromTheFutureError);
    expect((err as Error).message).toContain(`schema version ${newer}; this desk knows up to ${POSTGRES_MIGRATIONS.length}`);
    expect(db.commitCount).toBe(commits);
    expect(before.version).toEqual([{ version: newer, written_by: expect.any(String) }]);
    expect(await snapshot()).toEqual(before);
  });
});
