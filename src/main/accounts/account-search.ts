import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import { normalizeEmail, normalizeMobile } from '../../shared/identity/contacts';
import { normalizeDocumentNumber } from '../../shared/identity/documents';
import type { Queryable } from '../store/database';
import { EXACT_LOOKUPS, type ExactKind, type SummaryRow, summaryColumnsOf } from './account-repository';
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

/** What a typed query could be; each reading is one indexed exact lookup. */
export function readQuery(raw: string, vault: PiiVault): { kind: ExactKind; param: string }[] {
  const q = raw.trim();
  const readings: { kind: ExactKind; param: string }[] = [];
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

/** Every reading of a query as ONE statement (a round trip to SQLite each would cost more than the lookups). */
export function exactLookupStatement(readings: readonly { kind: ExactKind; param: string }[]): { sql: string; params: string[] } {
  return {
    sql: readings.map((r, i) => `SELECT ${i} AS reading, * FROM (${EXACT_LOOKUPS[r.kind]})`).join(' UNION ALL '),
    params: readings.map((r) => r.param),
  };
}

async function exactHits(db: Queryable, readings: ReturnType<typeof readQuery>, filters: SearchFilters) {
  if (!readings.length) return [];
  const seen = new Set<number>();
  const { sql, params } = exactLookupStatement(readings);
  const rows = await db.all<SummaryRow & { reading: number }>(sql, params);
  // UNION ALL does not promise the members' order; the readings' order is the answer's.
  rows.sort((x, y) => x.reading - y.reading);
  const hits: SearchHit[] = [];
  for (const row of rows) {
    if (seen.has(row.id) || !passes(row, filters)) continue;
    seen.add(row.id);
    hits.push({ row, matchedBy: readings[row.reading]!.kind });
  }
  return hits;
}

/**
 * The name-key walk from `after` (exclusive), in key order. Filters are checked on the key
 * rows, which carry the account's department, category and status, so only hits are
 * joined to their accounts; with a department the walk stays within that department's keys.
 */
export function namePrefixStatement(prefix: string, filters: SearchFilters, after: readonly [string, number], limit: number) {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filters.department) (where.push('k.department = ?'), params.push(filters.department));
  where.push('(k.key, k.account_id) > (?, ?)', 'k.key < ?');
  params.push(after[0], after[1], `${prefix}\uffff`);
  if (filters.category) (where.push('k.category = ?'), params.push(filters.category));
  if (filters.status) (where.push('k.status = ?'), params.push(filters.status));
  const sql = `SELECT k.key AS name_key, ${summaryColumnsOf('a')} FROM account_name_keys k JOIN accounts a ON a.id = k.account_id
     WHERE ${where.join(' AND ')} ORDER BY k.key, k.account_id LIMIT ?`;
  return { sql, params: [...params, limit] };
}

/**
 * Accounts whose name keys start with the prefix, streamed in index order (so an exact key,
 * the smallest string with that prefix, comes first) and de-duplicated: an account owns
 * several keys (zhangsan, zhang san, zs). Reads only as many keys as the page needs.
 */
async function namePrefixHits(db: Queryable, prefix: string, filters: SearchFilters, wanted: number) {
  const seen = new Set<number>();
  const hits: SearchHit[] = [];
  let after: [string, number] = [prefix, -1];
  const chunk = Math.max(64, wanted * 3);
  while (hits.length < wanted) {
    const { sql, params } = namePrefixStatement(prefix, filters, after, chunk);
    const rows = await db.all<SummaryRow & { name_key: string }>(sql, params);
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      hits.push({ row, matchedBy: 'name' });
    }
    if (rows.length < chunk) break;
    const last = rows[rows.length - 1]!;
    after = [last.name_key, last.id];
  }
  return hits.slice(0, wanted);
}

/** A page of the accounts passing the filters, newest first, and one more to tell whether more follow. */
export function filterListStatement(filters: SearchFilters, page: number, pageSize: number) {
  const f = filterSql(filters);
  return {
    sql: `SELECT ${summaryColumnsOf('a')} FROM accounts a WHERE 1 = 1${f.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    params: [...f.params, pageSize + 1, (page - 1) * pageSize],
  };
}

/** No query, only filters: the accounts of a school, a category or a status, newest first. */
async function listByFilters(db: Queryable, filters: SearchFilters, page: number, pageSize: number) {
  if (!filters.category && !filters.status && !filters.department) return { hits: [], hasMore: false };
  const { sql, params } = filterListStatement(filters, page, pageSize);
  const rows = await db.all<SummaryRow>(sql, params);
  return { hits: rows.slice(0, pageSize).map((row) => ({ row, matchedBy: null })), hasMore: rows.length > pageSize };
}

/**
 * One search box: exact matches on every field a visitor can give (username, number,
 * mobile, email, document) come first; then name prefixes (Chinese, pinyin, initials),
 * exact name keys before longer ones, in index order, a page at a time.
 */
export async function searchAccounts(
  db: Queryable,
  vault: PiiVault,
  query: string,
  filters: SearchFilters,
  page: number,
  pageSize: number,
): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
  if (!query.trim()) return listByFilters(db, filters, page, pageSize);
  const prefix = normalizeNameQuery(query);
  const start = (page - 1) * pageSize;
  const wanted = start + pageSize + 1;
  // The exact readings and the name walk run side by side (the reader pool gives each its own
  // connection); the walk fetches a whole page's worth, since exact hits it also finds are dropped.
  // No name key holds a digit or "@": such a query was a number, a contact or a document.
  const [exact, named] = await Promise.all([
    exactHits(db, readQuery(query, vault), filters),
    prefix && !/[\d@]/.test(prefix) ? namePrefixHits(db, prefix, filters, wanted) : [],
  ]);
  const exactIds = new Set(exact.map((h) => h.row.id));
  const hits = [...exact, ...named.filter((h) => !exactIds.has(h.row.id))].slice(start);
  const hasMore = hits.length > pageSize;
  return { hits: hits.slice(0, pageSize), hasMore };
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
