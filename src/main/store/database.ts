import sqlite3 from 'sqlite3';

export type SqlValue = string | number | bigint | Buffer | null;
export type Params = readonly SqlValue[] | Record<string, SqlValue>;

/** The SQL surface repositories use; a transaction and the read connection both provide it. */
export interface Queryable {
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<{ changes: number; lastID: number }>;
  exec(sql: string): Promise<void>;
}

class Connection implements Queryable {
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
}

const PRAGMAS = `
  PRAGMA journal_mode = WAL;
  PRAGMA foreign_keys = ON;
  PRAGMA busy_timeout = 5000;
  PRAGMA synchronous = NORMAL;
`;

/**
 * Two connections on one WAL file: a writer behind a queue, so write transactions never
 * interleave, and a reader that only ever sees committed data.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();
  private inWrite = false;
  private commitHooks: (() => void)[] = [];
  private finishedWrites = 0;

  private constructor(
    private readonly writer: Connection,
    readonly reader: Queryable & { close(): Promise<void> },
  ) {}

  static async open(file: string): Promise<Database> {
    const writer = await Connection.open(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
    await writer.exec(PRAGMAS);
    const reader = await Connection.open(file, sqlite3.OPEN_READONLY);
    await reader.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
    return new Database(writer, reader);
  }

  /**
   * How many write transactions and raw statements have finished (committed or not). While
   * it stays what it was when a read began, the store still holds what that read saw: this
   * process is the store's only writer (the data directory lock), and writes only through here.
   */
  get writeCount(): number {
    return this.finishedWrites;
  }

  /** Runs `work` in one IMMEDIATE transaction; it commits when `work` resolves and rolls back when it throws. */
  write<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.writer.exec('BEGIN IMMEDIATE');
      this.inWrite = true;
      try {
        const result = await work(this.writer);
        await this.writer.exec('COMMIT');
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

  async close(): Promise<void> {
    await this.queue;
    await this.reader.close();
    await this.writer.close();
  }
}
