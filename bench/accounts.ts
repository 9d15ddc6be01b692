import fs from 'node:fs';
import path from 'node:path';
import type { ExactKind } from '../src/main/accounts/account-repository';
import { seedAccounts } from '../src/main/accounts/seed';
import { type SeedAccount, mulberry32 } from '../src/main/accounts/seed-data';
import { PassphraseProtector } from '../src/main/crypto/passphrase-protector';
import { type Desk, openDesk } from '../src/main/desk';
import { STORE_FILE } from '../src/main/store/open-store';
import { SQLITE_STORE, type StoreLocation, describeStore } from '../src/main/store/store-location';
import { type DeskPlan, KINDS, type PrefixGroup, type Sample, TARGETS, typed } from './accounts-desk';
import { LOOKUP_BUDGET_LIMITS, LOOKUP_WINDOW_LIMITS } from '../src/shared/contract/settings';
import type { SessionCarrier } from '../src/main/rpc/context';
import { call, signInFirstAdmin } from './operator';
import { type BenchEntry, atMost, collectGarbage, info, peakRssMiB, resetPeakRss } from './report';

/**
 * The accounts suite: seed N synthetic accounts into a fresh store, sign an operator in, and
 * hand the store to a desk process of its own for the timings (accounts-desk.ts).
 */

export interface AccountsBenchOptions {
  dataDir: string;
  /** SQLite in `dataDir` unless a PostgreSQL database is given (empty: the suite creates the store). */
  store?: StoreLocation;
  /** The store's passphrase. */
  passphrase: string;
  accounts: number;
  /** Keys per exact-lookup kind. */
  samples: number;
  seed: number;
  log: (line: string) => void;
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

/**
 * Writes the seeded store out now. Otherwise the kernel writes its dirty pages back in the
 * background during the first timings (1.5 GB at a million accounts), and the username
 * lookups, measured first, pay for the seeding.
 */
function flushToDisk(file: string) {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * PostgreSQL's counterpart of writing the store out: VACUUM (hint bits, the visibility map, and
 * nothing left for autovacuum to start on during the timings) and a CHECKPOINT (the dirty
 * buffers written now). Returns the seconds it took.
 */
async function settlePostgres(desk: Desk, log: (line: string) => void): Promise<number> {
  const start = performance.now();
  await desk.db.raw((c) => c.exec('VACUUM (ANALYZE) accounts, account_name_keys, account_sign_in_attempts, account_status_events'));
  await desk.db.raw((c) => c.exec('CHECKPOINT')).catch((err: unknown) => log(`  note: no CHECKPOINT (${(err as Error).message}): the server writes the seeded pages back in its own time`));
  return (performance.now() - start) / 1000;
}

export async function runAccountsBench(o: AccountsBenchOptions): Promise<{ entries: BenchEntry[]; plan: DeskPlan; jar: SessionCarrier }> {
  const entries: BenchEntry[] = [];
  const store = o.store ?? SQLITE_STORE;
  const protector = new PassphraseProtector(o.passphrase);
  const rng = mulberry32(o.seed ^ 0x5eed);
  const reservoirs = Object.fromEntries(KINDS.map((k) => [k, new Reservoir(o.samples, rng)])) as Record<ExactKind, Reservoir>;
  const chineseNames = new Reservoir(o.samples, rng);
  const latinNames = new Reservoir(o.samples, rng);
  const warmUp = new Reservoir(1_000, rng);

  // 1. Seed, with this process's peak RSS started afresh (the suite may have run on another engine before).
  collectGarbage();
  const peakFromHere = resetPeakRss();
  const desk = await openDesk({ dataDir: o.dataDir, protector, store });
  const firstId = 1 + ((await desk.db.reader.get<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM accounts'))?.id ?? 0);
  o.log(`Seeding ${o.accounts.toLocaleString('en')} accounts into ${describeStore(store, o.dataDir, STORE_FILE)} ...`);
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
  const limit = (TARGETS[store.engine].seedSecondsPerMillion * o.accounts) / 1_000_000;
  entries.push(atMost(`seed ${o.accounts.toLocaleString('en')} accounts`, seedSeconds, 's', Number(limit.toFixed(1))));
  entries.push(info('seed rate', o.accounts / seedSeconds, 'rows/s'));
  entries.push(info('seed name keys', seeded.nameKeys, 'keys'));
  entries.push(info(`RSS peak while seeding${peakFromHere ? '' : ' (the process so far)'}`, peakRssMiB(), 'MiB'));

  // 2. A signed-in operator (system admin: holds account.view); the store closed and on disk.
  const jar = await signInFirstAdmin(desk);
  // The bench makes tens of thousands of exact lookups: the largest budget the settings allow, so each
  // lookup still pays for checking and spending it, and none is refused.
  await call(desk, 'settings.update', { piiLookupBudget: LOOKUP_BUDGET_LIMITS.max, piiLookupWindowMinutes: LOOKUP_WINDOW_LIMITS.min }, jar);
  if (store.engine === 'postgres') entries.push(info('VACUUM (ANALYZE) and CHECKPOINT after seeding', await settlePostgres(desk, o.log), 's'));
  await desk.close();
  if (store.engine === 'sqlite') {
    flushToDisk(path.join(o.dataDir, STORE_FILE));
    flushToDisk(path.join(o.dataDir, STORE_FILE));
  }
  const mixed = KINDS.flatMap((kind) => reservoirs[kind].items.slice(0, 400).map((s) => typed(kind, s.row)!))
    .map((q) => ({ q, r: rng() }))
    .sort((a, b) => a.r - b.r)
    .map(({ q }) => q);
  return {
    entries,
    jar,
    plan: {
      dataDir: o.dataDir,
      store,
      token: jar.token()!,
      samples: Object.fromEntries(KINDS.map((k) => [k, reservoirs[k].items])) as Record<ExactKind, Sample[]>,
      warmUp: warmUp.items,
      groups: prefixGroups(chineseNames.items, latinNames.items, Math.max(100, Math.round(o.samples / 5)), rng),
      mixed,
    },
  };
}
