import sqlite3 from 'sqlite3';
import type { Engine } from './dialect';

export type SqlValue = string | number | bigint | Buffer | null;
export type Params = readonly SqlValue[] | Record<string, SqlValue>;

/** The SQL surface repositories use; a transaction and the read connection both provide it. */
export interface Queryable {
  /** Which SQL the statements must be written in, where the two differ (dialect.ts). */
  readonly engine: Engine;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<{ changes: number; lastID: number }>;
  exec(sql: string): Promise<void>;
}

type Done = (err: Error | null) => void;
/** node-sqlite3's Database#backup, which its type declarations leave out. */
interface SqliteWithBackup {
  backup(file: string, opened: Done): { step(pages: number, done: Done): void; finish(done: Done): void };
}

class Connection implements Queryable {
  readonly engine = 'sqlite';
  constructor(private readonly db: sqlite3.Database) {}

  static open(file: string, mode: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(new Connection(db))));
    });
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T | undefined))),
    );
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
    );
  }

  run(sql: string, params: Params = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }

  /** SQLite's online backup of this connection's database into `file`, all pages in one step: one consistent snapshot. */
  backupTo(file: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const backup = (this.db as unknown as SqliteWithBackup).backup(file, (openErr) => {
        if (openErr) return reject(openErr);
        backup.step(-1, (stepErr) => {
          if (stepErr) return reject(stepErr);
          backup.finish((finishErr) => (finishErr ? reject(finishErr) : resolve()));
        });
      });
    });
  }
}

/**
 * Read connections on one WAL file, each statement sent to the least busy one: statements a
 * caller runs concurrently (Promise.all) run on separate SQLite connections, so on separate
 * threads, instead of queueing behind one connection's mutex.
 */
class ReaderPool implements Queryable {
  readonly engine = 'sqlite';
  private readonly inFlight: number[];

  constructor(private readonly connections: readonly Connection[]) {
    this.inFlight = connections.map(() => 0);
  }

  private async use<T>(work: (conn: Connection) => Promise<T>): Promise<T> {
    let pick = 0;
    for (let i = 1; i < this.connections.length; i++) if (this.inFlight[i]! < this.inFlight[pick]!) pick = i;
    this.inFlight[pick]!++;
    try {
      return await work(this.connections[pick]!);
    } finally {
      this.inFlight[pick]!--;
    }
  }

  get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.use((c) => c.get<T>(sql, params));
  }

  all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.use((c) => c.all<T>(sql, params));
  }

  run(sql: string, params?: Params): Promise<{ changes: number; lastID: number }> {
    return this.use((c) => c.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.use((c) => c.exec(sql));
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
  }
}

/** Two readers: statements of concurrent calls (the console, the portal, the token service) need not queue behind one another. */
const READERS = 2;

const PRAGMAS = `
  PRAGMA journal_mode = WAL;
  PRAGMA foreign_keys = ON;
  PRAGMA busy_timeout = 5000;
  PRAGMA synchronous = NORMAL;
`;

/**
 * Connections on one WAL file: a writer behind a queue, so write transactions never
 * interleave, and a pool of readers that only ever see committed data.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();
  private inWrite = false;
  private commitHooks: (() => void)[] = [];
  private finishedWrites = 0;
  private commits = 0;

  private constructor(
    private readonly file: string,
    private readonly writer: Connection,
    readonly reader: Queryable & { close(): Promise<void> },
  ) {}

  static async open(file: string): Promise<Database> {
    const writer = await Connection.open(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
    await writer.exec(PRAGMAS);
    const readers: Connection[] = [];
    for (let i = 0; i < READERS; i++) {
      const reader = await Connection.open(file, sqlite3.OPEN_READONLY);
      await reader.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
      readers.push(reader);
    }
    return new Database(file, writer, new ReaderPool(readers));
  }

  /**
   * How many write transactions and raw statements have finished (committed or not). While
   * it stays what it was when a read began, the store still holds what that read saw: this
   * process is the store's only writer (the data directory lock), and writes only through here.
   */
  get writeCount(): number {
    return this.finishedWrites;
  }

  /** How many write transactions have committed: what a test of "nothing was written" watches. */
  get commitCount(): number {
    return this.commits;
  }

  /** Runs `work` in one IMMEDIATE transaction; it commits when `work` resolves and rolls back when it throws. */
  write<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.writer.exec('BEGIN IMMEDIATE');
      this.inWrite = true;
      try {
        const result = await work(this.writer);
        await this.writer.exec('COMMIT');
        this.commits++;
        for (const hook of this.commitHooks) hook();
        return result;
      } catch (err) {
        await this.writer.exec('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        this.inWrite = false;
        this.commitHooks = [];
        this.finishedWrites++;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs `hook` right after the write transaction in progress commits, before its caller
   * resumes (not at all if it rolls back); outside a transaction, at once.
   */
  onCommit(hook: () => void): void {
    if (this.inWrite) this.commitHooks.push(hook);
    else hook();
  }

  /** Statements that must run outside a transaction (PRAGMA user_version, VACUUM), still queued. */
  raw<T>(work: (conn: Queryable) => Promise<T>): Promise<T> {
    const run = () => work(this.writer).finally(() => this.finishedWrites++);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Copies the committed store into `file` while the desk goes on serving: a read connection of
   * its own takes one snapshot (in WAL mode readers do not block the writer, nor it them).
   */
  async backupTo(file: string): Promise<void> {
    const conn = await Connection.open(this.file, sqlite3.OPEN_READONLY);
    try {
      await conn.exec('PRAGMA busy_timeout = 5000;');
      await conn.backupTo(file);
    } finally {
      await conn.close();
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.reader.close();
    await this.writer.close();
  }
}
