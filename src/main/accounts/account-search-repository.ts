import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import type { Queryable } from '../store/database';
import { type Engine, jsonArray, jsonArrayAgg, jsonObject } from '../store/dialect';
import { EXACT_LOOKUPS, type ExactKind, SUMMARY_COLUMNS, type SummaryRow, summaryColumnsOf } from './account-repository';

/** The statements of the counter's search box (account-search.ts walks them). */

export interface SearchFilters {
  category?: AccountCategory;
  status?: AccountStatus;
  department?: string;
}

function filterSql(f: SearchFilters): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (f.category) (clauses.push('a.category = ?'), params.push(f.category));
  if (f.status) (clauses.push('a.status = ?'), params.push(f.status));
  if (f.department) (clauses.push('a.department = ?'), params.push(f.department));
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}

/**
 * The driver builds a JavaScript object per row and sets a property per column, which for
 * dozens of rows costs more than the lookups. Statements answering many rows answer one row
 * instead, a JSON text the store builds, which JSON.parse reads at once.
 */
const summaryJson = (engine: Engine) => jsonObject(engine, SUMMARY_COLUMNS.map((c) => [c, `a.${c}`] as const));

/**
 * The name-key walk from `after` (exclusive), in key order, keys only, as a JSON array of
 * [key, account id]: the key table is its own covering index, and filters are checked on its
 * rows (they carry the account's department, category and status), so no account is read
 * while walking. With a department the walk stays within that department's keys.
 */
export function nameKeyWalkStatement(engine: Engine, prefix: string, filters: SearchFilters, after: readonly [string, number], limit: number) {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filters.department) (where.push('department = ?'), params.push(filters.department));
  where.push('(key, account_id) > (?, ?)', 'key < ?');
  params.push(after[0], after[1], `${prefix}\uffff`);
  if (filters.category) (where.push('category = ?'), params.push(filters.category));
  if (filters.status) (where.push('status = ?'), params.push(filters.status));
  const sql = `SELECT ${jsonArrayAgg(engine, jsonArray(engine, ['key', 'account_id']))} AS keys FROM (
     SELECT key, account_id FROM account_name_keys WHERE ${where.join(' AND ')} ORDER BY key, account_id LIMIT ?) AS k`;
  return { sql, params: [...params, limit] };
}

/** Where a name walk goes: keys starting with the prefix, passing the filters, `chunk` keys per statement. */
export interface NameWalk {
  prefix: string;
  filters: SearchFilters;
  chunk: number;
}

export type Key = [key: string, accountId: number];

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * The walk's order, (key, account id), as the store has it: TEXT compares by its UTF-8 bytes,
 * which is code-point order, where JavaScript's `<` compares UTF-16 units (names from CJK
 * Extension B onwards are surrogate pairs, above every other character in code-point order).
 */
function inKeyOrder([a, x]: Key, [b, y]: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const u = a.charCodeAt(i);
    const v = b.charCodeAt(i);
    if (u === v) continue;
    if (isSurrogate(u) !== isSurrogate(v)) return isSurrogate(u) ? 1 : -1;
    return u - v;
  }
  return a.length - b.length || x - y;
}

/** A step's keys in walk order: an aggregate promises no order, so it is restored here. */
const parseKeys = (json: string): Key[] => (JSON.parse(json) as Key[]).sort(inKeyOrder);

/** The walk member of the first statement stands in the summary's columns: its keys, then NULLs. */
const WALK_ROW_COLUMNS = SUMMARY_COLUMNS.map((c) => `NULL AS ${c}`).join(', ');

/**
 * A search's first statement: every exact reading of the query and the first step of the
 * name walk, as ONE statement. A round trip to the store costs more than these lookups,
 * and each is a chance for a busy machine to make the caller wait. Exact rows carry the index
 * of their reading; the walk's row carries reading -1 and its keys. The keys column is TEXT in
 * every member: PostgreSQL types a UNION's columns pair by pair, and two NULLs make TEXT.
 */
export function firstSearchStatement(engine: Engine, readings: readonly { kind: ExactKind; param: string }[], walk: NameWalk | null) {
  const members = readings.map((r, i) => ({
    sql: `SELECT ${i} AS reading, CAST(NULL AS TEXT) AS keys, * FROM (${EXACT_LOOKUPS[r.kind]}) AS e${i}`,
    params: [r.param],
  }));
  if (walk) {
    const step = nameKeyWalkStatement(engine, walk.prefix, walk.filters, [walk.prefix, -1], walk.chunk);
    members.push({ sql: `SELECT -1 AS reading, CAST((${step.sql}) AS TEXT) AS keys, ${WALK_ROW_COLUMNS}`, params: step.params as string[] });
  }
  return { sql: members.map((m) => m.sql).join(' UNION ALL '), params: members.flatMap((m) => m.params) };
}

/** The exact rows, in the order of the readings, each with its reading's index, and the walk's first keys, in key order. */
export async function readFirstSearchStep(db: Queryable, readings: readonly { kind: ExactKind; param: string }[], walk: NameWalk | null) {
  if (!readings.length && !walk) return { exact: [], keys: [] };
  const { sql, params } = firstSearchStatement(db.engine, readings, walk);
  const rows = await db.all<SummaryRow & { reading: number; keys: string | null }>(sql, params);
  // UNION ALL does not promise the members' order; the readings' order is the answer's.
  rows.sort((x, y) => x.reading - y.reading);
  const walked = rows[0]?.reading === -1 ? rows.shift()! : null;
  return { exact: rows, keys: walked ? parseKeys(walked.keys!) : [] };
}

/** The walk's next keys after `after`, in key order. */
export async function readNameKeysAfter(db: Queryable, walk: NameWalk, after: Key): Promise<Key[]> {
  const { sql, params } = nameKeyWalkStatement(db.engine, walk.prefix, walk.filters, after, walk.chunk);
  return parseKeys((await db.get<{ keys: string }>(sql, params))!.keys);
}

/** The summaries of these accounts, as one JSON array: one statement, one primary-key seek each. */
export function summariesByIdStatement(engine: Engine, ids: readonly number[]) {
  return {
    sql: `SELECT ${jsonArrayAgg(engine, summaryJson(engine))} AS page FROM accounts a WHERE a.id IN (${ids.map(() => '?').join(', ')})`,
    params: [...ids],
  };
}

/** Those summaries by account id. */
export async function summariesById(db: Queryable, ids: readonly number[]): Promise<Map<number, SummaryRow>> {
  if (!ids.length) return new Map();
  const { sql, params } = summariesByIdStatement(db.engine, ids);
  const rows = JSON.parse((await db.get<{ page: string }>(sql, params))!.page) as SummaryRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** A page of the accounts passing the filters, newest first, and one more to tell whether more follow, as one JSON array. */
export function filterListStatement(engine: Engine, filters: SearchFilters, page: number, pageSize: number) {
  const f = filterSql(filters);
  return {
    sql: `SELECT ${jsonArrayAgg(engine, summaryJson(engine))} AS page FROM (
       SELECT ${summaryColumnsOf('a')} FROM accounts a WHERE 1 = 1${f.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?) a`,
    params: [...f.params, pageSize + 1, (page - 1) * pageSize],
  };
}

/** That page (and the one more), newest first. */
export async function filterListPage(db: Queryable, filters: SearchFilters, page: number, pageSize: number): Promise<SummaryRow[]> {
  const { sql, params } = filterListStatement(db.engine, filters, page, pageSize);
  return (JSON.parse((await db.get<{ page: string }>(sql, params))!.page) as SummaryRow[]).sort((x, y) => y.id - x.id);
}

/**
 * The departments that accounts belong to, one index seek each (a skip scan): DISTINCT
 * would read every account's index entry. Always current, so nothing to invalidate.
 */
export async function listDepartments(db: Queryable): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    `WITH RECURSIVE d(name) AS (
       SELECT min(department) FROM accounts
       UNION ALL
       SELECT (SELECT min(department) FROM accounts WHERE department > d.name) FROM d WHERE d.name IS NOT NULL
     )
     SELECT name FROM d WHERE name IS NOT NULL`,
  );
  return rows.map((r) => r.name);
}
