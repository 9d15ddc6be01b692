import type { Queryable } from '../store/database';

/** The SQL of the keyring: the one row (id 1) holding the desk's data key, wrapped by a protector. */

export interface KeyringRow {
  protector: string;
  wrapped: string;
}

export function findKeyring(db: Queryable): Promise<KeyringRow | undefined> {
  return db.get<KeyringRow>('SELECT protector, wrapped FROM keyring WHERE id = 1');
}

export async function insertKeyring(tx: Queryable, row: KeyringRow, now: Date): Promise<void> {
  await tx.run('INSERT INTO keyring (id, protector, wrapped, created_at) VALUES (1, ?, ?, ?)', [row.protector, row.wrapped, now.toISOString()]);
}
