import type { Database, Queryable } from './database';

export interface Migration {
  version: number;
  name: string;
  up(tx: Queryable): Promise<void>;
}

export class StoreFromTheFutureError extends Error {
  constructor(found: number, known: number) {
    super(
      `This store was written by a newer desk (schema version ${found}; this desk knows up to ${known}). ` +
        'Upgrade the desk; the store was not touched.',
    );
    this.name = 'StoreFromTheFutureError';
  }
}

/** PostgreSQL keeps the version in a table of one row; SQLite in the file header (user_version). */
const VERSION_TABLE = 'desk_schema_version';
/** One key for every desk migrating one PostgreSQL store: the second waits, then finds the work done. */
const MIGRATION_LOCK = 7_381_001;

export async function schemaVersion(db: Queryable): Promise<number> {
  if (db.engine === 'sqlite') return (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
  const table = await db.get<{ found: string | null }>(`SELECT to_regclass('${VERSION_TABLE}') AS found`);
  if (!table?.found) return 0;
  return (await db.get<{ version: number }>(`SELECT version FROM ${VERSION_TABLE}`))?.version ?? 0;
}

async function setSchemaVersion(tx: Queryable, version: number): Promise<void> {
  if (tx.engine === 'sqlite') return tx.exec(`PRAGMA user_version = ${version}`);
  await tx.exec(`CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (version integer NOT NULL);
    DELETE FROM ${VERSION_TABLE}; INSERT INTO ${VERSION_TABLE} (version) VALUES (${version});`);
}

/** Applies pending migrations in order, each in its own transaction with its version bump. */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number> {
  const known = migrations.length;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const current = await db.raw(schemaVersion);
  if (current > known) throw new StoreFromTheFutureError(current, known);
  for (const m of migrations.slice(current)) {
    await db.write(async (tx) => {
      if (tx.engine === 'postgres') {
        await tx.exec(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        // Another desk may have applied it while this one waited for the lock.
        const now = await schemaVersion(tx);
        if (now > known) throw new StoreFromTheFutureError(now, known);
        if (now >= m.version) return;
      }
      await m.up(tx);
      await setSchemaVersion(tx, m.version);
    });
  }
  return known;
}
