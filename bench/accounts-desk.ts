import { PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { EXACT_LOOKUPS, type ExactKind } from '../src/main/accounts/account-repository';
import { type SearchFilters, nameWalkChunk, readQuery } from '../src/main/accounts/account-search';
import { filterListStatement, firstSearchStatement, nameKeyWalkStatement, summariesByIdStatement } from '../src/main/accounts/account-search-repository';
import { normalizeNameQuery } from '../src/main/accounts/name-keys';
import type { SeedAccount } from '../src/main/accounts/seed-data';
import { PassphraseProtector } from '../src/main/crypto/passphrase-protector';
import { type Desk, openDesk } from '../src/main/desk';
import type { Engine } from '../src/main/store/dialect';
import type { StoreLocation } from '../src/main/store/store-location';
import { normalizeEmail } from '../src/shared/identity/contacts';
import { normalizeDocumentNumber } from '../src/shared/identity/documents';
import { call } from './operator';
import { type BenchEntry, atMost, collectGarbage, distribution, info, peakRssMiB, timeEach } from './report';

/**
 * The accounts suite's timings, run in a desk process of their own on the store the suite
 * seeded: the seeding process keeps what seeding allocated, and V8 reclaims it in the
 * background for minutes, on the same two cores. Times the counter's searches through the
 * router (validate -> session -> search -> envelope) next to the raw SQL they run, on the
 * same store in the same run.
 */

export const PASSPHRASE = 'bench-passphrase-not-a-secret-0123456789';

/**
 * The targets that differ by engine: a PostgreSQL store is a server a round trip away (on
 * loopback here), where SQLite is a library in the desk's process.
 */
export const TARGETS: Record<Engine, { seedSecondsPerMillion: number; exactRouterP99Ms: number }> = {
  sqlite: { seedSecondsPerMillion: 180, exactRouterP99Ms: 2 },
  postgres: { seedSecondsPerMillion: 300, exactRouterP99Ms: 3 },
};
const PAGE = { filters: {}, page: 1, pageSize: 25 } as const;
const WARM_UP_ROUNDS = 3;

/** The name walk searchAccounts in account-search.ts runs for a first page (25 and one more). */
const nameWalk = (query: string, filters: SearchFilters = {}) => ({ prefix: normalizeNameQuery(query), filters, chunk: nameWalkChunk(26) });
/** A step of that walk on its own, as it runs when the first step's keys were not enough. */
const firstNameWalk = (engine: Engine, query: string, filters: SearchFilters = {}) => {
  const walk = nameWalk(query, filters);
  return nameKeyWalkStatement(engine, walk.prefix, filters, [walk.prefix, -1], walk.chunk);
};

/** A name search's SQL run directly: the first statement (exact readings and the walk's first step), then the page's accounts by id. */
async function rawNameSearch(desk: Desk, query: string, filters?: SearchFilters) {
  const engine = desk.db.engine;
  const first = firstSearchStatement(engine, readQuery(query, desk.vault), nameWalk(query, filters));
  const rows = await desk.db.reader.all<{ reading: number; keys: string | null }>(first.sql, first.params);
  const keys = JSON.parse(rows.find((r) => r.reading < 0)!.keys!) as [string, number][];
  const ids = [...new Set(keys.map(([, id]) => id))].slice(0, 25);
  if (!ids.length) return [];
  const page = summariesByIdStatement(engine, ids);
  return desk.db.reader.get(page.sql, page.params);
}

export interface Sample {
  id: number;
  row: SeedAccount;
}

export const KINDS: ExactKind[] = ['username', 'number', 'mobile', 'email', 'document'];

/** What an operator types for each kind (mainland mobiles without +86, as read off a phone). */
export function typed(kind: ExactKind, row: SeedAccount): string | null {
  switch (kind) {
    case 'username':
      return row.username;
    case 'number':
      return row.number;
    case 'mobile':
      return row.mobile && (row.mobile.startsWith('+86') ? row.mobile.slice(3) : row.mobile);
    case 'email':
      return row.email;
    case 'document':
      return row.document.number;
  }
}

/** The parameter account-search.ts binds for each kind. */
function rawParam(desk: Desk, kind: ExactKind, row: SeedAccount): string {
  switch (kind) {
    case 'username':
      return row.username!.toLowerCase();
    case 'number':
      return row.number!.toUpperCase();
    case 'mobile':
      return desk.vault.index('mobile', row.mobile!);
    case 'email':
      return desk.vault.index('email', normalizeEmail(row.email!)!);
    case 'document':
      return desk.vault.index('document', normalizeDocumentNumber(row.document.number));
  }
}

export interface PrefixGroup {
  name: string;
  queries: string[];
  filters?: { category: 'visiting' } | { department: string };
}

/** Collects garbage-collection pauses while it runs. */
function watchGc() {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => void pauses.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    pauses.push(...observer.takeRecords().map((e) => e.duration));
    observer.disconnect();
    return pauses;
  };
}

type Search = { items: { id: number }[]; hasMore: boolean };

/**
 * Counts the calls into the store's driver, writer and readers alike (installed only after the
 * timings): on PostgreSQL each is a round trip to the server (pg's Client.query), on SQLite a
 * statement handed to the library's thread (Database.get, all, run, exec).
 */
function countRoundTrips() {
  const patched: [Record<string, unknown>, string, unknown][] = [];
  let n = 0;
  const wrap = (proto: Record<string, unknown>, name: string) => {
    const original = proto[name] as (...args: unknown[]) => unknown;
    patched.push([proto, name, original]);
    proto[name] = function (this: unknown, ...args: unknown[]) {
      n++;
      return original.apply(this, args);
    };
  };
  wrap(pg.Client.prototype as unknown as Record<string, unknown>, 'query');
  for (const name of ['get', 'all', 'run', 'exec']) wrap(sqlite3.Database.prototype as unknown as Record<string, unknown>, name);
  return {
    reset: () => void (n = 0),
    count: () => n,
    restore: () => {
      for (const [proto, name, original] of patched) proto[name] = original;
    },
  };
}

/**
 * Whether a statement reads a whole table or sorts, in SQLite's words (EXPLAIN QUERY PLAN):
 * the plan's lines, and whether any is a full scan or a temporary B-tree.
 */
async function sqlitePlan(desk: Desk, sql: string, params: readonly unknown[]): Promise<{ details: string[]; bad: boolean }> {
  const rows = await desk.db.reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as never);
  const details = rows.map((r) => r.detail);
  // A SCAN of a table or index is a full scan ("SEARCH ... USING" is an index seek); scanning a
  // co-routine's output (a capped reading, a walk step, a page) reads at most its LIMIT rows.
  const coroutines = new Set(details.flatMap((d) => /^CO-ROUTINE (.+)$/.exec(d)?.[1] ?? []));
  const fullScan = (d: string) => /^SCAN /.test(d) && !coroutines.has(d.slice(5)) && d !== 'SCAN CONSTANT ROW';
  return { details, bad: details.some((d) => fullScan(d) || /USE TEMP B-TREE/.test(d)) };
}

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Key'?: string[];
  Plans?: PgPlanNode[];
}

/**
 * The same in PostgreSQL's words (EXPLAIN, with the parameters bound, as the desk's unnamed
 * statements are planned): the plan's nodes, and whether any reads a table sequentially
 * (Seq Scan) or sorts (Sort, Incremental Sort).
 */
async function postgresPlan(desk: Desk, sql: string, params: readonly unknown[]): Promise<{ details: string[]; bad: boolean }> {
  const rows = await desk.db.reader.all<{ 'QUERY PLAN': string | PgPlanNode[] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params as never);
  const cell = rows[0]!['QUERY PLAN'];
  const root = (typeof cell === 'string' ? (JSON.parse(cell) as { Plan: PgPlanNode }[]) : (cell as unknown as { Plan: PgPlanNode }[]))[0]!.Plan;
  const details: string[] = [];
  let bad = false;
  const walk = (node: PgPlanNode) => {
    const on = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    const rel = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
    details.push(`${node['Node Type']}${on}${rel}`);
    if (node['Node Type'] === 'Seq Scan' || /Sort$/.test(node['Node Type'])) bad = true;
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root);
  return { details, bad };
}

/** What the measuring process is handed: the store, the operator's session, and what to search for. */
export interface DeskPlan {
  dataDir: string;
  /** The store the suite seeded: SQLite in `dataDir`, or the PostgreSQL database of --store. */
  store: StoreLocation;
  token: string;
  samples: Record<ExactKind, Sample[]>;
  warmUp: Sample[];
  groups: PrefixGroup[];
  /** Exact keys of every kind, shuffled. */
  mixed: string[];
}

/** `passphrase` is the store's: the bench's own for SQLite, the one given with --store for PostgreSQL. */
export async function measureAccountsDesk(plan: DeskPlan, passphrase: string, log: (line: string) => void): Promise<BenchEntry[]> {
  const entries: BenchEntry[] = [];
  const jar = { token: () => plan.token, set: () => undefined, clear: () => undefined };
  const openStart = performance.now();
  const desk = await openDesk({ dataDir: plan.dataDir, protector: new PassphraseProtector(passphrase), store: plan.store });
  const engine = desk.db.engine;
  const target = TARGETS[engine];
  const opened = performance.now();
  try {
    const probe = plan.samples.username[0]!;
    const first = await call<Search>(desk, 'accounts.search', { ...PAGE, query: probe.row.username }, jar);
    const answered = performance.now();
    if (!first.items.some((i) => i.id === probe.id)) throw new Error('the first search after reopening did not find its account');
    entries.push(info('reopen: openDesk()', opened - openStart, 'ms'));
    entries.push(atMost('reopen: openDesk() to first search answer', answered - openStart, 'ms', 1000));

    // Warm up on keys drawn apart from the measured ones, until V8 has compiled the search path: its
    // optimizing compiler works on a background thread that, on two cores, competes with SQLite's, and
    // after one round of 5,000 searches the first kind measured still paid for it (p99 x2 to x3).
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      for (const s of plan.warmUp) {
        for (const kind of KINDS) if (typed(kind, s.row)) await call(desk, 'accounts.search', { ...PAGE, query: typed(kind, s.row) }, jar);
      }
    }
    collectGarbage();

    // 3. Exact lookups: router, then the raw indexed SELECT.
    let misses = 0;
    const stopGc = watchGc();
    let exactCalls = 0;
    let slowCalls = 0;
    for (const kind of KINDS) {
      const samples = plan.samples[kind];
      await call(desk, 'auth.touch', {}, jar);
      const router = await timeEach(samples, async (s) => {
        const result = await call<Search>(desk, 'accounts.search', { ...PAGE, query: typed(kind, s.row) }, jar);
        if (!result.items.some((i) => i.id === s.id)) misses++;
      });
      exactCalls += router.length;
      slowCalls += router.filter((ms) => ms > 2).length;
      const params = samples.map((s) => rawParam(desk, kind, s.row));
      const raw = await timeEach(params, (p) => desk.db.reader.all(EXACT_LOOKUPS[kind], [p]));
      const r = distribution(router);
      const q = distribution(raw);
      entries.push(info(`exact ${kind}: router p50`, r.p50, 'ms'));
      entries.push(info(`exact ${kind}: router p95`, r.p95, 'ms'));
      entries.push(atMost(`exact ${kind}: router p99 (n=${r.n})`, r.p99, 'ms', target.exactRouterP99Ms));
      entries.push(info(`exact ${kind}: raw SQL p50`, q.p50, 'ms'));
      entries.push(info(`exact ${kind}: raw SQL p99`, q.p99, 'ms'));
      entries.push(info(`exact ${kind}: router / raw (p50)`, r.p50 / q.p50, 'x'));
    }
    entries.push(atMost('exact lookups not finding their account', misses, 'misses', 0));
    // The router's floor: session, settings, validation, envelope around a one-statement handler.
    const floor = distribution(await timeEach(plan.samples.username, () => call(desk, 'settings.get', {}, jar)));
    entries.push(info('router floor (settings.get): p50', floor.p50, 'ms'));
    entries.push(info('router floor (settings.get): p99', floor.p99, 'ms'));
    // What the slow tail is made of: GC pauses during the exact lookups (router and raw).
    const pauses = stopGc();
    entries.push(info(`exact lookups over 2 ms through the router (of ${exactCalls})`, slowCalls, 'calls'));
    entries.push(info('GC pauses during the exact lookups', pauses.length, 'pauses'));
    entries.push(info('GC pause total during the exact lookups', pauses.reduce((a, b) => a + b, 0), 'ms'));
    entries.push(info('GC pause max during the exact lookups', Math.max(0, ...pauses), 'ms'));

    // 4. Name and pinyin prefixes: router, then the name-key range query.
    for (const g of plan.groups) {
      await call(desk, 'auth.touch', {}, jar);
      let empty = 0;
      const router = await timeEach(g.queries, async (query) => {
        const result = await call<Search>(desk, 'accounts.search', { ...PAGE, query, filters: g.filters ?? {} }, jar);
        if (!result.items.length) empty++;
      });
      const raw = await timeEach(g.queries, (query) => rawNameSearch(desk, query, g.filters));
      const r = distribution(router);
      const q = distribution(raw);
      entries.push(info(`prefix ${g.name}: router p50`, r.p50, 'ms'));
      entries.push(atMost(`prefix ${g.name}: router p95 (n=${r.n})`, r.p95, 'ms', 20));
      entries.push(info(`prefix ${g.name}: raw SQL p50`, q.p50, 'ms'));
      entries.push(info(`prefix ${g.name}: router / raw (p50)`, r.p50 / q.p50, 'x'));
      if (empty) log(`  note: ${empty} of ${g.queries.length} "${g.name}" searches found nothing`);
    }

    // Filters alone, no query (listByFilters in account-search.ts): newest first, first page.
    const filterOnly: [string, SearchFilters][] = [
      ['department "电子信息与电气工程学院" (the largest)', { department: '电子信息与电气工程学院' }],
      ['department "档案文博管理中心" (the smallest)', { department: '档案文博管理中心' }],
      ['status "suspended"', { status: 'suspended' }],
      ['category "visiting" + status "pending"', { category: 'visiting', status: 'pending' }],
    ];
    for (const [name, filters] of filterOnly) {
      await call(desk, 'auth.touch', {}, jar);
      const router = distribution(await timeEach(Array.from({ length: 50 }), () => call(desk, 'accounts.search', { ...PAGE, query: '', filters }, jar)));
      const { sql, params } = filterListStatement(engine, filters, PAGE.page, PAGE.pageSize);
      const raw = distribution(await timeEach(Array.from({ length: 50 }), () => desk.db.reader.all(sql, params)));
      entries.push(atMost(`filters only, ${name}: router p95 (n=${router.n})`, router.p95, 'ms', 20));
      entries.push(info(`filters only, ${name}: raw SQL p50`, raw.p50, 'ms'));
    }

    // The department list the console's filter shows (a skip scan: one index seek per department).
    const departments = distribution(await timeEach(Array.from({ length: 20 }), () => call(desk, 'accounts.departments', {}, jar)));
    entries.push(info('accounts.departments (filter list): router p50', departments.p50, 'ms'));

    // 5. How many round trips one call makes: the session (unless nothing was written since it was
    // last read); BEGIN with the handler's savepoint; a PII lookup's budget, read and written; all
    // exact readings and the name walk's first step in one statement; the page's name matches by id,
    // when there are any; the audit entry; RELEASE with COMMIT.
    const counter = countRoundTrips();
    for (const kind of KINDS) {
      const s = plan.samples[kind][0]!;
      counter.reset();
      await call(desk, 'accounts.search', { ...PAGE, query: typed(kind, s.row) }, jar);
      entries.push(info(`round trips per exact lookup by ${kind}`, counter.count(), 'trips'));
    }
    counter.reset();
    await call(desk, 'accounts.search', { ...PAGE, query: 'zhang s' }, jar);
    entries.push(info('round trips per search by name prefix', counter.count(), 'trips'));
    counter.reset();
    await call(desk, 'settings.get', {}, jar);
    entries.push(info('round trips per settings.get (the router floor)', counter.count(), 'trips'));
    counter.restore();

    // 6. Do the statements use their indexes?
    const statement = (name: string, st: { sql: string; params: readonly unknown[] }): [string, string, readonly unknown[]] => [name, st.sql, st.params];
    const plans: [string, string, readonly unknown[]][] = [
      ...KINDS.map((k): [string, string, unknown[]] => [`exact ${k}`, EXACT_LOOKUPS[k], ['x']]),
      statement('first statement: all exact readings and the name walk', firstSearchStatement(engine, KINDS.map((kind) => ({ kind, param: 'x' })), nameWalk('z'))),
      statement('name prefix', firstNameWalk(engine, 'z')),
      statement('name prefix: the page by id', summariesByIdStatement(engine, [1, 2, 3])),
      statement('name prefix + category', firstNameWalk(engine, 'z', { category: 'visiting' })),
      statement('name prefix + department', firstNameWalk(engine, 'zhang', { department: '马克思主义学院' })),
      statement('name prefix + department + category + status', firstNameWalk(engine, 'z', { department: '马克思主义学院', category: 'faculty', status: 'active' })),
      ...filterOnly.map(([name, filters]) => statement(`filters only, ${name}`, filterListStatement(engine, filters, 1, 25))),
    ];
    let scans = 0;
    log(`Query plans (${engine}):`);
    for (const [name, sql, params] of plans) {
      const { details, bad } = await (engine === 'sqlite' ? sqlitePlan : postgresPlan)(desk, sql, params);
      if (bad) scans++;
      log(`  ${bad ? '!' : ' '} ${name}: ${details.join(' | ')}`);
    }
    entries.push(atMost('search statements with a full scan or sort', scans, 'statements', 0));

    // Mixed kinds, shuffled: what a counter's day looks like.
    const mixed = distribution(await timeEach(plan.mixed, (query) => call(desk, 'accounts.search', { ...PAGE, query }, jar)));
    entries.push(info(`exact lookups, mixed kinds, router p50 (n=${mixed.n})`, mixed.p50, 'ms'));
    entries.push(info('exact lookups, mixed kinds, router p99', mixed.p99, 'ms'));
    entries.push(info('desk process: RSS after the timings', process.memoryUsage().rss / 2 ** 20, 'MiB'));
    entries.push(info('desk process: RSS peak (scrypt of the passphrase included)', peakRssMiB(), 'MiB'));
    return entries;
  } finally {
    await desk.close();
  }
}
