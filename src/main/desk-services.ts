import type { AuditLog } from './audit/audit-log';
import type { PiiVault } from './accounts/pii-vault';
import type { DataKey } from './crypto/data-key';
import type { KeyManager } from './keys/key-manager';
import type { Logger } from './log';
import type { Database } from './store/database';

/** What feature services are built from: one object, so the composition root stays short. */
export interface DeskServices {
  db: Database;
  dataKey: DataKey;
  vault: PiiVault;
  audit: AuditLog;
  keys: KeyManager;
  log: Logger;
  clock: () => Date;
  dataDir: string;
  /** The portal's public address (the token service's issuer) once the portal listens; null before. */
  portalIssuer: () => string | null;
}
