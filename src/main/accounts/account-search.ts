import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import { normalizeEmail, normalizeMobile } from '../../shared/identity/contacts';
import { normalizeDocumentNumber } from '../../shared/identity/documents';
import type { Queryable } from '../store/database';
import { EXACT_LOOKUPS, type ExactKind, SUMMARY_COLUMNS, type SummaryRow, summaryColumnsOf } from './account-repository';
import { normalizeNameQuery } from './name-keys';
import type { PiiVault } from './pii-vault';

export interface SearchFilters {
  category?: AccountCategory;
  status?: AccountStatus;
  department?: string;
}

export interface SearchHit {
  row: SummaryRow;
  matchedBy: ExactKind | 'name' | null;
}

export type Reading = { kind: ExactKind; param: string };

/** Readings that look PII up (an oracle for what a mask hides): budgeted per operator (lookup-budget.ts). */
export const PII_KINDS: readonly ExactKind[] = ['email', 'mobile', 'document'];

/** What a typed query could be; each reading is one indexed exact lookup. */
export function readQuery(raw: string, vault: PiiVault): Reading[] {
  const q = raw.trim();
  const readings: Reading[] = [];
  if (/^[A-Za-z][A-Za-z0-9_.-]{2,39}$/.test(q)) readings.push({ kind: 'username', param: q.toLowerCase() });
  if (/^[A-Za-z0-9]{4,20}$/.test(q)) readings.push({ kind: 'number', param: q.toUpperCase() });
  const email = q.includes('@') ? normalizeEmail(q) : null;
  if (email) readings.push({ kind: 'email', param: vault.index('email', email) });
  const mobile = /^[+\d][\d\s()-]{6,}$/.test(q) ? normalizeMobile(q) : null;
  if (mobile) readings.push({ kind: 'mobile', param: vault.index('mobile', mobile) });
  const doc = normalizeDocumentNumber(q);
  if (/^[A-Z0-9]{5,18}$/.test(doc) && /\d{4}/.test(doc)) readings.push({ kind: 'document', param: vault.index('document', doc) });
  return readings;
}

function filterSql(f: SearchFilters): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (f.category) (clauses.push('a.category = ?'), params.push(f.category));
  if (f.status) (clauses.push('a.status = ?'), params.push(f.status));
  if (f.department) (clauses.push('a.department = ?'), params.push(f.department));
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}

function passes(row: SummaryRow, f: SearchFilters): boolean {
  return (!f.category || row.category === f.category) && (!f.status || row.status === f.status) && (!f.department || row.department === f.department);
}

/**
 * The driver builds a JavaScript object per row and sets a property per column, which for
 * dozens of rows costs more than the lookups. Statements answering many rows answer one row
 * instead, a JSON text SQLite builds, which JSON.parse reads at once.
 */
const SUMMARY_JSON = `json_object(${SUMMARY_COLUMNS.map((c) => `'${c}', a.${c}`).join(', ')})`;

/**
 * The name-key walk from `after` (exclusive), in key order, keys only, as a JSON array of
 * [key, account id]: the key table is its own covering index, and filters are checked on its
 * rows (they carry the account's department, category and status), so no account is read
 * while walking. With a department the walk stays within that department's keys.
 */
export function nameKeyWalkStatement(prefix: string, filters: SearchFilters, after: readonly [string, number], limit: number) {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filters.department) (where.push('department = ?'), params.push(filters.department));
  where.push('(key, account_id) > (?, ?)', 'key < ?');
  params.push(after[0], after[1], `${prefix}\uffff`);
  if (filters.category) (where.push('category = ?'), params.push(filters.category));
  if (filters.status) (where.push('status = ?'), params.push(filters.status));
  const sql = `SELECT json_group_array(json_array(key, account_id)) AS keys FROM (
     SELECT key, account_id FROM account_name_keys WHERE ${where.join(' AND ')} ORDER BY key, account_id LIMIT ?)`;
  return { sql, params: [...params, limit] };
}

/** Keys read per step of the walk: an account owns several keys (zhangsan, zhang san, zs) that one prefix can match. */
export const nameWalkChunk = (wanted: number) => Math.max(64, wanted * 3);

/** Where a name walk goes: keys starting with the prefix, passing the filters, `chunk` keys per statement. */
interface NameWalk {
  prefix: string;
  filters: SearchFilters;
  chunk: number;
}

type Key = [key: string, accountId: number];

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * The walk's order, (key, account id), as SQLite has it: TEXT compares by its UTF-8 bytes,
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
 * name walk, as ONE statement. A round trip to SQLite's thread costs more than these lookups,
 * and each is a chance for a busy machine to make the caller wait. Exact rows carry the index
 * of their reading; the walk's row carries reading -1 and its keys.
 */
export function firstSearchStatement(readings: readonly { kind: ExactKind; param: string }[], walk: NameWalk | null) {
  const members = readings.map((r, i) => ({ sql: `SELECT ${i} AS reading, NULL AS keys, * FROM (${EXACT_LOOKUPS[r.kind]})`, params: [r.param] }));
  if (walk) {
    const step = nameKeyWalkStatement(walk.prefix, walk.filters, [walk.prefix, -1], walk.chunk);
    members.push({ sql: `SELECT -1 AS reading, (${step.sql}) AS keys, ${WALK_ROW_COLUMNS}`, params: step.params as string[] });
  }
  return { sql: members.map((m) => m.sql).join(' UNION ALL '), params: members.flatMap((m) => m.params) };
}

/** The exact hits, in the order of the readings, and the walk's first keys, in key order. */
async function firstStep(db: Queryable, readings: readonly Reading[], walk: NameWalk | null, filters: SearchFilters) {
  if (!readings.length && !walk) return { exact: [], keys: [] };
  const { sql, params } = firstSearchStatement(readings, walk);
  const rows = await db.all<SummaryRow & { reading: number; keys: string | null }>(sql, params);
  // UNION ALL does not promise the members' order; the readings' order is the answer's.
  rows.sort((x, y) => x.reading - y.reading);
  const seen = new Set<number>();
  const exact: SearchHit[] = [];
  let keys: Key[] = [];
  for (const row of rows) {
    if (row.reading < 0) keys = parseKeys(row.keys!);
    else if (!seen.has(row.id) && passes(row, filters)) {
      seen.add(row.id);
      exact.push({ row, matchedBy: readings[row.reading]!.kind });
    }
  }
  return { exact, keys };
}

/**
 * The ids of accounts whose name keys start with the prefix, in index order (so an exact key,
 * the smallest string with that prefix, comes first), de-duplicated, as many as wanted: the
 * first step's keys, then further steps while they are not enough and more keys follow.
 */
async function walkOn(db: Queryable, walk: NameWalk, first: Key[], wanted: number): Promise<number[]> {
  const ids = new Set<number>();
  let keys = first;
  for (;;) {
    for (const [, id] of keys) if (ids.size < wanted) ids.add(id);
    if (ids.size >= wanted || keys.length < walk.chunk) return [...ids];
    const next = nameKeyWalkStatement(walk.prefix, walk.filters, keys[keys.length - 1]!, walk.chunk);
    keys = parseKeys((await db.get<{ keys: string }>(next.sql, next.params))!.keys);
  }
}

/** The summaries of these accounts, as one JSON array: one statement, one primary-key seek each. */
export function summariesByIdStatement(ids: readonly number[]) {
  return { sql: `SELECT json_group_array(${SUMMARY_JSON}) AS page FROM accounts a WHERE a.id IN (${ids.map(() => '?').join(', ')})`, params: [...ids] };
}

/** Those summaries by account id. */
async function summariesById(db: Queryable, ids: readonly number[]): Promise<Map<number, SummaryRow>> {
  if (!ids.length) return new Map();
  const { sql, params } = summariesByIdStatement(ids);
  const rows = JSON.parse((await db.get<{ page: string }>(sql, params))!.page) as SummaryRow[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** A page of the accounts passing the filters, newest first, and one more to tell whether more follow, as one JSON array. */
export function filterListStatement(filters: SearchFilters, page: number, pageSize: number) {
  const f = filterSql(filters);
  return {
    sql: `SELECT json_group_array(${SUMMARY_JSON}) AS page FROM (
       SELECT ${summaryColumnsOf('a')} FROM accounts a WHERE 1 = 1${f.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?) a`,
    params: [...f.params, pageSize + 1, (page - 1) * pageSize],
  };
}

/** No query, only filters: the accounts of a school, a category or a status, newest first. */
async function listByFilters(db: Queryable, filters: SearchFilters, page: number, pageSize: number) {
  if (!filters.category && !filters.status && !filters.department) return { hits: [], hasMore: false };
  const { sql, params } = filterListStatement(filters, page, pageSize);
  const rows = (JSON.parse((await db.get<{ page: string }>(sql, params))!.page) as SummaryRow[]).sort((x, y) => y.id - x.id);
  return { hits: rows.slice(0, pageSize).map((row) => ({ row, matchedBy: null })), hasMore: rows.length > pageSize };
}

/**
 * One search box (the readings of `query` that the caller allows, see readQuery): exact matches on every field a visitor can give (username, number,
 * mobile, email, document) come first; then name prefixes (Chinese, pinyin, initials),
 * exact name keys before longer ones, in index order, a page at a time.
 */
export async function searchAccounts(
  db: Queryable,
  readings: readonly Reading[],
  query: string,
  filters: SearchFilters,
  page: number,
  pageSize: number,
): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
  if (!query.trim()) return listByFilters(db, filters, page, pageSize);
  const prefix = normalizeNameQuery(query);
  const start = (page - 1) * pageSize;
  const wanted = start + pageSize + 1;
  // No name key holds a digit or "@": such a query was a number, a contact or a document. The walk
  // reads a whole page's worth, since exact hits it also finds are dropped.
  const walk = prefix && !/[\d@]/.test(prefix) ? { prefix, filters, chunk: nameWalkChunk(wanted) } : null;
  const { exact, keys } = await firstStep(db, readings, walk, filters);
  const namedIds = walk ? await walkOn(db, walk, keys, wanted) : [];
  const exactById = new Map(exact.map((h) => [h.row.id, h]));
  const order = [...exactById.keys(), ...namedIds.filter((id) => !exactById.has(id))].slice(start);
  const hasMore = order.length > pageSize;
  // Only this page's name matches are read: earlier pages' and the one telling "more follow" are ids alone.
  const pageIds = order.slice(0, pageSize);
  const named = await summariesById(db, pageIds.filter((id) => !exactById.has(id)));
  const hits = pageIds.map((id): SearchHit | undefined => exactById.get(id) ?? (named.has(id) ? { row: named.get(id)!, matchedBy: 'name' } : undefined));
  return { hits: hits.filter((h): h is SearchHit => h !== undefined), hasMore };
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
