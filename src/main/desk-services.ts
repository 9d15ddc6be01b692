import type { AuditLog } from './audit/audit-log';
import type { PiiVault } from './accounts/pii-vault';
import type { DataKey } from './crypto/data-key';
import type { KdfCosts } from './crypto/kdf-costs';
import type { PasswordHasher } from './crypto/password-hash';
import type { KeyManager } from './keys/key-manager';
import type { Logger } from './log';
import type { Store } from './repositories';

/** What feature services are built from: one object, so the composition root stays short. */
export interface DeskServices {
  store: Store;
  dataKey: DataKey;
  vault: PiiVault;
  audit: AuditLog;
  keys: KeyManager;
  /** Staff and holder passwords at the desk's cost. */
  passwordHasher: PasswordHasher;
  /** The costs the desk was opened with: backups derive their keys at them too. */
  kdf: KdfCosts;
  log: Logger;
  clock: () => Date;
  dataDir: string;
  /** The portal's public address (the token service's issuer) once the portal listens; null before. */
  portalIssuer: () => string | null;
}
