import { DeskError } from '../../shared/errors';

export type StorageProblem = 'full' | 'read_only';

/** SQLite's and the file system's ways of saying the store cannot be written. */
export function storageProblem(err: unknown): StorageProblem | null {
  const code = String((err as { code?: unknown })?.code ?? '');
  const message = String((err as Error)?.message ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /SQLITE_FULL|database or disk is full/.test(message)) return 'full';
  if (/^SQLITE_READONLY/.test(code) || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  if (/SQLITE_READONLY|attempt to write a readonly database/.test(message)) return 'read_only';
  // An I/O error on a file whose folder was made read-only under a running desk.
  if (code === 'SQLITE_IOERR' || code === 'SQLITE_CANTOPEN') return 'read_only';
  return null;
}

/** What a caller of the router is told: the write did not happen, and why, in a sentence. */
export function storageDeskError(problem: StorageProblem): DeskError {
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
