import { normalizeEmail, normalizeMobile } from '../../shared/identity/contacts';
import { normalizeDocumentNumber } from '../../shared/identity/documents';
import type { ExactKind, SummaryRow } from './account-repository';
import {
  type Key,
  type NameWalk,
  type SearchFilters
} from './account-search-repository';
import { normalizeNameQuery } from './name-keys';
import type { PiiVault } from './pii-vault';
import type { Repositories } from '../repositories';

export type { SearchFilters };

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

function passes(row: SummaryRow, f: SearchFilters): boolean {
  return (!f.category || row.category === f.category) && (!f.status || row.status === f.status) && (!f.department || row.department === f.department);
}

/** Keys read per step of the walk: an account owns several keys (zhangsan, zhang san, zs) that one prefix can match. */
export const nameWalkChunk = (wanted: number) => Math.max(64, wanted * 3);

/** The exact hits, in the order of the readings, and the walk's first keys, in key order. */
async function firstStep(repos: Repositories, readings: readonly Reading[], walk: NameWalk | null, filters: SearchFilters) {
  const { exact: rows, keys } = await repos.search.readFirstSearchStep(readings, walk);
  const seen = new Set<number>();
  const exact: SearchHit[] = [];
  for (const row of rows) {
    if (!seen.has(row.id) && passes(row, filters)) {
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
async function walkOn(repos: Repositories, walk: NameWalk, first: Key[], wanted: number): Promise<number[]> {
  const ids = new Set<number>();
  let keys = first;
  for (;;) {
    for (const [, id] of keys) if (ids.size < wanted) ids.add(id);
    if (ids.size >= wanted || keys.length < walk.chunk) return [...ids];
    keys = await repos.search.readNameKeysAfter(walk, keys[keys.length - 1]!);
  }
}

/** No query, only filters: the accounts of a school, a category or a status, newest first. */
async function listByFilters(repos: Repositories, filters: SearchFilters, page: number, pageSize: number) {
  if (!filters.category && !filters.status && !filters.department) return { hits: [], hasMore: false };
  const rows = await repos.search.filterListPage(filters, page, pageSize);
  return { hits: rows.slice(0, pageSize).map((row) => ({ row, matchedBy: null })), hasMore: rows.length > pageSize };
}

/**
 * One search box (the readings of `query` that the caller allows, see readQuery): exact matches on every field a visitor can give (username, number,
 * mobile, email, document) come first; then name prefixes (Chinese, pinyin, initials),
 * exact name keys before longer ones, in index order, a page at a time.
 */
export async function searchAccounts(
  repos: Repositories,
  readings: readonly Reading[],
  query: string,
  filters: SearchFilters,
  page: number,
  pageSize: number,
): Promise<{ hits: SearchHit[]; hasMore: boolean }> {
  if (!query.trim()) return listByFilters(repos, filters, page, pageSize);
  const prefix = normalizeNameQuery(query);
  const start = (page - 1) * pageSize;
  const wanted = start + pageSize + 1;
  // No name key holds a digit or "@": such a query was a number, a contact or a document. The walk
  // reads a whole page's worth, since exact hits it also finds are dropped.
  const walk = prefix && !/[\d@]/.test(prefix) ? { prefix, filters, chunk: nameWalkChunk(wanted) } : null;
  const { exact, keys } = await firstStep(repos, readings, walk, filters);
  const namedIds = walk ? await walkOn(repos, walk, keys, wanted) : [];
  const exactById = new Map(exact.map((h) => [h.row.id, h]));
  const order = [...exactById.keys(), ...namedIds.filter((id) => !exactById.has(id))].slice(start);
  const hasMore = order.length > pageSize;
  // Only this page's name matches are read: earlier pages' and the one telling "more follow" are ids alone.
  const pageIds = order.slice(0, pageSize);
  const named = await repos.search.summariesById(pageIds.filter((id) => !exactById.has(id)));
  const hits = pageIds.map((id): SearchHit | undefined => exactById.get(id) ?? (named.has(id) ? { row: named.get(id)!, matchedBy: 'name' } : undefined));
  return { hits: hits.filter((h): h is SearchHit => h !== undefined), hasMore };
}
