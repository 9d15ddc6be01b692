import type { Queryable } from '../store/database';
import { forUpdate } from '../store/dialect';

export type RecoveryPurpose = 'self_reset' | 'counter_reset';
export type RecoveryChannel = 'email' | 'sms' | 'counter';
export type CloseReason = 'used' | 'cancelled' | 'superseded' | 'exhausted' | 'expired';

export interface RecoveryCodeRow {
  id: number;
  account_id: number;
  purpose: RecoveryPurpose;
  channel: RecoveryChannel;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: number;
  issued_by: string;
  desk: string | null;
  closed_at: string | null;
  closed_reason: CloseReason | null;
}

export async function insertRecoveryCode(
  tx: Queryable,
  code: { accountId: number; purpose: RecoveryPurpose; channel: RecoveryChannel; codeHash: string; expiresAt: string; issuedBy: string; desk: string | null },
  now: Date,
): Promise<void> {
  await tx.run(
    `INSERT INTO recovery_codes (account_id, purpose, channel, code_hash, created_at, expires_at, issued_by, desk)
     VALUES (?,?,?,?,?,?,?,?)`,
    [code.accountId, code.purpose, code.channel, code.codeHash, now.toISOString(), code.expiresAt, code.issuedBy, code.desk],
  );
}

/**
 * Holds the account's row to the commit, so that its codes are issued, tried and cancelled one
 * desk at a time: a second desk waits, then sees the first one's code and its count of tries.
 */
export async function holdAccountCodes(tx: Queryable, accountId: number): Promise<void> {
  await tx.get(`SELECT id FROM accounts WHERE id = ?${forUpdate(tx.engine)}`, [accountId]);
}

/** The account's code of a purpose that is not closed, expired or not (one at most). */
export function findUnclosedRecoveryCode(db: Queryable, accountId: number, purpose: RecoveryPurpose): Promise<RecoveryCodeRow | undefined> {
  return db.get<RecoveryCodeRow>('SELECT * FROM recovery_codes WHERE account_id = ? AND purpose = ? AND closed_at IS NULL', [accountId, purpose]);
}

export async function closeRecoveryCode(tx: Queryable, id: number, reason: CloseReason, now: Date): Promise<void> {
  await tx.run('UPDATE recovery_codes SET closed_at = ?, closed_reason = ? WHERE id = ? AND closed_at IS NULL', [now.toISOString(), reason, id]);
}

export async function setRecoveryCodeAttempts(tx: Queryable, id: number, attempts: number): Promise<void> {
  await tx.run('UPDATE recovery_codes SET attempts = ? WHERE id = ?', [attempts, id]);
}

/** The account's latest codes, newest first, open or closed. */
export function recentRecoveryCodes(db: Queryable, accountId: number, limit: number): Promise<RecoveryCodeRow[]> {
  return db.all<RecoveryCodeRow>('SELECT * FROM recovery_codes WHERE account_id = ? ORDER BY created_at DESC, id DESC LIMIT ?', [accountId, limit]);
}

/** An open, unexpired code of the account: a counter code before a self-service one. */
export function firstOpenRecoveryCode(db: Queryable, accountId: number, now: Date) {
  return db.get<Pick<RecoveryCodeRow, 'purpose' | 'expires_at'>>(
    `SELECT purpose, expires_at FROM recovery_codes WHERE account_id = ? AND closed_at IS NULL AND expires_at > ?
     ORDER BY purpose = 'counter_reset' DESC LIMIT 1`,
    [accountId, now.toISOString()],
  );
}

/** Self-service codes issued to the account since a time. */
export async function countSelfResetCodesSince(db: Queryable, accountId: number, since: Date): Promise<number> {
  const row = await db.get<{ n: number }>("SELECT count(*) AS n FROM recovery_codes WHERE account_id = ? AND purpose = 'self_reset' AND created_at > ?", [
    accountId,
    since.toISOString(),
  ]);
  return row?.n ?? 0;
}
