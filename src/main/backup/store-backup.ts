import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataKey, KeyProtector } from '../crypto/data-key';
import { PassphraseProtector } from '../crypto/passphrase-protector';
import type { ScryptCost } from '../crypto/kdf-costs';
import { STORE_BACKUP_PASSWORD_MIN } from '../../shared/contract/backup';
import type { Database } from '../store/database';
import { SqliteDatabase } from '../store/sqlite-database';
import { PostgresDatabase } from '../store/postgres-database';
import { type BackupFolderEntry, backupStamp, listBackupFiles } from './backup-folder';
import { POSTGRES_BACKUP_EXTENSION, dumpPostgres } from './postgres-backup';
import { integrityOk, readKeyring, rewrapKeyring, tableCounts } from './store-backup-repository';
import { checkBackupPassword } from './backup-password';

/**
 * Whole-store backups: the store (accounts, audit log, signing keys sealed under the data
 * key, clients, everything) copied online by SQLite's backup API, with the data key re-wrapped
 * under a backup password, so a backup restores on any machine, whatever shell made it.
 */

export const STORE_BACKUP_NAME = /^jaccount-desk-\d{8}-\d{6}Z(-\d+)?\.(sqlite|pgbackup)$/;
export const BACKUP_PROTECTOR = 'backup-password';

export interface StoreBackup extends BackupFolderEntry {
  sha256: string;
  /** Rows per table in the backup, so a restore can be checked against it. */
  tables: Record<string, number>;
}

/** Streamed: a store of a million accounts is larger than one Buffer should hold. */
async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function freeName(folder: string, now: Date, extension: string): string {
  const base = `jaccount-desk-${backupStamp(now)}`;
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? `${base}${extension}` : `${base}-${n}${extension}`;
    if (!fs.existsSync(path.join(folder, name))) return name;
  }
  throw new Error('could not find a free backup file name');
}

/**
 * Backs the running store up into `folder` while the desk goes on serving. The copy is checked
 * (integrity, rows) before it takes its final name; a failed backup leaves no file behind.
 */
export async function backupStore(
  db: Database,
  dataKey: DataKey,
  o: { folder: string; password: string; now: Date; cost?: ScryptCost },
): Promise<StoreBackup> {
  checkBackupPassword(o.password, STORE_BACKUP_PASSWORD_MIN);
  fs.mkdirSync(o.folder, { recursive: true, mode: 0o700 });
  const fileName = freeName(o.folder, o.now, db instanceof PostgresDatabase ? POSTGRES_BACKUP_EXTENSION : '.sqlite');
  const partial = path.join(o.folder, `.${fileName}.partial`);
  try {
    const tables = db instanceof PostgresDatabase ? await dumpPostgres(db, dataKey, { partial, password: o.password, cost: o.cost }) : await copySqlite(db as SqliteDatabase, dataKey, partial, o);
    fs.chmodSync(partial, 0o600);
    const file = path.join(o.folder, fileName);
    fs.renameSync(partial, file);
    return { fileName, path: file, size: fs.statSync(file).size, sha256: await sha256File(file), createdAt: o.now.toISOString(), tables };
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(leftover, { force: true });
  }
}

/** SQLite's online backup into `partial`, its data key re-wrapped by the backup password, checked page by page. */
async function copySqlite(db: SqliteDatabase, dataKey: DataKey, partial: string, o: { password: string; cost?: ScryptCost }) {
  const wrapped = await new PassphraseProtector(o.password, o.cost).wrap(dataKey.exportForWrapping());
  await db.backupTo(partial);
  const copy = await SqliteDatabase.open(partial);
  try {
    await rewrapKeyring(copy, BACKUP_PROTECTOR, wrapped);
    if (!(await integrityOk(copy))) throw new Error('the backup copy failed its integrity check');
    return await tableCounts(copy);
  } finally {
    // The last connection to close checkpoints the WAL into the file and deletes it: one self-contained file.
    await copy.close();
  }
}

export function listStoreBackups(folder: string): BackupFolderEntry[] {
  return listBackupFiles(folder, STORE_BACKUP_NAME);
}

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

/**
 * Makes a backup the store of an empty data directory: checks it, opens its data key with the
 * backup password and wraps it again for the shell that will run it. Nothing is left in the
 * directory unless every step succeeds.
 */
export async function restoreStore(o: { backupFile: string; password: string; dataDir: string; storeFile: string; protector: KeyProtector }) {
  const target = path.join(o.dataDir, o.storeFile);
  if (fs.existsSync(target)) throw new RestoreError(`${o.dataDir} already holds a store; restore into an empty data directory.`);
  if (!fs.existsSync(o.backupFile)) throw new RestoreError(`${o.backupFile} does not exist.`);
  fs.mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const partial = `${target}.restoring`;
  fs.copyFileSync(o.backupFile, partial, fs.constants.COPYFILE_EXCL);
  try {
    const db = await SqliteDatabase.open(partial).catch((err: unknown) => {
      throw new RestoreError(`${o.backupFile} is not a desk backup (${String((err as { code?: string }).code ?? err)}).`);
    });
    try {
      if (!(await integrityOk(db))) throw new RestoreError(`${o.backupFile} is damaged: it fails SQLite's integrity check.`);
      const row = await readKeyring(db);
      if (row?.protector !== BACKUP_PROTECTOR) throw new RestoreError(`${o.backupFile} is not a desk backup.`);
      let key: Buffer;
      try {
        key = await new PassphraseProtector(o.password).unwrap(row.wrapped);
      } catch {
        throw new RestoreError('The backup password does not open this backup.');
      }
      const wrapped = await o.protector.wrap(key);
      await rewrapKeyring(db, o.protector.name, wrapped);
      const tables = await tableCounts(db);
      await db.close();
      fs.chmodSync(partial, 0o600);
      fs.renameSync(partial, target);
      return { tables };
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
  }
}
