import fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { EXACT_LOOKUPS, type ExactKind } from '../src/main/accounts/account-repository';
import { type SearchFilters, exactLookupStatement, filterListStatement, namePrefixStatement } from '../src/main/accounts/account-search';
import { normalizeNameQuery } from '../src/main/accounts/name-keys';
import { seedAccounts } from '../src/main/accounts/seed';
import { type SeedAccount, mulberry32 } from '../src/main/accounts/seed-data';
import { PassphraseProtector } from '../src/main/crypto/passphrase-protector';
import { type Desk, openDesk } from '../src/main/desk';
import { normalizeEmail } from '../src/shared/identity/contacts';
import { normalizeDocumentNumber } from '../src/shared/identity/documents';
import { call, signInFirstAdmin } from './operator';
import { type BenchEntry, atMost, collectGarbage, distribution, info, timeEach } from './report';

/**
 * The accounts suite: seed N synthetic accounts into a fresh store, reopen it, and time the
 * counter's searches through the router (validate -> session -> search -> mask -> envelope)
 * next to the raw SQL they run, on the same store in the same run.
 */

export interface AccountsBenchOptions {
  dataDir: string;
  accounts: number;
  /** Keys per exact-lookup kind. */
  samples: number;
  seed: number;
  log: (line: string) => void;
}

export const PASSPHRASE = 'bench-passphrase-not-a-secret-0123456789';
const PAGE = { filters: {}, page: 1, pageSize: 25 } as const;

/** namePrefixHits reads max(64, 3 * wanted) keys at a time; a first page of 25 wants 26. */
const PREFIX_CHUNK = Math.max(64, 26 * 3);
/** The first statement namePrefixHits in account-search.ts runs for a first page. */
const firstNameWalk = (query: string, filters: SearchFilters = {}) => {
  const prefix = normalizeNameQuery(query);
  return namePrefixStatement(prefix, filters, [prefix, -1], PREFIX_CHUNK);
};

interface Sample {
  id: number;
  row: SeedAccount;
}

/** Reservoir sampling, deterministic. */
class Reservoir {
  readonly items: Sample[] = [];
  private seen = 0;

  constructor(
    private readonly size: number,
    private readonly rng: () => number,
  ) {}

  offer(item: Sample) {
    this.seen++;
    if (this.items.length < this.size) this.items.push(item);
    else {
      const j = Math.floor(this.rng() * this.seen);
      if (j < this.size) this.items[j] = item;
    }
  }
}

const KINDS: ExactKind[] = ['username', 'number', 'mobile', 'email', 'document'];

/** What an operator types for each kind (mainland mobiles without +86, as read off a phone). */
function typed(kind: ExactKind, row: SeedAccount): string | null {
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

interface PrefixGroup {
  name: string;
  queries: string[];
  filters?: { category: 'visiting' } | { department: string };
}

function prefixGroups(chinese: Sample[], latin: Sample[], count: number, rng: () => number): PrefixGroup[] {
  const pick = (from: Sample[], make: (row: SeedAccount) => string) =>
    Array.from({ length: count }, () => make(from[Math.floor(rng() * from.length)]!.row));
  const syl = (row: SeedAccount) => row.syllables!;
  return [
    { name: 'Chinese, 1 character ("张")', queries: pick(chinese, (r) => [...r.realName][0]!) },
    { name: 'Chinese, 2 characters ("张伟")', queries: pick(chinese, (r) => [...r.realName].slice(0, 2).join('')) },
    { name: 'pinyin, "zhang s"', queries: pick(chinese, (r) => `${syl(r)[0]} ${syl(r)[1]![0]}`) },
    { name: 'pinyin, whole name ("zhangwei")', queries: pick(chinese, (r) => syl(r).join('')) },
    { name: 'initials, "zs"', queries: pick(chinese, (r) => `${syl(r)[0]![0]}${syl(r)[1]![0]}`) },
    { name: 'one letter, "z"', queries: pick(chinese, (r) => syl(r)[0]![0]!) },
    { name: 'Latin, 3 letters ("mar")', queries: pick(latin, (r) => r.realName.slice(0, 3).toLowerCase()) },
    // Filters are applied while walking the name keys: a filter that few of the prefix's holders pass makes a long walk.
    { name: 'one letter + category "visiting"', queries: pick(chinese, (r) => syl(r)[0]![0]!), filters: { category: 'visiting' } },
    { name: 'surname pinyin + department "马克思主义学院"', queries: pick(chinese, (r) => syl(r)[0]!), filters: { department: '马克思主义学院' } },
  ];
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

/** Counts the statements run on the reader connection (installed only after the timings). */
function countStatements(desk: Desk) {
  const reader = desk.db.reader as unknown as Record<'get' | 'all', (...args: unknown[]) => Promise<unknown>>;
  const originals = { get: reader.get, all: reader.all };
  let n = 0;
  for (const name of ['get', 'all'] as const) {
    const original = originals[name];
    reader[name] = function (this: unknown, ...args: unknown[]) {
      n++;
      return original.apply(this, args);
    };
  }
  return {
    reset: () => void (n = 0),
    count: () => n,
    restore: () => Object.assign(reader, originals),
  };
}

/**
 * This process's peak RSS. getrusage's maxRSS survives exec on Linux, so in a child it may
 * report the parent's size at fork; /proc's high-water mark belongs to this image alone.
 */
function peakRssMiB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** What a second process needs to search the same store as the same operator. */
export interface ProbeInput {
  dataDir: string;
  token: string;
  queries: string[];
}

export async function runAccountsBench(o: AccountsBenchOptions): Promise<{ entries: BenchEntry[]; probe: ProbeInput }> {
  const entries: BenchEntry[] = [];
  const protector = new PassphraseProtector(PASSPHRASE);
  const rng = mulberry32(o.seed ^ 0x5eed);
  const reservoirs = Object.fromEntries(KINDS.map((k) => [k, new Reservoir(o.samples, rng)])) as Record<ExactKind, Reservoir>;
  const chineseNames = new Reservoir(o.samples, rng);
  const latinNames = new Reservoir(o.samples, rng);
  const warmUp = new Reservoir(500, rng);

  // 1. Seed.
  let desk = await openDesk({ dataDir: o.dataDir, protector });
  const firstId = 1 + ((await desk.db.reader.get<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM accounts'))?.id ?? 0);
  o.log(`Seeding ${o.accounts.toLocaleString('en')} accounts into ${o.dataDir} ...`);
  let reported = 0;
  const seedStart = performance.now();
  const seeded = await seedAccounts(desk.db, desk.vault, desk.audit, {
    seed: o.seed,
    count: o.accounts,
    now: new Date(),
    tap(row, i) {
      const sample = { id: firstId + i, row };
      for (const kind of KINDS) if (typed(kind, row)) reservoirs[kind].offer(sample);
      if (row.syllables && row.syllables.length >= 2) chineseNames.offer(sample);
      if (!row.syllables) latinNames.offer(sample);
      if (row.username) warmUp.offer(sample);
    },
    onProgress({ inserted, elapsedMs }) {
      if (inserted - reported < 100_000 && inserted < o.accounts) return;
      reported = inserted;
      o.log(`  ${inserted.toLocaleString('en')} rows, ${Math.round(inserted / (elapsedMs / 1000)).toLocaleString('en')} rows/s`);
    },
  });
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const limit = (180 * o.accounts) / 1_000_000;
  entries.push(atMost(`seed ${o.accounts.toLocaleString('en')} accounts`, seedSeconds, 's', Number(limit.toFixed(1))));
  entries.push(info('seed rate', o.accounts / seedSeconds, 'rows/s'));
  entries.push(info('seed name keys', seeded.nameKeys, 'keys'));
  entries.push(info('RSS peak after seeding', process.resourceUsage().maxRSS / 1024, 'MiB'));

  // 2. A signed-in operator (system admin: holds account.view), then close and reopen the store.
  const jar = await signInFirstAdmin(desk);
  await desk.close();
  const openStart = performance.now();
  desk = await openDesk({ dataDir: o.dataDir, protector });
  const opened = performance.now();
  try {
    const probe = reservoirs.username.items[0]!;
    const first = await call<Search>(desk, 'accounts.search', { ...PAGE, query: probe.row.username }, jar);
    const answered = performance.now();
    if (!first.items.some((i) => i.id === probe.id)) throw new Error('the first search after reopening did not find its account');
    entries.push(info('reopen: openDesk()', opened - openStart, 'ms'));
    entries.push(atMost('reopen: openDesk() to first search answer', answered - openStart, 'ms', 1000));

    // Warm up the code paths (JIT, the seeding's garbage collected) on keys drawn apart from the measured ones.
    for (const s of warmUp.items) {
      for (const kind of KINDS) if (typed(kind, s.row)) await call(desk, 'accounts.search', { ...PAGE, query: typed(kind, s.row) }, jar);
    }
    collectGarbage();

    // 3. Exact lookups: router, then the raw indexed SELECT.
    let misses = 0;
    const stopGc = watchGc();
    let exactCalls = 0;
    let slowCalls = 0;
    for (const kind of KINDS) {
      const samples = reservoirs[kind].items;
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
      entries.push(atMost(`exact ${kind}: router p99 (n=${r.n})`, r.p99, 'ms', 2));
      entries.push(info(`exact ${kind}: raw SQL p50`, q.p50, 'ms'));
      entries.push(info(`exact ${kind}: raw SQL p99`, q.p99, 'ms'));
      entries.push(info(`exact ${kind}: router / raw (p50)`, r.p50 / q.p50, 'x'));
    }
    entries.push(atMost('exact lookups not finding their account', misses, 'misses', 0));
    // The router's floor: session, settings, validation, envelope around a one-statement handler.
    const floor = distribution(await timeEach(reservoirs.username.items, () => call(desk, 'settings.get', {}, jar)));
    entries.push(info('router floor (settings.get): p50', floor.p50, 'ms'));
    entries.push(info('router floor (settings.get): p99', floor.p99, 'ms'));
    // What the slow tail is made of: GC pauses during the exact lookups (router and raw).
    const pauses = stopGc();
    entries.push(info(`exact lookups over 2 ms through the router (of ${exactCalls})`, slowCalls, 'calls'));
    entries.push(info('GC pauses during the exact lookups', pauses.length, 'pauses'));
    entries.push(info('GC pause total during the exact lookups', pauses.reduce((a, b) => a + b, 0), 'ms'));
    entries.push(info('GC pause max during the exact lookups', Math.max(0, ...pauses), 'ms'));

    // 4. Name and pinyin prefixes: router, then the name-key range query.
    const groups = prefixGroups(chineseNames.items, latinNames.items, Math.max(100, Math.round(o.samples / 5)), rng);
    for (const g of groups) {
      await call(desk, 'auth.touch', {}, jar);
      let empty = 0;
      const router = await timeEach(g.queries, async (query) => {
        const result = await call<Search>(desk, 'accounts.search', { ...PAGE, query, filters: g.filters ?? {} }, jar);
        if (!result.items.length) empty++;
      });
      const raw = await timeEach(g.queries, (query) => {
        const { sql, params } = firstNameWalk(query, g.filters);
        return desk.db.reader.all(sql, params);
      });
      const r = distribution(router);
      const q = distribution(raw);
      entries.push(info(`prefix ${g.name}: router p50`, r.p50, 'ms'));
      entries.push(atMost(`prefix ${g.name}: router p95 (n=${r.n})`, r.p95, 'ms', 20));
      entries.push(info(`prefix ${g.name}: raw SQL p50`, q.p50, 'ms'));
      entries.push(info(`prefix ${g.name}: router / raw (p50)`, r.p50 / q.p50, 'x'));
      if (empty) o.log(`  note: ${empty} of ${g.queries.length} "${g.name}" searches found nothing`);
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
      const { sql, params } = filterListStatement(filters, PAGE.page, PAGE.pageSize);
      const raw = distribution(await timeEach(Array.from({ length: 50 }), () => desk.db.reader.all(sql, params)));
      entries.push(atMost(`filters only, ${name}: router p95 (n=${router.n})`, router.p95, 'ms', 20));
      entries.push(info(`filters only, ${name}: raw SQL p50`, raw.p50, 'ms'));
    }

    // The department list the console's filter shows (a skip scan: one index seek per department).
    const departments = distribution(await timeEach(Array.from({ length: 20 }), () => call(desk, 'accounts.departments', {}, jar)));
    entries.push(info('accounts.departments (filter list): router p50', departments.p50, 'ms'));

    // 5. How many statements one search runs on the reader: the session (unless nothing was written
    // since it was last read), all exact readings in one, the name walk unless the query has digits or "@".
    const counter = countStatements(desk);
    for (const kind of KINDS) {
      const s = reservoirs[kind].items[0]!;
      counter.reset();
      await call(desk, 'accounts.search', { ...PAGE, query: typed(kind, s.row) }, jar);
      entries.push(info(`statements per search by ${kind}`, counter.count(), 'statements'));
    }
    counter.reset();
    await call(desk, 'accounts.search', { ...PAGE, query: 'zhang s' }, jar);
    entries.push(info('statements per search by name prefix', counter.count(), 'statements'));
    await call(desk, 'auth.touch', {}, jar);
    counter.reset();
    await call(desk, 'accounts.search', { ...PAGE, query: typed('number', reservoirs.number.items[0]!.row) }, jar);
    entries.push(info('statements per search by number, first after a write', counter.count(), 'statements'));
    counter.reset();
    await call(desk, 'settings.get', {}, jar);
    entries.push(info('statements per settings.get (the router floor)', counter.count(), 'statements'));
    counter.restore();

    // 6. Do the statements use their indexes?
    const statement = (name: string, st: { sql: string; params: readonly unknown[] }): [string, string, readonly unknown[]] => [name, st.sql, st.params];
    const plans: [string, string, readonly unknown[]][] = [
      ...KINDS.map((k): [string, string, unknown[]] => [`exact ${k}`, EXACT_LOOKUPS[k], ['x']]),
      statement('exact, all readings in one statement', exactLookupStatement(KINDS.map((kind) => ({ kind, param: 'x' })))),
      statement('name prefix', firstNameWalk('z')),
      statement('name prefix + category', firstNameWalk('z', { category: 'visiting' })),
      statement('name prefix + department', firstNameWalk('zhang', { department: '马克思主义学院' })),
      statement('name prefix + department + category + status', firstNameWalk('z', { department: '马克思主义学院', category: 'faculty', status: 'active' })),
      ...filterOnly.map(([name, filters]) => statement(`filters only, ${name}`, filterListStatement(filters, 1, 25))),
    ];
    let scans = 0;
    o.log('Query plans:');
    for (const [name, sql, params] of plans) {
      const rows = await desk.db.reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as never);
      const details = rows.map((r) => r.detail);
      // A SCAN of a table or index is a full scan ("SEARCH ... USING" is an index seek); scanning
      // a subquery's output (the capped mobile and email readings) reads at most its LIMIT rows.
      if (details.some((d) => (/^SCAN /.test(d) && !/^SCAN \(subquery-\d+\)$/.test(d)) || /USE TEMP B-TREE/.test(d))) scans++;
      o.log(`  ${name}: ${details.join(' | ')}`);
    }
    entries.push(atMost('search statements with a full scan or sort', scans, 'statements', 0));
  } finally {
    entries.push(info('RSS peak (whole run)', process.resourceUsage().maxRSS / 1024, 'MiB'));
    entries.push(info('RSS final', process.memoryUsage().rss / 1024 / 1024, 'MiB'));
    await desk.close();
  }
  // Mixed kinds, in a shuffled order.
  const queries = KINDS.flatMap((kind) => reservoirs[kind].items.slice(0, 400).map((s) => typed(kind, s.row)!))
    .map((q) => ({ q, r: rng() }))
    .sort((a, b) => a.r - b.r)
    .map(({ q }) => q);
  return { entries, probe: { dataDir: o.dataDir, token: jar.token()!, queries } };
}

/**
 * Run in a fresh process: opens the store the suite left, answers the probe's searches as
 * the same operator, and reports its memory. The suite's own process still holds what the
 * seeding allocated (the C heap does not give it back), so its RSS says little about a desk.
 */
export async function probeFreshDesk(input: ProbeInput) {
  const desk = await openDesk({ dataDir: input.dataDir, protector: new PassphraseProtector(PASSPHRASE) });
  const jar = { token: () => input.token, set: () => undefined, clear: () => undefined };
  try {
    await call(desk, 'auth.touch', {}, jar);
    // Twice: the first pass warms the code, the second is timed.
    for (const query of input.queries) await call(desk, 'accounts.search', { ...PAGE, query }, jar);
    const times = await timeEach(input.queries, (query) => call(desk, 'accounts.search', { ...PAGE, query }, jar));
    return {
      searches: times.length,
      ...distribution(times),
      rssMiB: process.memoryUsage().rss / 2 ** 20,
      maxRssMiB: peakRssMiB(),
    };
  } finally {
    await desk.close();
  }
}
