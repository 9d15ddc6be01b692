import type { Database, Queryable, SqlValue } from '../store/database';
import { copyFrom } from '../store/postgres-database';
import type { Engine } from '../store/dialect';
import { PII_COLUMNS } from './account-repository';

/**
 * The bulk load's statements (seed.ts prepares the chunks). On SQLite each chunk crosses the
 * driver as ONE JSON text per table (`INSERT ... SELECT ... FROM json_each(?)`), not tens of
 * thousands of bound parameters, which node-sqlite3 converts one by one on the main thread and
 * between which SQLite would sit idle waiting for the main thread to hand over the next
 * statement. On PostgreSQL each chunk is one `COPY ... FROM STDIN` per table, in COPY's text
 * format, built while the previous chunk is written: no parameters, no statement to parse per row.
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

/**
 * A table's rows of one chunk in COPY's text format, each line without its leading account id
 * (known only when the chunk is written, as the store's largest id and one): `rows[i]` is the
 * chunk index of the account that `tails[i]` belongs to.
 */
export interface CopyLines {
  rows: number[];
  tails: string[];
}

/** A chunk as its engine's statements take it: built while the previous chunk is written. */
export type EncodedSeedRows =
  | { engine: 'sqlite'; accounts: string; keys: string; attempts: string | null; events: string | null }
  | { engine: 'postgres'; count: number; accounts: CopyLines; keys: CopyLines; attempts: CopyLines; events: CopyLines };

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_SPECIAL = /[\\\t\n\r]/;

/** A value as a field of COPY's text format: NULL as \N; backslash, tab, newline and carriage return escaped. */
function copyField(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}

const copyTail = (values: readonly (SqlValue | undefined)[]) => values.map(copyField).join('\t');

function encodeCopy(rows: SeedRows): EncodedSeedRows {
  const keys: CopyLines = { rows: [], tails: [] };
  let previous: SeedRows['keys'][number] | undefined;
  for (const k of rows.keys) {
    // What the multi-row INSERT's ON CONFLICT DO NOTHING dropped: the same key twice for one account (sorted: adjacent).
    if (previous && previous[0] === k[0] && previous[1] === k[1]) continue;
    previous = k;
    keys.rows.push(k[1]);
    keys.tails.push(copyTail([k[0], k[2], k[3], k[4]]));
  }
  return {
    engine: 'postgres',
    count: rows.accounts.length,
    accounts: { rows: rows.accounts.map((_, r) => r), tails: rows.accounts.map(copyTail) },
    keys,
    attempts: { rows: rows.attempts.map((a) => a[0]), tails: rows.attempts.map(([, at, source]) => copyTail([at, 'wrong_password', source])) },
    events: { rows: rows.events.map((e) => e[0]), tails: rows.events.map(([, at, status, reason]) => copyTail([at, 'active', status, reason])) },
  };
}

export function encodeSeedRows(engine: Engine, rows: SeedRows): EncodedSeedRows {
  if (engine === 'postgres') return encodeCopy(rows);
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

/** One COPY of a chunk's lines into `table`; the first of `columns` is the account id, `firstId` + the line's row. */
async function copyLines(tx: Queryable, table: string, columns: readonly string[], lines: CopyLines, firstId: number): Promise<void> {
  if (!lines.tails.length) return;
  const text = lines.tails.map((tail, i) => `${firstId + lines.rows[i]!}\t${tail}\n`).join('');
  await copyFrom(tx, `COPY ${table} (${columns.join(', ')}) FROM STDIN`, text);
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
  await copyLines(tx, 'accounts', ['id', ...ACCOUNT_COLUMNS], chunk.accounts, firstId);
  await copyLines(tx, 'account_name_keys', ['account_id', 'key', 'department', 'category', 'status'], chunk.keys, firstId);
  await copyLines(tx, 'account_sign_in_attempts', ['account_id', 'at', 'outcome', 'source'], chunk.attempts, firstId);
  // The actor is the same for every event of the load: bound as the line's second field.
  const events = { rows: chunk.events.rows, tails: chunk.events.tails.map((tail) => `${copyField(actor)}\t${tail}`) };
  await copyLines(tx, 'account_status_events', ['account_id', 'actor', 'at', 'from_status', 'to_status', 'reason'], events, firstId);
  // The ids were given, so the column's sequence has not moved: later accounts must come after these.
  await tx.get("SELECT setval(pg_get_serial_sequence('accounts', 'id'), ?)", [firstId + chunk.count - 1]);
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

/**
 * After a bulk load on PostgreSQL, the planner's statistics of the tables it filled, which
 * autovacuum would gather only later: until then the planner takes the million-row tables for
 * the empty ones they were. (SQLite's planner needs none: its indexes are all it weighs.)
 */
export async function analyzeLoadedTables(db: Database): Promise<void> {
  if (db.engine !== 'postgres') return;
  await db.raw((c) => c.exec('ANALYZE accounts, account_name_keys, account_sign_in_attempts, account_status_events'));
}
