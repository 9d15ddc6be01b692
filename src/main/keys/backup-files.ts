import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile } from '../../shared/contract/keys';
import { DeskError } from '../../shared/errors';
import { BACKUP_PASSWORD_MIN_LENGTH } from '../../shared/signing-keys';
import { backupStamp, listBackupFiles } from '../backup/backup-folder';
import { checkBackupPassword } from '../backup/backup-password';

/** Backups live in one folder of the data directory; the console names a file, never a path. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(p12|pfx)$/;
const MAX_BACKUP_BYTES = 4 * 1024 * 1024;

/** The password a key backup is written under: the staff password policy, at least 12 characters (PASSWORD_POLICY otherwise). */
export function checkKeyBackupPassword(password: string): void {
  checkBackupPassword(password, BACKUP_PASSWORD_MIN_LENGTH);
}

/** Writes a new file (never overwrites one), readable by the desk's user only. */
export function writeBackup(folder: string, bytes: Buffer, now: Date): BackupFile {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const base = `jaccount-keys-${backupStamp(now)}`;
  for (let n = 1; n < 100; n++) {
    const fileName = n === 1 ? `${base}.p12` : `${base}-${n}.p12`;
    const file = path.join(folder, fileName);
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(file, 0o600);
    return { fileName, path: file, size: bytes.length, createdAt: now.toISOString() };
  }
  throw new Error('could not find a free backup file name');
}

export function listBackups(folder: string): BackupFile[] {
  return listBackupFiles(folder, NAME);
}

export function readBackup(folder: string, fileName: string): Buffer {
  const notFound = () =>
    new DeskError('NOT_FOUND', `fileName: there is no backup ${fileName} in ${folder}`, {
      fields: [{ path: 'fileName', reason: 'not_found', message: 'no such file in the backup folder' }],
    });
  if (!NAME.test(fileName)) throw notFound();
  const file = path.join(folder, fileName);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    throw notFound();
  }
  if (!stat.isFile()) throw notFound();
  if (stat.size > MAX_BACKUP_BYTES) {
    throw new DeskError('VALIDATION', 'fileName: this file is too large to be a key backup', {
      fields: [{ path: 'fileName', reason: 'unreadable_backup', message: 'too large to be a key backup' }],
    });
  }
  return fs.readFileSync(file);
}
