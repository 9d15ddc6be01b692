import { DeskError } from '../../shared/errors';

export type StorageProblem = 'full' | 'read_only' | 'unavailable';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC']);
/** SQLITE_IOERR and SQLITE_CANTOPEN: what a write meets when the store's folder turns read-only under a running desk. */
const READ_ONLY = new Set(['SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'EROFS', 'EACCES', 'EPERM']);

/**
 * A PostgreSQL server that is down, restarting or out of reach: the socket's errors, SQLSTATE
 * classes 08 (connection) and 57P (operator intervention), and pg's own words for a dropped or
 * never-made connection.
 */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03']);
const DROPPED = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

/** SQLite's (node-sqlite3 puts its result code in `code`), PostgreSQL's and the file system's ways of saying the store cannot be written. */
export function storageProblem(err: unknown): StorageProblem | null {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (FULL.has(code) || code === '53100') return 'full';
  if (UNREACHABLE.has(code) || code.startsWith('08') || DROPPED.test(String((err as Error)?.message ?? ''))) return 'unavailable';
  return READ_ONLY.has(code) ? 'read_only' : null;
}

/** What a caller of the router is told: the write did not happen, and why, in a sentence. */
export function storageDeskError(problem: StorageProblem): DeskError {
  if (problem === 'unavailable') return new DeskError('STORE_UNAVAILABLE', "the desk cannot reach its store's server; nothing was written");
  return problem === 'full'
    ? new DeskError('STORAGE_FULL', "the disk holding the desk's store is full; nothing was written")
    : new DeskError('STORAGE_READ_ONLY', "the desk's store cannot be written (read-only or failing disk); nothing was written");
}

/** A desk that cannot start because its data directory cannot be written. */
export class StorageUnavailableError extends Error {
  constructor(dir: string, problem: StorageProblem, cause: unknown) {
    const why = String((cause as { code?: unknown })?.code ?? (cause as Error)?.message ?? cause);
    super(
      problem === 'full'
        ? `The disk holding the data directory ${dir} is full (${why}). Free some space, then start the desk again.`
        : `The data directory ${dir} cannot be written (${why}). Make it writable, or start the desk with another --data-dir.`,
    );
    this.name = 'StorageUnavailableError';
  }
}

/** Runs a start-up step on the data directory, naming a read-only or full disk plainly. */
export function unavailableStorageNamed<T>(dir: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    const problem = storageProblem(err);
    throw problem ? new StorageUnavailableError(dir, problem, err) : err;
  }
}
