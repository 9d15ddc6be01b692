import type { AccountStatus } from '../../shared/identity/account';
import type { Queryable } from '../store/database';

/** The SQL of account holders' sign-ins on the end-user pages (table `holder_sessions`, migration 14). */

/** Why a holder session ended. `signed_out_everywhere` is for the holder's account page. */
export type HolderSessionEndReason =
  | 'signed_out'
  | 'signed_out_everywhere'
  | 'replaced'
  | 'password_reset'
  | 'account_suspended'
  | 'account_revoked';

export interface HolderSessionRow {
  id: number;
  account_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  source_address: string;
  user_agent: string;
  ended_at: string | null;
  end_reason: HolderSessionEndReason | null;
}

/** A live session with what the pages need of its account. */
export interface LiveHolderSession {
  id: number;
  account_id: number;
  last_seen_at: string;
  expires_at: string;
  username: string | null;
  status: AccountStatus;
}

/**
 * A new session, only while the account is active and its password is still the one the
 * holder was checked against (a reset committed meanwhile wins); says whether it was made.
 */
export async function insertHolderSession(
  tx: Queryable,
  row: { tokenHash: string; accountId: number; passwordHash: string; sourceAddress: string; userAgent: string; expiresAt: Date },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const { changes } = await tx.run(
    `INSERT INTO holder_sessions (token_hash, account_id, created_at, last_seen_at, expires_at, source_address, user_agent)
     SELECT ?,?,?,?,?,?,? WHERE EXISTS (SELECT 1 FROM accounts WHERE id = ? AND status = 'active' AND password_hash = ?)`,
    [row.tokenHash, row.accountId, at, at, row.expiresAt.toISOString(), row.sourceAddress, row.userAgent, row.accountId, row.passwordHash],
  );
  return changes > 0;
}

/** The session behind a token hash, if it has not ended or expired. */
export function findLiveHolderSession(db: Queryable, tokenHash: string, now: Date): Promise<LiveHolderSession | undefined> {
  return db.get<LiveHolderSession>(
    `SELECT s.id, s.account_id, s.last_seen_at, s.expires_at, a.username, a.status
       FROM holder_sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ?`,
    [tokenHash, now.toISOString()],
  );
}

export async function touchHolderSession(tx: Queryable, id: number, now: Date): Promise<void> {
  await tx.run('UPDATE holder_sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL', [now.toISOString(), id]);
}

/** Ends the session behind a token hash; says whether there was a live one. */
export async function endHolderSessionByToken(tx: Queryable, tokenHash: string, reason: HolderSessionEndReason, now: Date): Promise<boolean> {
  const { changes } = await tx.run('UPDATE holder_sessions SET ended_at = ?, end_reason = ? WHERE token_hash = ? AND ended_at IS NULL', [
    now.toISOString(),
    reason,
    tokenHash,
  ]);
  return changes > 0;
}

/** Ends every live session of an account, in the caller's transaction; returns how many ended. */
export async function endHolderSessionsOfAccount(tx: Queryable, accountId: number, reason: HolderSessionEndReason, now: Date): Promise<number> {
  const at = now.toISOString();
  const { changes } = await tx.run(
    'UPDATE holder_sessions SET ended_at = ?, end_reason = ? WHERE account_id = ? AND ended_at IS NULL AND expires_at > ?',
    [at, reason, accountId, at],
  );
  return changes;
}

/** An account's sessions, newest first: the live ones and those that ended or expired within the history kept. */
export function holderSessionsOfAccount(db: Queryable, accountId: number, limit = 50): Promise<HolderSessionRow[]> {
  return db.all<HolderSessionRow>(
    `SELECT id, account_id, created_at, last_seen_at, expires_at, source_address, user_agent, ended_at, end_reason
       FROM holder_sessions WHERE account_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    [accountId, limit],
  );
}

/** Drops an account's sessions that ended or expired before `before`. */
export async function forgetOldHolderSessions(tx: Queryable, accountId: number, before: Date): Promise<void> {
  const at = before.toISOString();
  await tx.run('DELETE FROM holder_sessions WHERE account_id = ? AND (ended_at < ? OR expires_at < ?)', [accountId, at, at]);
}
