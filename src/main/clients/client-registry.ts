import type { DataKey } from '../crypto/data-key';
import type { Database } from '../store/database';

/** The jAccount interface applications and the OAuth clients issued for them. */
export class ClientRegistry {
  constructor(
    readonly db: Database,
    readonly dataKey: DataKey,
    readonly clock: () => Date,
  ) {}
}
