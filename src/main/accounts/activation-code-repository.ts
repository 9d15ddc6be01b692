import type { Queryable } from '../store/database';

/** Activation codes (table `activation_codes`): only their hashes are stored. */
export interface ActivationCodeRow {
  id: number;
  account_id: number;
  expires_at: string;
  used_at: string | null;
}

export async function insertActivationCode(
  tx: Queryable,
  code: { accountId: number; codeHash: string; expiresAt: string; issuedBy: string },
  now: Date,
): Promise<void> {
  await tx.run('INSERT INTO activation_codes (account_id, code_hash, purpose, created_at, expires_at, issued_by) VALUES (?,?,?,?,?,?)', [
    code.accountId,
    code.codeHash,
    'activation',
    now.toISOString(),
    code.expiresAt,
    code.issuedBy,
  ]);
}

export function findActivationCode(db: Queryable, codeHash: string): Promise<ActivationCodeRow | undefined> {
  return db.get<ActivationCodeRow>("SELECT id, account_id, expires_at, used_at FROM activation_codes WHERE code_hash = ? AND purpose = 'activation'", [
    codeHash,
  ]);
}

export async function markActivationCodeUsed(tx: Queryable, id: number, now: Date): Promise<void> {
  await tx.run('UPDATE activation_codes SET used_at = ? WHERE id = ?', [now.toISOString(), id]);
}
