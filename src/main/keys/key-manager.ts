import type { DataKey } from '../crypto/data-key';
import type { Database } from '../store/database';

/** The token service's signing keys: generated, rotated, retired and revoked by key admins. */
export class KeyManager {
  constructor(
    readonly db: Database,
    readonly dataKey: DataKey,
    readonly clock: () => Date,
  ) {}
}
