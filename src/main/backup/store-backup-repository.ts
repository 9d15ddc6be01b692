import type { Database, Queryable } from '../store/database';
import type { PostgresDatabase } from '../store/postgres-database';

/** The tables of the store, by name, without the engine's own. */
async function tableNames(q: Queryable): Promise<string[]> {
  const rows =
    q.engine === 'sqlite'
      ? await q.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await q.all<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  return rows.map((r) => r.name);
}

async function countsOn(q: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await tableNames(q)) {
    counts[name] = (await q.get<{ n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`))!.n;
  }
  return counts;
}

/** Every table's row count, the measure by which a restore is proved complete. */
export function tableCounts(db: Database): Promise<Record<string, number>> {
  return countsOn(db.reader);
}

/** SQLite's own check of every page of a store file. */
export async function integrityOk(db: Database): Promise<boolean> {
  const rows = await db.reader.all<{ integrity_check: string }>('PRAGMA integrity_check');
  return rows.length === 1 && rows[0]!.integrity_check === 'ok';
}

export function readKeyring(db: Database): Promise<{ protector: string; wrapped: string } | undefined> {
  return db.reader.get<{ protector: string; wrapped: string }>('SELECT protector, wrapped FROM keyring WHERE id = 1');
}

/** Re-wraps the data key of a copy (a backup being made, a store being restored). */
export async function rewrapKeyring(db: Database, protector: string, wrapped: string): Promise<void> {
  await db.write((tx) => tx.run('UPDATE keyring SET protector = ?, wrapped = ? WHERE id = 1', [protector, wrapped]));
}

/** The keyring row of a restored PostgreSQL store, whose backup carried the key wrapped apart. */
export async function putKeyring(db: Database, k: { protector: string; wrapped: string; createdAt: string }): Promise<void> {
  await db.write((tx) => tx.run('INSERT INTO keyring (id, protector, wrapped, created_at) VALUES (1, ?, ?, ?)', [k.protector, k.wrapped, k.createdAt]));
}

/** Whether a PostgreSQL database holds no table at all: the only kind a restore writes into. */
export async function isEmptyStore(db: PostgresDatabase): Promise<boolean> {
  return (await tableNames(db.reader)).length === 0;
}

/**
 * Runs `dump` (pg_dump --snapshot) while a snapshot transaction holds the exported snapshot,
 * and counts every table in that same snapshot: the counts are the dump's.
 */
export async function exportSnapshot(
  db: PostgresDatabase,
  dump: (snapshot: string) => Promise<void>,
): Promise<{ tables: Record<string, number>; keyringCreatedAt: string }> {
  return db.readSnapshot(async (conn) => {
    const { id } = (await conn.get<{ id: string }>('SELECT pg_export_snapshot() AS id'))!;
    await dump(id);
    const tables = await countsOn(conn);
    const { created_at } = (await conn.get<{ created_at: string }>('SELECT created_at FROM keyring WHERE id = 1'))!;
    return { tables, keyringCreatedAt: created_at };
  });
}

/** Takes a failed restore back to an empty database (it was empty before: isEmptyStore). */
export async function emptyStore(db: PostgresDatabase): Promise<void> {
  await db.raw((c) => c.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));
}
