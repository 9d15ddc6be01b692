import type { AuditLog } from '../audit/audit-log';
import type { Database } from '../store/database';
import type { Engine } from '../store/dialect';
import { piiColumns, piiValues } from './account-repository';
import { nameKeys } from './name-keys';
import type { PiiVault } from './pii-vault';
import { type SeedAccount, type SeedOptions, generateAccounts } from './seed-data';
import { type EncodedSeedRows, type SeedRows, analyzeLoadedTables, encodeSeedRows, withLoadCache, writeSeedRows } from './seed-repository';
import { storeOf } from '../repositories';

/**
 * Bulk loading of accounts. The costs, measured at a million rows: sealing and indexing the
 * PII (3 AES-GCM seals, 3 HMACs per account) and building rows on the main thread; B-tree
 * work on SQLite's thread (or in the PostgreSQL server). So the two overlap: the next chunk is
 * sealed while the store writes the previous one, and each chunk crosses the driver as few
 * statements as it can (seed-repository.ts: JSON texts on SQLite, COPY on PostgreSQL).
 */

export const SEED_ACTOR = 'seed';

export interface BulkProgress {
  inserted: number;
  elapsedMs: number;
}

export interface BulkOptions {
  /** Accounts sealed and inserted at a time. */
  chunkSize?: number;
  /** Accounts per transaction (whole chunks). */
  transactionSize?: number;
  /** The writer's page cache during the load, in MiB (restored afterwards). */
  cacheMiB?: number;
}

export interface BulkResult {
  inserted: number;
  nameKeys: number;
  firstId: number;
  lastId: number;
  elapsedMs: number;
}

/** One chunk, ready for the store: account references as indexes in the chunk. */
interface Batch {
  count: number;
  keyCount: number;
  rows: EncodedSeedRows;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Seals, indexes and keys the next chunk of rows (null when there are none left), taking
 * them from the iterator one at a time. Yields often, so that SQLite is handed its next
 * statement soon.
 */
async function prepare(engine: Engine, vault: PiiVault, rows: Iterator<SeedAccount>, size: number): Promise<Batch | null> {
  const accounts: SeedRows['accounts'] = [];
  const keys: SeedRows['keys'] = [];
  const attempts: SeedRows['attempts'] = [];
  const events: SeedRows['events'] = [];
  for (let r = 0; r < size; r++) {
    if (r % 200 === 199) await yieldToLoop();
    const next = rows.next();
    if (next.done) break;
    const row = next.value;
    accounts.push([
      row.username,
      row.realName,
      row.category,
      row.number,
      row.department,
      row.document.type,
      ...piiValues(piiColumns(vault, row)),
      row.status,
      row.statusReason,
      row.failedAttempts,
      row.lockedUntil,
      row.passwordChangedAt,
      row.passwordExpiresAt,
      row.activationSentAt,
      row.activationChannel,
      row.createdAt,
      row.updatedAt,
    ]);
    for (const key of nameKeys(row.realName, row.syllables ?? undefined)) keys.push([key, r, row.department, row.category, row.status]);
    if (row.failedSignIns) for (const f of row.failedSignIns) attempts.push([r, f.at, f.source]);
    if (row.statusReason) events.push([r, row.updatedAt, row.status, row.statusReason]);
  }
  if (!accounts.length) return null;
  // In key order, consecutive inserts land on the same B-tree pages.
  keys.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
  return { count: accounts.length, keyCount: keys.length, rows: encodeSeedRows(engine, { accounts, keys, attempts, events }) };
}

/** A bounded hand-over from the producer (sealing) to the consumer (the open transaction). */
class Channel<T> {
  private readonly items: T[] = [];
  private takers: ((item: T) => void)[] = [];
  private putters: (() => void)[] = [];
  private failure: unknown = null;

  constructor(private readonly capacity: number) {}

  async put(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.failure) await new Promise<void>((resolve) => this.putters.push(resolve));
    if (this.failure) throw this.failure;
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  take(): Promise<T> {
    const item = this.items.shift();
    this.putters.shift()?.();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve) => this.takers.push(resolve));
  }

  /** Hands an item over regardless of capacity (the producer's last word). */
  force(item: T) {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  /** The consumer gave up: the producer's next put throws this. */
  fail(err: unknown) {
    this.failure = err;
    for (const wake of this.putters.splice(0)) wake();
  }
}

type Item = Batch | { end: true } | { error: unknown };

/**
 * Inserts accounts (with their name keys, recent failed sign-ins and status events).
 * Accounts are sealed and keyed in chunks of `chunkSize` on the main thread while SQLite
 * writes the previous chunk on its own thread; chunks are grouped into transactions of
 * `transactionSize` rows. Large transactions matter: the blind indexes, usernames, numbers
 * and name keys are B-trees filled in random order, so every transaction rewrites most of
 * their pages; fewer commits write (and checkpoint) each page fewer times. A failing
 * transaction rolls back on its own; those committed before it stay.
 */
export async function bulkInsertAccounts(
  db: Database,
  vault: PiiVault,
  rows: Iterable<SeedAccount>,
  onProgress?: (progress: BulkProgress) => void,
  options: BulkOptions = {},
): Promise<BulkResult> {
  const chunkSize = options.chunkSize ?? 5_000;
  const transactionSize = options.transactionSize ?? 500_000;
  const cacheMiB = options.cacheMiB ?? 1024;
  const started = performance.now();
  const result: BulkResult = { inserted: 0, nameKeys: 0, firstId: 0, lastId: 0, elapsedMs: 0 };
  await withLoadCache(db, cacheMiB, async () => {
    const chunks = new Channel<Item>(2);

    const consumer = (async () => {
      let more = true;
      while (more) {
        let written = { rows: 0, keys: 0, firstId: 0 };
        await db.write(async (tx) => {
          written = { rows: 0, keys: 0, firstId: 0 };
          while (written.rows < transactionSize) {
            const batch = await chunks.take();
            if ('error' in batch) throw batch.error;
            if ('end' in batch) return void (more = false);
            const firstId = await writeSeedRows(tx, batch.rows, SEED_ACTOR);
            written.firstId ||= firstId;
            written.rows += batch.count;
            written.keys += batch.keyCount;
            onProgress?.({ inserted: result.inserted + written.rows, elapsedMs: performance.now() - started });
          }
        });
        result.inserted += written.rows;
        result.nameKeys += written.keys;
        if (written.rows) {
          result.firstId ||= written.firstId;
          result.lastId = written.firstId + written.rows - 1;
        }
      }
    })();
    consumer.catch((err: unknown) => chunks.fail(err));

    try {
      const iterator = rows[Symbol.iterator]();
      const next = () => prepare(db.engine, vault, iterator, chunkSize);
      for (let batch = await next(); batch; batch = await next()) {
        await chunks.put(batch);
      }
      chunks.force({ end: true });
      await consumer;
    } catch (err) {
      // The producer failed (the open transaction rolls back), or the consumer did (already rolled back).
      chunks.force({ error: err });
      await consumer.catch(() => undefined);
      throw err;
    }
  });
  if (result.inserted) await analyzeLoadedTables(db);
  result.elapsedMs = performance.now() - started;
  return result;
}

export interface SeedSummary extends BulkResult {
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byDocument: Record<string, number>;
  latinNames: number;
  locked: number;
}

/**
 * Generates `count` synthetic accounts and loads them, then records one audit entry. The
 * optional `tap` sees every generated account (the bench keeps a sample of keys with it).
 */
export async function seedAccounts(
  db: Database,
  vault: PiiVault,
  audit: AuditLog,
  options: SeedOptions & BulkOptions & { onProgress?: (p: BulkProgress) => void; tap?: (row: SeedAccount, i: number) => void },
): Promise<SeedSummary> {
  const summary = { byCategory: {}, byStatus: {}, byDocument: {}, latinNames: 0, locked: 0 } as Omit<SeedSummary, keyof BulkResult>;
  const bump = (m: Record<string, number>, k: string) => void (m[k] = (m[k] ?? 0) + 1);
  function* counted(): Generator<SeedAccount> {
    let i = 0;
    for (const row of generateAccounts(options)) {
      bump(summary.byCategory, row.category);
      bump(summary.byStatus, row.status);
      bump(summary.byDocument, row.document.type);
      if (!row.syllables) summary.latinNames++;
      if (row.lockedUntil) summary.locked++;
      options.tap?.(row, i++);
      yield row;
    }
  }
  const result = await bulkInsertAccounts(db, vault, counted(), options.onProgress, options);
  await storeOf(db).write((repos) =>
    audit.append(
      repos,
      {
        actor: 'system',
        desk: null,
        action: 'accounts.seed',
        target: null,
        outcome: 'success',
        detail: { accounts: result.inserted, seed: options.seed, firstId: result.firstId, lastId: result.lastId },
      },
      options.now,
    ),
  );
  return { ...result, ...summary };
}
