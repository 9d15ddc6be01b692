import fs from 'node:fs';
import path from 'node:path';

/** A file in the data directory's backups folder, as the console lists it. */
export interface BackupFolderEntry {
  fileName: string;
  path: string;
  size: number;
  createdAt: string;
}

/** `20261128-090051Z`: the UTC moment in a backup's file name. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
}

/** The folder's files whose names match, newest first. */
export function listBackupFiles(folder: string, name: RegExp): BackupFolderEntry[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && name.test(entry.name))
    .map((entry) => {
      const file = path.join(folder, entry.name);
      const stat = fs.statSync(file);
      return { fileName: entry.name, path: file, size: stat.size, createdAt: stat.mtime.toISOString() };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));
}
