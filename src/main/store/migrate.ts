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

export async function schemaVersion(db: Queryable): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  return row?.user_version ?? 0;
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
      await m.up(tx);
      await tx.exec(`PRAGMA user_version = ${m.version}`);
    });
  }
  return known;
}
