import { ConfigError } from './config';
import { WrongKeyError } from './crypto/data-key';
import { DataDirInUseError } from './store/data-dir-lock';
import { StoreFromTheFutureError } from './store/migrate';
import { StoreUnreachableError } from './store/open-store';
import { StorageUnavailableError } from './store/storage-errors';
import { StoreLocationError } from './store/store-location';

/** Known start-up problems are told in one sentence; anything else with its stack, for a bug report. */
export function describeStartFailure(err: unknown): string {
  const known = [ConfigError, DataDirInUseError, StoreFromTheFutureError, WrongKeyError, StorageUnavailableError, StoreUnreachableError, StoreLocationError].some((type) => err instanceof type);
  return known ? (err as Error).message : String((err as Error)?.stack ?? err);
}
