import crypto from 'node:crypto';
import { activationCode } from '../accounts/activation-code';
import { normalizeActivationCode } from '../accounts/activation';
import type { Queryable } from '../store/database';

export type RecoveryPurpose = 'self_reset' | 'counter_reset';
export type RecoveryChannel = 'email' | 'sms' | 'counter';
export type CloseReason = 'used' | 'cancelled' | 'superseded' | 'exhausted' | 'expired';

/** A self-service code lives 10 minutes; a counter code as long as the operator chose, 10 to 60. */
export const SELF_RESET_TTL_MS = 10 * 60 * 1000;
export const COUNTER_CODE_MINUTES = { min: 10, max: 60 } as const;
/** The fifth wrong try kills a code. */
export const MAX_CODE_ATTEMPTS = 5;

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

/** Six digits for a code typed off a text message or an email. */
export const selfResetCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
/** The counter slip's code: the activation code's 12 characters (60 bits), `ABCD-EFGH-JKLM`. */
export const counterCode = activationCode;
export const normalizeCode = normalizeActivationCode;

/**
 * Codes are kept as an HMAC under a key derived from the data key, bound to the account: a
 * copied table cannot be brute-forced offline (six digits are only a million guesses).
 */
export class RecoveryCodeHasher {
  constructor(private readonly key: Buffer) {}

  hash(accountId: number, code: string): string {
    return crypto.createHmac('sha256', this.key).update(`${accountId}\u0000${normalizeCode(code)}`).digest('base64url');
  }

  matches(row: RecoveryCodeRow, code: string): boolean {
    const given = Buffer.from(this.hash(row.account_id, code));
    const stored = Buffer.from(row.code_hash);
    return given.length === stored.length && crypto.timingSafeEqual(given, stored);
  }
}

async function close(tx: Queryable, id: number, reason: CloseReason, now: Date) {
  await tx.run('UPDATE recovery_codes SET closed_at = ?, closed_reason = ? WHERE id = ? AND closed_at IS NULL', [now.toISOString(), reason, id]);
}

/** The account's open code for a purpose; one past its expiry is closed as expired on the way. */
export async function openCode(tx: Queryable, accountId: number, purpose: RecoveryPurpose, now: Date): Promise<RecoveryCodeRow | null> {
  const row = await tx.get<RecoveryCodeRow>('SELECT * FROM recovery_codes WHERE account_id = ? AND purpose = ? AND closed_at IS NULL', [
    accountId,
    purpose,
  ]);
  if (!row) return null;
  if (new Date(row.expires_at) > now) return row;
  await close(tx, row.id, 'expired', now);
  return null;
}

/** Stores a new code (hash only), closing the open one of the same purpose with `replaced` as the reason. */
export async function storeCode(
  tx: Queryable,
  hasher: RecoveryCodeHasher,
  code: { accountId: number; purpose: RecoveryPurpose; channel: RecoveryChannel; value: string; ttlMs: number; issuedBy: string; desk: string | null },
  now: Date,
  replaced: CloseReason = 'superseded',
): Promise<{ expiresAt: string; replaced: boolean }> {
  const previous = await openCode(tx, code.accountId, code.purpose, now);
  if (previous) await close(tx, previous.id, replaced, now);
  const expiresAt = new Date(now.getTime() + code.ttlMs).toISOString();
  await tx.run(
    `INSERT INTO recovery_codes (account_id, purpose, channel, code_hash, created_at, expires_at, issued_by, desk)
     VALUES (?,?,?,?,?,?,?,?)`,
    [code.accountId, code.purpose, code.channel, hasher.hash(code.accountId, code.value), now.toISOString(), expiresAt, code.issuedBy, code.desk],
  );
  return { expiresAt, replaced: previous !== null };
}

export type CodeCheck = { ok: true; row: RecoveryCodeRow } | { ok: false; attemptsLeft: number };

/**
 * Checks a typed code against the account's open one, inside the caller's transaction: a match
 * spends it; a miss counts against it and the fifth miss closes it. The caller commits either way
 * (the count must persist) and refuses afterwards.
 */
export async function spendCode(
  tx: Queryable,
  hasher: RecoveryCodeHasher,
  accountId: number,
  purpose: RecoveryPurpose,
  typed: string,
  now: Date,
): Promise<CodeCheck> {
  const row = await openCode(tx, accountId, purpose, now);
  if (!row) return { ok: false, attemptsLeft: 0 };
  if (hasher.matches(row, typed)) {
    await close(tx, row.id, 'used', now);
    return { ok: true, row };
  }
  const attempts = row.attempts + 1;
  await tx.run('UPDATE recovery_codes SET attempts = ? WHERE id = ?', [attempts, row.id]);
  if (attempts >= MAX_CODE_ATTEMPTS) await close(tx, row.id, 'exhausted', now);
  return { ok: false, attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - attempts) };
}

/** Cancels the open code of a purpose; says whether there was one. */
export async function cancelCode(tx: Queryable, accountId: number, purpose: RecoveryPurpose, now: Date): Promise<boolean> {
  const row = await openCode(tx, accountId, purpose, now);
  if (row) await close(tx, row.id, 'cancelled', now);
  return row !== null;
}
