import sqlite3 from 'sqlite3';
import { ChangeFeed } from './change-feed';
import type { Database, Params, Queryable } from './database';
import { QueuedDatabase } from './write-queue';

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
 * Connections on one WAL file: a writer behind this process's write queue, and a pool of
 * readers that only ever see committed data.
 */
export class SqliteDatabase extends QueuedDatabase implements Database {
  readonly engine = 'sqlite';

  private constructor(
    private readonly file: string,
    private readonly writer: Connection,
    readonly reader: Queryable & { close(): Promise<void> },
  ) {
    super({
      begin: async () => {
        await writer.exec('BEGIN IMMEDIATE');
        return writer;
      },
      commit: () => writer.exec('COMMIT'),
      rollback: () => writer.exec('ROLLBACK'),
      direct: (work) => work(writer),
    },
    // One desk per SQLite file (the data directory's lock): its own commits are all the changes there are.
    new ChangeFeed(true));
  }

  static async open(file: string): Promise<SqliteDatabase> {
    const writer = await Connection.open(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
    await writer.exec(PRAGMAS);
    const readers: Connection[] = [];
    for (let i = 0; i < READERS; i++) {
      const reader = await Connection.open(file, sqlite3.OPEN_READONLY);
      await reader.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
      readers.push(reader);
    }
    return new SqliteDatabase(file, writer, new ReaderPool(readers));
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
    await this.writes.drained();
    await this.reader.close();
    await this.writer.close();
  }
}
