import fs from 'node:fs';
import path from 'node:path';
import type { Channel } from '../shared/contract';
import { accountHandlers } from './accounts/account-handlers';
import { PiiVault } from './accounts/pii-vault';
import { auditHandlers } from './audit/audit-handlers';
import { backupHandlers } from './backup/backup-handlers';
import { clientHandlers } from './clients/client-handlers';
import { ClientRegistry } from './clients/client-registry';
import { AuditLog } from './audit/audit-log';
import type { DataKey, KeyProtector } from './crypto/data-key';
import { openDataKey } from './crypto/keyring';
import { type KdfCosts, OWASP_KDF } from './crypto/kdf-costs';
import { PasswordHasher } from './crypto/password-hash';
import { keyHandlers } from './keys/key-handlers';
import { KeyManager } from './keys/key-manager';
import { type Logger, createLogger } from './log';
import { authHandlers } from './operators/auth-handlers';
import { bootstrapFirstAdmin } from './operators/first-run';
import { staffHandlers } from './operators/staff-handlers';
import type { Handlers } from './rpc/context';
import { Router } from './rpc/router';
import { settingsHandlers } from './settings/settings-handlers';
import { lockDataDir } from './store/data-dir-lock';
import type { Database } from './store/database';
import { StoreUnreachableError, openStore } from './store/open-store';
import { SQLITE_STORE, type StoreLocation } from './store/store-location';
import { type Store, storeOf } from './repositories';
import { migrate } from './store/migrate';
import { fillAccountMasks } from './accounts/fill-account-masks';
import { StorageUnavailableError, storageProblem, unavailableStorageNamed } from './store/storage-errors';
import { MIGRATIONS } from './store/migrations';
import { POSTGRES_MIGRATIONS } from './store/migrations/postgres';
import { verifyHandlers } from './verify/verify-handlers';
import type { DeskServices } from './desk-services';
import { Dispatcher } from './notify/dispatcher';
import { notifyHandlers } from './notify/notify-handlers';
import { recoveryHandlers } from './recovery/recovery-handlers';
import { verificationHandlers } from './verification/verification-handlers';
import { startUploadPurge } from './verification/upload-purge';

export interface DeskOptions {
  dataDir: string;
  protector: KeyProtector;
  log?: Logger;
  clock?: () => Date;
  /** Key derivation costs; production's (OWASP_KDF) unless a test passes small ones. */
  kdf?: KdfCosts;
  /** The store: SQLite in the data directory unless a PostgreSQL location is given (--store). */
  store?: StoreLocation;
}

export interface Desk {
  router: Router;
  /** The store below the repositories: backups, restores and tests that inspect tables. */
  db: Database;
  store: Store;
  dataKey: DataKey;
  audit: AuditLog;
  vault: PiiVault;
  keys: KeyManager;
  clients: ClientRegistry;
  passwordHasher: PasswordHasher;
  /** Sends the notification outbox (started with the desk, stopped by close). */
  notifications: Dispatcher;
  log: Logger;
  /** Set only on the run that created the store: the first admin's one-time credentials. */
  firstRun: { username: string; oneTimePassword: string } | null;
  close(): Promise<void>;
}


/** The composition root: data directory, store, data key, services, router. Shell-agnostic. */
export async function openDesk(options: DeskOptions): Promise<Desk> {
  const log = options.log ?? createLogger();
  const clock = options.clock ?? (() => new Date());
  const kdf = options.kdf ?? OWASP_KDF;
  const passwordHasher = new PasswordHasher(kdf.password);
  const location = options.store ?? SQLITE_STORE;
  // PostgreSQL first: a store that cannot be reached leaves no data directory behind.
  const remote = location.engine === 'postgres' ? await openStore(location, options.dataDir, (err) => log.error('store.connection', { error: err })) : undefined;
  let unlock: () => void;
  try {
    unlock = unavailableStorageNamed(options.dataDir, () => {
      fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      return lockDataDir(options.dataDir);
    });
  } catch (err) {
    await remote?.close();
    throw err;
  }
  let db: Database | undefined;
  try {
    db = remote ?? (await openStore(location, options.dataDir));
    await migrate(db, db.engine === 'sqlite' ? MIGRATIONS : POSTGRES_MIGRATIONS);
    const store = storeOf(db);
    const dataKey = await openDataKey(store, options.protector, clock());
    const audit = new AuditLog(dataKey.derive('audit-chain'), store.reads);
    const vault = new PiiVault(dataKey);
    await fillAccountMasks(store, vault, log);
    const keys = new KeyManager(store, dataKey, clock);
    keys.configure({ backupDir: path.join(options.dataDir, 'backups'), log, pkcs12Iterations: kdf.pkcs12Iterations });
    await keys.ensureInitialKeys();
    const clients = new ClientRegistry(store, dataKey, clock);
    const services: DeskServices = {
      store,
      dataKey,
      vault,
      audit,
      keys,
      passwordHasher,
      kdf,
      log,
      clock,
      dataDir: options.dataDir,
      portalIssuer: () => clients.tokenServiceIssuer,
    };
    const handlers: Handlers<Channel> = {
      ...authHandlers(dataKey, passwordHasher),
      ...staffHandlers(passwordHasher),
      ...auditHandlers(audit),
      ...settingsHandlers(),
      ...accountHandlers(vault, audit),
      ...keyHandlers(keys),
      ...clientHandlers(clients),
      ...verifyHandlers(keys),
      ...notifyHandlers(services),
      ...verificationHandlers(services),
      ...recoveryHandlers(services),
      ...backupHandlers(services, db),
    };
    const router = new Router({ db, audit, handlers, log, clock });
    const firstRun = await bootstrapFirstAdmin(store, audit, passwordHasher, clock());
    const notifications = new Dispatcher(services);
    notifications.start();
    const stopUploadPurge = startUploadPurge(store, clock, log);
    const opened = db;
    return {
      router,
      db: opened,
      store,
      dataKey,
      audit,
      vault,
      keys,
      clients,
      passwordHasher,
      notifications,
      log,
      firstRun,
      async close() {
        await notifications.stop();
        await stopUploadPurge();
        await opened.close();
        unlock();
      },
    };
  } catch (err) {
    await db?.close().catch(() => undefined);
    unlock();
    const problem = storageProblem(err);
    if (problem === 'unavailable' && location.engine === 'postgres') throw new StoreUnreachableError(location, err);
    throw problem ? new StorageUnavailableError(options.dataDir, problem, err) : err;
  }
}
