import type { ChangeFeed, Topic } from './change-feed';
import type { Engine } from './dialect';

export type SqlValue = string | number | bigint | Buffer | null;
export type Params = readonly SqlValue[];

/** The SQL surface repositories use; a transaction and the read connection both provide it. */
export interface Queryable {
  /** Which SQL the statements must be written in, where the two differ (dialect.ts). */
  readonly engine: Engine;
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  all<T>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<{ changes: number; lastID: number }>;
  exec(sql: string): Promise<void>;
  /**
   * Only on a write transaction: its commit tells the caches of `topic`, this desk's and (on
   * PostgreSQL) every other desk's on the store, that what they hold may have changed.
   */
  announce?(topic: Topic): void;
}

/**
 * A store on either engine: a writer whose transactions never interleave within this process,
 * and readers that only ever see committed data.
 */
export interface Database {
  readonly engine: Engine;
  readonly reader: Queryable;
  /** What commits here and at other desks on this store changed (change-feed.ts). */
  readonly changes: ChangeFeed;
  /**
   * How many write transactions and raw statements have finished (committed or not). While
   * it stays what it was when a read began, the store still holds what that read saw, as long
   * as this process is the store's only writer.
   */
  readonly writeCount: number;
  /** How many write transactions have committed: what a test of "nothing was written" watches. */
  readonly commitCount: number;
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  write<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `hook` right after the write transaction in progress commits, before its caller
   * resumes (not at all if it rolls back); outside a transaction, at once.
   */
  onCommit(hook: () => void): void;
  /** Statements that must run outside a transaction, still queued behind the writes. */
  raw<T>(work: (conn: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
