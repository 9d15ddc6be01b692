import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import { normalizeEmail, normalizeMobile } from '../../shared/identity/contacts';
import { normalizeDocumentNumber } from '../../shared/identity/documents';
import type { Queryable } from '../store/database';
import { type AccountRow, EXACT_LOOKUPS, type ExactKind } from './account-repository';
import { normalizeNameQuery } from './name-keys';
import type { PiiVault } from './pii-vault';

export interface SearchFilters {
  category?: AccountCategory;
  status?: AccountStatus;
  department?: string;
}

export interface SearchHit {
  row: AccountRow;
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

function passes(row: AccountRow, f: SearchFilters): boolean {
  return (!f.category || row.category === f.category) && (!f.status || row.status === f.status) && (!f.department || row.department === f.department);
}

/**
 * Accounts whose name keys start with the prefix, streamed in index order (so an exact key,
 * the smallest string with that prefix, comes first) and de-duplicated: an account owns
 * several keys (zhangsan, zhang san, zs). Reads only as many keys as the page needs.
 */
async function namePrefixHits(db: Queryable, prefix: string, filters: SearchFilters, seen: Set<number>, wanted: number) {
  const f = filterSql(filters);
  const hits: SearchHit[] = [];
  let after: [string, number] = [prefix, -1];
  const chunk = Math.max(64, wanted * 3);
  while (hits.length < wanted) {
    const rows = await db.all<AccountRow & { name_key: string }>(
      `SELECT k.key AS name_key, a.* FROM account_name_keys k JOIN accounts a ON a.id = k.account_id
       WHERE (k.key, k.account_id) > (?, ?) AND k.key < ?${f.sql}
       ORDER BY k.key, k.account_id LIMIT ?`,
      [after[0], after[1], `${prefix}\uffff`, ...f.params, chunk],
    );
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

/** No query, only filters: the accounts of a school, a category or a status, newest first. */
async function listByFilters(db: Queryable, filters: SearchFilters, page: number, pageSize: number) {
  const f = filterSql(filters);
  if (!f.params.length) return { hits: [], hasMore: false };
  const rows = await db.all<AccountRow>(`SELECT a.* FROM accounts a WHERE 1 = 1${f.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?`, [
    ...f.params,
    pageSize + 1,
    (page - 1) * pageSize,
  ]);
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
  const exact: SearchHit[] = [];
  const seen = new Set<number>();
  for (const reading of readQuery(query, vault)) {
    for (const row of await db.all<AccountRow>(EXACT_LOOKUPS[reading.kind], [reading.param])) {
      if (!seen.has(row.id) && passes(row, filters)) {
        seen.add(row.id);
        exact.push({ row, matchedBy: reading.kind });
      }
    }
  }
  if (!query.trim()) return listByFilters(db, filters, page, pageSize);
  const prefix = normalizeNameQuery(query);
  const start = (page - 1) * pageSize;
  const wanted = start + pageSize + 1;
  // No name key holds a digit or "@": such a query was a number, a contact or a document.
  const named = prefix && !/[\d@]/.test(prefix) ? await namePrefixHits(db, prefix, filters, seen, wanted - exact.length) : [];
  const hits = [...exact, ...named].slice(start);
  const hasMore = hits.length > pageSize;
  return { hits: hits.slice(0, pageSize), hasMore };
}
