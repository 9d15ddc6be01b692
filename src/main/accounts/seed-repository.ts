import type { Database, Queryable, SqlValue } from '../store/database';
import type { Engine } from '../store/dialect';
import { PII_COLUMNS } from './account-repository';

/**
 * The bulk load's statements (seed.ts prepares the chunks). On SQLite each chunk crosses the
 * driver as ONE JSON text per table (`INSERT ... SELECT ... FROM json_each(?)`), not tens of
 * thousands of bound parameters, which node-sqlite3 converts one by one on the main thread and
 * between which SQLite would sit idle waiting for the main thread to hand over the next
 * statement. On PostgreSQL, multi-row INSERTs for now.
 */

export const ACCOUNT_COLUMNS = [
  'username',
  'real_name',
  'category',
  'number',
  'department',
  'doc_type',
  ...PII_COLUMNS,
  'status',
  'status_reason',
  'failed_attempts',
  'locked_until',
  'password_changed_at',
  'password_expires_at',
  'activation_sent_at',
  'activation_channel',
  'created_at',
  'updated_at',
] as const;

/** One chunk's rows; accounts are referred to by their index in the chunk. */
export interface SeedRows {
  /** Values in ACCOUNT_COLUMNS order. */
  accounts: SqlValue[][];
  keys: [key: string, row: number, department: string, category: string, status: string][];
  /** Recent failed sign-ins. */
  attempts: [row: number, at: string, source: string][];
  /** The status event of an account with a status reason. */
  events: [row: number, at: string, status: string, reason: string][];
}

/** A chunk as its engine's statements take it: built while the previous chunk is written. */
export type EncodedSeedRows =
  | { engine: 'sqlite'; accounts: string; keys: string; attempts: string | null; events: string | null }
  | ({ engine: 'postgres' } & SeedRows);

export function encodeSeedRows(engine: Engine, rows: SeedRows): EncodedSeedRows {
  if (engine === 'postgres') return { engine, ...rows };
  return {
    engine,
    accounts: JSON.stringify(rows.accounts),
    keys: JSON.stringify(rows.keys),
    attempts: rows.attempts.length ? JSON.stringify(rows.attempts) : null,
    events: rows.events.length ? JSON.stringify(rows.events) : null,
  };
}

/** `?2` is the id of the chunk's first account; json_each's `key` is the row's index in the chunk. */
const select = (width: number) => Array.from({ length: width }, (_, i) => `value ->> ${i}`).join(', ');
const SQLITE_ACCOUNTS = `INSERT INTO accounts (id, ${ACCOUNT_COLUMNS.join(', ')})
  SELECT ?2 + key, ${select(ACCOUNT_COLUMNS.length)} FROM json_each(?1)`;
// `WHERE true`: without a WHERE, SQLite would read the ON of the upsert as a join's.
const SQLITE_KEYS = `INSERT INTO account_name_keys (key, account_id, department, category, status)
  SELECT value ->> 0, ?2 + (value ->> 1), value ->> 2, value ->> 3, value ->> 4 FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`;
const SQLITE_ATTEMPTS = `INSERT INTO account_sign_in_attempts (account_id, at, outcome, source)
  SELECT ?2 + (value ->> 0), value ->> 1, 'wrong_password', value ->> 2 FROM json_each(?1)`;
const SQLITE_EVENTS = `INSERT INTO account_status_events (account_id, at, from_status, to_status, reason, actor)
  SELECT ?2 + (value ->> 0), value ->> 1, 'active', value ->> 2, value ->> 3, ?3 FROM json_each(?1)`;

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 65_535;

async function insertValues(tx: Queryable, table: string, columns: readonly string[], rows: readonly SqlValue[][], suffix = ''): Promise<void> {
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}${suffix}`, slice.flat());
  }
}

/** Writes a chunk after the accounts stored so far, their ids following on; returns the first id. */
export async function writeSeedRows(tx: Queryable, chunk: EncodedSeedRows, actor: string): Promise<number> {
  const top = await tx.get<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM accounts');
  const firstId = top!.id + 1;
  if (chunk.engine === 'sqlite') {
    await tx.run(SQLITE_ACCOUNTS, [chunk.accounts, firstId]);
    await tx.run(SQLITE_KEYS, [chunk.keys, firstId]);
    if (chunk.attempts) await tx.run(SQLITE_ATTEMPTS, [chunk.attempts, firstId]);
    if (chunk.events) await tx.run(SQLITE_EVENTS, [chunk.events, firstId, actor]);
    return firstId;
  }
  await insertValues(tx, 'accounts', ['id', ...ACCOUNT_COLUMNS], chunk.accounts.map((values, r) => [firstId + r, ...values]));
  await insertValues(
    tx,
    'account_name_keys',
    ['key', 'account_id', 'department', 'category', 'status'],
    chunk.keys.map(([key, r, department, category, status]) => [key, firstId + r, department, category, status]),
    ' ON CONFLICT DO NOTHING',
  );
  await insertValues(
    tx,
    'account_sign_in_attempts',
    ['account_id', 'at', 'outcome', 'source'],
    chunk.attempts.map(([r, at, source]) => [firstId + r, at, 'wrong_password', source]),
  );
  await insertValues(
    tx,
    'account_status_events',
    ['account_id', 'at', 'from_status', 'to_status', 'reason', 'actor'],
    chunk.events.map(([r, at, status, reason]) => [firstId + r, at, 'active', status, reason, actor]),
  );
  // The ids were given, so the column's sequence has not moved: later accounts must come after these.
  await tx.get("SELECT setval(pg_get_serial_sequence('accounts', 'id'), ?)", [firstId + chunk.accounts.length - 1]);
  return firstId;
}

/** Runs the load with SQLite's page cache of the writer at `cacheMiB`, restored afterwards. */
export async function withLoadCache<T>(db: Database, cacheMiB: number, work: () => Promise<T>): Promise<T> {
  if (db.engine !== 'sqlite') return work();
  const previousCache = await db.raw((c) => c.get<{ cache_size: number }>('PRAGMA cache_size'));
  await db.raw((c) => c.exec(`PRAGMA cache_size = ${-Math.round(cacheMiB * 1024)}`));
  try {
    return await work();
  } finally {
    await db.raw((c) => c.exec(`PRAGMA cache_size = ${previousCache?.cache_size ?? -2000}`));
  }
}
