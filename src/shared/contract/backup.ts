import { z } from 'zod';
import { empty, isoTime } from './common';
import { query } from './define';

/** The backup password wraps the data key, so it guards everything in the store. */
export const STORE_BACKUP_PASSWORD_MIN = 16;

export const storeBackupFile = z.object({ fileName: z.string(), path: z.string(), size: z.number().int(), createdAt: isoTime });

export const backupChannels = {
  /** Written by the main process into the data directory's backups folder; the file never crosses IPC or HTTP. */
  'backup.create': query(
    'backup.manage',
    z.object({ password: z.string().min(STORE_BACKUP_PASSWORD_MIN).max(256) }).strict(),
    storeBackupFile.extend({ sha256: z.string(), tables: z.record(z.string(), z.number().int()) }),
    { audited: true },
  ),
  'backup.list': query('backup.manage', empty, z.object({ folder: z.string(), files: z.array(storeBackupFile) })),
};
