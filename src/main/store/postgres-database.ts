import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Database, Params, Queryable } from './database';
import { positional } from './placeholders';
import type { StoreLocation } from './store-location';
import { ChangeFeed } from './change-feed';
import { PostgresListener } from './postgres-listener';
import { QueuedDatabase } from './write-queue';

type PostgresLocation = Extract<StoreLocation, { engine: 'postgres' }>;

const INT8 = 20;
const NUMERIC = 1700;
const JSON_OID = 114;
const JSONB = 3802;

/**
 * Counts and ids (int8, numeric) as JS numbers and JSON as its text, which is what SQLite gives,
 * so repositories read one shape from both engines.
 */
const TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === JSON_OID || oid === JSONB) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/**
 * Translations of statement texts, kept since repositories send the same few hundred again and
 * again, each with a name: pg prepares a named statement once per connection, and the server
 * then skips parsing and planning it on every later call (a quarter of a round trip on loopback).
 */
interface Prepared {
  name: string | undefined;
  text: string;
}
const translated = new Map<string, Prepared>();
function translate(sql: string): Prepared {
  let out = translated.get(sql);
  if (out === undefined) {
    const keep = translated.size < 5_000;
    out = { name: keep ? `desk_${translated.size}` : undefined, text: positional(sql) };
    if (keep) translated.set(sql, out);
  }
  return out;
}

class PgQueryable implements Queryable {
  readonly engine = 'postgres';
  constructor(protected readonly target: pg.Pool | pg.PoolClient) {}

  /** The pool runs statements side by side; one connection must be given them one after another. */
  protected query(statement: Prepared | string, params?: readonly unknown[]): Promise<pg.QueryResult> {
    if (typeof statement === 'string') return this.target.query(statement);
    return this.target.query({ name: statement.name, text: statement.text, values: params as unknown[] });
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    const result = await this.query(translate(sql), params);
    return result.rows[0] as T | undefined;
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    const result = await this.query(translate(sql), params);
    return result.rows as T[];
  }

  async run(sql: string, params: Params = []): Promise<{ changes: number; lastID: number }> {
    const result = await this.query(translate(sql), params);
    return {
      changes: result.rowCount ?? 0,
      get lastID(): number {
        throw new Error('lastID is SQLite-only: use INSERT ... RETURNING id');
      },
    };
  }

  /** Several statements without parameters: the simple query protocol runs them as one. */
  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }
}

/** A bulk load (seeding) on a PostgreSQL write transaction: COPY, which the Queryable surface has no call for. */
export function copyFrom(tx: Queryable, statement: string, text: string): Promise<void> {
  if (!(tx instanceof PgTransaction)) throw new Error('COPY needs the connection of a PostgreSQL write transaction');
  return tx.copy(statement, text);
}

/**
 * Transaction control that needs no answer of its own: it waits to travel with the next
 * statement, so a call's BEGIN and SAVEPOINT cost one round trip, and its RELEASE and COMMIT one.
 */
const DEFERRABLE = /^(?:BEGIN|SAVEPOINT \w+|RELEASE \w+)$/;

/** One pooled connection inside a transaction, given back to the pool once, broken or not. */
class PgTransaction extends PgQueryable {
  private released = false;
  private last: Promise<unknown> = Promise.resolve();
  /** Deferred control statements (DEFERRABLE), sent ahead of the next statement. */
  private pending: string[] = [];
  /** Whether anything reached the server: a transaction that only ever began need not end there either. */
  private sent = false;
  /** A connection that dies between two statements says so by an event; the next statement then fails, so the event is only noted. */
  private broken: Error | undefined;
  private readonly onError = (err: Error) => (this.broken = err);

  constructor(private readonly client: pg.PoolClient) {
    super(client);
    client.on('error', this.onError);
  }

  override async exec(sql: string): Promise<void> {
    await this.inTurn(async () => {
      if (DEFERRABLE.test(sql)) this.pending.push(sql);
      else if (!this.sent && /^(?:COMMIT|ROLLBACK)$/.test(sql) && this.pending[0] === 'BEGIN') this.pending = [];
      else await this.send(sql);
    });
  }

  /** Statements a caller sends at once (Promise.all on a transaction) wait their turn on the one connection. */
  protected override query(statement: Prepared | string, params?: readonly unknown[]): Promise<pg.QueryResult> {
    return this.inTurn(async () => {
      await this.flush();
      return super.query(statement, params);
    });
  }

  /** COPY … FROM STDIN of `text` (COPY's text format), in turn with the other statements. */
  copy(statement: string, text: string): Promise<void> {
    return this.inTurn(async () => {
      await this.flush();
      await pipeline(Readable.from([Buffer.from(text)]), this.client.query(copyStreams.from(statement)));
    });
  }

  private inTurn<T>(run: () => Promise<T>): Promise<T> {
    const next = this.last.then(run, run);
    this.last = next.catch(() => undefined);
    return next;
  }

  /** The simple query protocol runs several statements without parameters in one message. */
  private send(sql: string): Promise<pg.QueryResult> {
    const text = [...this.pending.splice(0), sql].join('; ');
    this.sent = true;
    return super.query(text);
  }

  private async flush(): Promise<void> {
    this.sent = true;
    if (this.pending.length) await super.query(this.pending.splice(0).join('; '));
  }

  release(broken?: Error): void {
    if (this.released) return;
    this.released = true;
    this.client.off('error', this.onError);
    this.client.release(broken ?? this.broken);
  }
}

/**
 * A PostgreSQL database through a pool: reads on any pooled connection (READ COMMITTED sees
 * only committed data), writes one at a time behind this process's write queue, each in its
 * own transaction on a connection of its own.
 */
export class PostgresDatabase extends QueuedDatabase implements Database {
  readonly engine = 'postgres';
  readonly reader: Queryable;
  private readonly listener: PostgresListener;

  private constructor(
    private readonly pool: pg.Pool,
    readonly location: PostgresLocation,
    feed = new ChangeFeed(false),
    listener = new PostgresListener(location.url, feed),
  ) {
    super({
      begin: async () => {
        const client = await pool.connect();
        const tx = new PgTransaction(client);
        try {
          await tx.exec('BEGIN');
        } catch (err) {
          tx.release(err as Error);
          throw err;
        }
        return tx;
      },
      commit: async (tx) => {
        await tx.exec('COMMIT');
        (tx as PgTransaction).release();
      },
      rollback: async (tx) => {
        try {
          await tx.exec('ROLLBACK');
          (tx as PgTransaction).release();
        } catch (err) {
          (tx as PgTransaction).release(err as Error);
        }
      },
      direct: async (work) => {
        const client = await pool.connect();
        const conn = new PgTransaction(client);
        try {
          const result = await work(conn);
          conn.release();
          return result;
        } catch (err) {
          conn.release(err as Error);
          throw err;
        }
      },
    }, feed);
    this.reader = new PgQueryable(pool);
    this.listener = listener;
  }

  /** Opens a pool and proves it with one round trip, so a wrong address fails here and not on the first call. */
  static async open(location: PostgresLocation, onIdleError: (err: Error) => void = () => undefined): Promise<PostgresDatabase> {
    const pool = new pg.Pool({
      connectionString: location.url,
      application_name: 'jaccount-desk',
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      types: TYPES,
    });
    // A server that goes away breaks idle connections too; the pool replaces them on the next call.
    pool.on('error', onIdleError);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    const db = new PostgresDatabase(pool, location);
    await db.listener.start();
    return db;
  }

  /**
   * Runs `work` in a read-only REPEATABLE READ transaction on a connection of its own, beside
   * the write queue: one consistent view for as long as `work` takes (a backup), while this
   * desk goes on writing.
   */
  async readSnapshot<T>(work: (conn: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const conn = new PgTransaction(client);
    try {
      await conn.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await work(conn);
      await conn.exec('COMMIT');
      conn.release();
      return result;
    } catch (err) {
      await conn.exec('ROLLBACK').catch(() => undefined);
      conn.release(err as Error);
      throw err;
    }
  }

  private closing: Promise<void> | null = null;

  /** Ends the pool once, however many times it is asked (a desk closed twice, as SQLite's allows). */
  close(): Promise<void> {
    this.closing ??= this.writes.drained().then(async () => {
      await this.listener.stop();
      await this.pool.end();
    });
    return this.closing;
  }
}
