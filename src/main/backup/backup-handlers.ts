import path from 'node:path';
import type { backupChannels } from '../../shared/contract/backup';
import type { DeskServices } from '../desk-services';
import type { Handlers } from '../rpc/context';
import type { Database } from '../store/database';
import { backupStore, listStoreBackups } from './store-backup';

/** A backup copies the whole store, below the repositories: it is given the database itself. */
export function backupHandlers(services: DeskServices, db: Database): Handlers<keyof typeof backupChannels> {
  const folder = path.join(services.dataDir, 'backups');
  return {
    async 'backup.create'(input, ctx) {
      const made = await backupStore(db, services.dataKey, { folder, password: input.password, now: ctx.now, cost: services.kdf.passphrase });
      ctx.audit.target = `backup:${made.fileName}`;
      ctx.audit.detail = { size: made.size, sha256: made.sha256, accounts: made.tables.accounts ?? 0, auditEntries: made.tables.audit_log ?? 0 };
      return made;
    },
    async 'backup.list'() {
      return { folder, files: listStoreBackups(folder) };
    },
  };
}
